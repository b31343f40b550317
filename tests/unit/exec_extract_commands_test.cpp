// spath, rex, mvexpand, fillnull, wildcard stats aggregates, wildcard rename, and the eval
// functions spath() and relative_time(), run through PlanQuery over hand-made rows.
#include <gtest/gtest.h>

#include "json/json_path.hpp"
#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Column;
using testing::Contains;
using testing::Eval;
using testing::ExpectQueryError;
using testing::Get;
using testing::GetAll;
using testing::MakeRow;
using testing::Names;
using testing::RunQuery;
using Strings = std::vector<std::string>;

Row RawRow(const std::string& raw) {
  static std::vector<std::unique_ptr<std::string>> keep;  // raw text must outlive the rows
  keep.push_back(std::make_unique<std::string>(raw));
  Row r;
  r.set_raw(*keep.back());
  return r;
}

// ---- spath: path mode ----

TEST(SpathTest, PathOverRawWithDefaultOutputName) {
  auto out = RunQuery("| spath path=a.b", {RawRow(R"({"a":{"b":"x","c":1}})")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Get(out[0], "a.b"), "x");
}

TEST(SpathTest, PositionalPathAndOutput) {
  auto out = RunQuery("| spath output=o a.c", {RawRow(R"({"a":{"b":"x","c":1.50}})")});
  EXPECT_EQ(Get(out[0], "o"), "1.50");  // numbers keep their text
}

TEST(SpathTest, ArrayOfObjectsGivesJsonTextPerElement) {
  auto row = MakeRow({{"doc", R"({"Statement":[{"Action":"s3:*"},{"Action":["a","b"]}]})"}});
  auto out = RunQuery("| spath input=doc output=st path=Statement{}", {row});
  EXPECT_EQ(GetAll(out[0], "st"), (Strings{R"({"Action":"s3:*"})", R"({"Action":["a","b"]})"}));
}

TEST(SpathTest, IndexesAreZeroBasedAndBraceOnLeafArray) {
  auto row = MakeRow({{"doc", R"({"a":[{"v":"first"},{"v":"second"}],"tags":["x","y"]})"}});
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=a{1}.v", {row})[0], "o"), "second");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=a{0}.v", {row})[0], "o"), "first");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=a{5}.v", {row})[0], "o"), "<null>");
  EXPECT_EQ(GetAll(RunQuery("| spath input=doc output=o path=a{}.v", {row})[0], "o"), (Strings{"first", "second"}));
  EXPECT_EQ(GetAll(RunQuery("| spath input=doc output=o path=tags{}", {row})[0], "o"), (Strings{"x", "y"}));
  // A path ending at an array without {} is the array's JSON text.
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=tags", {row})[0], "o"), R"(["x","y"])");
}

TEST(SpathTest, BracesOnAnObjectMatchTheObjectItself) {
  // AWS Defense Evasion PutBucketLifecycle: requestParameters{}.LifecycleConfiguration{}.Rule{}...
  auto row = RawRow(R"({"requestParameters":{"LifecycleConfiguration":{"Rule":[{"Expiration":{"Days":1}},)"
                    R"({"Expiration":{"Days":30}}]}}})");
  auto out = RunQuery(
      "| spath output=days path=requestParameters{}.LifecycleConfiguration{}.Rule{}.Expiration{}.Days", {row});
  EXPECT_EQ(GetAll(out[0], "days"), (Strings{"1", "30"}));
  // {N} on an object selects nothing.
  out = RunQuery("| spath output=d path=requestParameters{0}.LifecycleConfiguration", {row});
  EXPECT_EQ(Get(out[0], "d"), "<null>");
}

TEST(SpathTest, ScalarsNullsAndEscapes) {
  auto row = MakeRow({{"doc", R"({"s":"a\"b\u00e9","n":-2e3,"t":true,"z":null,"e":{},"l":[]})"}});
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=s", {row})[0], "o"), "a\"b\xc3\xa9");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=n", {row})[0], "o"), "-2e3");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=t", {row})[0], "o"), "true");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=z", {row})[0], "o"), "null");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=e", {row})[0], "o"), "{}");
  EXPECT_EQ(Get(RunQuery("| spath input=doc output=o path=l", {row})[0], "o"), "[]");
}

TEST(SpathTest, MissingInputInvalidJsonAndNoMatchLeaveTheRowAlone) {
  auto rows = std::vector<Row>{MakeRow({{"o", "keep"}}), MakeRow({{"doc", "{\"a\":"}, {"o", "keep"}}),
                               MakeRow({{"doc", "not json"}}), MakeRow({{"doc", R"({"b":1})"}, {"o", "keep"}}),
                               MakeRow({{"doc", R"({"a":1} trailing)"}})};
  auto out = RunQuery("| spath input=doc output=o path=a", rows);
  EXPECT_EQ(Column(out, "o"), (Strings{"keep", "keep", "<null>", "keep", "<null>"}));
}

TEST(SpathTest, MultivalueInputCombinesEveryValue) {
  auto row = MakeRow({{"docs", {R"({"a":"1"})", "junk", R"({"a":["2","3"]})"}}});
  auto out = RunQuery("| spath input=docs output=o path=a{}", {row});
  EXPECT_EQ(GetAll(out[0], "o"), (Strings{"1", "2", "3"}));
}

TEST(SpathTest, PrettyPrintedObjectKeepsItsText) {
  auto row = MakeRow({{"doc", "{\"S\": [ {\"A\": \"x\"} ]}"}});
  auto out = RunQuery("| spath input=doc output=o path=S{}", {row});
  EXPECT_EQ(Get(out[0], "o"), "{\"A\": \"x\"}");
}

// ---- spath: auto-extract ----

TEST(SpathTest, AutoExtractNamesLeavesLikeKvModeJson) {
  auto row = MakeRow({{"f", R"({"severity":"HIGH","a":{"b":[1,2]},"items":[{"id":"x"},{"id":"y"}],"n":null,"e":{}})"}});
  auto out = RunQuery("| spath input=f", {row});
  EXPECT_EQ(Names(out[0]), (Strings{"f", "severity", "a.b{}", "items{}.id", "n"}));
  EXPECT_EQ(GetAll(out[0], "a.b{}"), (Strings{"1", "2"}));
  EXPECT_EQ(GetAll(out[0], "items{}.id"), (Strings{"x", "y"}));
  EXPECT_EQ(Get(out[0], "n"), "null");
}

TEST(SpathTest, AutoExtractOverRawAndOverwritesFields) {
  auto row = RawRow(R"({"eventName":"X","userIdentity":{"type":"Root"}})");
  row.Set(testing::F("eventName"), Value::Str("old"));
  auto out = RunQuery("| spath", {row});
  EXPECT_EQ(Get(out[0], "eventName"), "X");
  EXPECT_EQ(Get(out[0], "userIdentity.type"), "Root");
}

TEST(SpathTest, AutoExtractReadsOnlyTheFirst5000Characters) {
  std::string big = R"({"first":"a","pad":")" + std::string(6000, 'p') + R"(","late":"z"})";
  auto out = RunQuery("| spath input=f", {MakeRow({{"f", big}})});
  EXPECT_EQ(Get(out[0], "first"), "a");
  EXPECT_EQ(Get(out[0], "pad").size(), 6000u);  // starts before the cutoff
  EXPECT_EQ(Get(out[0], "late"), "<null>");
}

TEST(SpathTest, AutoExtractOfInvalidJsonAddsNothing) {
  auto out = RunQuery("| spath input=f", {MakeRow({{"f", R"({"a":"1", "b":)"}})});
  EXPECT_EQ(Names(out[0]), (Strings{"f"}));
}

TEST(SpathTest, BadPathsAndOptionsAreQueryErrors) {
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| spath path=a{@id}", {}); }).what(), "XML attribute"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| spath path=a{x}", {}); }).what(), "unsupported array index"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| spath foo=bar", {}); }).what(), "unsupported option 'foo'"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| spath path=a..b", {}); }).what(), "empty step"));
}

TEST(SpathTest, EvalFunction) {
  Row row = MakeRow({{"doc", R"({"a":[{"b":"x"},{"b":"y"}],"c":{"d":5}})"}});
  EXPECT_EQ(testing::Texts(Eval("spath(doc, \"a{}.b\")", row)), (Strings{"x", "y"}));
  EXPECT_EQ(Eval("spath(doc, \"c\")", row).AsString(), R"({"d":5})");
  EXPECT_TRUE(Eval("spath(doc, \"zz\")", row).IsNull());
  EXPECT_TRUE(Eval("spath(nofield, \"c\")", row).IsNull());
  EXPECT_TRUE(Eval("spath(\"junk\", \"c\")", row).IsNull());
}

TEST(JsonPathTest, TopLevelArrayAndParse) {
  std::vector<Value> out;
  ASSERT_TRUE(ExtractJsonPath(R"([{"a":1},{"a":2}])", ParseJsonPath("{}.a"), out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].AsString(), "2");
  auto p = ParseJsonPath("x{}{2}.y");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(*p[0].key, "x");
  ASSERT_EQ(p[0].selectors.size(), 2u);
  EXPECT_FALSE(p[0].selectors[0].has_value());
  EXPECT_EQ(*p[0].selectors[1], 2u);
}

// ---- mvexpand ----

TEST(MvexpandTest, OneRowPerValueOthersCopiedMissingDropped) {
  auto rows = std::vector<Row>{MakeRow({{"id", "1"}, {"p", {"a", "b", "c"}}}), MakeRow({{"id", "2"}}),
                               MakeRow({{"id", "3"}, {"p", "single"}})};
  auto out = RunQuery("| mvexpand p", rows);
  EXPECT_EQ(Column(out, "p"), (Strings{"a", "b", "c", "single"}));
  EXPECT_EQ(Column(out, "id"), (Strings{"1", "1", "1", "3"}));
  out = RunQuery("| mvexpand p limit=2", rows);
  EXPECT_EQ(Column(out, "p"), (Strings{"a", "b", "single"}));
  out = RunQuery("| mvexpand p | head 2", rows);
  EXPECT_EQ(Column(out, "p"), (Strings{"a", "b"}));
}

TEST(MvexpandTest, Errors) {
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| mvexpand _raw", {}); }).what(), "internal field"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| mvexpand", {}); }).what(), "needs a field"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| mvexpand a b", {}); }).what(), "unexpected 'b'"));
}

// ---- fillnull ----

TEST(FillnullTest, WithoutListFillsFieldsSeenInAnyRow) {
  auto out = RunQuery("| fillnull", {MakeRow({{"a", "1"}}), MakeRow({{"b", "2"}, {"e", ""}})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Column(out, "a"), (Strings{"1", "0"}));
  EXPECT_EQ(Column(out, "b"), (Strings{"0", "2"}));
  EXPECT_EQ(Column(out, "e"), (Strings{"0", ""}));  // an empty string is a value
  EXPECT_EQ(Column(out, "c"), (Strings{"<null>", "<null>"}));
}

TEST(FillnullTest, WithListCreatesFieldsAndCustomValue) {
  auto out = RunQuery("| fillnull value=NULL c, a", {MakeRow({{"a", "1"}}), MakeRow({{"b", "2"}})});
  EXPECT_EQ(Column(out, "c"), (Strings{"NULL", "NULL"}));
  EXPECT_EQ(Column(out, "a"), (Strings{"1", "NULL"}));
  EXPECT_EQ(Column(out, "b"), (Strings{"<null>", "2"}));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| fillnull foo=1", {}); }).what(), "unsupported option"));
}

TEST(FillnullTest, KeepsStatsByRowsThatWouldBeDropped) {
  auto out = RunQuery("| fillnull | stats count by a b", {MakeRow({{"a", "1"}}), MakeRow({{"a", "1"}, {"b", "x"}})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Column(out, "b"), (Strings{"0", "x"}));
}

// ---- rex ----

TEST(RexTest, NamedGroupsBecomeFields) {
  auto row = MakeRow({{"user_role", "arn:aws:sts::123456789012:assumed-role/x"}});
  auto out = RunQuery("| rex field=user_role \"arn:aws:sts:*:(?<dest_account>.*):\"", {row});
  EXPECT_EQ(Get(out[0], "dest_account"), "123456789012");
}

TEST(RexTest, DefaultFieldIsRawAndJsonGrab) {
  auto out = RunQuery("| rex \"(?<json_field>{.+})\"", {RawRow(R"(prefix {"a":1} suffix)")});
  EXPECT_EQ(Get(out[0], "json_field"), R"({"a":1})");
}

TEST(RexTest, MaxMatchMakesMultivalue) {
  auto row = MakeRow({{"s", "a=1 b=2 c=3"}});
  EXPECT_EQ(GetAll(RunQuery("| rex field=s \"(?<k>\\w)=(?<v>\\d)\"", {row})[0], "v"), (Strings{"1"}));
  EXPECT_EQ(GetAll(RunQuery("| rex field=s \"(?<k>\\w)=(?<v>\\d)\" max_match=2", {row})[0], "v"), (Strings{"1", "2"}));
  EXPECT_EQ(GetAll(RunQuery("| rex field=s \"(?<k>\\w)=(?<v>\\d)\" max_match=0", {row})[0], "k"),
            (Strings{"a", "b", "c"}));
}

TEST(RexTest, NoMatchKeepsExistingValuesMissingFieldIsNoop) {
  auto out = RunQuery("| rex field=s \"(?<v>\\d+)\"", {MakeRow({{"s", "none"}, {"v", "old"}}), MakeRow({{"v", "old2"}})});
  EXPECT_EQ(Column(out, "v"), (Strings{"old", "old2"}));
}

TEST(RexTest, MultivalueInputFirstMatchingValueWins) {
  auto row = MakeRow({{"s", {"x", "n=5", "n=6"}}});
  EXPECT_EQ(GetAll(RunQuery("| rex field=s \"n=(?<n>\\d)\"", {row})[0], "n"), (Strings{"5"}));
  EXPECT_EQ(GetAll(RunQuery("| rex field=s \"n=(?<n>\\d)\" max_match=0", {row})[0], "n"), (Strings{"5", "6"}));
}

TEST(RexTest, NumbersAreMatchedAsText) {
  auto out = RunQuery("| eval n=1234.5 | rex field=n \"(?<int>\\d+)\\.\"", {MakeRow({{"x", "1"}})});
  EXPECT_EQ(Get(out[0], "int"), "1234");
}

TEST(RexTest, OffsetField) {
  auto out = RunQuery("| rex field=s \"(?<v>\\d+)\" offset_field=off", {MakeRow({{"s", "ab123"}})});
  EXPECT_EQ(Get(out[0], "off"), "v=2-4");
}

TEST(RexTest, SedMode) {
  auto row = MakeRow({{"s", "a-b-c"}, {"m", {"x1", "y1"}}});
  EXPECT_EQ(Get(RunQuery("| rex field=s mode=sed \"s/-/+/g\"", {row})[0], "s"), "a+b+c");
  EXPECT_EQ(Get(RunQuery("| rex field=s mode=sed \"s/-/+/\"", {row})[0], "s"), "a+b-c");
  EXPECT_EQ(Get(RunQuery("| rex field=s mode=sed \"s/-/+/2\"", {row})[0], "s"), "a-b+c");
  EXPECT_EQ(Get(RunQuery("| rex field=s mode=sed \"s/(\\w)-(\\w)/\\2_\\1/\"", {row})[0], "s"), "b_a-c");
  EXPECT_EQ(Get(RunQuery("| rex field=s mode=sed \"y/abc/xyz/\"", {row})[0], "s"), "x-y-z");
  EXPECT_EQ(GetAll(RunQuery("| rex field=m mode=sed \"s/1/2/\"", {row})[0], "m"), (Strings{"x2", "y2"}));
}

TEST(RexTest, Errors) {
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| rex field=s \"(\\d+)\"", {}); }).what(), "no named group"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| rex field=s", {}); }).what(), "needs a quoted regular expression"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| rex mode=xml \"(?<a>.)\"", {}); }).what(), "unsupported mode"));
  EXPECT_TRUE(Contains(ExpectQueryError([] { RunQuery("| rex mode=sed \"s/a/b/x\"", {}); }).what(), "unsupported flags"));
  EXPECT_THROW(RunQuery("| rex \"(?<a>[)\"", {}), Error);
}

// ---- stats with wildcard fields ----

TEST(StatsWildcardTest, ValuesAsStarOneColumnPerField) {
  auto rows = std::vector<Row>{
      MakeRow({{"u", "1"}, {"requestParameters.name", "n1"}, {"requestParameters.acl", "private"}}),
      MakeRow({{"u", "1"}, {"requestParameters.name", "n2"}}),
      MakeRow({{"u", "2"}, {"requestParameters.zone", "z"}, {"other", "o"}})};
  auto out = RunQuery("| stats count values(requestParameters.*) as * by u", rows);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Names(out[0]), (Strings{"u", "count", "acl", "name"}));
  EXPECT_EQ(GetAll(out[0], "name"), (Strings{"n1", "n2"}));
  EXPECT_EQ(Names(out[1]), (Strings{"u", "count", "zone"}));
}

TEST(StatsWildcardTest, WithoutAsAndOtherFunctions) {
  auto rows = std::vector<Row>{MakeRow({{"x.a", "1"}, {"x.b", "5"}}), MakeRow({{"x.a", "3"}})};
  auto out = RunQuery("| stats max(x.*) dc(x.*) as dc_*", rows);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Names(out[0]), (Strings{"max(x.a)", "max(x.b)", "dc_a", "dc_b"}));
  EXPECT_EQ(Get(out[0], "max(x.a)"), "3");
  EXPECT_EQ(Get(out[0], "dc_a"), "2");
  EXPECT_EQ(Get(out[0], "dc_b"), "1");
}

TEST(StatsWildcardTest, GroupsCreatedBeforeAFieldAppears) {
  auto rows = std::vector<Row>{MakeRow({{"g", "a"}}), MakeRow({{"g", "b"}, {"p.k", "v"}})};
  auto out = RunQuery("| stats count(p.*) as c_* values(p.*) as * by g", rows);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Get(out[0], "c_k"), "0");
  EXPECT_EQ(Get(out[0], "k"), "<null>");
  EXPECT_EQ(Get(out[1], "c_k"), "1");
  EXPECT_EQ(Get(out[1], "k"), "v");
}

TEST(StatsWildcardTest, ResultColumnsAreSortedExpansionsAfterTheRun) {
  // The first output row has only "name", a later one only "acl": columns still come sorted.
  auto plan = PlanQuery("| stats values(p.*) as * count by g | eval extra=1 | rename g as group", EvalSettings{});
  std::vector<Row> rows{MakeRow({{"g", "a"}, {"p.name", "n"}}), MakeRow({{"g", "b"}, {"p.acl", "x"}})};
  for (auto& r : rows) plan->first().Push(r);
  plan->first().Finish();
  auto cols = plan->ResultColumns();
  ASSERT_TRUE(cols.has_value());
  Strings names;
  for (FieldId id : *cols) names.push_back(FieldNames::Name(id));
  EXPECT_EQ(names, (Strings{"group", "acl", "name", "count", "extra"}));
  // Without wildcards the planned columns stand.
  auto fixed = PlanQuery("| stats count by g", EvalSettings{});
  ASSERT_TRUE(fixed->ResultColumns().has_value());
  EXPECT_EQ(fixed->ResultColumns()->size(), 2u);
}

TEST(StatsWildcardTest, ProjectionReadsThePrefix) {
  auto plan = PlanQuery("| stats values(requestParameters.*) as * by src", EvalSettings{});
  EXPECT_TRUE(plan->needed_fields().Wants("requestParameters.bucketName"));
  EXPECT_FALSE(plan->needed_fields().Wants("responseElements.x"));
  EXPECT_FALSE(plan->columns().has_value());
}

// ---- rename with wildcards ----

TEST(RenameWildcardTest, PrefixStripped) {
  auto out = RunQuery("| rename requestParameters.* as *",
                      {MakeRow({{"requestParameters.bucketName", "b1"}, {"bucketName", "old"}, {"x", "1"}})});
  EXPECT_EQ(Get(out[0], "bucketName"), "b1");
  EXPECT_EQ(Get(out[0], "requestParameters.bucketName"), "<null>");
  EXPECT_EQ(Get(out[0], "x"), "1");
  auto plan = PlanQuery("| rename requestParameters.* as * | table bucketName", EvalSettings{});
  EXPECT_TRUE(plan->needed_fields().Wants("requestParameters.bucketName"));
}

// ---- planner ----

TEST(ExtractPlanTest, NeedsAndColumns) {
  auto plan = PlanQuery("| spath input=requestParameters.policyDocument output=st path=Statement{} | stats count by st", EvalSettings{});
  EXPECT_TRUE(plan->needed_fields().Wants("requestParameters.policyDocument"));
  plan = PlanQuery("| rex field=userAgent \"(?<ua>\\w+)\" | mvexpand tags | table ua", EvalSettings{});
  EXPECT_TRUE(plan->needed_fields().Wants("userAgent"));
  EXPECT_TRUE(plan->needed_fields().Wants("tags"));
  plan = PlanQuery("| table a | rex field=a \"(?<b>.)\" | spath input=a output=c path=x | fillnull d", EvalSettings{});
  ASSERT_TRUE(plan->columns().has_value());
  Strings cols;
  for (FieldId id : *plan->columns()) cols.push_back(FieldNames::Name(id));
  EXPECT_EQ(cols, (Strings{"a", "b", "c", "d"}));
  plan = PlanQuery("| table a | spath input=a", EvalSettings{});
  EXPECT_FALSE(plan->columns().has_value());
}

// ---- relative_time and now ----

constexpr double kT = 1617631921;  // 2021-04-05T14:12:01Z, a Monday

std::string Rel(const std::string& spec, const char* tz = "UTC", double t = kT) {
  EvalSettings s;
  s.timezone = tz;
  Row row = MakeRow({{"t", t}});
  return Eval("relative_time(t, \"" + spec + "\")", row, s).AsString();
}

TEST(RelativeTimeTest, OffsetsAndSnaps) {
  EXPECT_EQ(Rel("-7d@d"), "1616976000");    // 2021-03-29T00:00:00Z
  EXPECT_EQ(Rel("-70m@m"), "1617627720");   // 13:02:00
  EXPECT_EQ(Rel("@w1"), "1617580800");      // Monday 00:00
  EXPECT_EQ(Rel("@w"), "1617494400");       // Sunday 2021-04-04
  EXPECT_EQ(Rel("@w0"), "1617494400");
  EXPECT_EQ(Rel("@w7"), "1617494400");
  EXPECT_EQ(Rel("@d"), "1617580800");
  EXPECT_EQ(Rel("-1d@d+3h"), "1617505200");  // 2021-04-04T03:00Z
  EXPECT_EQ(Rel("-h"), "1617628321");
  EXPECT_EQ(Rel("+2s"), "1617631923");
  EXPECT_EQ(Rel("now"), "1617631921");
  EXPECT_EQ(Rel("@mon"), "1617235200");   // 2021-04-01
  EXPECT_EQ(Rel("@q"), "1617235200");     // Q2 starts 2021-04-01
  EXPECT_EQ(Rel("@y"), "1609459200");     // 2021-01-01
  EXPECT_EQ(Rel("-1mon@mon"), "1614556800");  // 2021-03-01
  EXPECT_EQ(Rel("-1y"), "1586095921");
  EXPECT_EQ(Rel("-24hours"), "1617545521");
}

TEST(RelativeTimeTest, SnapsInTheUserTimezone) {
  EXPECT_EQ(Rel("@d", "America/New_York"), "1617595200");  // 00:00 EDT
  EXPECT_EQ(Rel("@d", "Asia/Tokyo"), "1617548400");        // 2021-04-05 00:00 JST
  // Across the DST change (2021-03-14 in New York) a day is a calendar day.
  EXPECT_EQ(Rel("-30d@d", "America/New_York"), "1615006800");  // 2021-03-06 00:00 EST
}

TEST(RelativeTimeTest, InvalidSpecsAndInputsAreNull) {
  EXPECT_EQ(Rel("-7x"), "");
  EXPECT_EQ(Rel("abc"), "");
  EXPECT_EQ(Rel("@d@h"), "");
  EXPECT_TRUE(Eval("relative_time(\"x\", \"-1d\")").IsNull());
}

TEST(NowTest, UsesTheSettings) {
  EvalSettings s;
  s.now = 1700000000;
  EXPECT_EQ(Eval("now()", Row(), s).AsString(), "1700000000");
  EXPECT_EQ(Eval("relative_time(now(), \"-1d@d\")", Row(), s).AsString(), "1699833600");  // 2023-11-13T00:00Z
}

}  // namespace
}  // namespace trailhound
