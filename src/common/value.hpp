#pragma once
// A field value as Splunk sees it: absent (null), one string, one number, a boolean (only inside
// eval expressions), or a multivalue list of strings/numbers.
//
// Extracted fields are strings, even when the JSON held a number or a boolean (Splunk keeps the
// text as written). Numbers come from eval arithmetic and stats. A string that reads completely as
// a number is usable as a number (AsNumber), which is how Splunk compares "6" with 5.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

class Value {
 public:
  enum class Type : uint8_t { kNull, kString, kNumber, kBool, kMulti };

  Value() = default;
  static Value Null() { return Value(); }
  static Value Str(std::string s);
  static Value Num(double d);
  static Value Bool(bool b);
  // A list of scalars (string or number). An empty list is null; a list of one is that value.
  static Value Multi(std::vector<Value> values);

  Type type() const { return type_; }
  bool IsNull() const { return type_ == Type::kNull; }
  bool IsString() const { return type_ == Type::kString; }
  bool IsNumber() const { return type_ == Type::kNumber; }
  bool IsBool() const { return type_ == Type::kBool; }
  bool IsMulti() const { return type_ == Type::kMulti; }

  // The raw members; valid only for the matching type.
  const std::string& str() const { return str_; }
  double num() const { return num_; }
  bool boolean() const { return bool_; }
  const std::vector<Value>& values() const { return mv_; }

  // Number of values: 0 for null, N for a multivalue, 1 otherwise.
  size_t Count() const;
  // The i-th value (a scalar). For a scalar, i must be 0.
  const Value& At(size_t i) const;

  // Numeric view: a number, or a string that parses completely as a finite decimal number.
  // Booleans, multivalues and null have none.
  std::optional<double> AsNumber() const;
  // Text form: strings as they are, numbers as Splunk prints them (integers without ".0"),
  // booleans as "true"/"false", multivalues joined with "\n" (as in CSV export), null as "".
  std::string AsString() const;

  bool operator==(const Value& other) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double num_ = 0;
  std::string str_;
  std::vector<Value> mv_;
};

// Parses text as a Splunk number: optional sign, digits, optional fraction, optional exponent;
// no surrounding spaces, no hex, no inf/nan.
std::optional<double> ParseNumber(std::string_view text);

// Formats a double the way Splunk prints eval/stats results: integral values without a decimal
// point, others in the shortest form that reads back to the same double.
std::string FormatNumber(double d);

}  // namespace trailhound
