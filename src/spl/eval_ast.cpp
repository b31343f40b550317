#include "spl/eval_ast.hpp"

namespace trailhound {

void CollectFields(const EvalExpr& expr, std::vector<FieldId>& out) {
  if (expr.kind == EvalExpr::Kind::kField) out.push_back(expr.field);
  for (const auto& a : expr.args) CollectFields(*a, out);
}

}  // namespace trailhound
