// The scan options of the CLI: -j/--threads, --no-prefilter, --no-progress, and no progress
// line when stderr is not a terminal.
#include <gtest/gtest.h>

#include <string>

#include "cli_test_util.hpp"

namespace {

using trailhound::cli_test::CliRun;
using trailhound::cli_test::Trailhound;

TEST(CliScanOptions, NoProgressLineWhenStderrIsNotATerminal) {
  // The test harness sends stderr to a file: whatever the run does, no "\r" and no escape.
  for (const char* args : {"search --format jsonl '`cloudtrail` | stats count' samples/AWSLogs",
                           "hunt --format jsonl samples/AWSLogs", "hunt --format jsonl -j 2 samples/AWSLogs"}) {
    CliRun r = Trailhound(args);
    ASSERT_EQ(r.code, 0) << args << "\n" << r.err;
    EXPECT_EQ(r.err.find('\r'), std::string::npos) << args << "\n" << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << args << "\n" << r.err;
    // All 112 events are accounted for: read, or (hunt) ruled out by the seed's prefilter.
    const bool hunt = std::string(args).rfind("hunt", 0) == 0;
    EXPECT_NE(r.err.find(hunt ? "30 events read, 82 events ruled out unparsed by the prefilter" : "112 events read"),
              std::string::npos)
        << args << "\n" << r.err;
  }
}

TEST(CliScanOptions, QuietSilencesStderr) {
  CliRun r = Trailhound("search -q --format jsonl '`cloudtrail` | stats count' samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"count\":112}\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliScanOptions, ThreadsAndPrefilterNeverChangeTheRows) {
  std::string q = " --format jsonl '`cloudtrail` errorCode=AccessDenied | stats count by userIdentity.type' samples/AWSLogs";
  std::string expected = "{\"userIdentity.type\":\"AssumedRole\",\"count\":8}\n{\"userIdentity.type\":\"IAMUser\",\"count\":22}\n";
  for (const char* options : {"", "-j 1", "-j 0", "--threads 3", "--no-prefilter", "-j 2 --no-prefilter --no-progress"}) {
    CliRun r = Trailhound(std::string("search ") + options + q);
    ASSERT_EQ(r.code, 0) << options << "\n" << r.err;
    EXPECT_EQ(r.out, expected) << options;
  }
  CliRun hunt = Trailhound("hunt --format jsonl -j 2 --no-prefilter --no-progress samples/AWSLogs");
  ASSERT_EQ(hunt.code, 0) << hunt.err;
  EXPECT_NE(hunt.out.find("\"failures\":10"), std::string::npos) << hunt.out;
}

TEST(CliScanOptions, BadThreadCountsAreUsageErrors) {
  std::string q = " '`cloudtrail` | stats count' samples/AWSLogs";
  EXPECT_EQ(Trailhound("search -j -1" + q).code, 2);
  EXPECT_EQ(Trailhound("search --threads=-3" + q).code, 2);
  EXPECT_EQ(Trailhound("search -j many" + q).code, 2);
  EXPECT_EQ(Trailhound("search -j 1.5" + q).code, 2);
  EXPECT_EQ(Trailhound("hunt -j" + std::string(" samples/AWSLogs")).code, 2);
}

TEST(CliScanOptions, TestTakesThreadsAndNoPrefilterButNoProgressFlag) {
  CliRun r = Trailhound("test --format jsonl -j 2 --no-prefilter -r tests/detections/aws_createaccesskey.yml");
  EXPECT_NE(r.code, 2) << r.err;
  EXPECT_EQ(Trailhound("test --no-progress -r tests/detections/aws_createaccesskey.yml").code, 2);
}

}  // namespace

namespace {

using trailhound::cli_test::CliRun;
using trailhound::cli_test::Trailhound;

TEST(CliScanOptions, ResultsThatCannotBeWrittenFailWithExitCode5) {
  for (const char* args : {"search --format jsonl '`cloudtrail` | table eventName' samples/AWSLogs >/dev/full",
                           "hunt --format jsonl samples/AWSLogs >/dev/full"}) {
    CliRun r = Trailhound(args);
    EXPECT_EQ(r.code, 5) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("cannot write the results to standard output"), std::string::npos) << args << "\n" << r.err;
  }
}

TEST(CliScanOptions, FilesLeftUnreadAfterHeadAreCounted) {
  // Three files, in order: a digest (skipped), two Records; head 3 is complete within the first.
  CliRun r = Trailhound("search --format jsonl -j 1 '`cloudtrail` | head 3 | table eventName' samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("1 file not read (every query was complete before them)"), std::string::npos) << r.err;
}

}  // namespace
