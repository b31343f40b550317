#pragma once
// Value comparisons shared by eval, stats, sort and search.
#include <string>
#include <string_view>
#include <vector>

#include "common/value.hpp"

namespace trailhound {

// Eval ordering of two scalars: numeric when both read as numbers, else byte-wise string order
// (case-sensitive). Returns <0, 0, >0.
int CompareValues(const Value& a, const Value& b);

// SQL LIKE: % any run, _ one character, whole value, case-sensitive.
bool SqlLikeMatch(std::string_view text, std::string_view pattern);

// Splunk search wildcard match: * any run, whole value, case-insensitive (ASCII).
bool WildcardMatch(std::string_view text, std::string_view pattern);

// Case-sensitive `*` glob over field names; on a match, `captures` holds the text each `*` took.
bool GlobCapture(std::string_view text, std::string_view pattern, std::vector<std::string>* captures);
// Replaces the i-th `*` of `pattern` with captures[i].
std::string GlobSubstitute(std::string_view pattern, const std::vector<std::string>& captures);

// Case-insensitive (ASCII) equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace trailhound
