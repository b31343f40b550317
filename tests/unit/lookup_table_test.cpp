// CSV parsing and Splunk lookup matching (exact, WILDCARD, case, max/min_matches, multivalue).
#include "exec/lookup_table.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace trailhound {
namespace {

std::vector<std::string> Texts(const Value& v) {
  std::vector<std::string> out;
  for (size_t i = 0; i < v.Count(); ++i) out.push_back(v.At(i).AsString());
  return out;
}

TEST(LookupCsvTest, QuotedFieldsHoldCommasNewlinesAndQuotes) {
  auto records = ParseCsvRecords("a,b,c\r\n\"x, y\",\"line1\nline2\",\"say \"\"hi\"\"\"\nplain,,\"\"\n", "t.csv");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"x, y", "line1\nline2", "say \"hi\""}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"plain", "", ""}));
}

TEST(LookupCsvTest, BomBlankLinesAndMissingFinalNewline) {
  auto records = ParseCsvRecords("\xEF\xBB\xBFk,v\n\nk1,v1", "t.csv");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"k", "v"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"k1", "v1"}));
}

TEST(LookupCsvTest, UnterminatedQuoteNamesTheFileAndLine) {
  try {
    ParseCsvRecords("a,b\nx,\"open\n", "tables/t.csv");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kQuery);
    EXPECT_NE(std::string(e.what()).find("tables/t.csv:2"), std::string::npos) << e.what();
  }
}

TEST(LookupTableTest, HeaderProblemsAreErrors) {
  EXPECT_THROW(LookupTable::FromCsv("", "t.csv"), Error);
  EXPECT_THROW(LookupTable::FromCsv("a,a\n1,2\n", "t.csv"), Error);
  LookupMatchOptions options;
  options.wildcard_columns = {"nope"};
  EXPECT_THROW(LookupTable::FromCsv("a,b\n1,2\n", "t.csv", options), Error);
}

TEST(LookupTableTest, WildcardPatterns) {
  EXPECT_TRUE(LookupWildcardMatch("*", "", true));
  EXPECT_TRUE(LookupWildcardMatch("*", "AccessDenied", true));
  EXPECT_TRUE(LookupWildcardMatch("Access*", "AccessDenied", true));
  EXPECT_TRUE(LookupWildcardMatch("*Unauthorized*", "Client.UnauthorizedOperation", true));
  EXPECT_TRUE(LookupWildcardMatch("a*b*c", "aXXbYYc", true));
  EXPECT_FALSE(LookupWildcardMatch("a*b*c", "aXXbYY", true));
  EXPECT_FALSE(LookupWildcardMatch("success", "successful", true));
  EXPECT_FALSE(LookupWildcardMatch("Access*", "accessdenied", true));
  EXPECT_TRUE(LookupWildcardMatch("Access*", "accessdenied", false));
}

// The shape of the add-on's action/status table: specific rows first, then `*`.
constexpr const char* kActionStatus =
    "eventName,errorCode,action,status\n"
    "DeleteUser,AccessDenied,deleted,failure\n"
    "DeleteUser,success,deleted,success\n"
    "DeleteUser,*,deleted,failure\n"
    "ConsoleLogin,success,success,success\n"
    "ConsoleLogin,*,failure,failure\n";

TEST(LookupTableTest, WildcardColumnFirstMatchInFileOrder) {
  LookupMatchOptions options;
  options.wildcard_columns = {"errorCode"};
  options.max_matches = 1;
  auto table = LookupTable::FromCsv(kActionStatus, "action_status.csv", options);
  std::vector<size_t> inputs = {0, 1};
  EXPECT_EQ(table->MatchRows(inputs, {"DeleteUser", "success"}), std::vector<size_t>{1});
  EXPECT_EQ(table->MatchRows(inputs, {"DeleteUser", "AccessDenied"}), std::vector<size_t>{0});
  EXPECT_EQ(table->MatchRows(inputs, {"DeleteUser", "NoSuchEntity"}), std::vector<size_t>{2});
  EXPECT_EQ(table->MatchRows(inputs, {"ConsoleLogin", "failure"}), std::vector<size_t>{4});
  EXPECT_TRUE(table->MatchRows(inputs, {"ListBuckets", "success"}).empty());
  // Exact columns are case-sensitive by default.
  EXPECT_TRUE(table->MatchRows(inputs, {"deleteuser", "success"}).empty());

  Value event_name = Value::Str("ConsoleLogin");
  Value error_code = Value::Str("success");
  std::vector<Value> out = table->Lookup(inputs, {&event_name, &error_code}, {2, 3});
  EXPECT_EQ(out[0], Value::Str("success"));
  EXPECT_EQ(out[1], Value::Str("success"));
}

TEST(LookupTableTest, WithoutMaxMatchesEveryMatchingRowIsReturned) {
  LookupMatchOptions options;
  options.wildcard_columns = {"errorCode"};
  auto table = LookupTable::FromCsv(kActionStatus, "action_status.csv", options);
  Value event_name = Value::Str("DeleteUser");
  Value error_code = Value::Str("AccessDenied");
  std::vector<Value> out = table->Lookup({0, 1}, {&event_name, &error_code}, {3});
  // Rows 0 and 2 match (AccessDenied and *).
  EXPECT_EQ(Texts(out[0]), (std::vector<std::string>{"failure", "failure"}));
}

TEST(LookupTableTest, CaseInsensitiveOption) {
  LookupMatchOptions options;
  options.case_sensitive = false;
  auto table = LookupTable::FromCsv("eventSource,change_type\nIAM.amazonaws.com,AAA\n", "t.csv", options);
  Value source = Value::Str("iam.AMAZONAWS.com");
  EXPECT_EQ(table->Lookup({0}, {&source}, {1})[0], Value::Str("AAA"));
}

TEST(LookupTableTest, DefaultMatchFillsUpToMinMatches) {
  LookupMatchOptions options;
  options.max_matches = 1;
  options.min_matches = 1;
  options.default_match = "unknown";
  auto table = LookupTable::FromCsv("eventName,object_category\nRunInstances,instance\n", "t.csv", options);
  Value known = Value::Str("RunInstances");
  Value unknown = Value::Str("ListBuckets");
  EXPECT_EQ(table->Lookup({0}, {&known}, {1})[0], Value::Str("instance"));
  EXPECT_EQ(table->Lookup({0}, {&unknown}, {1})[0], Value::Str("unknown"));
}

TEST(LookupTableTest, MultivalueInputMatchesEachValue) {
  auto table = LookupTable::FromCsv("protocol_code,protocol\n6,IP\n17,UDP\n1,ICMP\n", "t.csv");
  Value codes = Value::Multi({Value::Str("17"), Value::Str("99"), Value::Str("1")});
  std::vector<Value> out = table->Lookup({0}, {&codes}, {1});
  EXPECT_EQ(Texts(out[0]), (std::vector<std::string>{"UDP", "ICMP"}));
  // A number matches by its text.
  Value six = Value::Num(6);
  EXPECT_EQ(table->Lookup({0}, {&six}, {1})[0], Value::Str("IP"));
  Value none = Value::Str("99");
  EXPECT_TRUE(table->Lookup({0}, {&none}, {1})[0].IsNull());
}

TEST(LookupTableTest, EmptyCellsSetNothing) {
  auto table = LookupTable::FromCsv("k,a,b\nx,,B\n", "t.csv");
  Value key = Value::Str("x");
  std::vector<Value> out = table->Lookup({0}, {&key}, {1, 2});
  EXPECT_TRUE(out[0].IsNull());
  EXPECT_EQ(out[1], Value::Str("B"));
}

TEST(LookupTableTest, ShortRowsArePaddedWithEmptyCells) {
  auto table = LookupTable::FromCsv("k,a,b\nx,1\n", "t.csv");
  ASSERT_EQ(table->row_count(), 1u);
  EXPECT_EQ(table->Cell(0, 1), "1");
  EXPECT_EQ(table->Cell(0, 2), "");
}

}  // namespace
}  // namespace trailhound
