#include "spl/macro_expander.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

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
  QueryError error = ExpectQueryError("search a | `my_lookup_macro(All_Changes)` | x", table);
  std::string message = error.what();
  EXPECT_EQ(error.position(), 11u);
  EXPECT_EQ(error.kind(), ErrorKind::kQuery);
  EXPECT_NE(message.find("`my_lookup_macro(1)`"), std::string::npos) << message;
  EXPECT_NE(message.find("1 argument"), std::string::npos) << message;
  EXPECT_NE(message.find("--macros DIR"), std::string::npos) << message;
  EXPECT_NE(message.find("(1 name)"), std::string::npos) << message;
  EXPECT_NE(message.find("--content DIR"), std::string::npos) << message;

  // Same name, other argument count: the message says which counts exist.
  std::string wrong_count = ExpectQueryError("`security_content_ctime`", table).what();
  EXPECT_NE(wrong_count.find("no arguments"), std::string::npos) << wrong_count;
  EXPECT_NE(wrong_count.find("defined with 1 argument"), std::string::npos) << wrong_count;
}

TEST(MacroExpanderTest, UndefinedMacroErrorDoesNotSuggestContentOnceLoaded) {
  std::filesystem::path content = std::filesystem::temp_directory_path() / "trailhound_macro_content_test";
  std::filesystem::create_directories(content / "macros");
  MacroTable table = MacroTable::WithBuiltins();
  table.LoadContentDirectory(content);
  std::filesystem::remove_all(content);
  EXPECT_TRUE(table.content_loaded());
  std::string message = ExpectQueryError("`my_lookup_macro`", table).what();
  EXPECT_EQ(message.find("with --content DIR"), std::string::npos) << message;
  EXPECT_NE(message.find("--content checkout does not define it"), std::string::npos) << message;
  EXPECT_NE(message.find("--macros DIR"), std::string::npos) << message;
}

TEST(MacroExpanderTest, UndefinedCimMacroSaysWhereItComesFrom) {
  MacroTable table = MacroTable::WithBuiltins();
  for (std::string_view query : {"| tstats count | `drop_dm_object_name(All_Changes)`", "`summariesonly`",
                                 "search `cim_Change_indexes`"}) {
    std::string message = ExpectQueryError(query, table).what();
    EXPECT_NE(message.find("Splunk_SA_CIM"), std::string::npos) << message;
    EXPECT_NE(message.find("tstats"), std::string::npos) << message;
    EXPECT_NE(message.find("--macros DIR"), std::string::npos) << message;
    // Not in security_content, so --content would not help.
    EXPECT_EQ(message.find("--content"), std::string::npos) << message;
  }
  // security_content defines this one (on top of CIM's summariesonly): --content is the fix.
  std::string summaries = ExpectQueryError("| tstats `security_content_summariesonly` count", table).what();
  EXPECT_NE(summaries.find("tstats"), std::string::npos) << summaries;
  EXPECT_NE(summaries.find("--content DIR"), std::string::npos) << summaries;
  EXPECT_TRUE(IsCimMacroName("cim_Authentication_indexes"));
  EXPECT_FALSE(IsCimMacroName("cim__indexes"));
  EXPECT_FALSE(IsCimMacroName("cloudtrail"));
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

TEST(MacroExpanderTest, ExponentialExpansionIsCapped) {
  // Each macro calls the next twice: 2^31 calls of `m31` if nothing stops it.
  MacroTable table;
  for (int i = 0; i < 31; ++i) {
    table.Define(Macro("m" + std::to_string(i), {}, "`m" + std::to_string(i + 1) + "` OR `m" + std::to_string(i + 1) + "`"));
  }
  table.Define(Macro("m31", {}, "x"));
  auto start = std::chrono::steady_clock::now();
  QueryError error = ExpectQueryError("search `m0`", table);
  auto elapsed = std::chrono::steady_clock::now() - start;
  std::string message = error.what();
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_EQ(error.position(), 7u);
  EXPECT_NE(message.find(std::to_string(kMaxMacroExpansions)), std::string::npos) << message;
  EXPECT_NE(message.find("(at `m"), std::string::npos) << message;
  EXPECT_NE(message.find("called from `m0`"), std::string::npos) << message;

  // Same with macros that expand to nothing (no text grows, only the calls).
  MacroTable empty;
  for (int i = 0; i < 31; ++i) {
    empty.Define(Macro("e" + std::to_string(i), {}, "`e" + std::to_string(i + 1) + "``e" + std::to_string(i + 1) + "`"));
  }
  empty.Define(Macro("e31", {}, ""));
  EXPECT_NE(std::string(ExpectQueryError("`e0`", empty).what()).find("more than"), std::string::npos);
}

TEST(MacroExpanderTest, ExpandedTextIsCapped) {
  MacroTable table;
  table.Define(Macro("big", {}, std::string(100 * 1024, 'a')));
  std::string twenty;
  for (int i = 0; i < 20; ++i) twenty += "`big` ";
  table.Define(Macro("twenty", {}, twenty));
  // Ten copies (about 1000 KiB) fit; twenty (2 MiB) do not.
  EXPECT_EQ(ExpandMacros("`big` `big` `big` `big` `big` `big` `big` `big` `big` `big`", table).size(), 10u * 100 * 1024 + 9);
  QueryError error = ExpectQueryError("search x | `twenty`", table);
  std::string message = error.what();
  EXPECT_EQ(error.position(), 11u);
  EXPECT_NE(message.find("1 MiB"), std::string::npos) << message;
  EXPECT_NE(message.find("(at `big`, called from `twenty`)"), std::string::npos) << message;
  EXPECT_LE(kMaxExpandedQueryBytes, size_t{1} << 20);
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
