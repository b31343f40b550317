// Conversion and math eval functions: tonumber, round, floor, ceil, abs, pow, min, max...
#include <cmath>
#include <cstdlib>

#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

Value ToNumber(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (v.IsNull()) return v;
  int base = 10;
  if (c.args.size() > 1) {
    auto b = c.Arg(1).AsNumber();
    if (!b || *b < 2 || *b > 36) return Value::Null();
    base = static_cast<int>(*b);
  }
  std::string s = v.At(0).AsString();
  if (base == 10) {
    auto n = ParseNumber(s);
    return n ? Value::Num(*n) : Value::Null();
  }
  if (base == 16 && (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0)) s = s.substr(2);
  if (s.empty()) return Value::Null();
  char* end = nullptr;
  long long n = std::strtoll(s.c_str(), &end, base);
  if (end == nullptr || *end != '\0') return Value::Null();
  return Value::Num(static_cast<double>(n));
}

template <double (*F)(double)>
Value Unary(const ScalarFunctionCall& c) {
  auto n = c.Arg(0).AsNumber();
  if (!n) return Value::Null();
  double r = F(*n);
  return std::isfinite(r) ? Value::Num(r) : Value::Null();
}

Value Round(const ScalarFunctionCall& c) {
  auto n = c.Arg(0).AsNumber();
  if (!n) return Value::Null();
  double digits = 0;
  if (c.args.size() > 1) {
    auto d = c.Arg(1).AsNumber();
    if (!d) return Value::Null();
    digits = *d;
  }
  double scale = std::pow(10.0, digits);
  return Value::Num(std::round(*n * scale) / scale);  // half away from zero
}

Value Pow(const ScalarFunctionCall& c) {
  auto a = c.Arg(0).AsNumber();
  auto b = c.Arg(1).AsNumber();
  if (!a || !b) return Value::Null();
  double r = std::pow(*a, *b);
  return std::isfinite(r) ? Value::Num(r) : Value::Null();
}

Value Log(const ScalarFunctionCall& c) {
  auto a = c.Arg(0).AsNumber();
  double base = 10;
  if (c.args.size() > 1) {
    auto b = c.Arg(1).AsNumber();
    if (!b) return Value::Null();
    base = *b;
  }
  if (!a || *a <= 0 || base <= 0 || base == 1) return Value::Null();
  return Value::Num(std::log(*a) / std::log(base));
}

Value Pi(const ScalarFunctionCall&) { return Value::Num(M_PI); }

Value Exact(const ScalarFunctionCall& c) { return c.Arg(0); }

// eval min/max: over all values of all arguments; numbers compare numerically and any string is
// greater than any number.
template <bool kMax>
Value MinMax(const ScalarFunctionCall& c) {
  Value best;
  bool have = false;
  for (size_t i = 0; i < c.args.size(); ++i) {
    Value v = c.Arg(i);
    for (size_t j = 0; j < v.Count(); ++j) {
      const Value& x = v.At(j);
      if (!have) {
        best = x;
        have = true;
        continue;
      }
      bool xn = x.AsNumber().has_value(), bn = best.AsNumber().has_value();
      int cmp = xn == bn ? CompareValues(x, best) : (xn ? -1 : 1);
      if (kMax ? cmp > 0 : cmp < 0) best = x;
    }
  }
  return have ? best : Value::Null();
}

}  // namespace

void RegisterMathFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"tonumber", 1, 2, ToNumber, "tonumber(s, base): number from text, null when not a number"});
  t.push_back({"round", 1, 2, Round, "round(x, digits): half away from zero"});
  t.push_back({"floor", 1, 1, Unary<std::floor>, "floor(x)"});
  t.push_back({"ceil", 1, 1, Unary<std::ceil>, "ceil(x)"});
  t.push_back({"ceiling", 1, 1, Unary<std::ceil>, "ceiling(x)"});
  t.push_back({"abs", 1, 1, Unary<std::fabs>, "abs(x)"});
  t.push_back({"sqrt", 1, 1, Unary<std::sqrt>, "sqrt(x)"});
  t.push_back({"exp", 1, 1, Unary<std::exp>, "exp(x)"});
  t.push_back({"ln", 1, 1, Unary<std::log>, "ln(x)"});
  t.push_back({"log", 1, 2, Log, "log(x, base): logarithm, base 10 by default"});
  t.push_back({"pow", 2, 2, Pow, "pow(x, y)"});
  t.push_back({"pi", 0, 0, Pi, "pi()"});
  t.push_back({"exact", 1, 1, Exact, "exact(x): x at full precision"});
  t.push_back({"min", 1, SIZE_MAX, MinMax<false>, "min(a, b, ...): smallest value; strings sort above numbers"});
  t.push_back({"max", 1, SIZE_MAX, MinMax<true>, "max(a, b, ...): largest value; strings sort above numbers"});
}

}  // namespace trailhound
