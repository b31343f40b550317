// ReadInputFile on every file shape, from the fixtures in tests/fixtures/io/.
#include <gtest/gtest.h>

#include "io/input_reader.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

using io_test::FieldOf;
using io_test::IoFixture;
using io_test::ReadOne;
using io_test::SeenEvent;

std::vector<std::string> EventIds(const std::vector<SeenEvent>& events) {
  std::vector<std::string> ids;
  for (const auto& e : events) ids.push_back(FieldOf(e.json, "eventID"));
  return ids;
}

TEST(IoReader, RecordsPrettyPrinted) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("records_pretty.json"), summary);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2", "evt-3"}));
  // Each event starts on its own line of the document.
  EXPECT_EQ(events[0].line, 3u);
  EXPECT_EQ(events[1].line, 31u);
  EXPECT_EQ(events[2].line, 59u);
  EXPECT_TRUE(events[0].cloudtrail_shaped);
  EXPECT_EQ(events[0].source, IoFixture("records_pretty.json"));
  // The event text is the object itself, nothing around it.
  EXPECT_EQ(events[0].json.front(), '{');
  EXPECT_EQ(events[0].json.back(), '}');
  EXPECT_EQ(summary.files_of(FileKind::kRecords), 1u);
  EXPECT_EQ(summary.events_of(EventWrapper::kRecords), 3u);
  EXPECT_EQ(summary.events_read, 3u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(summary.files_read, 1u);
}

TEST(IoReader, RecordsEventIsSliceOfFile) {
  // No copy per event: the text handed out is the exact bytes of the file.
  std::string file = io_test::ReadFileBytes(IoFixture("records_oneline.json"));
  InputSummary summary;
  auto events = ReadOne(IoFixture("records_oneline.json"), summary);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(file.find(events[0].json), std::string::npos);
  EXPECT_EQ(events[0].json.substr(0, 22), "{\"eventVersion\":\"1.08\"");
  EXPECT_EQ(events[1].line, 1u);
  EXPECT_EQ(summary.files_of(FileKind::kRecords), 1u);
}

TEST(IoReader, JsonArray) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("array_pretty.json"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2"}));
  EXPECT_EQ(events[1].line, 30u);
  EXPECT_EQ(summary.files_of(FileKind::kArray), 1u);
  EXPECT_EQ(summary.events_of(EventWrapper::kArray), 2u);
}

TEST(IoReader, SinglePrettyObject) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("single_pretty.json"), summary);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(FieldOf(events[0].json, "eventTime"), "2026-01-15T10:07:00Z");
  EXPECT_EQ(events[0].line, 1u);
  EXPECT_EQ(summary.files_of(FileKind::kSingleEvent), 1u);
  EXPECT_EQ(summary.events_of(EventWrapper::kNone), 1u);
}

TEST(IoReader, JsonLines) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("lines.jsonl"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2", "evt-3"}));
  EXPECT_EQ(events[2].line, 3u);
  EXPECT_EQ(summary.files_of(FileKind::kJsonLines), 1u);
}

TEST(IoReader, JsonLinesWithCrlfAndBom) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("lines_crlf_bom.jsonl"), summary);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].json.back(), '}');  // the \r is not part of the event
  EXPECT_EQ(FieldOf(events[1].json, "eventID"), "evt-2");
  EXPECT_EQ(summary.parse_failures, 0u);
}

TEST(IoReader, BadLineInTheMiddleOfJsonLines) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("bad_line.jsonl"), summary);
  // Line 3 is cut short, line 4 is blank; the others are read.
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2", "evt-4", "evt-5"}));
  EXPECT_EQ(events[2].line, 5u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_EQ(summary.first_parse_failures()[0], IoFixture("bad_line.jsonl") + ":3: unterminated string");
  EXPECT_EQ(summary.files_of(FileKind::kJsonLines), 1u);
}

TEST(IoReader, CloudWatchSubscriptionPayload) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("cloudwatch_pretty.json"), summary);
  ASSERT_EQ(events.size(), 2u);
  // The message string was unescaped into the event's JSON.
  EXPECT_EQ(FieldOf(events[0].json, "userAgent"), "caf\xC3\xA9/1.0 \"quoted\"");
  EXPECT_EQ(FieldOf(events[1].json, "eventID"), "evt-2");
  EXPECT_TRUE(events[0].cloudtrail_shaped);
  EXPECT_EQ(summary.files_of(FileKind::kCloudWatch), 1u);
  EXPECT_EQ(summary.events_of(EventWrapper::kCloudWatch), 2u);
}

TEST(IoReader, EventBridgeEnvelope) {
  for (const char* name : {"eventbridge.json", "eventbridge_detail_first.json"}) {
    SCOPED_TRACE(name);
    InputSummary summary;
    auto events = ReadOne(IoFixture(name), summary);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_TRUE(events[0].cloudtrail_shaped);
    EXPECT_EQ(FieldOf(events[0].json, "eventName"), "ListUsers");
    // The event is the detail object: no envelope fields in it.
    EXPECT_EQ(FieldOf(events[0].json, "detail-type"), "");
    EXPECT_EQ(summary.files_of(FileKind::kEventBridge), 1u);
    EXPECT_EQ(summary.events_of(EventWrapper::kEventBridge), 1u);
  }
}

TEST(IoReader, LookupEventsOutput) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("lookup_events.json"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2"}));
  EXPECT_EQ(FieldOf(events[0].json, "userIdentity.userName"), "alice");
  EXPECT_EQ(summary.files_of(FileKind::kLookupEvents), 1u);
  EXPECT_EQ(summary.events_of(EventWrapper::kLookupEvents), 2u);
}

TEST(IoReader, LookupEventsLines) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("lookup_lines.jsonl"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2", "evt-3"}));
  EXPECT_EQ(events[2].line, 3u);
  EXPECT_EQ(summary.files_of(FileKind::kLookupEvents), 1u);
}

TEST(IoReader, DigestRecognisedByShape) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("digest_by_shape.json"), summary);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(summary.files_of(FileKind::kDigest), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kDigest), 1u);
  EXPECT_EQ(summary.parse_failures, 0u);
}

TEST(IoReader, P5NullAndMissingPiecesDoNotKillTheFile) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("p5_records.json"), summary);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(FieldOf(events[0].json, "requestParameters"), "null");
  EXPECT_EQ(FieldOf(events[1].json, "resources{}.ARN"), "arn:aws:s3:::bkt");  // one value, not two
  EXPECT_EQ(FieldOf(events[1].json, "resources{}.ARNPrefix"), "arn:aws:s3:::bkt/env:/");
  EXPECT_EQ(FieldOf(events[1].json, "resources{}.type"), "AWS::S3::Object\nAWS::S3::Bucket");
  EXPECT_EQ(FieldOf(events[2].json, "userIdentity.arn"), "");
  EXPECT_EQ(FieldOf(events[2].json, "userIdentity.invokedBy"), "ec2.amazonaws.com");
  EXPECT_EQ(FieldOf(events[3].json, "userIdentity.arn"), "");
  EXPECT_EQ(FieldOf(events[3].json, "userIdentity"), "null");
  for (const auto& e : events) EXPECT_TRUE(e.cloudtrail_shaped);
}

TEST(IoReader, TruncatedRecordsFileKeepsTheEventsBeforeTheDamage) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("truncated_records.json"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2"}));
  EXPECT_EQ(events[1].line, 31u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_EQ(summary.first_parse_failures()[0],
            IoFixture("truncated_records.json") + ":80: truncated (unclosed object or array)");
  EXPECT_EQ(summary.files_of(FileKind::kRecords), 1u);
}

TEST(IoReader, MissingCommaStopsAtTheFirstError) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("records_missing_comma.json"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2"}));
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_EQ(summary.first_parse_failures()[0], IoFixture("records_missing_comma.json") +
                                                 ":59: malformed JSON (missing comma, colon, brace or key)");
}

TEST(IoReader, ConcatenatedPrettyObjects) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("concatenated_pretty.json"), summary);
  EXPECT_EQ(EventIds(events), (std::vector<std::string>{"evt-1", "evt-2"}));
  EXPECT_EQ(events[1].line, 29u);
  EXPECT_EQ(summary.parse_failures, 0u);
}

TEST(IoReader, TrailingGarbageIsReported) {
  InputSummary summary;
  auto events = ReadOne(IoFixture("trailing_garbage.json"), summary);
  EXPECT_EQ(events.size(), 1u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_EQ(summary.first_parse_failures()[0],
            IoFixture("trailing_garbage.json") + ":29: unexpected content after the JSON value");
}

TEST(IoReader, EmptyAndWhitespaceFiles) {
  InputSummary summary;
  EXPECT_TRUE(ReadOne(IoFixture("empty.json"), summary).empty());
  EXPECT_TRUE(ReadOne(IoFixture("whitespace_only.json"), summary).empty());
  EXPECT_EQ(summary.files_of(FileKind::kEmpty), 2u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_FALSE(summary.any_path_unreadable());
}

TEST(IoReader, NotJsonFileIsSkipped) {
  InputSummary summary;
  EXPECT_TRUE(ReadOne(IoFixture("not_json.md"), summary).empty());
  EXPECT_EQ(summary.files_of(FileKind::kUnparseable), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 1u);
  EXPECT_EQ(summary.parse_failures, 0u);
  ASSERT_EQ(summary.first_skips.size(), 1u);
  EXPECT_EQ(summary.first_skips[0], IoFixture("not_json.md") + ": not JSON");
}

TEST(IoReader, ZipArchiveIsSkipped) {
  io_test::TempDir dir;
  std::string path = dir.Write("logs.json", std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "rest of a zip");
  InputSummary summary;
  EXPECT_TRUE(ReadOne(path, summary).empty());
  EXPECT_EQ(summary.skipped(SkipReason::kUnsupportedArchive), 1u);
  ASSERT_EQ(summary.first_skips.size(), 1u);
  EXPECT_EQ(summary.first_skips[0], path + ": unsupported archive (zip): unzip it first");
}

TEST(IoReader, UnreadableAndMissingPaths) {
  InputSummary summary;
  auto files = ListInputFiles({"/nonexistent/trailhound/x.json"}, summary);
  EXPECT_TRUE(files.empty());
  EXPECT_EQ(summary.skipped(SkipReason::kPathMissing), 1u);
  EXPECT_TRUE(summary.any_path_unreadable());

  // A file that disappears between listing and reading is unreadable.
  InputSummary summary2;
  ReadInputFile(InputFile{"/nonexistent/trailhound/y.json"}, summary2, [](const RawEvent&) {});
  EXPECT_EQ(summary2.files_of(FileKind::kUnreadable), 1u);
  EXPECT_TRUE(summary2.any_path_unreadable());
}

TEST(IoReader, NonCloudTrailObjectsAreEventsButNotShaped) {
  io_test::TempDir dir;
  std::string path = dir.Write("other.jsonl", "{\"a\":1}\n{\"eventName\":\"X\"}\n{\"eventName\":\"X\",\"eventSource\":\"s\"}\n");
  InputSummary summary;
  auto events = ReadOne(path, summary);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_FALSE(events[0].cloudtrail_shaped);
  EXPECT_FALSE(events[1].cloudtrail_shaped);
  EXPECT_TRUE(events[2].cloudtrail_shaped);
  EXPECT_EQ(summary.events_not_cloudtrail, 2u);
}

TEST(IoReader, LongLineLongerThanTheReadChunk) {
  io_test::TempDir dir;
  std::string big(3 << 20, 'x');
  std::string text = "{\"eventVersion\":\"1.08\",\"n\":1}\n{\"eventVersion\":\"1.08\",\"blob\":\"" + big +
                     "\"}\n{\"eventVersion\":\"1.08\",\"n\":3}\n";
  std::string path = dir.Write("long.jsonl", text);
  InputSummary summary;
  auto events = ReadOne(path, summary);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].json.size(), big.size() + 33);
  EXPECT_EQ(events[2].line, 3u);
  EXPECT_EQ(summary.files_of(FileKind::kJsonLines), 1u);
}

TEST(IoReader, ManyLinesAcrossChunkBoundaries) {
  // About 5 MB of JSON lines: read in several chunks, none lost or split.
  io_test::TempDir dir;
  std::string text;
  const int kLines = 40000;
  for (int i = 0; i < kLines; ++i) {
    text += "{\"eventVersion\":\"1.08\",\"eventID\":\"id-" + std::to_string(i) + "\",\"pad\":\"" +
            std::string(static_cast<size_t>(i % 200), 'p') + "\"}\n";
  }
  std::string path = dir.Write("many.jsonl", text);
  InputSummary summary;
  uint64_t count = 0;
  bool in_order = true;
  for (const InputFile& f : ListInputFiles({path}, summary)) {
    ReadInputFile(f, summary, [&](const RawEvent& e) {
      std::string expected = "\"id-" + std::to_string(count) + "\"";
      if (e.json.find(expected) == std::string_view::npos || e.line != count + 1) in_order = false;
      ++count;
    });
  }
  EXPECT_EQ(count, static_cast<uint64_t>(kLines));
  EXPECT_TRUE(in_order);
  EXPECT_EQ(summary.bytes_read, text.size());
}

TEST(IoReader, StandardInputIsDash) {
  InputSummary summary;
  auto files = ListInputFiles({"-"}, summary);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "-");
}

}  // namespace
}  // namespace trailhound
