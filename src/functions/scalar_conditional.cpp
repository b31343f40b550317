// Conditional and informational eval functions: if, case, coalesce, null, isnull, like, match, in...
#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "functions/regex.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

bool Truth(const Value& v) { return v.IsBool() && v.boolean(); }

Value If(const ScalarFunctionCall& c) {
  // A null or false condition takes the else branch; if() without else gives null.
  if (Truth(c.Arg(0))) return c.Arg(1);
  return c.args.size() > 2 ? c.Arg(2) : Value::Null();
}

Value Case(const ScalarFunctionCall& c) {
  for (size_t i = 0; i + 1 < c.args.size(); i += 2) {
    if (Truth(c.Arg(i))) return c.Arg(i + 1);
  }
  return Value::Null();
}

Value Coalesce(const ScalarFunctionCall& c) {
  for (size_t i = 0; i < c.args.size(); ++i) {
    Value v = c.Arg(i);
    if (!v.IsNull()) return v;  // an empty string counts as a value
  }
  return Value::Null();
}

Value Null(const ScalarFunctionCall&) { return Value::Null(); }
Value True(const ScalarFunctionCall&) { return Value::Bool(true); }
Value False(const ScalarFunctionCall&) { return Value::Bool(false); }
Value IsNull(const ScalarFunctionCall& c) { return Value::Bool(c.Arg(0).IsNull()); }
Value IsNotNull(const ScalarFunctionCall& c) { return Value::Bool(!c.Arg(0).IsNull()); }

Value NullIf(const ScalarFunctionCall& c) {
  Value a = c.Arg(0);
  Value b = c.Arg(1);
  if (!a.IsNull() && !b.IsNull() && CompareValues(a.At(0), b.At(0)) == 0) return Value::Null();
  return a;
}

Value Like(const ScalarFunctionCall& c) {
  Value s = c.Arg(0);
  Value p = c.Arg(1);
  if (s.IsNull() || p.IsNull()) return Value::Null();
  for (size_t i = 0; i < s.Count(); ++i) {
    if (SqlLikeMatch(s.At(i).AsString(), p.At(0).AsString())) return Value::Bool(true);
  }
  return Value::Bool(false);
}

Value Match(const ScalarFunctionCall& c) {
  Value s = c.Arg(0);
  Value p = c.Arg(1);
  if (s.IsNull() || p.IsNull()) return Value::Null();
  const Regex& re = CachedRegex(p.At(0).AsString());
  for (size_t i = 0; i < s.Count(); ++i) {
    if (re.Search(s.At(i).AsString())) return Value::Bool(true);
  }
  return Value::Bool(false);
}

Value In(const ScalarFunctionCall& c) {
  Value x = c.Arg(0);
  if (x.IsNull()) return Value::Null();
  for (size_t i = 1; i < c.args.size(); ++i) {
    Value v = c.Arg(i);
    for (size_t a = 0; a < x.Count(); ++a) {
      for (size_t b = 0; b < v.Count(); ++b) {
        // in() is exact and case-sensitive, like eval's string equality.
        if (x.At(a).AsString() == v.At(b).AsString()) return Value::Bool(true);
      }
    }
  }
  return Value::Bool(false);
}

Value TypeOf(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  switch (v.type()) {
    case Value::Type::kNull: return Value::Str("Invalid");
    case Value::Type::kBool: return Value::Str("Boolean");
    case Value::Type::kMulti: return Value::Str("Multivalue");
    case Value::Type::kNumber: return Value::Str("Number");
    case Value::Type::kString: return Value::Str(v.AsNumber() ? "Number" : "String");
  }
  return Value::Str("Invalid");
}

Value IsNum(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  return Value::Bool(!v.IsMulti() && v.AsNumber().has_value());
}

Value IsInt(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  auto n = v.IsMulti() ? std::nullopt : v.AsNumber();
  return Value::Bool(n && *n == static_cast<double>(static_cast<long long>(*n)));
}

Value IsStr(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  return Value::Bool(v.IsString() && !v.AsNumber());
}

Value IsBool(const ScalarFunctionCall& c) { return Value::Bool(c.Arg(0).IsBool()); }

Value Validate(const ScalarFunctionCall& c) {
  for (size_t i = 0; i + 1 < c.args.size(); i += 2) {
    if (!Truth(c.Arg(i))) return c.Arg(i + 1);
  }
  return Value::Null();
}

}  // namespace

void RegisterConditionalFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"if", 2, 3, If, "if(cond, then, else): then when cond is true, else otherwise (null cond = false)"});
  t.push_back({"case", 2, SIZE_MAX, Case, "case(c1, v1, c2, v2, ...): the value of the first true condition, else null"});
  t.push_back({"coalesce", 1, SIZE_MAX, Coalesce, "coalesce(a, b, ...): the first argument that is not null"});
  t.push_back({"null", 0, 0, Null, "null(): the null value (assigning it removes a field)"});
  t.push_back({"true", 0, 0, True, "true(): boolean true"});
  t.push_back({"false", 0, 0, False, "false(): boolean false"});
  t.push_back({"isnull", 1, 1, IsNull, "isnull(x): true when x is null or missing"});
  t.push_back({"isnotnull", 1, 1, IsNotNull, "isnotnull(x): true when x has a value"});
  t.push_back({"nullif", 2, 2, NullIf, "nullif(a, b): null when a equals b, else a"});
  t.push_back({"like", 2, 2, Like, "like(s, pattern): SQL LIKE (% and _), whole value, case-sensitive"});
  t.push_back({"match", 2, 2, Match, "match(s, regex): true when the PCRE regex matches anywhere in s"});
  t.push_back({"in", 2, SIZE_MAX, In, "in(x, v1, v2, ...): true when x equals one of the values (case-sensitive)"});
  t.push_back({"typeof", 1, 1, TypeOf, "typeof(x): Number, String, Boolean, Multivalue or Invalid"});
  t.push_back({"isnum", 1, 1, IsNum, "isnum(x): true when x is a number"});
  t.push_back({"isint", 1, 1, IsInt, "isint(x): true when x is an integer"});
  t.push_back({"isstr", 1, 1, IsStr, "isstr(x): true when x is a non-numeric string"});
  t.push_back({"isbool", 1, 1, IsBool, "isbool(x): true when x is a boolean"});
  t.push_back({"validate", 2, SIZE_MAX, Validate, "validate(c1, s1, ...): s of the first false condition, else null"});
}

}  // namespace trailhound
