#include "exec/evaluator.hpp"

#include <cmath>

#include "common/error.hpp"
#include "functions/scalar_function.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

// Three-valued booleans: a non-boolean, non-null operand counts as null.
std::optional<bool> AsBool(const Value& v) {
  if (v.IsBool()) return v.boolean();
  return std::nullopt;
}

Value Arithmetic(const std::string& op, const Value& l, const Value& r) {
  if (l.IsNull() || r.IsNull()) return Value::Null();
  auto a = l.AsNumber();
  auto b = r.AsNumber();
  if (op == "+" && (!a || !b)) {
    // Two strings concatenate; a string and a number give null.
    if (l.IsString() && r.IsString()) return Value::Str(l.str() + r.str());
    return Value::Null();
  }
  if (!a || !b) return Value::Null();
  switch (op[0]) {
    case '+': return Value::Num(*a + *b);
    case '-': return Value::Num(*a - *b);
    case '*': return Value::Num(*a * *b);
    case '/': return *b == 0 ? Value::Null() : Value::Num(*a / *b);
    case '%': return *b == 0 ? Value::Null() : Value::Num(std::fmod(*a, *b));
  }
  return Value::Null();
}

Value Compare(const std::string& op, const Value& l, const Value& r) {
  if (l.IsNull() || r.IsNull()) return Value::Null();
  // A multivalue operand matches if any of its values does.
  for (size_t i = 0; i < l.Count(); ++i) {
    for (size_t j = 0; j < r.Count(); ++j) {
      int c = CompareValues(l.At(i), r.At(j));
      bool ok = false;
      if (op == "=") ok = c == 0;
      else if (op == "!=") ok = c != 0;
      else if (op == "<") ok = c < 0;
      else if (op == "<=") ok = c <= 0;
      else if (op == ">") ok = c > 0;
      else if (op == ">=") ok = c >= 0;
      if (ok) return Value::Bool(true);
    }
  }
  return Value::Bool(false);
}

}  // namespace

Value Evaluator::Evaluate(const EvalExpr& expr, const Row& row) const {
  switch (expr.kind) {
    case EvalExpr::Kind::kLiteral:
      return expr.literal;
    case EvalExpr::Kind::kField: {
      const Value* v = row.Get(expr.field);
      return v ? *v : Value::Null();
    }
    case EvalExpr::Kind::kUnary: {
      Value v = Evaluate(*expr.args[0], row);
      if (expr.op == "NOT") {
        auto b = AsBool(v);
        return b ? Value::Bool(!*b) : Value::Null();
      }
      auto n = v.AsNumber();
      return n ? Value::Num(-*n) : Value::Null();
    }
    case EvalExpr::Kind::kBinary: {
      const std::string& op = expr.op;
      if (op == "AND" || op == "OR") {
        auto l = AsBool(Evaluate(*expr.args[0], row));
        // Short-circuit where the answer is already known: false AND x, true OR x.
        if (op == "AND" && l && !*l) return Value::Bool(false);
        if (op == "OR" && l && *l) return Value::Bool(true);
        auto r = AsBool(Evaluate(*expr.args[1], row));
        if (op == "AND") {
          if (r && !*r) return Value::Bool(false);
          if (l && r) return Value::Bool(true);
          return Value::Null();
        }
        if (r && *r) return Value::Bool(true);
        if (l && r) return Value::Bool(false);
        return Value::Null();
      }
      Value l = Evaluate(*expr.args[0], row);
      Value r = Evaluate(*expr.args[1], row);
      if (op == "XOR") {
        auto a = AsBool(l);
        auto b = AsBool(r);
        return a && b ? Value::Bool(*a != *b) : Value::Null();
      }
      if (op == ".") {
        if (l.IsNull() || r.IsNull()) return Value::Null();
        return Value::Str(l.At(0).AsString() + r.At(0).AsString());
      }
      if (op == "LIKE") {
        if (l.IsNull() || r.IsNull()) return Value::Null();
        for (size_t i = 0; i < l.Count(); ++i) {
          if (SqlLikeMatch(l.At(i).AsString(), r.At(0).AsString())) return Value::Bool(true);
        }
        return Value::Bool(false);
      }
      if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") return Arithmetic(op, l, r);
      return Compare(op, l, r);
    }
    case EvalExpr::Kind::kCall: {
      ScalarFunctionCall call{*this, row, expr.args};
      return expr.function->impl(call);
    }
  }
  return Value::Null();
}

bool Evaluator::IsTrue(const EvalExpr& expr, const Row& row) const {
  Value v = Evaluate(expr, row);
  return v.IsBool() && v.boolean();
}

Value ScalarFunctionCall::Arg(size_t i) const { return evaluator.Evaluate(*args[i], row); }

}  // namespace trailhound
