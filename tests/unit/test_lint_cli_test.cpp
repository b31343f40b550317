// `trailhound test` and `trailhound lint` end to end: tables, jsonl, exit codes, the built-in
// detection's inline tests, and lint's markdown.
#include <gtest/gtest.h>

#include <string>

#include "cli_test_util.hpp"

namespace {

using trailhound::cli_test::CliRun;
using trailhound::cli_test::Trailhound;

constexpr const char* kTestFixtures = "tests/fixtures/test_command";
constexpr const char* kLintContent = "tests/fixtures/lint/content";

bool Has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST(TestCli, BuiltinDetectionsInlineTestsPass) {
  CliRun r = Trailhound("test");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(r.out, "AWS IAM AccessDenied Discovery Events")) << r.out;
  EXPECT_TRUE(Has(r.out, "five denials split across two clock hours do not fire")) << r.out;
  EXPECT_TRUE(Has(r.out, "7 passed, 0 failed, 1 skipped (1 detections)")) << r.out;
  // The security_content test of the built-in copy needs a dataset.
  EXPECT_TRUE(Has(r.out, "no --attack-data DIR given")) << r.out;
}

TEST(TestCli, ContentWithAttackDataReportsEveryOutcome) {
  CliRun r = Trailhound(std::string("test --format jsonl --content ") + kTestFixtures + "/content --attack-data " + kTestFixtures + "/attack_data");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, R"({"detection":"Fixture Denied Passes","test":"True Positive Test","dataset":"datasets/attack_techniques/T1580/fixture_denied/fixture_denied.json","status":"pass","rows":2,"reason":""})")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("detection":"Fixture Threat Never Filled","test":"True Positive Test","dataset":"datasets/attack_techniques/T1580/fixture_denied/fixture_denied.json","status":"fail","rows":2,"reason":"threat object field 'src_ip' is missing or null in all rows"})")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("status":"skipped","rows":null,"reason":"status experimental: contentctl tests production detections only"})")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("reason":"manual_test: This search needs a baseline lookup built first."})")) << r.out;
  EXPECT_TRUE(Has(r.out, "\"reason\":\"dataset not found: tests/fixtures/test_command/attack_data/datasets/attack_techniques/T1580/not_here/not_here.json\"")) << r.out;
  // A file that does not load, and a search that does not plan, are failure rows, not a crash.
  EXPECT_TRUE(Has(r.out, R"({"detection":"tests/fixtures/test_command/content/detections/h_broken.yml","test":"-","dataset":"-","status":"fail")")) << r.out;
  EXPECT_TRUE(Has(r.out, R"({"detection":"Fixture Unknown Command","test":"-","dataset":"-","status":"fail","rows":null,"reason":"the search does not run: )")) << r.out;
  EXPECT_TRUE(Has(r.err, "1 passed, 4 failed, 3 skipped (8 detections)")) << r.err;
}

TEST(TestCli, AllPassingExitsZeroAndTableHasSummary) {
  CliRun r = Trailhound(std::string("test -r ") + kTestFixtures + "/content/detections/a_passes.yml -r " + kTestFixtures +
                        "/inline/inline_pass.yml --attack-data " + kTestFixtures + "/attack_data");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(r.out, "detection")) << r.out;
  EXPECT_TRUE(Has(r.out, "reason")) << r.out;
  EXPECT_TRUE(Has(r.out, "counts per user from a file")) << r.out;
  EXPECT_TRUE(Has(r.out, "4 passed, 0 failed, 0 skipped (2 detections)")) << r.out;
}

TEST(TestCli, FailingInlineTestExitsOne) {
  CliRun r = Trailhound(std::string("test --format jsonl -r ") + kTestFixtures + "/inline/inline_fail.yml");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, R"("test":"wrong count","dataset":"events/denied.json","status":"fail","rows":2,"reason":"row 1: field count: expected \"3\", got \"2\""})")) << r.out;
}

TEST(TestCli, BadOptionsAreUsageErrors) {
  EXPECT_EQ(Trailhound("test --format csv").code, 2);
  CliRun r = Trailhound("test --attack-data /nonexistent/attack_data");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "--attack-data: no such directory")) << r.err;
}

TEST(LintCli, JsonlListsWhatEachDetectionLacks) {
  CliRun r = Trailhound(std::string("lint --format jsonl --content ") + kLintContent);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, R"("detection":"Lint Fixture Fine","origin":"tests/fixtures/lint/content/detections/a_fine.yml","status":"production","type":"TTP","production_raw_cloudtrail":true,"runs":true,"error":"","missing_commands":[],"missing_functions":[],"tstats":false,"datamodel":false,"unproduced_fields":[],"fields_note":""})")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("missing_commands":["frobnicate","zorble"],"missing_functions":["frobulate","wobble","gronk","stats:wibble"])")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("unproduced_fields":["anotherMissing","madeUpField","made_by_eval"])")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("unproduced_fields":["fieldBeforeFrobnicate"],"fields_note":"checked up to `frobnicate`"})")) << r.out;
}

TEST(LintCli, MarkdownSummaryAndRows) {
  CliRun r = Trailhound(std::string("coverage --format markdown --content ") + kLintContent);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "**2 of 3 production raw-CloudTrail detections run**")) << r.out;
  EXPECT_TRUE(Has(r.out, "1 of those read an event field that nothing produces")) << r.out;
  EXPECT_TRUE(Has(r.out, "- commands: `frobnicate` 1, `zorble` 1")) << r.out;
  EXPECT_TRUE(Has(r.out, "| Lint Fixture Tstats | experimental | TTP | no | no: ")) << r.out;
  EXPECT_TRUE(Has(r.out, "| Lint Fixture Fine | production | TTP | yes | yes |  |  |  |  |")) << r.out;
}

TEST(LintCli, BuiltinsWithoutContentSkipTheFieldCheck) {
  CliRun r = Trailhound("lint --format jsonl");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, R"("detection":"AWS IAM AccessDenied Discovery Events")")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("runs":true)")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("unproduced_fields":null)")) << r.out;
  EXPECT_EQ(Trailhound("lint --format csv").code, 2);
}

}  // namespace
