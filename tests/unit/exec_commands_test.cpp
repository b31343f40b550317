// The streaming and ordering operators run through PlanQuery over hand-made rows: bin/bucket,
// convert, rename, table, fields, sort, head, where, eval, search.
#include <gtest/gtest.h>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Column;
using testing::Get;
using testing::GetAll;
using testing::MakeRow;
using testing::Names;
using testing::RunQuery;
using Strings = std::vector<std::string>;

constexpr double kT = 1617631921;  // 2021-04-05T14:12:01Z, a Monday

EvalSettings Tz(const char* tz) {
  EvalSettings s;
  s.timezone = tz;
  return s;
}

std::string BinTime(const std::string& query, double t, EvalSettings s = {}) {
  auto out = RunQuery(query, {MakeRow({{"_time", t}})}, std::move(s));
  return out.size() == 1 ? Get(out[0], "_time") : "<rows: " + std::to_string(out.size()) + ">";
}

// ---- bin / bucket ----

TEST(ExecBinTest, HourAndMinuteSpansAlignToEpoch) {
  EXPECT_EQ(BinTime("| bin _time span=1h", kT), "1617631200");   // 14:00:00Z
  EXPECT_EQ(BinTime("| bucket _time span=1h", kT), "1617631200");
  EXPECT_EQ(BinTime("| bin span=1h _time", kT), "1617631200");   // options before the field
  EXPECT_EQ(BinTime("| bin _time span=10m", kT), "1617631800");  // 14:10:00Z
  EXPECT_EQ(BinTime("| bin _time span=30s", kT), "1617631920");
  EXPECT_EQ(BinTime("| bin _time span=300", kT), "1617631800");  // bare number on _time: seconds
  EXPECT_EQ(BinTime("| bin _time span=1h", kT + 0.9), "1617631200");
  EXPECT_EQ(BinTime("| bin _time span=1h", 1617631200), "1617631200");  // a bin start stays
  // Sub-day spans do not depend on the user's timezone, even with a :30 offset.
  EXPECT_EQ(BinTime("| bin _time span=1h", kT, Tz("America/New_York")), "1617631200");
  EXPECT_EQ(BinTime("| bin _time span=1h", kT, Tz("Asia/Kolkata")), "1617631200");
}

TEST(ExecBinTest, DaySpansAlignToLocalMidnight) {
  EXPECT_EQ(BinTime("| bin _time span=1d", kT), "1617580800");                           // 2021-04-05T00:00Z
  EXPECT_EQ(BinTime("| bin _time span=1d", kT, Tz("America/New_York")), "1617595200");   // 00:00 EDT
  EXPECT_EQ(BinTime("| bin _time span=1d", kT, Tz("Asia/Tokyo")), "1617548400");         // 00:00 JST
  // aligntime is ignored for day spans.
  EXPECT_EQ(BinTime("| bin _time span=1d aligntime=1800", kT), "1617580800");
}

TEST(ExecBinTest, AligntimeShiftsSubDayBins) {
  EXPECT_EQ(BinTime("| bin _time span=1h aligntime=1800", kT), "1617629400");  // 13:30Z
}

TEST(ExecBinTest, MonthSpansAreCalendarMonths) {
  EXPECT_EQ(BinTime("| bin _time span=1mon", kT), "1617235200");  // 2021-04-01
  EXPECT_EQ(BinTime("| bin _time span=3mon", kT), "1617235200");  // quarter start (April)
  EXPECT_EQ(BinTime("| bin _time span=2mon", kT), "1614556800");  // 2021-03-01
}

TEST(ExecBinTest, AsKeepsTheOriginalField) {
  auto out = RunQuery("| bin _time span=1h as hour", {MakeRow({{"_time", kT}})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "_time"), "1617631921");
  EXPECT_EQ(Get(out[0], "hour"), "1617631200");
}

TEST(ExecBinTest, NumericSpansGiveRangeStrings) {
  auto out = RunQuery("| bin size span=10", {MakeRow({{"size", "37"}}), MakeRow({{"size", "-5"}}), MakeRow({{"size", "40"}}),
                                        MakeRow({{"size", "big"}}), MakeRow({{"other", "1"}})});
  EXPECT_EQ(Column(out, "size"), (Strings{"30-40", "-10-0", "40-50", "big", "<null>"}));
  EXPECT_EQ(Get(out[4], "other"), "1");  // a row without the field passes through unchanged
}

TEST(ExecBinTest, RowWithoutTheFieldPasses) {
  auto out = RunQuery("| bin _time span=1h", {MakeRow({{"x", "1"}})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Names(out[0]), (Strings{"x"}));
}

// ---- convert ----

TEST(ExecConvertTest, CtimeWithTimeformat) {
  auto out = RunQuery("| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)", {MakeRow({{"firstTime", 1617631200}})});
  EXPECT_EQ(Get(out.at(0), "firstTime"), "2021-04-05T14:00:00");
  // A numeric string converts too; sub-seconds are dropped.
  out = RunQuery("| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(t)", {MakeRow({{"t", "1617631200.75"}})});
  EXPECT_EQ(Get(out.at(0), "t"), "2021-04-05T14:00:00");
}

TEST(ExecConvertTest, CtimeDefaultFormatAndTimezone) {
  EXPECT_EQ(Get(RunQuery("| convert ctime(t)", {MakeRow({{"t", 1617631200}})}).at(0), "t"), "04/05/2021 14:00:00");
  EXPECT_EQ(Get(RunQuery("| convert ctime(t)", {MakeRow({{"t", 1617631200}})}, Tz("America/New_York")).at(0), "t"),
            "04/05/2021 10:00:00");
}

TEST(ExecConvertTest, AsKeepsTheSourceAndMissingFieldsAreLeftAlone) {
  auto out = RunQuery("| convert ctime(t) as tt ctime(missing)", {MakeRow({{"t", 1617631200}})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "t"), "1617631200");
  EXPECT_EQ(Get(out[0], "tt"), "04/05/2021 14:00:00");
  EXPECT_EQ(Names(out[0]), (Strings{"t", "tt"}));
  // A non-numeric value is left unchanged (L).
  EXPECT_EQ(Get(RunQuery("| convert ctime(t)", {MakeRow({{"t", "never"}})}).at(0), "t"), "never");
}

TEST(ExecConvertTest, WildcardsAndOtherFunctions) {
  auto out = RunQuery("| convert ctime(*Time)", {MakeRow({{"firstTime", 0}, {"lastTime", 60}, {"other", 5}})});
  EXPECT_EQ(Get(out.at(0), "firstTime"), "01/01/1970 00:00:00");
  EXPECT_EQ(Get(out.at(0), "lastTime"), "01/01/1970 00:01:00");
  EXPECT_EQ(Get(out.at(0), "other"), "5");

  Row row = MakeRow({{"d", "00:10:15"}, {"d2", "1+00:00:01"}, {"c", "1,234"}, {"u", "10kb"}, {"n", "abc"}, {"a", "7"},
                     {"m", "2021-04-05"}});
  out = RunQuery("| convert dur2sec(d) dur2sec(d2) rmcomma(c) rmunit(u) num(n) auto(a) timeformat=\"%Y-%m-%d\" mktime(m)",
            {row});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "d"), "615");
  EXPECT_EQ(Get(out[0], "d2"), "86401");
  EXPECT_EQ(Get(out[0], "c"), "1234");
  EXPECT_EQ(Get(out[0], "u"), "10");
  EXPECT_EQ(Get(out[0], "n"), "<null>");  // num() removes what it cannot convert
  EXPECT_EQ(Get(out[0], "a"), "7");
  EXPECT_EQ(Get(out[0], "m"), "1617580800");
}

// ---- rename ----

TEST(ExecRenameTest, PlainAndWildcard) {
  auto out = RunQuery("| rename a as b, c AS d", {MakeRow({{"a", "1"}, {"c", "2"}, {"e", "3"}})});
  EXPECT_EQ(Names(out.at(0)), (Strings{"e", "b", "d"}));
  EXPECT_EQ(Get(out[0], "b"), "1");

  out = RunQuery("| rename requestParameters.* as *",
            {MakeRow({{"requestParameters.bucketName", "b1"}, {"bucketName", "old"}, {"requestParameters.key", "k"}})});
  EXPECT_EQ(Get(out.at(0), "bucketName"), "b1");
  EXPECT_EQ(Get(out[0], "key"), "k");
  EXPECT_EQ(Get(out[0], "requestParameters.bucketName"), "<null>");

  out = RunQuery("| rename foo* as bar*", {MakeRow({{"foo1", "x"}, {"foo", "y"}, {"xfoo", "z"}})});
  EXPECT_EQ(Get(out.at(0), "bar1"), "x");
  EXPECT_EQ(Get(out[0], "bar"), "y");
  EXPECT_EQ(Get(out[0], "xfoo"), "z");

  out = RunQuery("| rename count as \"Count of Events\"", {MakeRow({{"count", 3}})});
  EXPECT_EQ(Get(out.at(0), "Count of Events"), "3");
}

TEST(ExecRenameTest, WildcardMovesAllFieldsAtOnce) {
  // aa1 -> a1 and a1 -> 1 in one command: each value moves once, whatever the field order.
  for (bool aa1_first : {true, false}) {
    Row row = aa1_first ? MakeRow({{"aa1", "from-aa1"}, {"a1", "from-a1"}}) : MakeRow({{"a1", "from-a1"}, {"aa1", "from-aa1"}});
    auto out = RunQuery("| rename a* as *", {row});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(Get(out[0], "a1"), "from-aa1") << aa1_first;
    EXPECT_EQ(Get(out[0], "1"), "from-a1") << aa1_first;
    EXPECT_EQ(Get(out[0], "aa1"), "<null>") << aa1_first;
  }
  // A field equal to the prefix would get an empty name: it is left alone.
  auto out = RunQuery("| rename a* as *", {MakeRow({{"a", "x"}, {"ab", "y"}})});
  EXPECT_EQ(Get(out.at(0), "a"), "x");
  EXPECT_EQ(Get(out[0], "b"), "y");
}

TEST(ExecRenameTest, MissingSourceClearsTheDestination) {
  auto out = RunQuery("| rename a as b", {MakeRow({{"b", "old"}, {"c", "1"}})});
  EXPECT_EQ(Names(out.at(0)), (Strings{"c"}));
  out = RunQuery("| rename a as b", {MakeRow({{"c", "1"}})});
  EXPECT_EQ(Names(out.at(0)), (Strings{"c"}));
  out = RunQuery("| rename a as a", {MakeRow({{"a", "1"}})});
  EXPECT_EQ(Get(out.at(0), "a"), "1");
}

// ---- table / fields ----

TEST(ExecTableTest, ListedOrderWildcardsAndInternalFields) {
  Row row = MakeRow({{"_time", 5}, {"a", "1"}, {"b", "2"}, {"req.x", "3"}, {"req.y", "4"}});
  auto out = RunQuery("| table b a missing", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"b", "a"}));
  out = RunQuery("| table req* a", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"req.x", "req.y", "a"}));
  out = RunQuery("| table *", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"a", "b", "req.x", "req.y"}));  // _time only when listed
  out = RunQuery("| table _time, a", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"_time", "a"}));
  out = RunQuery("| table a a b", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"a", "b"}));
}

TEST(ExecFieldsTest, KeepAndRemove) {
  Row row = MakeRow({{"_time", 5}, {"a", "1"}, {"b", "2"}, {"req.x", "3"}});
  std::string raw = "{}";
  row.set_raw(raw);
  auto out = RunQuery("| fields a", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"_time", "a"}));  // internal fields stay
  EXPECT_EQ(Get(out[0], "_raw"), "{}");
  out = RunQuery("| fields + a, req*", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"_time", "a", "req.x"}));
  out = RunQuery("| fields - a req*", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"_time", "b"}));
  out = RunQuery("| fields - _raw _time", {row});
  EXPECT_EQ(Names(out.at(0)), (Strings{"a", "b", "req.x"}));
  EXPECT_EQ(Get(out[0], "_raw"), "<null>");
}

// ---- sort ----

std::vector<Row> Keyed(std::initializer_list<const char*> values) {
  std::vector<Row> rows;
  int i = 0;
  for (const char* v : values) {
    Row r = MakeRow({{"i", i++}});
    if (std::string(v) != "-") r.Set(testing::F("k"), Value::Str(v));
    rows.push_back(std::move(r));
  }
  return rows;
}

TEST(ExecSortTest, AscendingDescendingAndTypes) {
  auto rows = Keyed({"10", "9", "100", "-1"});
  EXPECT_EQ(Column(RunQuery("| sort k", rows), "k"), (Strings{"-1", "9", "10", "100"}));
  EXPECT_EQ(Column(RunQuery("| sort +k", rows), "k"), (Strings{"-1", "9", "10", "100"}));
  EXPECT_EQ(Column(RunQuery("| sort -k", rows), "k"), (Strings{"100", "10", "9", "-1"}));
  EXPECT_EQ(Column(RunQuery("| sort - k", rows), "k"), (Strings{"100", "10", "9", "-1"}));
  EXPECT_EQ(Column(RunQuery("| sort k d", rows), "k"), (Strings{"100", "10", "9", "-1"}));
  EXPECT_EQ(Column(RunQuery("| sort str(k)", rows), "k"), (Strings{"-1", "10", "100", "9"}));
  EXPECT_EQ(Column(RunQuery("| sort num(k)", rows), "k"), (Strings{"-1", "9", "10", "100"}));
  // Strings sort byte-wise (code's choice; L whether Splunk's auto is case-insensitive).
  EXPECT_EQ(Column(RunQuery("| sort k", Keyed({"b", "A", "a"})), "k"), (Strings{"A", "a", "b"}));
  // Numbers before strings.
  EXPECT_EQ(Column(RunQuery("| sort k", Keyed({"b", "10", "a", "9"})), "k"), (Strings{"9", "10", "a", "b"}));
  EXPECT_EQ(Column(RunQuery("| sort ip(k)", Keyed({"10.0.0.10", "10.0.0.9", "9.1.1.1"})), "k"),
            (Strings{"9.1.1.1", "10.0.0.9", "10.0.0.10"}));
}

TEST(ExecSortTest, MissingValuesGoLastInBothDirections) {
  auto rows = Keyed({"2", "-", "1", "-", "3"});
  EXPECT_EQ(Column(RunQuery("| sort k", rows), "k"), (Strings{"1", "2", "3", "<null>", "<null>"}));
  EXPECT_EQ(Column(RunQuery("| sort -k", rows), "k"), (Strings{"3", "2", "1", "<null>", "<null>"}));
  // Stable: rows with equal keys keep their input order.
  EXPECT_EQ(Column(RunQuery("| sort k", rows), "i"), (Strings{"2", "0", "4", "1", "3"}));
}

TEST(ExecSortTest, SeveralKeys) {
  std::vector<Row> rows = {MakeRow({{"a", "x"}, {"b", "1"}}), MakeRow({{"a", "y"}, {"b", "2"}}),
                           MakeRow({{"a", "x"}, {"b", "3"}})};
  auto out = RunQuery("| sort a -b", rows);
  EXPECT_EQ(Column(out, "b"), (Strings{"3", "1", "2"}));
}

TEST(ExecSortTest, DefaultLimitIs10000AndZeroMeansAll) {
  std::vector<Row> rows;
  for (int i = 0; i < 10005; ++i) rows.push_back(MakeRow({{"k", 10005 - i}}));
  EXPECT_EQ(RunQuery("| sort k", rows).size(), 10000u);
  EXPECT_EQ(RunQuery("| sort 0 k", rows).size(), 10005u);
  auto five = RunQuery("| sort 5 k", rows);
  EXPECT_EQ(Column(five, "k"), (Strings{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(RunQuery("| sort limit=3 -k", rows).size(), 3u);
}

// ---- head ----

TEST(ExecHeadTest, DefaultTenAndDone) {
  std::vector<Row> rows;
  for (int i = 0; i < 15; ++i) rows.push_back(MakeRow({{"i", i}}));
  EXPECT_EQ(RunQuery("| head", rows).size(), 10u);
  auto three = RunQuery("| head 3", rows);
  EXPECT_EQ(Column(three, "i"), (Strings{"0", "1", "2"}));
  EXPECT_EQ(RunQuery("| head limit=2", rows).size(), 2u);
  EXPECT_TRUE(RunQuery("| head 0", rows).empty());

  auto plan = PlanQuery("| head 2", EvalSettings{});
  EXPECT_FALSE(plan->first().Done());
  Row r1 = MakeRow({{"i", 1}});
  plan->first().Push(r1);
  EXPECT_FALSE(plan->first().Done());
  Row r2 = MakeRow({{"i", 2}});
  plan->first().Push(r2);
  EXPECT_TRUE(plan->first().Done());
  // Done propagates from a later head through streaming commands.
  auto later = PlanQuery("a=* | eval b=1 | head 1", EvalSettings{});
  Row r3 = MakeRow({{"a", 1}});
  later->first().Push(r3);
  EXPECT_TRUE(later->first().Done());
}

// ---- where ----

TEST(ExecWhereTest, KeepsOnlyTrueRows) {
  std::vector<Row> rows = {MakeRow({{"count", "3"}}), MakeRow({{"count", "7"}}), MakeRow({{"other", "1"}})};
  EXPECT_EQ(Column(RunQuery("| where count>5", rows), "count"), (Strings{"7"}));
  EXPECT_EQ(RunQuery("| where NOT count>5", rows).size(), 1u);  // null stays null: the missing row goes
  std::vector<Row> d = {MakeRow({{"failures", "6"}, {"methods", "1"}, {"sources", "1"}}),
                        MakeRow({{"failures", "4"}, {"methods", "2"}, {"sources", "1"}})};
  EXPECT_EQ(Column(RunQuery("| where failures >= 5 and methods >= 1 and sources >= 1", d), "failures"), (Strings{"6"}));
  std::vector<Row> ab = {MakeRow({{"a", "x"}, {"b", "x"}}), MakeRow({{"a", "x"}, {"b", "y"}})};
  EXPECT_EQ(RunQuery("| where a=b", ab).size(), 1u);
  EXPECT_EQ(RunQuery("| where a=\"b\"", ab).size(), 0u);
  EXPECT_EQ(RunQuery("| where a=\"*\"", ab).size(), 0u);
  EXPECT_THROW(PlanQuery("| where", EvalSettings{}), QueryError);
  EXPECT_THROW(PlanQuery("| where  ", EvalSettings{}), QueryError);
}

// ---- eval ----

TEST(ExecEvalTest, AssignmentsRunLeftToRight) {
  auto out = RunQuery("| eval a=1, b=a+1, a=b*10", {MakeRow({{"x", "1"}})});
  EXPECT_EQ(Get(out.at(0), "a"), "20");
  EXPECT_EQ(Get(out[0], "b"), "2");
  EXPECT_EQ(Names(out[0]), (Strings{"x", "a", "b"}));
}

TEST(ExecEvalTest, NullRemovesTheField) {
  auto out = RunQuery("| eval x=null(), y=missing+1, z=\"\"", {MakeRow({{"x", "old"}, {"w", "1"}})});
  EXPECT_EQ(Names(out.at(0)), (Strings{"w", "z"}));
  EXPECT_EQ(Get(out[0], "z"), "");
}

TEST(ExecEvalTest, ReplacesAndQuotesTargets) {
  auto out = RunQuery("| eval x=upper(x), 'new field'=if(x=\"OLD\", \"p,q\", \"r\")", {MakeRow({{"x", "old"}})});
  EXPECT_EQ(Get(out.at(0), "x"), "OLD");
  EXPECT_EQ(Get(out[0], "new field"), "p,q");
}

TEST(ExecEvalTest, FindingExampleFromTheReference) {
  auto out = RunQuery("| eval finding = finding_name.\", \".finding_description",
                 {MakeRow({{"finding_name", "CVE-1"}, {"finding_description", "bad"}}), MakeRow({{"finding_name", "CVE-1"}})});
  EXPECT_EQ(Column(out, "finding"), (Strings{"CVE-1, bad", "<null>"}));
}

TEST(ExecEvalTest, BooleanResultsAreRefusedAsInSplunk) {
  // Splunk rejects `eval x=(a>1)`: the result of an eval may not be a boolean.
  EXPECT_THROW(PlanQuery("| eval big=n>5", EvalSettings{}), QueryError);
  EXPECT_THROW(PlanQuery("| eval ok=isnull(x)", EvalSettings{}), QueryError);
  EXPECT_THROW(PlanQuery("| eval a=1, b=(x=1 AND y=2)", EvalSettings{}), QueryError);
  auto out = RunQuery("| eval big=if(n>5, \"yes\", \"no\")", {MakeRow({{"n", "7"}}), MakeRow({{"n", "1"}})});
  EXPECT_EQ(Column(out, "big"), (Strings{"yes", "no"}));
}

// ---- search as a command ----

TEST(ExecSearchTest, BaseAndMidPipelineSearch) {
  std::vector<Row> rows = {MakeRow({{"a", "1"}, {"b", "x"}}), MakeRow({{"a", "2"}, {"b", "y"}}), MakeRow({{"a", "3"}})};
  EXPECT_EQ(Column(RunQuery("a=1 OR a=2", rows), "a"), (Strings{"1", "2"}));
  EXPECT_EQ(Column(RunQuery("search b=*", rows), "a"), (Strings{"1", "2"}));
  EXPECT_EQ(RunQuery("*", rows).size(), 3u);
  EXPECT_EQ(RunQuery("| search *", rows).size(), 3u);
  EXPECT_EQ(RunQuery("", rows).size(), 3u);
  EXPECT_EQ(Column(RunQuery("a>1 | eval c=a*2 | search c=6", rows), "a"), (Strings{"3"}));
  // After stats, a search sees the result fields.
  EXPECT_EQ(RunQuery("| stats count by b | search count=1 b=Y", rows).size(), 1u);
}

}  // namespace
}  // namespace trailhound
