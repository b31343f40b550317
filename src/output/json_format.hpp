#pragma once
// JSON text for result values and rows, shared by the jsonl/json writers and the hunt envelope.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "common/value.hpp"

namespace trailhound {

// Appends `text` as a JSON string literal: '"' and '\\' escaped, control characters as \n, \t,
// \r, \b, \f or \u00XX, valid UTF-8 copied as is, and each byte of invalid UTF-8 replaced by
// U+FFFD so that the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view text);

// A number in JSON form: integers without ".0", non-finite values as null.
void AppendJsonNumber(std::string& out, double number);

// Strings as strings, numbers as numbers, booleans as true/false, multivalues as arrays, null as
// null. With `as_time`, a string that reads as a number is written as a number (for `_time`).
void AppendJsonValue(std::string& out, const Value& value, bool as_time = false);

// `{"col":value,...}` with keys in column order; fields absent from the row (or null) are left
// out; `_time` is written as a number.
void AppendJsonRow(std::string& out, const Row& row, const std::vector<FieldId>& columns);

// A list of strings as a JSON array.
void AppendJsonStringArray(std::string& out, const std::vector<std::string>& values);

// Writes one JSON object member by member, in call order: `{"key":value,...}` once Close() is
// called. For the report lines of `test` and `lint`.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  JsonObjectWriter& String(std::string_view key, std::string_view value);
  JsonObjectWriter& Bool(std::string_view key, bool value);
  JsonObjectWriter& Null(std::string_view key);
  JsonObjectWriter& Number(std::string_view key, std::optional<double> value);        // null if none
  JsonObjectWriter& Strings(std::string_view key, const std::vector<std::string>* values);  // null if none
  void Close() { out_ += '}'; }

 private:
  void Key(std::string_view key);
  std::string& out_;
  bool first_ = true;
};

}  // namespace trailhound
