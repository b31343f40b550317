// End-to-end tests of the trailhound binary: exit codes, messages, formats and options, run the
// way a user runs them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "cli_test_util.hpp"

namespace {

namespace fs = std::filesystem;
using trailhound::cli_test::CliRun;
using trailhound::cli_test::TempDir;
using trailhound::cli_test::Trailhound;

size_t CountLines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, BuiltinHuntOnSamplesFindsTheStolenKey) {
  CliRun r = Trailhound("hunt --format jsonl samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out), 1u);
  EXPECT_NE(r.out.find("\"src_ip\":\"198.51.100.77\""), std::string::npos);
  EXPECT_NE(r.out.find("\"failures\":10"), std::string::npos);
  EXPECT_NE(r.out.find("\"risk_object\":\"arn:aws:iam::111122223333:user/contractor-jane\""), std::string::npos);
  EXPECT_NE(r.out.find("api calls- 10, within an hour"), std::string::npos);
  // Every file is accounted for on stderr: two Records files, one digest skipped.
  EXPECT_NE(r.err.find("3 files"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("digest"), std::string::npos) << r.err;
  // All 112 events are accounted for: 30 contain "accessdenied" and were parsed, the rest could
  // not match and were not.
  EXPECT_NE(r.err.find("30 events read, 82 events ruled out unparsed by the prefilter"), std::string::npos) << r.err;
  CliRun all = Trailhound("hunt --format jsonl --no-prefilter samples/AWSLogs");
  EXPECT_EQ(all.out, r.out);
  EXPECT_NE(all.err.find("112 events read"), std::string::npos) << all.err;
  EXPECT_EQ(all.err.find("ruled out"), std::string::npos) << all.err;
}

TEST(Cli, UserFilterMacroTunesWithoutEditingTheDetection) {
  TempDir dir;
  dir.Write("macros/aws_iam_accessdenied_discovery_events_filter.yml",
            "name: aws_iam_accessdenied_discovery_events_filter\ndefinition: search src_ip!=198.51.100.77\n");
  CliRun r = Trailhound("hunt --format jsonl --macros '" + (dir.path() / "macros").string() + "' samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, ProfileNoneRemovesTheAddOnFields) {
  CliRun r = Trailhound("hunt --format jsonl --profile none samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // no user_type, no src_ip without the add-on's derivation
}

TEST(Cli, PropsDirectoryReplacesTheBuiltInProfile) {
  // A small add-on in props.conf syntax with the rules the seed detection needs.
  CliRun r = Trailhound("hunt --format jsonl --props tests/fixtures/profile/mini_ta samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out), 1u);
  EXPECT_NE(r.out.find("\"failures\":10"), std::string::npos) << r.out;
  EXPECT_EQ(Trailhound("hunt --props /nonexistent/ta samples/AWSLogs").code, 2);
  EXPECT_EQ(Trailhound("hunt --profile /nonexistent/p.yml samples/AWSLogs").code, 2);
}

TEST(Cli, ForcedSourcetypeIsWhatTheMacroSees) {
  CliRun r = Trailhound("search --format jsonl --sourcetype aws:other '`cloudtrail` | stats count' samples/AWSLogs");
  EXPECT_EQ(r.out, "{\"count\":0}\n");
  CliRun all = Trailhound("search --format jsonl --sourcetype aws:other 'sourcetype=AWS:OTHER | stats count' samples/AWSLogs");
  EXPECT_EQ(all.out, "{\"count\":112}\n");  // values match case-insensitively
}

TEST(Cli, SearchFormatsAgreeOnTheSameRows) {
  std::string q = "'`cloudtrail` errorCode=AccessDenied | stats count by userIdentity.type'";
  CliRun jsonl = Trailhound("search --format jsonl " + q + " samples/AWSLogs");
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out, "{\"userIdentity.type\":\"AssumedRole\",\"count\":8}\n{\"userIdentity.type\":\"IAMUser\",\"count\":22}\n");
  CliRun csv = Trailhound("search --format csv " + q + " samples/AWSLogs");
  EXPECT_EQ(csv.out, "userIdentity.type,count\nAssumedRole,8\nIAMUser,22\n");
  CliRun json = Trailhound("search --format json " + q + " samples/AWSLogs");
  EXPECT_EQ(json.out, "[\n{\"userIdentity.type\":\"AssumedRole\",\"count\":8},\n{\"userIdentity.type\":\"IAMUser\",\"count\":22}\n]\n");
}

TEST(Cli, TimezoneChangesConvertCtimeOnly) {
  std::string q = "'`cloudtrail` userIdentity.userName=contractor-jane | stats min(_time) as t | eval raw=t | `security_content_ctime(t)`'";
  CliRun utc = Trailhound("search --format jsonl " + q + " samples/AWSLogs");
  CliRun paris = Trailhound("search --format jsonl --tz Europe/Paris " + q + " samples/AWSLogs");
  EXPECT_EQ(utc.out, "{\"t\":\"2026-01-15T10:22:05\",\"raw\":1768472525}\n");
  EXPECT_EQ(paris.out, "{\"t\":\"2026-01-15T11:22:05\",\"raw\":1768472525}\n");
}

TEST(Cli, BadSplIsExitThreeWithACaret) {
  CliRun r = Trailhound("search 'errorCode=AccessDenied | frobnicate x' samples/AWSLogs");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("unknown or unsupported command 'frobnicate'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n  errorCode=AccessDenied | frobnicate x\n                           ^"), std::string::npos) << r.err;
}

TEST(Cli, UndefinedMacroNamesItAndHowToSupplyIt) {
  CliRun r = Trailhound("search '`my_index` | stats count' samples/AWSLogs");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("my_index"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--macros"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrorsAreExitTwo) {
  EXPECT_EQ(Trailhound("").code, 2);
  EXPECT_EQ(Trailhound("search 'x=1'").code, 2);  // no input path
  EXPECT_EQ(Trailhound("search --format yaml 'x=1' samples").code, 2);
  EXPECT_EQ(Trailhound("search --tz Mars/Olympus 'x=1' samples").code, 2);
  EXPECT_EQ(Trailhound("search --tz '' 'x=1' samples").code, 2);
}

TEST(Cli, MissingPathIsExitFourButTheRestIsRead) {
  CliRun r = Trailhound("search --format jsonl '`cloudtrail` | stats count' /nonexistent/trail samples/AWSLogs");
  EXPECT_EQ(r.code, 4);
  EXPECT_EQ(r.out, "{\"count\":112}\n");
  EXPECT_NE(r.err.find("/nonexistent/trail"), std::string::npos) << r.err;
}

TEST(Cli, ABadLineIsCountedAndNeverStopsTheRun) {
  TempDir dir;
  fs::path f = dir.Write("events.jsonl",
                         "{\"eventVersion\":\"1.08\",\"eventName\":\"A\",\"eventSource\":\"s3.amazonaws.com\"}\n"
                         "{\"eventVersion\":\"1.08\",\"eventName\":\"B\",\n"
                         "{\"eventVersion\":\"1.08\",\"eventName\":\"C\",\"eventSource\":\"s3.amazonaws.com\"}\n");
  CliRun r = Trailhound("search --format jsonl '`cloudtrail` | stats count values(eventName) as names' '" + f.string() + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"count\":2,\"names\":[\"A\",\"C\"]}\n");
  EXPECT_NE(r.err.find(f.string() + ":2"), std::string::npos) << r.err;
}

TEST(Cli, StdinIsAnInput) {
  std::string cmd = "search --format jsonl '`cloudtrail` | stats count' - < samples/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/15/"
                    "111122223333_CloudTrail_us-east-1_20260115T1000Z_sample.json.gz";
  CliRun r = Trailhound(cmd);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 9), "{\"count\":");
  EXPECT_NE(r.out, "{\"count\":0}\n");
}

TEST(Cli, SharedSecurityContentSeedRunsUnmodified) {
  fs::path shared = TRAILHOUND_SHARED_DIR;
  if (!fs::exists(shared / "security_content")) GTEST_SKIP() << "no shared security_content";
  CliRun r = Trailhound("hunt --format jsonl -r '" + (shared / "security_content/detections/aws_iam_accessdenied_discovery_events.yml").string() +
                     "' --macros '" + (shared / "security_content/macros").string() + "' samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out), 1u);
  EXPECT_NE(r.out.find("\"failures\":10"), std::string::npos);
}

TEST(Cli, ExplainShowsTheProjection) {
  CliRun r = Trailhound("hunt --explain --format jsonl samples/AWSLogs");
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("event fields read:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("userIdentity.arn"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("extracted from events:"), std::string::npos) << r.err;
}

}  // namespace

namespace {

TEST(Cli, NowTakesEpochIsoOrADateAndRejectsOtherText) {
  const std::string query = "'* | head 1 | eval n=now(), d=relative_time(now(), \"-1d@d\") | table n d'";
  CliRun epoch = Trailhound("search -q --now 1714557600 " + query + " samples/AWSLogs");
  CliRun iso = Trailhound("search -q --now 2024-05-01T10:00:00Z " + query + " samples/AWSLogs");
  CliRun date = Trailhound("search -q --now 2024-05-01 " + query + " samples/AWSLogs");
  EXPECT_EQ(epoch.out, "{\"n\":1714557600,\"d\":1714435200}\n") << epoch.err;
  EXPECT_EQ(iso.out, epoch.out);
  EXPECT_EQ(date.out, "{\"n\":1714521600,\"d\":1714435200}\n") << date.err;
  CliRun bad = Trailhound("search -q --now yesterday " + query + " samples/AWSLogs");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--now takes epoch seconds"), std::string::npos) << bad.err;
}

}  // namespace
