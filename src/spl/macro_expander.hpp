#pragma once
// Expands search macros (`name` or `name(arg, ...)` between backticks) the way Splunk does before
// parsing: textually, with `$arg$` replaced by the argument text, recursively.
//
// Rules (see docs in splunk_semantics.md §7 and testing.md §7):
//  * A backtick inside a double-quoted string is text, not a macro.
//  * ```...``` (three backticks) is a comment; it is removed (replaced by one space) so that the
//    parser never sees it. Four or more backticks in a row are an error, as in contentctl.
//  * Arguments are split on commas outside double quotes and parentheses, and trimmed.
//  * A macro's expansion may call other macros; a cycle or nesting deeper than kMaxMacroDepth is
//    a QueryError.
//  * An undefined `<something>_filter` macro without arguments expands to `search *`, which is
//    what contentctl generates for a detection with no filter macro file. Users tune a detection
//    by defining that macro themselves (e.g. `search src_ip!=10.0.0.1`).
//  * Any other undefined macro is a QueryError that says how to supply it.
// Error positions are byte offsets into the original query (of the outermost macro call involved).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "spl/macro_table.hpp"

namespace trailhound {

inline constexpr size_t kMaxMacroDepth = 100;

struct MacroExpansion {
  std::string text;
  // Stanza names (`name`, `name(N)`) of every macro expanded, nested ones included, in order of
  // first use, each once.
  std::vector<std::string> expanded_macros;
  // Filter macros that had no definition and became `search *`, in order of first use.
  std::vector<std::string> defaulted_filters;
};

MacroExpansion ExpandMacrosDetailed(std::string_view query, const MacroTable& table);

// Just the expanded text.
std::string ExpandMacros(std::string_view query, const MacroTable& table);

// True for names that get the `search *` default when undefined (`..._filter`).
bool IsFilterMacroName(std::string_view name);

// The definition contentctl gives an undefined filter macro.
inline constexpr std::string_view kDefaultFilterDefinition = "search *";

}  // namespace trailhound
