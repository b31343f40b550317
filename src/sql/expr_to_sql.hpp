#pragma once
// Eval expressions (eval, where, the profile's calculated fields) and search expressions (the base
// search, `| search`) to SQL, with SPL's rules spelled out: numeric comparison only when both sides
// read as numbers, case-insensitive wildcard matching in search, `!=` requiring the field, a
// multivalue matching when any value does, null propagation.
#include <functional>
#include <string>

#include "spl/eval_ast.hpp"
#include "spl/search_ast.hpp"
#include "sql/sql_dialect.hpp"
#include "sql/sql_value.hpp"

namespace trailhound {

class ExprToSql {
 public:
  ExprToSql(const SqlSpelling& sql, const FieldScope& scope) : sql_(sql), scope_(scope) {}

  // Throws SqlUnsupported for functions and operators without a faithful translation.
  SqlValue Eval(const EvalExpr& expr) const;
  // A condition that is never null (a false one when a field is missing).
  std::string Search(const SearchExpr& expr) const;
  // A condition for where/if/case: true only when the value is boolean true.
  std::string Truth(const SqlValue& value) const;

  // Conversions between the value types (text of a number as Splunk writes it, first value of a
  // multivalue, a one-element array of a text).
  std::string Text(const SqlValue& value) const;
  std::string Multi(const SqlValue& value) const;
  // SPL's ordering comparison of two values (numeric when both read as numbers).
  std::string Compare(const std::string& op, const SqlValue& left, const SqlValue& right) const;

 private:
  SqlValue Call(const EvalExpr& call) const;
  SqlValue Like(const SqlValue& text, const EvalExpr& pattern, const std::string& what) const;
  std::string ScalarCompare(const std::string& op, const SqlValue& left, const SqlValue& right) const;
  std::string SearchCompare(const SearchExpr& expr) const;
  std::string ValueMatches(const std::string& text, const std::string& pattern) const;
  std::string ForEachValue(const SqlValue& value, const std::function<std::string(const std::string&)>& condition) const;

  const SqlSpelling& sql_;
  const FieldScope& scope_;
  mutable int lambda_depth_ = 0;
};

// Lower-cases ASCII letters (SPL's case-insensitive matching is ASCII-only).
std::string AsciiLower(std::string text);
// Whether a literal reads as a number the way SPL reads one.
bool LooksNumeric(const std::string& text);

}  // namespace trailhound
