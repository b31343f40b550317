#pragma once
// Eval functions are registered in a table by name. Each receives its argument expressions
// unevaluated, so that if/case/coalesce evaluate lazily and mvfilter can rebind a field.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "common/value.hpp"
#include "spl/eval_ast.hpp"

namespace trailhound {

class Evaluator;

struct ScalarFunctionCall {
  const Evaluator& evaluator;
  const Row& row;
  const std::vector<EvalExprPtr>& args;
  Value Arg(size_t i) const;  // evaluates argument i
};

struct ScalarFunction {
  std::string name;
  size_t min_args;
  size_t max_args;  // SIZE_MAX for variadic
  Value (*impl)(const ScalarFunctionCall& call);
  std::string description;  // one line, for docs and `trailhound functions`
};

// Looks up a function by lower-case name; nullptr when there is none.
const ScalarFunction* FindScalarFunction(std::string_view name);
// Every registered function, sorted by name.
std::vector<const ScalarFunction*> AllScalarFunctions();

}  // namespace trailhound
