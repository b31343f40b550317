#pragma once
// A compiled SQL expression with the Splunk value type it carries, the fields visible at one point
// of a compiled pipeline, and the error for SPL that has no faithful SQL.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace trailhound {

// SPL values are dynamically typed; the compiler tracks what each SQL expression holds so that it
// can apply SPL's rules (numeric comparison when both sides read as numbers, multivalue matching
// when any value matches) without runtime type tests where the type is known.
enum class SqlType {
  kNull,    // always null (a field nothing produces)
  kString,  // text that may read as a number (event fields are all text)
  kNumber,  // DOUBLE or BIGINT (count, _time, arithmetic)
  kBool,    // a condition (comparisons, isnull(), ...)
  kMulti,   // an array of texts, never empty (null instead), never holding a null
};

struct SqlValue {
  SqlValue() = default;
  SqlValue(std::string text, SqlType t, std::optional<std::string> literal_text = std::nullopt)
      : sql(std::move(text)), type(t), literal(std::move(literal_text)) {}
  std::string sql = "NULL";
  SqlType type = SqlType::kNull;
  // For a text literal: its text, so that comparisons with it are decided when compiling.
  std::optional<std::string> literal;
  static SqlValue Null() { return {"NULL", SqlType::kNull, std::nullopt}; }
};

// The fields of the rows at one point of the pipeline, each as an expression over the current
// relation, in column order.
class FieldScope {
 public:
  // The field's value; a field that is not in scope is null.
  SqlValue Get(const std::string& name) const;
  bool Has(const std::string& name) const { return index_.count(name) > 0; }
  void Set(const std::string& name, SqlValue value);
  void Remove(const std::string& name);
  const std::vector<std::pair<std::string, SqlValue>>& fields() const { return fields_; }
  void Clear() {
    fields_.clear();
    index_.clear();
  }

 private:
  std::vector<std::pair<std::string, SqlValue>> fields_;
  std::map<std::string, size_t> index_;
};

// SPL the compiler cannot translate with the same results. `what` names the construct.
class SqlUnsupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace trailhound
