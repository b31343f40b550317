// gzip input: recognised by magic bytes, multi-member, damaged, and the P1 / P11 cases.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "io/gzip.hpp"
#include "io/input_reader.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

using io_test::FieldOf;
using io_test::Gzip;
using io_test::IoFixture;
using io_test::ReadFileBytes;
using io_test::ReadOne;
using io_test::TempDir;

std::string EventLine(int i) {
  return "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\",\"eventID\":\"g-" +
         std::to_string(i) + "\"}\n";
}

TEST(IoGzip, DetectedByMagicBytesNotByName) {
  TempDir dir;
  std::string path = dir.Write("events.txt", Gzip(ReadFileBytes(IoFixture("records_pretty.json"))));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(FieldOf(events[2].json, "eventID"), "evt-3");
  EXPECT_EQ(events[2].line, 59u);
  EXPECT_EQ(summary.files_of(FileKind::kRecords), 1u);
}

TEST(IoGzip, PlainFileNamedGzIsReadAsPlain) {
  TempDir dir;
  std::string path = dir.Write("events.json.gz", ReadFileBytes(IoFixture("lines.jsonl")));
  InputSummary summary;
  EXPECT_EQ(ReadOne(path, summary).size(), 3u);
  EXPECT_EQ(summary.parse_failures, 0u);
}

TEST(IoGzip, MultiMember) {
  TempDir dir;
  std::string path = dir.Write("multi.gz", Gzip(EventLine(1) + EventLine(2)) + Gzip(EventLine(3)) + std::string(8, '\0'));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(FieldOf(events[2].json, "eventID"), "g-3");
  EXPECT_EQ(events[2].line, 3u);
  EXPECT_EQ(summary.parse_failures, 0u);
}

TEST(IoGzip, GunzipWholeAndStreamAgree) {
  std::string plain;
  for (int i = 0; i < 5000; ++i) plain += EventLine(i);
  std::string gz = Gzip(plain.substr(0, 1000)) + Gzip(plain.substr(1000));
  PaddedBuffer whole;
  std::string error;
  ASSERT_TRUE(GunzipWhole(gz, whole, &error)) << error;
  EXPECT_EQ(whole.view(), plain);

  GzipStreamSource stream(std::make_unique<MemorySource>(gz));
  std::string streamed;
  char chunk[4096];
  while (size_t n = stream.Read(chunk, sizeof chunk)) streamed.append(chunk, n);
  EXPECT_EQ(stream.failure(), ByteSource::Failure::kNone);
  EXPECT_EQ(streamed, plain);
}

TEST(IoGzip, TruncatedGzipKeepsTheLinesBeforeTheDamage) {
  std::string plain;
  for (int i = 0; i < 2000; ++i) plain += EventLine(i);
  std::string gz = Gzip(plain);
  TempDir dir;
  std::string path = dir.Write("cut.json.gz", gz.substr(0, gz.size() / 2));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_GT(events.size(), 100u);
  EXPECT_LT(events.size(), 2000u);
  EXPECT_EQ(FieldOf(events[0].json, "eventID"), "g-0");
  // The damage is counted once, as a damaged gzip (the cut line is part of it, not parsed).
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
  ASSERT_EQ(summary.skip_examples(SkipReason::kDamagedGzip).size(), 1u);
  EXPECT_EQ(summary.skip_examples(SkipReason::kDamagedGzip)[0],
            path + ": damaged gzip (truncated at byte " + std::to_string(gz.size() / 2) + ")");
  EXPECT_FALSE(summary.any_path_unreadable());
}

TEST(IoGzip, StandardInputIsStreamedThroughZlib) {
  // "-" has no known size, so a gzip on stdin takes the streaming path (as very large files do).
  std::string plain;
  for (int i = 0; i < 3000; ++i) plain += EventLine(i);
  TempDir dir;
  std::string path = dir.Write("stdin.gz", Gzip(plain.substr(0, 5000)) + Gzip(plain.substr(5000)));
  ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  InputSummary summary;
  auto events = ReadOne("-", summary);
  ASSERT_EQ(events.size(), 3000u);
  EXPECT_EQ(events[2999].source, "-");
  EXPECT_EQ(events[2999].line, 3000u);
  EXPECT_EQ(FieldOf(events[2999].json, "eventID"), "g-2999");
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(summary.bytes_read, plain.size());
}

TEST(IoGzip, P1DigestNextToEventFile) {
  TempDir dir;
  const std::string digest =
      "{\"awsAccountId\":\"123456789012\",\"digestStartTime\":\"2026-01-15T10:00:00Z\",\"digestEndTime\":\"2026-01-15T11:"
      "00:00Z\",\"digestS3Bucket\":\"ct-bucket\",\"digestS3Object\":\"AWSLogs/.../x.json.gz\",\"newestEventTime\":\"2026-"
      "01-15T10:59:10Z\",\"oldestEventTime\":\"2026-01-15T10:00:03Z\",\"logFiles\":[]}";
  dir.Write("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/01/15/"
            "123456789012_CloudTrail-Digest_us-east-1_trail1_us-east-1_20260115T110000Z.json.gz",
            Gzip(digest));
  std::string records = "{\"Records\":[";
  for (int i = 0; i < 5; ++i) records += (i ? "," : "") + EventLine(i).substr(0, EventLine(i).size() - 1);
  records += "]}";
  dir.Write("AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/15/123456789012_CloudTrail_us-east-1_20260115T1005Z_abc.json.gz",
            Gzip(records));
  // The same digest content under a name without the path segment: recognised by its shape.
  dir.Write("elsewhere/digest.json.gz", Gzip(digest));

  InputSummary summary;
  auto events = io_test::ReadAll({dir.path().string()}, summary);
  EXPECT_EQ(events.size(), 5u);
  EXPECT_EQ(summary.files_of(FileKind::kRecords), 1u);
  EXPECT_EQ(summary.files_of(FileKind::kDigest), 2u);
  EXPECT_EQ(summary.skipped(SkipReason::kDigest), 2u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_FALSE(summary.any_path_unreadable());
  std::ostringstream out;
  summary.Print(out);
  EXPECT_EQ(out.str(), "trailhound: 3 files (1 records, 2 digest skipped), 5 events read\n");
}

TEST(IoGzip, P11CloudWatchDataAndControlMessages) {
  const std::string event =
      "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-01-15T10:05:00Z\",\"eventSource\":\"iam.amazonaws.com\","
      "\"eventName\":\"ListUsers\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/alice\"}}";
  std::string escaped;
  for (char c : event) {
    if (c == '"') escaped += '\\';
    escaped += c;
  }
  const std::string data =
      "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"aws-cloudtrail-logs-123456789012\","
      "\"logStream\":\"123456789012_CloudTrail_us-east-1\",\"subscriptionFilters\":[\"all\"],\"logEvents\":[{\"id\":\"1\","
      "\"timestamp\":1768471500000,\"message\":\"" + escaped + "\"}]}";
  const std::string control =
      "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"\",\"timestamp\":0,\"message\":\"CWL CONTROL MESSAGE: "
      "Checking health of destination Firehose.\"}]}";
  TempDir dir;
  // Firehose writes the payloads back to back; also try one per line.
  for (const std::string& text : {data + control, data + "\n" + control + "\n"}) {
    std::string path = dir.Write("firehose.gz", Gzip(text));
    InputSummary summary;
    auto events = ReadOne(path, summary);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].json, event);
    EXPECT_TRUE(events[0].cloudtrail_shaped);
    EXPECT_EQ(summary.control_messages_skipped, 1u);
    EXPECT_EQ(summary.events_of(EventWrapper::kCloudWatch), 1u);
    EXPECT_EQ(summary.files_of(FileKind::kCloudWatch), 1u);
    EXPECT_EQ(summary.parse_failures, 0u);
  }
}

}  // namespace
}  // namespace trailhound
