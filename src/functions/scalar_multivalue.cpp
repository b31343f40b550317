// Multivalue eval functions: mvcount, mvindex, mvjoin, mvappend, mvfind, mvdedup, mvsort, mvzip,
// mvfilter, mvrange.
#include <algorithm>
#include <cmath>

#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "functions/regex.hpp"

namespace trailhound {

namespace {

Value MvCount(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (v.IsNull()) return v;
  return Value::Num(static_cast<double>(v.Count()));
}

// Resolves a possibly negative index against n values; nullopt when out of range.
std::optional<long long> Index(double i, size_t n) {
  long long k = static_cast<long long>(i);
  if (k < 0) k += static_cast<long long>(n);
  if (k < 0 || k >= static_cast<long long>(n)) return std::nullopt;
  return k;
}

Value MvIndex(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  auto s = c.Arg(1).AsNumber();
  if (v.IsNull() || !s) return Value::Null();
  auto start = Index(*s, v.Count());
  if (!start) return Value::Null();
  long long end = *start;
  if (c.args.size() > 2) {
    auto e = c.Arg(2).AsNumber();
    if (!e) return Value::Null();
    long long k = static_cast<long long>(*e);
    if (k < 0) k += static_cast<long long>(v.Count());
    end = std::min(k, static_cast<long long>(v.Count()) - 1);  // end is inclusive
    if (end < *start) return Value::Null();
  }
  std::vector<Value> out;
  for (long long i = *start; i <= end; ++i) out.push_back(v.At(static_cast<size_t>(i)));
  return Value::Multi(std::move(out));
}

Value MvJoin(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  Value d = c.Arg(1);
  if (v.IsNull() || d.IsNull()) return Value::Null();
  std::string delim = d.AsString();
  std::string out;
  for (size_t i = 0; i < v.Count(); ++i) {
    if (i) out += delim;
    out += v.At(i).AsString();
  }
  return Value::Str(std::move(out));
}

Value MvAppend(const ScalarFunctionCall& c) {
  std::vector<Value> all;
  for (size_t i = 0; i < c.args.size(); ++i) all.push_back(c.Arg(i));
  return Value::Multi(std::move(all));  // drops nulls, flattens
}

Value MvFind(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  Value p = c.Arg(1);
  if (v.IsNull() || p.IsNull()) return Value::Null();
  const Regex& re = CachedRegex(p.AsString());
  for (size_t i = 0; i < v.Count(); ++i) {
    if (re.Search(v.At(i).AsString())) return Value::Num(static_cast<double>(i));
  }
  return Value::Null();
}

Value MvDedup(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (!v.IsMulti()) return v;
  std::vector<Value> out;
  for (const auto& x : v.values()) {
    if (std::none_of(out.begin(), out.end(), [&](const Value& y) { return y.AsString() == x.AsString(); })) out.push_back(x);
  }
  return Value::Multi(std::move(out));
}

Value MvSort(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (!v.IsMulti()) return v;
  std::vector<Value> out = v.values();
  std::stable_sort(out.begin(), out.end(), [](const Value& a, const Value& b) { return a.AsString() < b.AsString(); });
  return Value::Multi(std::move(out));
}

Value MvZip(const ScalarFunctionCall& c) {
  Value a = c.Arg(0);
  Value b = c.Arg(1);
  if (a.IsNull() || b.IsNull()) return Value::Null();
  std::string delim = c.args.size() > 2 ? c.Arg(2).AsString() : ",";
  std::vector<Value> out;
  for (size_t i = 0; i < std::min(a.Count(), b.Count()); ++i) {
    out.push_back(Value::Str(a.At(i).AsString() + delim + b.At(i).AsString()));
  }
  return Value::Multi(std::move(out));
}

Value MvFilter(const ScalarFunctionCall& c) {
  // The expression names one field; it is evaluated once per value of that field.
  std::vector<FieldId> refs;
  CollectFields(*c.args[0], refs);
  if (refs.empty()) return Value::Null();
  FieldId f = refs[0];
  const Value* v = c.row.Get(f);
  if (v == nullptr) return Value::Null();
  Value values = *v;
  Row scratch = c.row;
  std::vector<Value> out;
  for (size_t i = 0; i < values.Count(); ++i) {
    scratch.Set(f, values.At(i));
    if (c.evaluator.IsTrue(*c.args[0], scratch)) out.push_back(values.At(i));
  }
  return Value::Multi(std::move(out));
}

Value MvRange(const ScalarFunctionCall& c) {
  auto s = c.Arg(0).AsNumber();
  auto e = c.Arg(1).AsNumber();
  double step = 1;
  if (c.args.size() > 2) {
    auto st = c.Arg(2).AsNumber();
    if (!st) return Value::Null();
    step = *st;
  }
  if (!s || !e || step == 0) return Value::Null();
  std::vector<Value> out;
  constexpr size_t kMaxValues = 100000;  // guards against a runaway range
  for (double x = *s; (step > 0 ? x < *e : x > *e) && out.size() < kMaxValues; x += step) out.push_back(Value::Num(x));
  return Value::Multi(std::move(out));
}

}  // namespace

void RegisterMultivalueFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"mvcount", 1, 1, MvCount, "mvcount(x): number of values; null when x is missing"});
  t.push_back({"mvindex", 2, 3, MvIndex, "mvindex(x, start, end): values by 0-based index, end inclusive, negative from the end"});
  t.push_back({"mvjoin", 2, 2, MvJoin, "mvjoin(x, delim): values joined with delim"});
  t.push_back({"mvappend", 1, SIZE_MAX, MvAppend, "mvappend(a, b, ...): all values of all arguments, nulls skipped"});
  t.push_back({"mvfind", 2, 2, MvFind, "mvfind(x, regex): index of the first value matching regex"});
  t.push_back({"mvdedup", 1, 1, MvDedup, "mvdedup(x): values without duplicates, first occurrence kept"});
  t.push_back({"mvsort", 1, 1, MvSort, "mvsort(x): values sorted lexicographically"});
  t.push_back({"mvzip", 2, 3, MvZip, "mvzip(a, b, delim): pairwise join"});
  t.push_back({"mvfilter", 1, 1, MvFilter, "mvfilter(expr): the values of the field in expr for which expr is true"});
  t.push_back({"mvrange", 2, 3, MvRange, "mvrange(start, end, step): numbers from start to end (exclusive)"});
}

}  // namespace trailhound
