// The stats operator (src/exec/stats_operator.cpp) run through PlanQuery over hand-made rows, and
// the bug_log S3 bucket/stats case.
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

std::vector<Row> ReferenceRows() {
  return {MakeRow({{"u", "a"}, {"ev", "X"}, {"t", "1"}}), MakeRow({{"u", "a"}, {"ev", "Y"}, {"t", "5"}}),
          MakeRow({{"u", "b"}, {"ev", "X"}, {"t", "2"}}), MakeRow({{"ev", "Z"}, {"t", "3"}})};
}

TEST(ExecStatsTest, ReferenceExample) {
  auto out = RunQuery("| stats count dc(ev) as n min(t) values(ev) by u", ReferenceRows());
  ASSERT_EQ(out.size(), 2u);  // the row without u is dropped
  EXPECT_EQ(Names(out[0]), (Strings{"u", "count", "n", "min(t)", "values(ev)"}));
  EXPECT_EQ(Get(out[0], "u"), "a");
  EXPECT_EQ(Get(out[0], "count"), "2");
  EXPECT_EQ(Get(out[0], "n"), "2");
  EXPECT_EQ(Get(out[0], "min(t)"), "1");
  EXPECT_EQ(GetAll(out[0], "values(ev)"), (Strings{"X", "Y"}));
  EXPECT_EQ(Get(out[1], "u"), "b");
  EXPECT_EQ(Get(out[1], "count"), "1");
  EXPECT_EQ(Get(out[1], "min(t)"), "2");
  EXPECT_EQ(GetAll(out[1], "values(ev)"), (Strings{"X"}));
}

TEST(ExecStatsTest, CommasAreOptional) {
  auto a = RunQuery("| stats count, dc(ev) as n, min(t) by u", ReferenceRows());
  auto b = RunQuery("| stats count dc(ev) as n min(t) by u", ReferenceRows());
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(Names(a[i]), Names(b[i]));
    EXPECT_EQ(Get(a[i], "n"), Get(b[i], "n"));
  }
  auto c = RunQuery("| stats count by u, ev", ReferenceRows());
  auto d = RunQuery("| stats count by u ev", ReferenceRows());
  EXPECT_EQ(Column(c, "ev"), (Strings{"X", "Y", "X"}));
  EXPECT_EQ(Column(d, "ev"), Column(c, "ev"));
}

TEST(ExecStatsTest, NoByClause) {
  auto out = RunQuery("| stats count count(ev) dc(ev) as n", ReferenceRows());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "count"), "4");
  EXPECT_EQ(Get(out[0], "count(ev)"), "4");
  EXPECT_EQ(Get(out[0], "n"), "3");
}

TEST(ExecStatsTest, NoRowsGivesOneRowWithZerosWithoutByAndNothingWithBy) {
  auto out = RunQuery("| stats count dc(x) values(x) min(x) avg(x)", {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "count"), "0");
  EXPECT_EQ(Get(out[0], "dc(x)"), "0");
  EXPECT_EQ(Get(out[0], "values(x)"), "<null>");
  EXPECT_EQ(Get(out[0], "min(x)"), "<null>");
  EXPECT_EQ(Get(out[0], "avg(x)"), "<null>");
  EXPECT_TRUE(RunQuery("| stats count by u", {}).empty());
  // Rows that all lack the by-field are the same as no rows.
  EXPECT_TRUE(RunQuery("| stats count by u", {MakeRow({{"x", "1"}})}).empty());
}

TEST(ExecStatsTest, CountOfAFieldCountsValues) {
  std::vector<Row> rows = {MakeRow({{"x", {"a", "b"}}}), MakeRow({{"x", "c"}}), MakeRow({{"y", "1"}})};
  auto out = RunQuery("| stats count count(x) dc(x) list(x)", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "count"), "3");
  EXPECT_EQ(Get(out[0], "count(x)"), "3");  // per value (M)
  EXPECT_EQ(Get(out[0], "dc(x)"), "3");
  EXPECT_EQ(GetAll(out[0], "list(x)"), (Strings{"a", "b", "c"}));
}

TEST(ExecStatsTest, CountOfEvalCountsRowsWhereTheExpressionIsTrue) {
  std::vector<Row> rows = {MakeRow({{"n", "1"}}), MakeRow({{"n", "7"}}), MakeRow({{"n", "9"}}), MakeRow({{"m", "9"}})};
  auto out = RunQuery("| stats count(eval(n>5)) as big count(eval(if(n>5, 1, null()))) as big2", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "big"), "2");
  EXPECT_EQ(Get(out[0], "big2"), "2");
}

TEST(ExecStatsTest, MultivalueByFieldCountsTheEventOncePerValue) {
  std::vector<Row> rows = {MakeRow({{"h", {"a", "b"}}}), MakeRow({{"h", "a"}}), MakeRow({{"h", {"c", "c"}}})};
  auto out = RunQuery("| stats count by h", rows);
  EXPECT_EQ(Column(out, "h"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(Column(out, "count"), (Strings{"2", "1", "2"}));  // dedup_splitvals=false counts c twice
  auto dedup = RunQuery("| stats count by h dedup_splitvals=true", rows);
  EXPECT_EQ(Column(dedup, "count"), (Strings{"2", "1", "1"}));
  auto dedup_first = RunQuery("| stats dedup_splitvals=t count by h", rows);
  EXPECT_EQ(Column(dedup_first, "count"), (Strings{"2", "1", "1"}));
}

TEST(ExecStatsTest, TwoMultivalueByFieldsFormEveryCombination) {
  std::vector<Row> rows = {MakeRow({{"a", {"1", "2"}}, {"b", {"x", "y"}}})};
  auto out = RunQuery("| stats count by a b", rows);
  EXPECT_EQ(Column(out, "a"), (Strings{"1", "1", "2", "2"}));
  EXPECT_EQ(Column(out, "b"), (Strings{"x", "y", "x", "y"}));
}

TEST(ExecStatsTest, RowsWithAMissingByFieldAreDroppedAndReported) {
  auto plan = PlanQuery("| stats count by u", EvalSettings{});
  for (auto r : ReferenceRows()) plan->first().Push(r);
  plan->first().Finish();
  EXPECT_EQ(plan->results().size(), 2u);
  auto notes = plan->Notes();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(testing::Contains(notes[0], "1 events dropped")) << notes[0];
  EXPECT_TRUE(testing::Contains(notes[0], "by-field u")) << notes[0];
}

TEST(ExecStatsTest, RowsAreSortedAscendingByTheByFieldsNumericAware) {
  std::vector<Row> rows;
  for (const char* v : {"10", "9", "100", "abc", "-1", "Abc"}) rows.push_back(MakeRow({{"k", v}}));
  auto out = RunQuery("| stats count by k", rows);
  EXPECT_EQ(Column(out, "k"), (Strings{"-1", "9", "10", "100", "Abc", "abc"}));

  std::vector<Row> two = {MakeRow({{"a", "b"}, {"n", "10"}}), MakeRow({{"a", "a"}, {"n", "9"}}),
                          MakeRow({{"a", "b"}, {"n", "9"}}), MakeRow({{"a", "a"}, {"n", "10"}})};
  auto out2 = RunQuery("| stats count by a n", two);
  EXPECT_EQ(Column(out2, "a"), (Strings{"a", "a", "b", "b"}));
  EXPECT_EQ(Column(out2, "n"), (Strings{"9", "10", "9", "10"}));

  // IP-like strings are not numbers: byte order puts 10.0.0.10 before 10.0.0.9.
  auto ips = RunQuery("| stats count by ip", {MakeRow({{"ip", "10.0.0.9"}}), MakeRow({{"ip", "10.0.0.10"}})});
  EXPECT_EQ(Column(ips, "ip"), (Strings{"10.0.0.10", "10.0.0.9"}));
}

TEST(ExecStatsTest, MixedNumericAndTextByValuesSortNumbersFirst) {
  // "10" < "1a" and "1a" < "9" as text, but 9 < 10 as numbers: a consistent order needs numbers
  // before text (as sort does). Tried with several input orders.
  const std::vector<std::vector<const char*>> orders = {
      {"10", "9", "1a", "2", "b"}, {"1a", "b", "2", "10", "9"}, {"9", "1a", "10", "b", "2"}};
  for (const auto& order : orders) {
    std::vector<Row> rows;
    for (const char* v : order) rows.push_back(MakeRow({{"k", v}}));
    EXPECT_EQ(Column(RunQuery("| stats count by k", rows), "k"), (Strings{"2", "9", "10", "1a", "b"}));
  }
}

TEST(ExecStatsTest, ColumnNamesAsWritten) {
  std::vector<Row> rows = {MakeRow({{"eventName", "A"}, {"x", "3"}, {"userAgent", "u"}})};
  auto out = RunQuery("| stats dc(eventName) c distinct_count(x) values(userAgent) perc95(x) count AS failures", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Names(out[0]), (Strings{"dc(eventName)", "c", "distinct_count(x)", "values(userAgent)", "perc95(x)", "failures"}));
}

TEST(ExecStatsTest, AggregateFunctionsThroughTheOperator) {
  std::vector<Row> rows = {
      MakeRow({{"_time", 300}, {"v", "5"}, {"s", "b"}}), MakeRow({{"_time", 100}, {"v", "10"}, {"s", "a"}}),
      MakeRow({{"_time", 200}, {"v", "9"}, {"s", "c"}}), MakeRow({{"_time", 400}, {"s", "d"}})};
  auto out = RunQuery(
      "| stats min(v) max(v) min(s) max(s) sum(v) avg(v) stdev(v) median(v) first(s) last(s) earliest(s) latest(s) "
      "earliest(v) latest(v) list(v) values(v) range(v)",
      rows);
  ASSERT_EQ(out.size(), 1u);
  const Row& r = out[0];
  EXPECT_EQ(Get(r, "min(v)"), "5");
  EXPECT_EQ(Get(r, "max(v)"), "10");  // numeric: "9" > "10" as text
  EXPECT_EQ(Get(r, "min(s)"), "a");
  EXPECT_EQ(Get(r, "max(s)"), "d");
  EXPECT_EQ(Get(r, "sum(v)"), "24");
  EXPECT_EQ(Get(r, "avg(v)"), "8");
  EXPECT_NEAR(r.Get(testing::F("stdev(v)"))->num(), std::sqrt(7.0), 1e-12);
  EXPECT_EQ(Get(r, "median(v)"), "9");
  EXPECT_EQ(Get(r, "first(s)"), "b");      // input order
  EXPECT_EQ(Get(r, "last(s)"), "d");
  EXPECT_EQ(Get(r, "earliest(s)"), "a");   // by _time
  EXPECT_EQ(Get(r, "latest(s)"), "d");
  EXPECT_EQ(Get(r, "earliest(v)"), "10");  // the earliest row that has v
  EXPECT_EQ(Get(r, "latest(v)"), "5");
  EXPECT_EQ(testing::GetAll(r, "list(v)"), (Strings{"5", "10", "9"}));
  EXPECT_EQ(testing::GetAll(r, "values(v)"), (Strings{"10", "5", "9"}));
  EXPECT_EQ(Get(r, "range(v)"), "5");
}

TEST(ExecStatsTest, OutputHasNoRawOrTimeUnlessGrouped) {
  Row ev = MakeRow({{"_time", 100}, {"u", "a"}});
  std::string raw = "{\"u\":\"a\"}";
  ev.set_raw(raw);
  auto out = RunQuery("| stats count by u", {ev});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "_time"), "<null>");
  EXPECT_EQ(Get(out[0], "_raw"), "<null>");
}

// bug_log S3: bucket rewrites _time before stats, so min/max(_time) are the bucket start.
TEST(ExecStatsTest, BucketThenStatsByTimeS3) {
  const double base = 1768471200;  // 2026-01-15T10:00:00Z
  const double offsets[] = {57 * 60, 58 * 60, 59 * 60, 59 * 60 + 59, 3600, 3600 + 30, 3600 + 60, 3600 + 120};
  std::vector<Row> rows;
  int id = 0;
  for (double off : offsets) rows.push_back(MakeRow({{"_time", base + off}, {"eventID", std::to_string(id++)}}));
  auto out = RunQuery("| bucket _time span=1h | stats count min(_time) as firstTime max(_time) as lastTime by _time", rows);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Column(out, "_time"), (Strings{"1768471200", "1768474800"}));
  EXPECT_EQ(Column(out, "count"), (Strings{"4", "4"}));
  for (const Row& r : out) {
    EXPECT_EQ(Get(r, "firstTime"), Get(r, "_time"));
    EXPECT_EQ(Get(r, "lastTime"), Get(r, "_time"));
  }
  // With the threshold of the detection (>= 5) nothing fires; with 4 both buckets would.
  EXPECT_TRUE(RunQuery("| bucket _time span=1h | stats count as failures by _time | where failures >= 5", rows).empty());
  EXPECT_EQ(RunQuery("| bucket _time span=1h | stats count as failures by _time | where failures >= 4", rows).size(), 2u);
  // The ctime macro's output.
  auto fmt = RunQuery(
      "| bucket _time span=1h | stats min(_time) as firstTime by _time | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" "
      "ctime(firstTime)",
      rows);
  EXPECT_EQ(Column(fmt, "firstTime"), (Strings{"2026-01-15T10:00:00", "2026-01-15T11:00:00"}));
}

// The built-in detection (macros expanded by hand) over hand-made events, as in
// splunk_semantics.md §4.2: six AccessDenied calls by one user from one IP within an hour.
TEST(ExecStatsTest, AccessDeniedDiscoveryDetection) {
  const std::string query =
      "sourcetype=aws:cloudtrail (errorCode = \"AccessDenied\") user_type=IAMUser (userAgent!=*.amazonaws.com) "
      "| bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, "
      "dc(eventName) as methods, dc(eventSource) as sources by src_ip, userIdentity.arn, _time "
      "| where failures >= 5 and methods >= 1 and sources >= 1 "
      "| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) "
      "| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime) | search *";
  const char* arn = "arn:aws:iam::111122223333:user/alice";
  auto event = [&](int minute, const char* name, const char* source) {
    return MakeRow({{"_time", 1617631200 + minute * 60}, {"sourcetype", "aws:cloudtrail"}, {"errorCode", "AccessDenied"},
                    {"user_type", "IAMUser"}, {"userAgent", "aws-cli/2"}, {"src_ip", "1.2.3.4"},
                    {"userIdentity.arn", arn}, {"eventName", name}, {"eventSource", source}});
  };
  std::vector<Row> rows = {event(3, "ListBuckets", "s3.amazonaws.com"), event(10, "ListBuckets", "s3.amazonaws.com"),
                           event(20, "DescribeInstances", "ec2.amazonaws.com"),
                           event(30, "DescribeInstances", "ec2.amazonaws.com"),
                           event(40, "DescribeRegions", "ec2.amazonaws.com"), event(55, "ListUsers", "iam.amazonaws.com")};
  // Noise that the base search must exclude.
  Row service = event(5, "ListUsers", "iam.amazonaws.com");
  service.Set(testing::F("userAgent"), Value::Str("ec2.amazonaws.com"));
  Row no_agent = event(6, "ListUsers", "iam.amazonaws.com");
  no_agent.Remove(testing::F("userAgent"));
  Row other_code = event(7, "ListUsers", "iam.amazonaws.com");
  other_code.Set(testing::F("errorCode"), Value::Str("AccessDeniedException"));
  Row no_ip = event(8, "ListUsers", "iam.amazonaws.com");
  no_ip.Remove(testing::F("src_ip"));
  for (Row* r : {&service, &no_agent, &other_code, &no_ip}) rows.push_back(*r);

  auto out = RunQuery(query, rows);
  ASSERT_EQ(out.size(), 1u);
  const Row& r = out[0];
  EXPECT_EQ(Names(r), (Strings{"src_ip", "userIdentity.arn", "_time", "failures", "firstTime", "lastTime", "methods", "sources"}));
  EXPECT_EQ(Get(r, "src_ip"), "1.2.3.4");
  EXPECT_EQ(Get(r, "userIdentity.arn"), arn);
  EXPECT_EQ(Get(r, "_time"), "1617631200");
  EXPECT_EQ(Get(r, "failures"), "6");
  EXPECT_EQ(Get(r, "firstTime"), "2021-04-05T14:00:00");
  EXPECT_EQ(Get(r, "lastTime"), "2021-04-05T14:00:00");
  EXPECT_EQ(Get(r, "methods"), "4");
  EXPECT_EQ(Get(r, "sources"), "3");

  // Five events still reach the threshold (>= 5); four do not.
  std::vector<Row> five(rows.begin() + 1, rows.end());
  ASSERT_EQ(RunQuery(query, five).size(), 1u);
  EXPECT_EQ(Get(RunQuery(query, five)[0], "failures"), "5");
  std::vector<Row> four(rows.begin() + 2, rows.end());
  EXPECT_TRUE(RunQuery(query, four).empty());
}

}  // namespace
}  // namespace trailhound
