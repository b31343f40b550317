// End-to-end tests of `trailhound hunt` loading detections and macros: bad files among good ones,
// duplicate detections, missing paths and the undefined-macro hints, run the way a user runs them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "cli_test_util.hpp"

namespace {

namespace fs = std::filesystem;
using trailhound::cli_test::CliRun;
using trailhound::cli_test::Slurp;
using trailhound::cli_test::TempDir;
using trailhound::cli_test::Trailhound;

size_t CountOccurrences(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++count;
  return count;
}

constexpr const char* kFixtures = "tests/fixtures/detect";
const std::string kDeniedName = "\"detection\":\"Fixture Denied Calls By User\"";
const std::string kSourceName = "\"detection\":\"Fixture Calls By Event Source\"";

TEST(DetectCli, BadRuleFilesAreReportedAndTheOthersRun) {
  CliRun r = Trailhound(std::string("hunt -q --format jsonl -r ") + kFixtures + "/mixed_rules samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  // Both good detections ran, the one after the bad files included.
  EXPECT_NE(r.out.find(kDeniedName), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kSourceName), std::string::npos) << r.out;
  // Every bad file is named, with what is wrong.
  EXPECT_NE(r.err.find("mixed_rules/b_missing_id.yml: missing required key 'id'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed_rules/c_bad_yaml.yml: invalid YAML"), std::string::npos) << r.err;
}

TEST(DetectCli, OnlyBadRuleFilesIsAQueryErrorNotAUsageError) {
  CliRun r = Trailhound(std::string("hunt -q --format jsonl -r ") + kFixtures + "/bad samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  for (const char* file : {"bad_rba_type.yml", "macro_without_definition.yml", "missing_search.yml"}) {
    EXPECT_NE(r.err.find(file), std::string::npos) << file << "\n" << r.err;
  }
}

TEST(DetectCli, BadContentFilesAreReportedAndTheOthersRun) {
  CliRun r = Trailhound(std::string("hunt -q --format jsonl --content ") + kFixtures + "/mixed_content samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.out.find(kDeniedName), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("detections/b_missing_id.yml"), std::string::npos) << r.err;
  // A bad macro file no longer stops the hunt: the detection that calls its macro fails alone,
  // and the message does not suggest --content, which was given.
  EXPECT_NE(r.err.find("macros/fixture_broken_macro.yml: missing key 'definition'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown macro `fixture_broken_macro`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the --content checkout does not define it"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("or with --content DIR"), std::string::npos) << r.err;
}

TEST(DetectCli, DuplicateDetectionsRunOnce) {
  std::string file = std::string(kFixtures) + "/mixed_rules/a_denied_by_user.yml";
  CliRun once = Trailhound("hunt -q --format jsonl -r " + file + " samples/AWSLogs");
  ASSERT_EQ(once.code, 0) << once.err;
  size_t rows = CountOccurrences(once.out, kDeniedName);
  ASSERT_GT(rows, 0u);

  CliRun twice = Trailhound("hunt -q --format jsonl -r " + file + " -r " + file + " samples/AWSLogs");
  EXPECT_EQ(twice.code, 0) << twice.err;
  EXPECT_EQ(CountOccurrences(twice.out, kDeniedName), rows);
  EXPECT_NE(twice.err.find("7d1e0000-0000-4000-8000-0000000000a1"), std::string::npos) << twice.err;
  EXPECT_NE(twice.err.find("loaded twice"), std::string::npos) << twice.err;

  // A directory and a file in it, with the file changed: the later source wins.
  TempDir dir;
  std::string renamed = Slurp(fs::path(TRAILHOUND_SOURCE_DIR) / file);
  renamed.replace(renamed.find("Fixture Denied Calls By User"), 28, "Fixture Denied Override Copy");
  fs::path override_file = dir.Write("override.yml", renamed);
  CliRun layered = Trailhound("hunt -q --format jsonl -r " + std::string(kFixtures) + "/mixed_rules -r '" +
                              override_file.string() + "' samples/AWSLogs");
  EXPECT_EQ(layered.code, 3) << layered.err;  // the bad files of mixed_rules
  EXPECT_EQ(CountOccurrences(layered.out, kDeniedName), 0u) << layered.out;
  EXPECT_EQ(CountOccurrences(layered.out, "\"detection\":\"Fixture Denied Override Copy\""), rows) << layered.out;
  EXPECT_NE(layered.out.find(kSourceName), std::string::npos) << layered.out;
  EXPECT_NE(layered.err.find("running the one from " + override_file.string()), std::string::npos) << layered.err;
}

TEST(DetectCli, MissingRulesOrContentPathIsAUsageError) {
  CliRun rules = Trailhound("hunt -r /nonexistent/rules.yml samples/AWSLogs");
  EXPECT_EQ(rules.code, 2) << rules.err;
  EXPECT_NE(rules.err.find("/nonexistent/rules.yml"), std::string::npos) << rules.err;
  CliRun content = Trailhound("hunt --content /nonexistent/security_content samples/AWSLogs");
  EXPECT_EQ(content.code, 2) << content.err;
  EXPECT_NE(content.err.find("/nonexistent/security_content"), std::string::npos) << content.err;
  // A folder that is not a security_content checkout.
  CliRun not_content = Trailhound(std::string("hunt --content ") + kFixtures + "/rba samples/AWSLogs");
  EXPECT_EQ(not_content.code, 2) << not_content.err;
  // A good -r after a missing one does not hide the usage error.
  CliRun mixed = Trailhound(std::string("hunt -r ") + kFixtures + "/rba -r /nonexistent/x.yml samples/AWSLogs");
  EXPECT_EQ(mixed.code, 2) << mixed.err;
}

TEST(DetectCli, UndefinedCimMacroSaysWhereItComesFrom) {
  TempDir dir;
  dir.Write("macros/cloudtrail.yml", "name: cloudtrail\ndefinition: sourcetype=aws:cloudtrail\n");
  dir.Write("detections/dm.yml",
            "name: Fixture Data Model Search\nid: 7d1e0000-0000-4000-8000-0000000000b1\ntype: Hunting\n"
            "data_source:\n- AWS CloudTrail\n"
            "search: '| tstats count from datamodel=Change by All_Changes.user | `drop_dm_object_name(\"All_Changes\")`'\n");
  dir.Write("detections/ok.yml",
            "name: Fixture Plain Search\nid: 7d1e0000-0000-4000-8000-0000000000b2\ntype: Hunting\n"
            "search: '`cloudtrail` | stats count by eventSource'\n");
  CliRun r = Trailhound("hunt -q --format jsonl --content '" + dir.path().string() + "' samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.out.find("\"detection\":\"Fixture Plain Search\""), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("unknown macro `drop_dm_object_name(1)`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Splunk_SA_CIM"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tstats"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("--content DIR"), std::string::npos) << r.err;
}

}  // namespace

namespace {

// A detection whose rex hits PCRE2's match limit on one event (catastrophic backtracking).
constexpr const char* kBacktrackingDetection = R"yaml(name: Fixture Backtracking Rex
id: 00000000-0000-4000-8000-00000000beef
version: 1
status: production
type: Hunting
description: A rex that backtracks catastrophically on one userAgent.
search: '`cloudtrail` | rex field=userAgent "(?<a>^(a|a?)+$)" | stats count by a'
)yaml";

}  // namespace

TEST(DetectCli, ADetectionThatFailsOnAnEventStopsAloneAndTheOthersStillReport) {
  TempDir dir;
  dir.Write("rules/backtrack.yml", kBacktrackingDetection);
  std::string evil(40, 'a');
  evil += "!";
  std::string events = std::string(R"({"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","userAgent":")") +
                       evil + "\"}\n";
  fs::path input = dir.Write("events.json", events);
  CliRun r = Trailhound("hunt -q --format jsonl -r '" + (dir.path() / "rules").string() + "' -r " + kFixtures +
                        "/mixed_rules/a_denied_by_user.yml '" + input.string() + "' samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("detection 'Fixture Backtracking Rex'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("events.json:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("match limit"), std::string::npos) << r.err;
  EXPECT_EQ(CountOccurrences(r.out, "Fixture Backtracking Rex"), 0u) << r.out;
  EXPECT_GT(CountOccurrences(r.out, kDeniedName), 0u) << r.out;
}

TEST(DetectCli, ASearchThatFailsOnAnEventPrintsNoRows) {
  TempDir dir;
  std::string events = std::string(R"({"eventVersion":"1.08","eventName":"A","userAgent":")") + std::string(40, 'a') + "!\"}\n";
  fs::path input = dir.Write("events.json", events);
  CliRun r = Trailhound("search -q '* | rex field=userAgent \"(?<a>^(a|a?)+$)\" | table a' '" + input.string() + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("the search stopped: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("events.json:1:"), std::string::npos) << r.err;
}
