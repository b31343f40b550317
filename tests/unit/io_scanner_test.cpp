// ScanJsonValue: value ends, truncation, and the salvage point used for truncated files.
#include <gtest/gtest.h>

#include "io/json_scanner.hpp"

namespace trailhound {
namespace {

TEST(IoScanner, FindsTheEndOfAValue) {
  std::string_view text = R"(  {"a":"}]\"{","b":[1,{"c":[]}]} {"next":1})";
  JsonScan scan = ScanJsonValue(text, 2);
  ASSERT_EQ(scan.status, JsonScan::Status::kComplete);
  EXPECT_EQ(text.substr(2, scan.end - 2), R"({"a":"}]\"{","b":[1,{"c":[]}]})");
  JsonScan next = ScanJsonValue(text, SkipJsonWhitespace(text, scan.end));
  EXPECT_EQ(next.status, JsonScan::Status::kComplete);
  EXPECT_EQ(next.end, text.size());
}

TEST(IoScanner, EscapedBackslashBeforeQuote) {
  std::string_view text = R"({"a":"x\\"})";
  JsonScan scan = ScanJsonValue(text, 0);
  ASSERT_EQ(scan.status, JsonScan::Status::kComplete);
  EXPECT_EQ(scan.end, text.size());
}

TEST(IoScanner, TruncatedRecordsSalvageWholeElements) {
  std::string_view text = R"({"Records":[{"a":{"b":1}},{"a":2},{"a":{"b")";
  JsonScan scan = ScanJsonValue(text, 0);
  EXPECT_EQ(scan.status, JsonScan::Status::kTruncated);
  EXPECT_EQ(std::string(text.substr(0, scan.salvage_end)) + scan.salvage_closers,
            R"({"Records":[{"a":{"b":1}},{"a":2}]})");
}

TEST(IoScanner, TruncatedTopLevelArraySalvage) {
  std::string_view text = R"([{"a":1},{"b":[1,2]},{"c":{)";
  JsonScan scan = ScanJsonValue(text, 0);
  EXPECT_EQ(scan.status, JsonScan::Status::kTruncated);
  EXPECT_EQ(std::string(text.substr(0, scan.salvage_end)) + scan.salvage_closers, R"([{"a":1},{"b":[1,2]}])");
}

TEST(IoScanner, TruncatedPlainObjectHasNoSalvage) {
  // A half event must never be handed out as if it were whole.
  JsonScan scan = ScanJsonValue(R"({"a":{"b":{}},"c":[{"d":1})", 0);
  EXPECT_EQ(scan.status, JsonScan::Status::kTruncated);
  EXPECT_EQ(scan.salvage_end, 0u);
}

TEST(IoScanner, UnterminatedStringAndMismatch) {
  JsonScan unterminated = ScanJsonValue(R"({"a":"abc)", 0);
  EXPECT_EQ(unterminated.status, JsonScan::Status::kTruncated);
  EXPECT_STREQ(unterminated.reason, "unterminated string");
  EXPECT_EQ(unterminated.error_offset, 5u);
  JsonScan mismatch = ScanJsonValue(R"({"a":[1}})", 0);
  EXPECT_EQ(mismatch.status, JsonScan::Status::kMalformed);
  EXPECT_EQ(mismatch.error_offset, 7u);
}

}  // namespace
}  // namespace trailhound
