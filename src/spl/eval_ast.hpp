#pragma once
// The AST of an eval expression (used by eval, where, stats eval(), and sourcetype profiles).
#include <memory>
#include <string>
#include <vector>

#include "common/row.hpp"
#include "common/value.hpp"

namespace trailhound {

struct ScalarFunction;

struct EvalExpr {
  enum class Kind {
    kLiteral,   // a string, number or boolean constant
    kField,     // a field reference: bare name or 'single quoted'
    kUnary,     // op: "-", "NOT"
    kBinary,    // op: + - * / % . = == != < <= > >= AND OR XOR LIKE
    kCall,      // function call, bound to its implementation at parse time
  };
  Kind kind;
  size_t position = 0;  // byte offset in the query text, for error messages
  Value literal;
  FieldId field = 0;
  std::string op;       // operator text, upper-cased for keywords
  std::string name;     // function name as written (lower-cased)
  const ScalarFunction* function = nullptr;
  std::vector<std::unique_ptr<EvalExpr>> args;  // operands / call arguments
};

using EvalExprPtr = std::unique_ptr<EvalExpr>;

// Adds every field the expression reads to `out` (no duplicates removed).
void CollectFields(const EvalExpr& expr, std::vector<FieldId>& out);

}  // namespace trailhound
