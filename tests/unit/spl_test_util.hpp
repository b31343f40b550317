#pragma once
// Helpers for the SPL-layer unit tests (spl_*, eval_*, exec_*, functions_*): build rows by hand,
// evaluate one eval expression, run a query plan over hand-made rows.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/error.hpp"
#include "common/row.hpp"
#include "common/value.hpp"
#include "exec/evaluator.hpp"
#include "plan/query_plan.hpp"
#include "spl/eval_parser.hpp"

namespace trailhound::testing {

inline FieldId F(const std::string& name) { return FieldNames::Intern(name); }

// A field value for MakeRow: a string, a number, or a list of strings (a multivalue).
struct V {
  V(const char* s) : value(Value::Str(s)) {}                  // NOLINT: implicit on purpose
  V(std::string s) : value(Value::Str(std::move(s))) {}       // NOLINT
  V(double d) : value(Value::Num(d)) {}                       // NOLINT
  V(int d) : value(Value::Num(d)) {}                          // NOLINT
  V(std::initializer_list<const char*> mv) {                  // NOLINT
    std::vector<Value> vs;
    for (const char* s : mv) vs.push_back(Value::Str(s));
    value = Value::Multi(std::move(vs));
  }
  Value value;
};

inline Row MakeRow(std::initializer_list<std::pair<const char*, V>> fields) {
  Row row;
  for (const auto& [name, v] : fields) row.Set(F(name), v.value);
  return row;
}

// The values of v as text (empty for null).
inline std::vector<std::string> Texts(const Value& v) {
  std::vector<std::string> out;
  for (size_t i = 0; i < v.Count(); ++i) out.push_back(v.At(i).AsString());
  return out;
}

// The text of a field of a row, or "<null>" when the row does not have it.
inline std::string Get(const Row& row, const std::string& name) {
  const Value* v = row.Get(F(name));
  return v ? v->AsString() : "<null>";
}

inline std::vector<std::string> GetAll(const Row& row, const std::string& name) {
  const Value* v = row.Get(F(name));
  return v ? Texts(*v) : std::vector<std::string>{};
}

// Field names of a row in order.
inline std::vector<std::string> Names(const Row& row) {
  std::vector<std::string> out;
  for (const auto& [id, v] : row.entries()) out.push_back(FieldNames::Name(id));
  return out;
}

inline Value Eval(const std::string& expr, const Row& row = Row(), EvalSettings settings = {}) {
  auto ast = ParseEvalExpression(expr);
  Evaluator ev(std::move(settings));
  return ev.Evaluate(*ast, row);
}

// "true", "false" or "null" for a boolean-valued expression (anything else is its text).
inline std::string Truth(const std::string& expr, const Row& row = Row()) {
  Value v = Eval(expr, row);
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.boolean() ? "true" : "false";
  return "non-bool:" + v.AsString();
}

// Runs `query` over `rows` (pushed into the first operator in order) and returns the results.
inline std::vector<Row> RunQuery(const std::string& query, std::vector<Row> rows, EvalSettings settings = {}) {
  auto plan = PlanQuery(query, settings);
  for (auto& r : rows) plan->first().Push(r);
  plan->first().Finish();
  return std::move(plan->results());
}

// The values of one field over result rows ("<null>" where missing).
inline std::vector<std::string> Column(const std::vector<Row>& rows, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(Get(r, name));
  return out;
}

// The QueryError a callable throws; a test failure when it throws nothing.
template <typename Fn>
QueryError ExpectQueryError(Fn fn) {
  try {
    fn();
  } catch (const QueryError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a QueryError";
  return QueryError("none", static_cast<size_t>(-1));
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace trailhound::testing
