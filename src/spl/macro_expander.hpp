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
//    a QueryError. So is a query whose macros expand to more than kMaxExpandedQueryBytes of text
//    or make more than kMaxMacroExpansions calls in all (macros that each call the next twice
//    grow exponentially); the error names the macro being expanded when the limit was passed.
//  * An undefined `<something>_filter` macro without arguments expands to `search *`, which is
//    what contentctl generates for a detection with no filter macro file. Users tune a detection
//    by defining that macro themselves (e.g. `search src_ip!=10.0.0.1`).
//  * Any other undefined macro is a QueryError that says how to supply it (--macros, or --content
//    when no security_content checkout was loaded); for the macros of Splunk's CIM app that
//    data-model (`tstats`) searches call, it says where they come from.
// Error positions are byte offsets into the original query (of the outermost macro call involved).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "spl/macro_table.hpp"

namespace trailhound {

inline constexpr size_t kMaxMacroDepth = 100;
// Limits on the text a query's macros expand to, and on the number of macro calls expanded.
inline constexpr size_t kMaxExpandedQueryBytes = size_t{1} << 20;  // 1 MiB
inline constexpr size_t kMaxMacroExpansions = 1000;  // a real detection makes a handful

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

// True for macros that Splunk's Common Information Model app (Splunk_SA_CIM) defines, not
// security_content: `drop_dm_object_name`, `summariesonly`, `cim_<Model>_indexes`.
bool IsCimMacroName(std::string_view name);

// True for names that get the `search *` default when undefined (`..._filter`).
bool IsFilterMacroName(std::string_view name);

// The definition contentctl gives an undefined filter macro.
inline constexpr std::string_view kDefaultFilterDefinition = "search *";

}  // namespace trailhound
