#include "spl/search_ast.hpp"

namespace trailhound {

void CollectFields(const SearchExpr& expr, std::vector<FieldId>& out) {
  if (expr.kind == SearchExpr::Kind::kCompare || expr.kind == SearchExpr::Kind::kIn) out.push_back(expr.field);
  for (const auto& c : expr.children) CollectFields(*c, out);
}

bool UsesRawText(const SearchExpr& expr) {
  if (expr.kind == SearchExpr::Kind::kTerm) return true;
  for (const auto& c : expr.children) {
    if (UsesRawText(*c)) return true;
  }
  return false;
}

}  // namespace trailhound
