// InputSummary: counting, merging, and the printed line.
#include <gtest/gtest.h>

#include <sstream>

#include "io/input_summary.hpp"

namespace trailhound {
namespace {

std::string Printed(const InputSummary& s) {
  std::ostringstream out;
  s.Print(out);
  return out.str();
}

TEST(IoSummary, PrintsShortHumanLine) {
  InputSummary s;
  for (int i = 0; i < 7; ++i) s.AddFile(FileKind::kRecords);
  s.AddFile(FileKind::kJsonLines);
  s.AddFile(FileKind::kDigest);
  s.AddSkip("AWSLogs/1/CloudTrail-Digest/d.json.gz", SkipReason::kDigest);
  for (int i = 0; i < 640; ++i) s.AddEvent(EventWrapper::kRecords, true);
  s.AddParseFailure("data/x.json", 12, "unterminated string");
  s.AddParseFailure("data/y.json", 3, "truncated (unclosed object or array)");
  EXPECT_EQ(Printed(s),
            "trailhound: 9 files (7 records, 1 json-lines, 1 digest skipped), 640 events read, 2 failed to parse\n"
            "  data/x.json:12: unterminated string\n"
            "  data/y.json:3: truncated (unclosed object or array)\n");
  EXPECT_FALSE(s.any_path_unreadable());
}

TEST(IoSummary, PrintsSkipsControlMessagesAndMissingPaths) {
  InputSummary s;
  s.AddFile(FileKind::kCloudWatch);
  s.AddFile(FileKind::kUnparseable);
  s.AddSkip("README.md", SkipReason::kNotJson);
  s.AddSkip("missing.json", SkipReason::kPathMissing);
  s.AddEvent(EventWrapper::kCloudWatch, true);
  s.AddEvent(EventWrapper::kCloudWatch, false);
  ++s.control_messages_skipped;
  EXPECT_EQ(Printed(s),
            "trailhound: 2 files (1 cloudwatch, 1 not JSON skipped), 2 events read (1 not CloudTrail-shaped), "
            "1 control message skipped, 1 path missing\n"
            "  missing.json: path missing\n"
            "  README.md: not JSON\n");
  EXPECT_TRUE(s.any_path_unreadable());
}

TEST(IoSummary, MergeAddsCountsAndKeepsFiveExamples) {
  InputSummary a, b;
  a.AddFile(FileKind::kRecords);
  b.AddFile(FileKind::kRecords);
  b.AddFile(FileKind::kUnreadable);
  b.AddSkip("secret.json", SkipReason::kUnreadable, "Permission denied");
  for (int i = 0; i < 4; ++i) a.AddParseFailure("a.json", i + 1, "bad");
  for (int i = 0; i < 4; ++i) b.AddParseFailure("b.json", i + 1, "bad");
  a.AddEvent(EventWrapper::kRecords, true);
  b.AddEvent(EventWrapper::kArray, true);
  a.Merge(b);
  EXPECT_EQ(a.files_of(FileKind::kRecords), 2u);
  EXPECT_EQ(a.files_seen(), 3u);
  EXPECT_EQ(a.events_read, 2u);
  EXPECT_EQ(a.events_of(EventWrapper::kArray), 1u);
  EXPECT_EQ(a.parse_failures, 8u);
  ASSERT_EQ(a.first_parse_failures().size(), 5u);
  EXPECT_EQ(a.first_parse_failures()[4], "b.json:1: bad");
  EXPECT_TRUE(a.any_path_unreadable());
  const std::string printed = Printed(a);
  EXPECT_NE(printed.find(", 1 path unreadable\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\n  secret.json: unreadable (Permission denied)\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\n  \u2026 and 3 more that failed to parse\n"), std::string::npos) << printed;
}

}  // namespace
}  // namespace trailhound
