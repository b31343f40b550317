#pragma once
// Parses search-command expressions. In `search`, OR binds tighter than the implicit AND, NOT
// applies to the next term, and the operators must be upper case (lower-case and/or/not are
// ordinary terms). Values may be quoted; `*` is a wildcard even inside quotes.
#include <string_view>

#include "spl/search_ast.hpp"

namespace trailhound {

// Throws QueryError with positions offset by base_offset.
SearchExprPtr ParseSearchExpression(std::string_view text, size_t base_offset = 0);

}  // namespace trailhound
