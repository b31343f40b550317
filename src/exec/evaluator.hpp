#pragma once
// Evaluates eval expressions against a row with Splunk's rules: a missing field is null; most
// operators and functions return null on a null operand; comparisons are numeric when both sides
// are numbers (or numeric strings) and byte-wise, case-sensitive string comparisons otherwise;
// AND/OR follow three-valued logic; a comparison with a multivalue is true if any value matches.
#include <string>

#include "common/row.hpp"
#include "common/value.hpp"
#include "spl/eval_ast.hpp"

namespace trailhound {

// Settings an expression can see that do not come from the row.
struct EvalSettings {
  double now = 0;              // now(): the search start time, epoch seconds
  std::string timezone = "UTC";  // strftime/strptime/relative_time
};

class Evaluator {
 public:
  explicit Evaluator(EvalSettings settings = {}) : settings_(std::move(settings)) {}
  Value Evaluate(const EvalExpr& expr, const Row& row) const;
  // True only when the expression evaluates to boolean true (where, if, case conditions).
  bool IsTrue(const EvalExpr& expr, const Row& row) const;
  const EvalSettings& settings() const { return settings_; }

 private:
  EvalSettings settings_;
};

}  // namespace trailhound
