// `trailhound test` and `trailhound lint` end to end: tables, jsonl, exit codes, the built-in
// detection's inline tests, and lint's markdown.
#include <gtest/gtest.h>

#include <filesystem>
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
  EXPECT_TRUE(Has(r.out, R"("detection":"Lint Fixture Fine","origin":"tests/fixtures/lint/content/detections/a_fine.yml","status":"production","type":"TTP","production_raw_cloudtrail":true,"runs":true,"error":"","missing_commands":[],"missing_functions":[],"tstats":false,"datamodel":false,"unproduced_fields":[],"fields_note":"","sql_duckdb":"yes","sql_trino":"yes","sql_athena":"yes","sql_spark":"yes"})")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("missing_commands":["frobnicate","zorble"],"missing_functions":["frobulate","wobble","gronk","stats:wibble"])")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("unproduced_fields":["anotherMissing","madeUpField","made_by_eval"])")) << r.out;
  EXPECT_TRUE(Has(r.out, R"("unproduced_fields":["fieldBeforeFrobnicate"],"fields_note":"checked up to `frobnicate`","sql_duckdb":"the search does not run",)")) << r.out;
}

TEST(LintCli, MarkdownSummaryAndRows) {
  CliRun r = Trailhound(std::string("coverage --format markdown --content ") + kLintContent);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "**2 of 3 production raw-CloudTrail detections run**")) << r.out;
  EXPECT_TRUE(Has(r.out, "1 of those read an event field that nothing produces")) << r.out;
  EXPECT_TRUE(Has(r.out, "- commands: `frobnicate` 1, `zorble` 1")) << r.out;
  EXPECT_TRUE(Has(r.out, "compile with every semantics kept: duckdb 2, trino 2, athena 2, spark 2.")) << r.out;
  EXPECT_TRUE(Has(r.out, "| no | no | no | no | the search does not run |")) << r.out;
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

// A detection whose search needs the lookup `accounts`, with an inline test of the exact rows.
constexpr const char* kLookupDetection = R"(name: Fixture Lookup Team
id: 7e570000-0000-4000-8000-000000000021
version: 1
date: '2026-01-15'
author: trailhound tests
status: production
type: Anomaly
description: Fixture for test and lint with lookups.
data_source:
- AWS CloudTrail
search: '`cloudtrail` | lookup accounts user AS userIdentity.userName OUTPUT team | table eventName team'
rba:
  message: x
  risk_objects:
  - field: eventName
    type: other
    score: 1
tags:
  analytic_story:
  - Fixture Story
  security_domain: access
trailhound_tests:
- name: the team comes from the lookup
  events: |
    {"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"A","userIdentity":{"userName":"alice"}}
  expected_rows: |
    {"eventName":"A","team":"red"}
)";

TEST(TestLintCli, LookupsComeFromContentAndFromLookupsLikeHunt) {
  trailhound::cli_test::TempDir dir;
  std::string det = dir.Write("det.yml", kLookupDetection).string();
  dir.Write("content/lookups/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  dir.Write("content/lookups/accounts.csv", "user,team\nalice,red\n");
  dir.Write("content/macros/.keep", "");
  dir.Write("lk/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  dir.Write("lk/accounts.csv", "user,team\nalice,red\n");
  std::string content = (dir.path() / "content").string(), lk = (dir.path() / "lk").string();
  for (const std::string& source : {"--content '" + content + "'", "--lookups '" + lk + "'"}) {
    CliRun r = Trailhound("lint --format jsonl -r '" + det + "' " + source);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(Has(r.out, R"("runs":true,"error":"")")) << source << "\n" << r.out;
    r = Trailhound("test --format jsonl -q -r '" + det + "' " + source);
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(Has(r.out, R"("test":"the team comes from the lookup","dataset":"inline","status":"pass","rows":1,"reason":""})"))
        << source << "\n" << r.out;
  }
  // Without either, the message says what to do.
  CliRun r = Trailhound("lint --format jsonl -r '" + det + "'");
  EXPECT_TRUE(Has(r.out, "unknown lookup 'accounts': no lookup definition of that name (no lookups loaded: use --lookups DIR or --content DIR)")) << r.out;
}

TEST(TestLintCli, SharedContentLookupsAreLoaded) {
  std::string content = std::string(TRAILHOUND_SHARED_DIR) + "/security_content";
  if (!std::filesystem::is_directory(content + "/lookups")) GTEST_SKIP() << "no shared security_content";
  trailhound::cli_test::TempDir dir;
  std::string text = kLookupDetection;
  const std::string lookup = "lookup accounts user AS userIdentity.userName OUTPUT team";
  text.replace(text.find(lookup), lookup.size(), "lookup aws_service_accounts identity AS userIdentity.userName OUTPUT identity AS team");
  std::string det = dir.Write("det.yml", text.substr(0, text.find("trailhound_tests:"))).string();
  CliRun r = Trailhound("lint --format jsonl -r '" + det + "' --content '" + content + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, R"("runs":true,"error":"")")) << r.out;
}

TEST(TestCli, GitLfsPointerDatasetIsSkippedWithTheReason) {
  trailhound::cli_test::TempDir dir;
  std::string det = dir.Write("content/detections/a.yml", trailhound::cli_test::Slurp(std::string(TRAILHOUND_SOURCE_DIR) + "/" + kTestFixtures +
                                                                                    "/content/detections/a_passes.yml"))
                        .string();
  dir.Write("attack_data/datasets/attack_techniques/T1580/fixture_denied/fixture_denied.json",
            "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
  CliRun r = Trailhound("test --format jsonl -q -r '" + det + "' --macros " + kTestFixtures + "/content/macros --attack-data '" +
                        (dir.path() / "attack_data").string() + "'");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(r.out, R"x({"detection":"Fixture Denied Passes","test":"True Positive Test","dataset":"datasets/attack_techniques/T1580/fixture_denied/fixture_denied.json","status":"skipped","rows":null,"reason":"dataset is a Git LFS pointer (run git lfs pull)"})x"))
      << r.out;
}

TEST(TestCli, InlineEventsThatDoNotParseNameTheDetectionAndTest) {
  trailhound::cli_test::TempDir dir;
  std::string text = kLookupDetection;
  text.replace(text.find("    {\"eventVersion\""), 0, "    {\"eventVersion\":\"1.08\",\"eventName\":\"ok\"}\n    {not json\n");
  std::string det = dir.Write("det.yml", text).string();
  dir.Write("lk/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  dir.Write("lk/accounts.csv", "user,team\nalice,red\n");
  CliRun r = Trailhound("test --format jsonl -q -r '" + det + "' --lookups '" + (dir.path() / "lk").string() + "'");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_TRUE(Has(r.out, "\"reason\":\"the test's events do not parse: " + det + ": inline test 'the team comes from the lookup', events line 2: "))
      << r.out;
  EXPECT_FALSE(Has(r.out, "trailhound_test_events_")) << r.out;
}

}  // namespace
