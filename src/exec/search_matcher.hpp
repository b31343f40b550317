#pragma once
// Tests a row against a search-command expression with Splunk's rules: field names are exact,
// values match whole and case-insensitively with `*` wildcards (also inside quotes), `f=*` means
// the field exists, `f!=v` needs the field (NOT f=v does not), a multivalue matches if any value
// does, CIDR values match IP addresses, bare terms match the raw text on token boundaries.
#include "common/row.hpp"
#include "spl/search_ast.hpp"

namespace trailhound {

bool SearchMatches(const SearchExpr& expr, const Row& row);

// A bare term in raw text: case-insensitive, with a non-alphanumeric byte (or the start/end) on
// each side; `*` matches any run.
bool RawTermMatches(std::string_view raw, std::string_view term);

}  // namespace trailhound
