// The multi-row commands through PlanQuery over hand-made rows: join and append (subsearches are
// child plans fed the same rows), eventstats, anomalydetection; their parse errors.
#include <gtest/gtest.h>

#include <cmath>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Column;
using testing::ExpectQueryError;
using testing::Get;
using testing::GetAll;
using testing::MakeRow;
using testing::RunQuery;
using Strings = std::vector<std::string>;

// Left rows (side=L) and right rows (side=R) in one input, as one pass over events gives them.
std::vector<Row> Users() {
  return {MakeRow({{"side", "L"}, {"user", "a"}, {"n", "1"}}), MakeRow({{"side", "L"}, {"user", "b"}, {"n", "2"}}),
          MakeRow({{"side", "R"}, {"user", "a"}, {"city", "X"}}), MakeRow({{"side", "R"}, {"user", "a"}, {"city", "Y"}}),
          MakeRow({{"side", "R"}, {"user", "A"}, {"city", "Z"}})};
}

// ---- join ----

TEST(ExecJoinTest, InnerUsesTheFirstMatchAndDropsUnmatchedRows) {
  auto out = RunQuery("search side=L | join user [search side=R | table user city]", Users());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "user"), "a");
  EXPECT_EQ(Get(out[0], "city"), "X");  // max=1: the first right row in subsearch order
  EXPECT_EQ(Get(out[0], "n"), "1");
}

TEST(ExecJoinTest, LeftAndOuterKeepUnmatchedRowsUnchanged) {
  for (const char* type : {"left", "outer"}) {
    auto out = RunQuery(std::string("search side=L | join type=") + type + " user [search side=R | table user city]", Users());
    ASSERT_EQ(out.size(), 2u) << type;
    EXPECT_EQ(Column(out, "user"), (Strings{"a", "b"}));
    EXPECT_EQ(Column(out, "city"), (Strings{"X", "<null>"}));
  }
  // The option may follow the field list, as in `join user type=outer [...]`.
  auto out = RunQuery("search side=L | join user type=outer [search side=R | table user city]", Users());
  EXPECT_EQ(out.size(), 2u);
}

TEST(ExecJoinTest, MaxZeroGivesOneRowPerMatch) {
  auto out = RunQuery("search side=L | join max=0 user [search side=R | table user city]", Users());
  EXPECT_EQ(Column(out, "city"), (Strings{"X", "Y"}));
  out = RunQuery("search side=L | join max=2 user [search side=R | table user city]", Users());
  EXPECT_EQ(Column(out, "city"), (Strings{"X", "Y"}));
}

TEST(ExecJoinTest, OverwriteDecidesWhichSideWins) {
  // The right rows carry side=R: with the default overwrite=true it replaces side=L.
  auto out = RunQuery("search side=L | join user [search side=R]", Users());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "side"), "R");
  out = RunQuery("search side=L | join overwrite=false user [search side=R]", Users());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "side"), "L");
  EXPECT_EQ(Get(out[0], "city"), "X");  // fields the left row lacks are still added
}

TEST(ExecJoinTest, KeysAreCaseSensitive) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "A"}}), MakeRow({{"side", "R"}, {"user", "a"}, {"city", "X"}})};
  EXPECT_TRUE(RunQuery("search side=L | join user [search side=R | table user city]", rows).empty());
}

TEST(ExecJoinTest, NumbersAndStringsMatchByTheirText) {
  // stats makes count a number; the right side has the string "2".
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "a"}}), MakeRow({{"side", "L"}, {"user", "a"}}),
                           MakeRow({{"side", "R"}, {"count", "2"}, {"label", "two"}}),
                           MakeRow({{"side", "R"}, {"count", "2.0"}, {"label", "two point zero"}})};
  auto out = RunQuery("search side=L | stats count by user | join count [search side=R | table count label]", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "label"), "two");  // "2.0" is other text: no match
}

TEST(ExecJoinTest, MultivalueKeysMatchTheSameValuesInOrder) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"k", {"a", "b"}}}), MakeRow({{"side", "R"}, {"k", "a"}, {"v", "single"}}),
                           MakeRow({{"side", "R"}, {"k", {"b", "a"}}, {"v", "reversed"}}),
                           MakeRow({{"side", "R"}, {"k", {"a", "b"}}, {"v", "same"}})};
  auto out = RunQuery("search side=L | join k [search side=R | table k v]", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "v"), "same");
}

TEST(ExecJoinTest, RowsMissingAKeyNeverMatch) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "a"}}), MakeRow({{"side", "L"}, {"other", "x"}}),
                           MakeRow({{"side", "R"}, {"user", "a"}, {"ip", "1"}}), MakeRow({{"side", "R"}, {"ip", "2"}})};
  auto inner = RunQuery("search side=L | join user ip [search side=R | table user ip]", rows);
  EXPECT_TRUE(inner.empty());  // the left rows have no ip
  auto left = RunQuery("search side=L | join type=left user [search side=R | table user ip]", rows);
  EXPECT_EQ(Column(left, "ip"), (Strings{"1", "<null>"}));
}

TEST(ExecJoinTest, WithoutFieldsJoinsOnEveryCommonField) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "a"}, {"ip", "1"}}), MakeRow({{"side", "L"}, {"user", "a"}, {"ip", "2"}}),
                           MakeRow({{"side", "R"}, {"user", "a"}, {"ip", "2"}, {"city", "X"}})};
  auto out = RunQuery("search side=L | table user ip | join [search side=R | table user ip city]", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "ip"), "2");
  EXPECT_EQ(Get(out[0], "city"), "X");
}

TEST(ExecJoinTest, EmptySubsearch) {
  EXPECT_TRUE(RunQuery("search side=L | join user [search side=nothing]", Users()).empty());
  EXPECT_EQ(RunQuery("search side=L | join type=left user [search side=nothing]", Users()).size(), 2u);
}

TEST(ExecJoinTest, NestedSubsearches) {
  std::vector<Row> rows = Users();
  rows.push_back(MakeRow({{"side", "Q"}, {"city", "X"}, {"country", "FR"}}));
  auto out = RunQuery(
      "search side=L | join user [search side=R | table user city | join city [search side=Q | table city country]]", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "country"), "FR");
}

TEST(ExecJoinTest, RightSideIsCappedAt50000RowsWithANote) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"k", "50000"}}), MakeRow({{"side", "L"}, {"k", "49999"}})};
  for (int i = 0; i < 50001; ++i) rows.push_back(MakeRow({{"side", "R"}, {"k", std::to_string(i)}, {"v", "x"}}));
  auto plan = PlanQuery("search side=L | join k [search side=R | table k v]", EvalSettings{});
  for (auto& r : rows) plan->first().Push(r);
  plan->first().Finish();
  ASSERT_EQ(plan->results().size(), 1u);  // row 50000 (the 50001st) was not joined
  EXPECT_EQ(Get(plan->results()[0], "k"), "49999");
  auto notes = plan->Notes();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("gave 50001 rows; only the first 50000 were joined"), std::string::npos) << notes[0];
}

TEST(ExecJoinTest, SubsearchNotesAreReported) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "a"}}), MakeRow({{"side", "R"}})};
  auto plan = PlanQuery("search side=L | join type=left user [search side=R | stats count by user]", EvalSettings{});
  for (auto& r : rows) plan->first().Push(r);
  plan->first().Finish();
  EXPECT_EQ(plan->Notes(), (Strings{"join subsearch: stats: 1 events dropped: no value for by-field user"}));
}

TEST(ExecJoinTest, ParseErrors) {
  auto e = ExpectQueryError([] { PlanQuery("search a | join user", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("join needs a subsearch"), std::string::npos);
  std::string q = "search a | join user [search b | nosuchcommand x]";
  e = ExpectQueryError([&] { PlanQuery(q, EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unknown or unsupported command 'nosuchcommand'"), std::string::npos) << e.what();
  EXPECT_EQ(e.position(), q.find("nosuchcommand"));  // a position in the outer query
  e = ExpectQueryError([] { PlanQuery("search a | join user [ ]", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("empty subsearch"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("search a | join user [search b", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unterminated subsearch"), std::string::npos) << e.what();
  e = ExpectQueryError([] { PlanQuery("search a | join type=cross user [search b]", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("type must be inner, left or outer"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("search a | join usetime=true user [search b]", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("usetime=true is not supported"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("search a | join user [search b] x", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unexpected text after the subsearch"), std::string::npos);
  // A planning error inside a subsearch keeps its outer position too.
  q = "search a | append [| inputlookup nothere.csv]";
  e = ExpectQueryError([&] { PlanQuery(q, EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("nothere.csv"), std::string::npos) << e.what();
  EXPECT_EQ(e.position(), q.find("nothere.csv"));
}

TEST(ExecJoinTest, InputlookupWithoutAPipeStartsASubsearch) {
  // Both spellings plan the same child: a generating inputlookup (its missing table is the error).
  for (const char* q : {"search a | join user [inputlookup seen.csv]", "search a | join user [ | inputlookup seen.csv]"}) {
    auto e = ExpectQueryError([&] { PlanQuery(q, EvalSettings{}); });
    EXPECT_NE(std::string(e.what()).find("unknown lookup 'seen.csv'"), std::string::npos) << q << ": " << e.what();
  }
}

TEST(ExecJoinTest, SubsearchesNestEightLevelsDeep) {
  auto nested = [](int levels) {
    std::string q = "search side=R";
    for (int i = 0; i < levels; ++i) q = "search side=R | append [" + q + "]";
    return q;
  };
  EXPECT_EQ(RunQuery(nested(8), Users()).size(), 9u * 3u);  // every level appends the 3 right rows
  std::string q = nested(9);
  auto e = ExpectQueryError([&] { PlanQuery(q, EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("nested more than 8 levels"), std::string::npos) << e.what();
}

TEST(ExecJoinTest, PipesAndBracketsInsideQuotesDoNotSplit) {
  std::vector<Row> rows = {MakeRow({{"side", "L"}, {"user", "a|b]"}}), MakeRow({{"side", "R"}, {"user", "a|b]"}, {"v", "ok"}})};
  auto out = RunQuery("search side=L | join user [search side=R user=\"a|b]\" | table user v]", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "v"), "ok");
}

TEST(ExecJoinTest, SubsearchFieldsJoinTheScanProjection) {
  auto plan = PlanQuery("search a=1 | table a | join a [search b=2 | table a c]", EvalSettings{});
  const Projection& p = plan->needed_fields();
  EXPECT_FALSE(p.wants_all());
  for (const char* f : {"a", "b", "c"}) EXPECT_TRUE(p.Wants(f)) << f;
  ASSERT_TRUE(plan->columns().has_value());
  Strings cols;
  for (FieldId id : *plan->columns()) cols.push_back(FieldNames::Name(id));
  EXPECT_EQ(cols, (Strings{"a", "c"}));
}

// ---- append ----

TEST(ExecAppendTest, SubsearchRowsFollowTheCurrentRows) {
  auto out = RunQuery("search side=L | table user | append [search side=R | stats count]", Users());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(Column(out, "user"), (Strings{"a", "b", "<null>"}));
  EXPECT_EQ(Get(out[2], "count"), "3");
}

TEST(ExecAppendTest, MaxoutCapsTheSubsearchWithANote) {
  auto plan = PlanQuery("search side=L | append maxout=1 [search side=R | table city]", EvalSettings{});
  auto rows = Users();
  for (auto& r : rows) plan->first().Push(r);
  plan->first().Finish();
  EXPECT_EQ(Column(plan->results(), "city"), (Strings{"<null>", "<null>", "X"}));
  EXPECT_EQ(plan->Notes(), (Strings{"append: the subsearch gave 3 rows; only the first 1 were appended (maxout)"}));
}

TEST(ExecAppendTest, HeadBeforeAppendStillGetsTheWholeSubsearch) {
  // head 1 is full after the first row, but the subsearch must still see every event.
  auto out = RunQuery("search side=* | head 1 | append [search side=R | stats count]", Users());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Get(out[1], "count"), "3");
}

TEST(ExecAppendTest, EmptySubsearchAddsNothing) {
  EXPECT_EQ(RunQuery("search side=L | append [search side=none]", Users()).size(), 2u);
}

TEST(ExecAppendTest, UnknownOptionIsRefused) {
  auto e = ExpectQueryError([] { PlanQuery("search a | append foo=1 [search b]", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unsupported append option 'foo'"), std::string::npos);
}

// ---- eventstats ----

TEST(ExecEventstatsTest, AddsGroupAggregatesToEveryRowInOrder) {
  std::vector<Row> rows = {MakeRow({{"g", "x"}, {"v", "1"}}), MakeRow({{"g", "y"}, {"v", "10"}}),
                           MakeRow({{"g", "x"}, {"v", "3"}}), MakeRow({{"v", "100"}})};
  auto out = RunQuery("| eventstats avg(v) as a, count by g", rows);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(Column(out, "v"), (Strings{"1", "10", "3", "100"}));  // order and fields kept
  EXPECT_EQ(Column(out, "a"), (Strings{"2", "10", "2", "<null>"}));  // no by-field: nothing added
  EXPECT_EQ(Column(out, "count"), (Strings{"2", "1", "2", "<null>"}));
}

TEST(ExecEventstatsTest, WithoutByEveryRowGetsTheTotal) {
  std::vector<Row> rows = {MakeRow({{"count", "2"}}), MakeRow({{"count", "4"}}), MakeRow({{"other", "x"}})};
  auto out = RunQuery("| eventstats avg(count) as a stdev(count) as s max(count)", rows);
  EXPECT_EQ(Column(out, "a"), (Strings{"3", "3", "3"}));
  EXPECT_NEAR(std::stod(Get(out[0], "s")), std::sqrt(2.0), 1e-12);
  EXPECT_EQ(Column(out, "max(count)"), (Strings{"4", "4", "4"}));
}

TEST(ExecEventstatsTest, OverwritesAFieldOfTheSameName) {
  std::vector<Row> rows = {MakeRow({{"enough_data", "1"}}), MakeRow({{"x", "y"}})};
  auto out = RunQuery("| eventstats max(enough_data) as enough_data", rows);
  EXPECT_EQ(Column(out, "enough_data"), (Strings{"1", "1"}));
  // A null result (no numbers at all) leaves rows unchanged.
  out = RunQuery("| eventstats avg(x) as enough_data", {MakeRow({{"enough_data", "keep"}, {"x", "text"}})});
  EXPECT_EQ(Column(out, "enough_data"), (Strings{"keep"}));
}

TEST(ExecEventstatsTest, MultivalueByFieldFeedsEveryGroup) {
  std::vector<Row> rows = {MakeRow({{"g", {"x", "y"}}, {"v", "1"}}), MakeRow({{"g", "y"}, {"v", "5"}})};
  auto out = RunQuery("| eventstats sum(v) as s by g", rows);
  EXPECT_EQ(Column(out, "s"), (Strings{"1", "6"}));  // the first row gets its first group's (x) sum
}

TEST(ExecEventstatsTest, EmptyInputGivesNoRows) { EXPECT_TRUE(RunQuery("| eventstats count", {}).empty()); }

TEST(ExecEventstatsTest, Errors) {
  auto e = ExpectQueryError([] { PlanQuery("| eventstats allnum=true avg(x)", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("allnum=true is not supported"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("| eventstats nosuch(x)", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unknown eventstats function 'nosuch'"), std::string::npos);
  EXPECT_NO_THROW(PlanQuery("| eventstats allnum=false avg(x)", EvalSettings{}));
}

// ---- anomalydetection ----

// Nine ordinary rows and one whose count is far off and whose user_type is rare.
std::vector<Row> Traffic() {
  std::vector<Row> rows;
  for (int i = 0; i < 9; ++i) rows.push_back(MakeRow({{"id", i}, {"count", 3 + i % 2}, {"user_type", "IAMUser"}}));
  rows.push_back(MakeRow({{"id", 9}, {"count", 500}, {"user_type", "Root"}}));
  return rows;
}

TEST(ExecAnomalyDetectionTest, AnnotateAddsFieldsToAnomalousRowsOnly) {
  auto out = RunQuery("| anomalydetection \"count\" \"user_type\" action=annotate", Traffic());
  ASSERT_EQ(out.size(), 10u);
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(Get(out[i], "probable_cause"), "<null>") << i;
  const Row& odd = out[9];
  // count: Scott's bin width is ~68, so the nine small counts share a bin (0.9), 500 is alone (0.1);
  // user_type: IAMUser 0.9, Root 0.1. The first rarest field is the cause.
  EXPECT_EQ(Get(odd, "probable_cause"), "count");
  EXPECT_NEAR(std::stod(Get(odd, "probable_cause_freq")), 0.1, 1e-12);
  EXPECT_NEAR(std::stod(Get(odd, "max_freq")), 0.1, 1e-12);
  EXPECT_NEAR(std::stod(Get(odd, "log_event_prob")), 2 * std::log(0.1), 1e-9);
}

TEST(ExecAnomalyDetectionTest, FilterIsTheDefaultAction) {
  auto out = RunQuery("| anomalydetection count user_type", Traffic());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "id"), "9");
  // The method is histogram by default; naming it changes nothing.
  EXPECT_EQ(RunQuery("| anomalydetection method=histogram count user_type", Traffic()).size(), 1u);
}

TEST(ExecAnomalyDetectionTest, CategoricalCauseAndMissingValues) {
  std::vector<Row> rows;
  for (int i = 0; i < 8; ++i) rows.push_back(MakeRow({{"u", "alice"}, {"t", "IAMUser"}}));
  rows.push_back(MakeRow({{"u", "mallory"}, {"t", "IAMUser"}}));
  rows.push_back(MakeRow({{"u", "alice"}}));  // t missing: its own value, frequency 0.1
  auto out = RunQuery("| anomalydetection u t action=annotate", rows);
  EXPECT_EQ(Column(out, "probable_cause"), (Strings{"<null>", "<null>", "<null>", "<null>", "<null>", "<null>", "<null>",
                                                    "<null>", "u", "t"}));
  EXPECT_NEAR(std::stod(Get(out[8], "max_freq")), 0.9, 1e-12);
}

TEST(ExecAnomalyDetectionTest, PthreshAndSummary) {
  // log p of the ordinary rows is 2 log 0.9 = -0.21: pthresh=0.9 flags them all (p = 0.81).
  EXPECT_EQ(RunQuery("| anomalydetection pthresh=0.9 count user_type", Traffic()).size(), 10u);
  EXPECT_EQ(RunQuery("| anomalydetection pthresh=0.001 count user_type", Traffic()).size(), 0u);
  auto out = RunQuery("| anomalydetection action=summary count user_type", Traffic());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "num_anomalies"), "1");
  EXPECT_NEAR(std::stod(Get(out[0], "min_logprob")), 2 * std::log(0.1), 1e-9);
  EXPECT_NEAR(std::stod(Get(out[0], "max_logprob")), 2 * std::log(0.9), 1e-9);
  EXPECT_NEAR(std::stod(Get(out[0], "thresh")), 2 * std::log(0.9), 1e-9);  // IQR 0: Q1
}

TEST(ExecAnomalyDetectionTest, CutoffFalseFlagsMoreThanTheDefault) {
  // f: a a b b c c c d (frequencies 1/4, 1/4, 3/8, 1/8); d lies below
  // Q1 - 1.5 IQR (cutoff=false) but above Q1 - 3 IQR (the default, cutoff=true).
  std::vector<Row> rows;
  for (const char* v : {"a", "a", "b", "b", "c", "c", "c", "d"}) rows.push_back(MakeRow({{"f", v}}));
  auto loose = RunQuery("| anomalydetection cutoff=false f", rows);
  ASSERT_EQ(loose.size(), 1u);
  EXPECT_EQ(Get(loose[0], "f"), "d");
  EXPECT_TRUE(RunQuery("| anomalydetection f", rows).empty());
  auto summary = RunQuery("| anomalydetection cutoff=false action=summary f", rows);
  double q1 = std::stod(Get(summary[0], "1st_quartile")), q3 = std::stod(Get(summary[0], "3rd_quartile"));
  EXPECT_NEAR(q1, std::log(0.25), 1e-9);
  EXPECT_NEAR(q3, std::log(0.375), 1e-9);
  EXPECT_NEAR(std::stod(Get(summary[0], "thresh")), q1 - 1.5 * (q3 - q1), 1e-9);
  summary = RunQuery("| anomalydetection action=summary f", rows);
  EXPECT_NEAR(std::stod(Get(summary[0], "thresh")), q1 - 3 * (q3 - q1), 1e-9);
}

TEST(ExecAnomalyDetectionTest, Errors) {
  auto e = ExpectQueryError([] { PlanQuery("| anomalydetection method=zscore x", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("method=zscore is not supported"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("| anomalydetection action=transform x", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("action=transform is not supported"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("| anomalydetection pthresh=2 x", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("pthresh must be a probability"), std::string::npos);
}

// ---- lookups without a registry ----

TEST(ExecLookupTest, NoLookupsLoadedIsAClearError) {
  auto e = ExpectQueryError([] { PlanQuery("search a | lookup my_table user OUTPUT city", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("unknown lookup 'my_table'"), std::string::npos) << e.what();
  e = ExpectQueryError([] { PlanQuery("search a | outputlookup x.csv", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("outputlookup is not supported"), std::string::npos);
  e = ExpectQueryError([] { PlanQuery("search a | lookup", EvalSettings{}); });
  EXPECT_NE(std::string(e.what()).find("lookup needs a lookup table name"), std::string::npos);
}

}  // namespace
}  // namespace trailhound
