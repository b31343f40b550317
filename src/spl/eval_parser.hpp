#pragma once
// Parses Splunk eval expressions: literals ("str", 12, 1.5), fields (name, a.b.c, 'quoted{}.name'),
// + - * / % . comparisons (= == != < <= > >= LIKE), NOT/AND/OR/XOR in any case, function calls.
// Precedence (highest first): unary, * / %, + - ., < > <= >=, = == != LIKE, AND, OR, XOR.
#include <string_view>

#include "spl/eval_ast.hpp"

namespace trailhound {

// Parses a whole expression; throws QueryError (position = base_offset + offset in text) on error
// or on an unknown function. `base_offset` places `text` within a larger query for messages.
EvalExprPtr ParseEvalExpression(std::string_view text, size_t base_offset = 0);

}  // namespace trailhound
