// `trailhound test` logic: contentctl's pass rule, the attack_data path of a dataset URL, the skip
// reasons, and inline tests with their expectations.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "detect/attack_data_path.hpp"
#include "detect/detection_tests.hpp"
#include "detect/detection_yaml.hpp"
#include "detect/expected_results.hpp"
#include "detect/test_runner.hpp"
#include "detect/unit_test_verdict.hpp"

namespace trailhound {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/test_command";

Detection WithObjects(std::string type = "Anomaly") {
  Detection d;
  d.name = "Rule";
  d.type = std::move(type);
  d.risk_objects.push_back({"user", "user", 10});
  d.threat_objects.push_back({"src_ip", "ip_address"});
  return d;
}

Row MakeRow(std::initializer_list<std::pair<const char*, const char*>> fields) {
  Row row;
  for (const auto& [name, value] : fields) row.Set(FieldNames::Intern(name), Value::Str(value));
  return row;
}

TEST(UnitTestVerdict, NoRowsFails) {
  TestVerdict v = JudgeUnitTest(WithObjects(), {});
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.reason, "the search returned no rows");
}

TEST(UnitTestVerdict, RiskObjectNullInAnyRowFails) {
  std::vector<Row> rows = {MakeRow({{"user", "alice"}, {"src_ip", "1.2.3.4"}}), MakeRow({{"user", "null"}, {"src_ip", "1.2.3.4"}})};
  TestVerdict v = JudgeUnitTest(WithObjects(), rows);
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.reason, "risk object field 'user' is missing or null in row 2");
}

TEST(UnitTestVerdict, RiskObjectMissingFails) {
  TestVerdict v = JudgeUnitTest(WithObjects(), {MakeRow({{"src_ip", "1.2.3.4"}})});
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.reason, "risk object field 'user' is missing or null in row 1");
}

TEST(UnitTestVerdict, ThreatObjectEmptyInAllRowsFails) {
  std::vector<Row> rows = {MakeRow({{"user", "alice"}}), MakeRow({{"user", "bob"}, {"src_ip", "null"}})};
  TestVerdict v = JudgeUnitTest(WithObjects(), rows);
  EXPECT_FALSE(v.pass);
  EXPECT_EQ(v.reason, "threat object field 'src_ip' is missing or null in all rows");
}

TEST(UnitTestVerdict, ThreatObjectFilledInOneRowPasses) {
  std::vector<Row> rows = {MakeRow({{"user", "alice"}}), MakeRow({{"user", "bob"}, {"src_ip", "1.2.3.4"}})};
  TestVerdict v = JudgeUnitTest(WithObjects(), rows);
  EXPECT_TRUE(v.pass) << v.reason;
  EXPECT_EQ(v.reason, "");
}

TEST(UnitTestVerdict, HuntingPassesOnRowsAlone) {
  EXPECT_TRUE(JudgeUnitTest(WithObjects("Hunting"), {MakeRow({{"other", "x"}})}).pass);
  EXPECT_FALSE(JudgeUnitTest(WithObjects("Hunting"), {}).pass);
}

TEST(UnitTestVerdict, NoObjectsPassesOnRows) {
  Detection d;
  d.type = "TTP";
  EXPECT_TRUE(JudgeUnitTest(d, {MakeRow({{"x", "1"}})}).pass);
}

TEST(AttackDataPath, MapsMediaUrlBelowMaster) {
  EXPECT_EQ(AttackDataRelativePath("https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/"
                                   "T1580/aws_iam_accessdenied_discovery_events/aws_iam_accessdenied_discovery_events.json"),
            "datasets/attack_techniques/T1580/aws_iam_accessdenied_discovery_events/aws_iam_accessdenied_discovery_events.json");
  EXPECT_EQ(AttackDataRelativePath("https://github.com/splunk/attack_data/raw/master/datasets/a/b.log?raw=true"), "datasets/a/b.log");
  EXPECT_EQ(AttackDataRelativePath("https://example.com/attack_data/master/datasets/x.json#frag"), "datasets/x.json");
}

TEST(AttackDataPath, RefusesOtherUrlsAndEscapes) {
  EXPECT_EQ(AttackDataRelativePath("https://example.com/datasets/x.json"), std::nullopt);
  EXPECT_EQ(AttackDataRelativePath("https://media.githubusercontent.com/media/splunk/attack_data/develop/datasets/x.json"), std::nullopt);
  EXPECT_EQ(AttackDataRelativePath("https://x/attack_data/master/../../etc/passwd"), std::nullopt);
  EXPECT_EQ(AttackDataRelativePath("https://x/attack_data/master/datasets/../../y"), std::nullopt);
  EXPECT_EQ(AttackDataRelativePath("https://x/attack_data/master/"), std::nullopt);
}

TEST(ContentTestSkipReason, NamesStatusTypeAndManualTest) {
  Detection d;
  d.status = "experimental";
  EXPECT_EQ(ContentTestSkipReason(d), "status experimental: contentctl tests production detections only");
  d.status = "production";
  d.type = "Correlation";
  EXPECT_EQ(ContentTestSkipReason(d), "type Correlation: contentctl does not unit-test correlation searches");
  d.type = "TTP";
  d.manual_test = "needs a baseline";
  EXPECT_EQ(ContentTestSkipReason(d), "manual_test: needs a baseline");
  d.manual_test.clear();
  EXPECT_EQ(ContentTestSkipReason(d), "");
}

TEST(DetectionTests, ManualTestTagIsLoaded) {
  Detection d = LoadDetectionFile(kFixtures / "content/detections/e_manual.yml");
  EXPECT_EQ(d.manual_test, "This search needs a baseline lookup built first.");
  auto tests = ParseContentTests(d);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].name, "True Positive Test");
  ASSERT_EQ(tests[0].attack_data.size(), 1u);
  EXPECT_EQ(tests[0].attack_data[0].sourcetype, "aws:cloudtrail");
  EXPECT_EQ(tests[0].attack_data[0].source, "aws_cloudtrail");
}

TEST(DetectionTests, InlineTestKeysAreChecked) {
  Detection d = LoadDetectionFile(kFixtures / "content/detections/a_passes.yml");
  d.trailhound_tests_yaml = "- name: x\n  events: '{}'\n  expect_rows: 1\n";
  EXPECT_THROW(
      {
        try {
          ParseInlineTests(d);
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("unknown key 'trailhound_tests[0].expect_rows'"), std::string::npos) << e.what();
          throw;
        }
      },
      Error);
  d.trailhound_tests_yaml = "- name: x\n  rows: 1\n";
  EXPECT_THROW(ParseInlineTests(d), Error);  // neither events nor events_file
}

TestRunSettings Settings(bool with_attack_data) {
  TestRunSettings s;
  s.run.settings.timezone = "UTC";
  s.run.settings.now = 1768478400;
  if (with_attack_data) s.attack_data_dir = (kFixtures / "attack_data").string();
  return s;
}

std::vector<TestOutcome> RunFixture(const std::string& file, bool with_attack_data = true) {
  Detection d = LoadDetectionFile(kFixtures / file);
  return RunDetectionTests(d, MacroTable::WithBuiltins(), Settings(with_attack_data));
}

TEST(TestRunner, DatasetReplayPasses) {
  auto out = RunFixture("content/detections/a_passes.yml");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status, TestStatus::kPass) << out[0].reason;
  EXPECT_EQ(out[0].rows, 2u);
  EXPECT_EQ(out[0].test, "True Positive Test");
  EXPECT_EQ(out[0].dataset, "datasets/attack_techniques/T1580/fixture_denied/fixture_denied.json");
}

TEST(TestRunner, ThreatObjectNeverFilledFails) {
  auto out = RunFixture("content/detections/b_threat_never_filled.yml");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status, TestStatus::kFail);
  EXPECT_EQ(out[0].rows, 2u);
  EXPECT_EQ(out[0].reason, "threat object field 'src_ip' is missing or null in all rows");
}

TEST(TestRunner, RiskObjectNullFails) {
  auto out = RunFixture("content/detections/c_risk_object_null.yml");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status, TestStatus::kFail);
  EXPECT_NE(out[0].reason.find("risk object field 'victim' is missing or null in row"), std::string::npos) << out[0].reason;
}

TEST(TestRunner, SkipReasons) {
  auto experimental = RunFixture("content/detections/d_experimental.yml");
  ASSERT_EQ(experimental.size(), 1u);
  EXPECT_EQ(experimental[0].status, TestStatus::kSkip);
  EXPECT_EQ(experimental[0].reason, "status experimental: contentctl tests production detections only");

  auto manual = RunFixture("content/detections/e_manual.yml");
  ASSERT_EQ(manual.size(), 1u);
  EXPECT_EQ(manual[0].status, TestStatus::kSkip);
  EXPECT_EQ(manual[0].reason, "manual_test: This search needs a baseline lookup built first.");

  auto missing = RunFixture("content/detections/f_missing_dataset.yml");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].status, TestStatus::kSkip);
  EXPECT_EQ(missing[0].reason, "dataset not found: " + (kFixtures / "attack_data/datasets/attack_techniques/T1580/not_here/not_here.json").string());
  EXPECT_EQ(missing[0].dataset, "datasets/attack_techniques/T1580/not_here/not_here.json");

  auto no_dir = RunFixture("content/detections/a_passes.yml", false);
  ASSERT_EQ(no_dir.size(), 1u);
  EXPECT_EQ(no_dir[0].status, TestStatus::kSkip);
  EXPECT_EQ(no_dir[0].reason, "no --attack-data DIR given");
}

TEST(TestRunner, SearchThatDoesNotPlanIsAFailure) {
  auto out = RunFixture("content/detections/g_unknown_command.yml");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status, TestStatus::kFail);
  EXPECT_NE(out[0].reason.find("the search does not run:"), std::string::npos) << out[0].reason;
  EXPECT_NE(out[0].reason.find("frobnicate"), std::string::npos) << out[0].reason;
}

TEST(TestRunner, InlineTestsPass) {
  auto out = RunFixture("inline/inline_pass.yml");
  ASSERT_EQ(out.size(), 3u);
  for (const auto& o : out) EXPECT_EQ(o.status, TestStatus::kPass) << o.test << ": " << o.reason;
  EXPECT_EQ(out[0].dataset, "events/denied.json");
  EXPECT_EQ(out[1].dataset, "inline");
  EXPECT_EQ(out[1].rows, 1u);
}

TEST(TestRunner, InlineTestsFailWithTheDifference) {
  auto out = RunFixture("inline/inline_fail.yml");
  ASSERT_EQ(out.size(), 3u);
  for (const auto& o : out) EXPECT_EQ(o.status, TestStatus::kFail) << o.test;
  EXPECT_EQ(out[0].reason, "row 1: field count: expected \"3\", got \"2\"");
  EXPECT_EQ(out[1].reason, "expected 1 rows, got 2");
  EXPECT_NE(out[2].reason.find("the test's events do not parse"), std::string::npos) << out[2].reason;
}

TEST(TestRunner, BuiltinDetectionInlineTestsPass) {
  std::vector<Detection> builtins = LoadBuiltinDetections();
  const Detection* seed = FindDetection(builtins, "3e1f1568-9633-11eb-a69c-acde48001122");
  ASSERT_NE(seed, nullptr);
  auto out = RunDetectionTests(*seed, MacroTable::WithBuiltins(), Settings(false));
  size_t inline_tests = 0;
  for (const auto& o : out) {
    if (o.dataset != "inline") continue;
    ++inline_tests;
    EXPECT_EQ(o.status, TestStatus::kPass) << o.test << ": " << o.reason;
  }
  EXPECT_EQ(inline_tests, 7u);
}

TEST(ExpectedRows, ComparesAsTextFieldByField) {
  FieldId a = FieldNames::Intern("a"), b = FieldNames::Intern("b");
  Row row;
  row.Set(a, Value::Num(5));
  row.Set(b, Value::Multi({Value::Str("x"), Value::Str("y")}));
  std::vector<FieldId> cols = {a, b};
  EXPECT_EQ(CompareExpectedRows({row}, cols, {R"({"a":"5","b":["x","y"]})"}, false), std::nullopt);
  EXPECT_EQ(CompareExpectedRows({row}, cols, {R"({"b":["x","y"],"a":5})"}, false), std::nullopt);
  EXPECT_EQ(CompareExpectedRows({row}, cols, {R"({"a":5})"}, false), "row 1: unexpected field b = [\"x\", \"y\"]");
  EXPECT_EQ(CompareExpectedRows({row}, cols, {R"({"a":5,"b":"x"})"}, false), "row 1: field b: expected \"x\", got [\"x\", \"y\"]");
  EXPECT_EQ(CompareExpectedRows({row}, cols, {R"({"a":5,"b":["x","y"],"c":1})"}, false), "row 1: field c: expected \"1\", got no value");
  EXPECT_EQ(CompareExpectedRows({}, cols, {R"({"a":1})"}, false), "expected 1 rows, got 0; the first missing is {a: \"1\"}");
  EXPECT_THROW(CompareExpectedRows({row}, cols, {"[1]"}, false), Error);
}

}  // namespace
}  // namespace trailhound
