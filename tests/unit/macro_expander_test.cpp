#include "spl/macro_expander.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

#ifndef TRAILHOUND_SOURCE_DIR
#define TRAILHOUND_SOURCE_DIR "."
#endif

namespace trailhound {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/detect";

MacroDefinition Macro(std::string name, std::vector<std::string> arguments, std::string definition) {
  MacroDefinition macro;
  macro.name = std::move(name);
  macro.arguments = std::move(arguments);
  macro.definition = std::move(definition);
  return macro;
}

// The error a query raises (a test failure if it expands).
QueryError ExpectQueryError(std::string_view query, const MacroTable& table) {
  try {
    ExpandMacros(query, table);
  } catch (const QueryError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a QueryError for: " << query;
  return QueryError("", 0);
}

constexpr std::string_view kSeedSearch =
    "`cloudtrail` (errorCode = \"AccessDenied\") user_type=IAMUser (userAgent!=*.amazonaws.com) | bucket _time "
    "span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, dc(eventName) as methods, "
    "dc(eventSource) as sources by src_ip, userIdentity.arn, _time | where failures >= 5 and methods >= 1 and "
    "sources >= 1 | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)` | "
    "`aws_iam_accessdenied_discovery_events_filter`";

TEST(MacroExpanderTest, SeedSearchExpandsLikeSplunk) {
  MacroExpansion result = ExpandMacrosDetailed(kSeedSearch, MacroTable::WithBuiltins());
  EXPECT_EQ(result.text,
            "sourcetype=aws:cloudtrail (errorCode = \"AccessDenied\") user_type=IAMUser (userAgent!=*.amazonaws.com) | "
            "bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, "
            "dc(eventName) as methods, dc(eventSource) as sources by src_ip, userIdentity.arn, _time | where failures "
            ">= 5 and methods >= 1 and sources >= 1 | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | "
            "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime) | search *");
  EXPECT_EQ(result.expanded_macros, (std::vector<std::string>{"cloudtrail", "security_content_ctime(1)"}));
  EXPECT_EQ(result.defaulted_filters, std::vector<std::string>{"aws_iam_accessdenied_discovery_events_filter"});
}

TEST(MacroExpanderTest, UserFilterMacroOverridesTheDefault) {
  MacroTable table = MacroTable::WithBuiltins();
  table.LoadPath(kFixtures / "user_macros");
  MacroExpansion result = ExpandMacrosDetailed(kSeedSearch, table);
  EXPECT_TRUE(result.text.ends_with("| search src_ip!=10.0.0.1")) << result.text;
  EXPECT_TRUE(result.defaulted_filters.empty());
}

TEST(MacroExpanderTest, ArgumentsSplitOnTopLevelCommasOnly) {
  MacroTable table;
  table.Define(Macro("pair", {"a", "b"}, "[$a$] [$b$]"));
  EXPECT_EQ(ExpandMacros("`pair(x, y)`", table), "[x] [y]");
  EXPECT_EQ(ExpandMacros("`pair(\"a,b\", c)`", table), "[\"a,b\"] [c]");
  EXPECT_EQ(ExpandMacros("`pair(f(1,2), \"q\\\"x,\")`", table), "[f(1,2)] [\"q\\\"x,\"]");
  EXPECT_EQ(ExpandMacros("`pair(  spaced  ,\tt )`", table), "[spaced] [t]");
}

TEST(MacroExpanderTest, SubstitutionLeavesUnknownDollarTokens) {
  MacroTable table;
  table.Define(Macro("m", {"field"}, "eval x=\"$info_min_time$\" | stats count by $field$ $field$ | $ lone"));
  EXPECT_EQ(ExpandMacros("`m(user)`", table), "eval x=\"$info_min_time$\" | stats count by user user | $ lone");
  // A substituted value is not itself scanned for $tokens$.
  EXPECT_EQ(ExpandMacros("`m($field$)`", table), "eval x=\"$info_min_time$\" | stats count by $field$ $field$ | $ lone");
}

TEST(MacroExpanderTest, NestedMacrosExpandRecursively) {
  MacroTable table = MacroTable::WithBuiltins();
  table.LoadPath(kFixtures / "user_macros");
  EXPECT_EQ(ExpandMacros("search x | `wrap_fields(firstTime, lastTime)`", table),
            "search x | eval pair=\"firstTime|lastTime\" | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)");
  table.Define(Macro("outer", {}, "`cloudtrail` `inner(1)`"));
  table.Define(Macro("inner", {"n"}, "n=$n$"));
  MacroExpansion result = ExpandMacrosDetailed("`outer`", table);
  EXPECT_EQ(result.text, "sourcetype=aws:cloudtrail n=1");
  EXPECT_EQ(result.expanded_macros, (std::vector<std::string>{"outer", "cloudtrail", "inner(1)"}));
}

TEST(MacroExpanderTest, BackticksInsideQuotesAreText) {
  MacroTable table;
  EXPECT_EQ(ExpandMacros("search msg=\"a `not_a_macro` b\"", table), "search msg=\"a `not_a_macro` b\"");
  EXPECT_EQ(ExpandMacros("search msg=\"esc \\\" `still text`\"", table), "search msg=\"esc \\\" `still text`\"");
}

TEST(MacroExpanderTest, CommentsAreRemoved) {
  MacroTable table = MacroTable::WithBuiltins();
  EXPECT_EQ(ExpandMacros("`cloudtrail` ```a `comment` with \"quote``` | head 1", table),
            "sourcetype=aws:cloudtrail   | head 1");
  EXPECT_EQ(ExpectQueryError("search ``` open", table).position(), 7u);
  EXPECT_NE(std::string(ExpectQueryError("search ```` x", table).what()).find("four or more"), std::string::npos);
}

TEST(MacroExpanderTest, FilterDefaultOnlyForFilterNames) {
  MacroTable table;
  EXPECT_EQ(ExpandMacros("x | `my_detection_filter`", table), "x | search *");
  EXPECT_THROW(ExpandMacros("x | `_filter`", table), QueryError);
  EXPECT_THROW(ExpandMacros("x | `my_detection_filter(a)`", table), QueryError);
}

TEST(MacroExpanderTest, UndefinedMacroErrorSaysHowToSupplyIt) {
  MacroTable table = MacroTable::WithBuiltins();
  QueryError error = ExpectQueryError("search a | `drop_dm_object_name(All_Changes)` | x", table);
  std::string message = error.what();
  EXPECT_EQ(error.position(), 11u);
  EXPECT_EQ(error.kind(), ErrorKind::kQuery);
  EXPECT_NE(message.find("`drop_dm_object_name(1)`"), std::string::npos) << message;
  EXPECT_NE(message.find("1 argument"), std::string::npos) << message;
  EXPECT_NE(message.find("--macros DIR"), std::string::npos) << message;
  EXPECT_NE(message.find("--content DIR"), std::string::npos) << message;

  // Same name, other argument count: the message says which counts exist.
  std::string wrong_count = ExpectQueryError("`security_content_ctime`", table).what();
  EXPECT_NE(wrong_count.find("no arguments"), std::string::npos) << wrong_count;
  EXPECT_NE(wrong_count.find("defined with 1 argument"), std::string::npos) << wrong_count;
}

TEST(MacroExpanderTest, NestedErrorsPointAtTheOuterCall) {
  MacroTable table;
  table.Define(Macro("outer", {}, "a | `missing_one`"));
  QueryError error = ExpectQueryError("search x | `outer`", table);
  EXPECT_EQ(error.position(), 11u);
  EXPECT_NE(std::string(error.what()).find("missing_one"), std::string::npos);
}

TEST(MacroExpanderTest, CyclesAreDetected) {
  MacroTable table;
  table.Define(Macro("a", {}, "`b`"));
  table.Define(Macro("b", {}, "`a`"));
  table.Define(Macro("self", {"x"}, "`self($x$)`"));
  std::string message = ExpectQueryError("`a`", table).what();
  EXPECT_NE(message.find("macro cycle: `a` -> `b` -> `a`"), std::string::npos) << message;
  EXPECT_NE(std::string(ExpectQueryError("`self(1)`", table).what()).find("cycle"), std::string::npos);
}

TEST(MacroExpanderTest, DepthIsLimited) {
  MacroTable table;
  for (size_t i = 0; i <= kMaxMacroDepth + 1; ++i) {
    table.Define(Macro("m" + std::to_string(i), {}, "`m" + std::to_string(i + 1) + "`"));
  }
  std::string message = ExpectQueryError("`m0`", table).what();
  EXPECT_NE(message.find("nested more than"), std::string::npos) << message;
}

TEST(MacroExpanderTest, MalformedCalls) {
  MacroTable table;
  EXPECT_EQ(ExpectQueryError("search `cloudtrail", table).position(), 7u);
  EXPECT_THROW(ExpandMacros("``", table), QueryError);
  EXPECT_THROW(ExpandMacros("`m(a`", table), QueryError);
  EXPECT_THROW(ExpandMacros("` `", table), QueryError);
}

}  // namespace
}  // namespace trailhound
