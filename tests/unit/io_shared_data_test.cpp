// Reads every folder of the shared real CloudTrail data (if present) and checks the event counts
// that ../shared/data/cloudtrail/SOURCES.md states.
#include <gtest/gtest.h>

#include <map>

#include "io/input_reader.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

struct FolderRead {
  InputSummary summary;
  uint64_t cloudtrail_events = 0;  // events with CloudTrail's keys
  uint64_t extract_failures = 0;
};

FolderRead ReadFolder(const std::string& folder) {
  FolderRead r;
  FieldExtractor extractor(Projection::All());
  Row row;
  std::string error;
  for (const InputFile& f : ListInputFiles({folder}, r.summary)) {
    ReadInputFile(f, r.summary, [&](const RawEvent& e) {
      if (e.cloudtrail_shaped) ++r.cloudtrail_events;
      row.Clear();
      if (!extractor.Extract(e.json, row, &error)) ++r.extract_failures;
    });
  }
  return r;
}

class IoSharedData : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = io_test::SharedCloudTrailData();
    if (root_.empty()) GTEST_SKIP() << "shared CloudTrail data not present";
  }
  std::string root_;
};

TEST_F(IoSharedData, EventCountsPerSource) {
  struct Expect {
    const char* folder;
    uint64_t cloudtrail_events;  // from SOURCES.md
    FileKind kind;
    uint64_t files_of_kind;
  };
  const Expect expected[] = {
      {"pwnedlabs-breach-in-the-cloud", 638, FileKind::kRecords, 7},
      {"flaws2-defender-jamjahal", 37, FileKind::kRecords, 8},
      {"stratus-red-team-detonation-logs", 310, FileKind::kArray, 35},
      {"cloud-custodian-cwe", 24, FileKind::kEventBridge, 10},
      {"datadog-serverless-functions", 7, FileKind::kCloudWatch, 2},
      {"plaso", 6, FileKind::kLookupEvents, 1},
      {"elastic-integrations", 8, FileKind::kSingleEvent, 5},
      {"otrf-security-datasets", 103, FileKind::kJsonLines, 1},
      {"cloudgrep-tests", 2, FileKind::kRecords, 2},
      {"awsdocs-cloudtrail-user-guide", 20, FileKind::kJsonLines, 2},
      {"awsdocs-iam-user-guide", 7, FileKind::kJsonLines, 2},
  };
  for (const Expect& e : expected) {
    SCOPED_TRACE(e.folder);
    FolderRead r = ReadFolder(root_ + "/" + e.folder);
    EXPECT_EQ(r.cloudtrail_events, e.cloudtrail_events);
    EXPECT_EQ(r.summary.files_of(e.kind), e.files_of_kind);
    EXPECT_EQ(r.extract_failures, 0u);
    EXPECT_FALSE(r.summary.any_path_unreadable());
  }
}

TEST_F(IoSharedData, AllPwnedLabsEventsAreRecords) {
  FolderRead r = ReadFolder(root_ + "/pwnedlabs-breach-in-the-cloud");
  EXPECT_EQ(r.summary.events_read, 638u);
  EXPECT_EQ(r.summary.events_of(EventWrapper::kRecords), 638u);
  EXPECT_EQ(r.summary.parse_failures, 0u);
  // The original zip next to the JSON files is skipped as an unsupported archive.
  EXPECT_EQ(r.summary.skipped(SkipReason::kUnsupportedArchive), 1u);
  EXPECT_EQ(r.summary.skipped(SkipReason::kNotJson), 0u);
}

TEST_F(IoSharedData, MalformedInputsAreCountedNotFatal) {
  // cloudgrep: bad_cloudtrail.json is truncated inside its first record (0 events, 1 failure).
  FolderRead cloudgrep = ReadFolder(root_ + "/cloudgrep-tests");
  EXPECT_EQ(cloudgrep.summary.events_read, 2u);
  EXPECT_EQ(cloudgrep.summary.parse_failures, 1u);
  ASSERT_FALSE(cloudgrep.summary.first_parse_failures().empty());
  EXPECT_NE(cloudgrep.summary.first_parse_failures()[0].find("bad_cloudtrail.json:"), std::string::npos);

  // cloudtrail2sightings: SOURCES.md counts the 12 events of the three valid files. The invalid
  // ec2-user-data.json (a missing comma after its first record) still gives that first record.
  FolderRead sightings = ReadFolder(root_ + "/cloudtrail2sightings-stratus-2022");
  EXPECT_EQ(sightings.summary.events_read, 13u);
  EXPECT_EQ(sightings.summary.parse_failures, 1u);
  ASSERT_FALSE(sightings.summary.first_parse_failures().empty());
  EXPECT_NE(sightings.summary.first_parse_failures()[0].find("aws.execution.ec2-user-data.json:112:"), std::string::npos);
  EXPECT_EQ(sightings.summary.skipped(SkipReason::kUnsupportedArchive), 1u);  // cloudtrail.zip
}

TEST_F(IoSharedData, PantherAndSekoiaExtractedEvents) {
  // extracted_events.jsonl holds the events; the *_index.jsonl files are JSON but not CloudTrail.
  FolderRead panther = ReadFolder(root_ + "/panther-analysis");
  EXPECT_EQ(panther.summary.events_read, 1004u);  // 502 event lines + 502 index lines
  EXPECT_EQ(panther.summary.parse_failures, 0u);
  FolderRead sekoia = ReadFolder(root_ + "/sekoia-intake-formats");
  EXPECT_EQ(sekoia.summary.events_read, 30u);  // 15 events + 15 index lines
  EXPECT_EQ(sekoia.cloudtrail_events, 15u);
}

TEST_F(IoSharedData, WholeFolderReadsEveryFile) {
  FolderRead all = ReadFolder(root_);
  EXPECT_EQ(all.summary.files_of(FileKind::kUnreadable), 0u);
  EXPECT_EQ(all.summary.parse_failures, 2u);  // bad_cloudtrail.json, ec2-user-data.json
  EXPECT_EQ(all.extract_failures, 0u);
  // SOURCES.md says 1,689 events. 13 of panther's 500 lack both eventVersion and
  // eventName+eventSource (lower-cased keys, partial test fixtures), so are not CloudTrail-shaped
  // here; the record before the damage in ec2-user-data.json adds one: 1689 - 13 + 1.
  EXPECT_EQ(all.cloudtrail_events, 1677u);
}

}  // namespace
}  // namespace trailhound
