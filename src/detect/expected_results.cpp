#include "detect/expected_results.hpp"

#include <simdjson.h>

#include <algorithm>

#include "common/error.hpp"
#include "common/value.hpp"

namespace trailhound {

namespace {

// A row as text: field name -> its values.
using RowText = std::map<std::string, std::vector<std::string>>;

RowText TextOf(const Row& row, const std::vector<FieldId>& columns) {
  RowText text;
  for (FieldId column : columns) {
    const Value* v = row.Get(column);
    if (v == nullptr || v->IsNull()) continue;
    auto& values = text[FieldNames::Name(column)];
    for (size_t i = 0; i < v->Count(); ++i) values.push_back(v->At(i).AsString());
  }
  return text;
}

std::string ScalarText(simdjson::dom::element element, const std::string& line) {
  std::string_view text;
  int64_t integer = 0;
  uint64_t unsigned_integer = 0;
  double number = 0;
  bool boolean = false;
  switch (element.type()) {
    case simdjson::dom::element_type::STRING:
      if (element.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
      break;
    case simdjson::dom::element_type::INT64:
      if (element.get_int64().get(integer) == simdjson::SUCCESS) return FormatNumber(static_cast<double>(integer));
      break;
    case simdjson::dom::element_type::UINT64:
      if (element.get_uint64().get(unsigned_integer) == simdjson::SUCCESS) return FormatNumber(static_cast<double>(unsigned_integer));
      break;
    case simdjson::dom::element_type::DOUBLE:
      if (element.get_double().get(number) == simdjson::SUCCESS) return FormatNumber(number);
      break;
    case simdjson::dom::element_type::BOOL:
      if (element.get_bool().get(boolean) == simdjson::SUCCESS) return boolean ? "true" : "false";
      break;
    default: break;
  }
  throw Error(ErrorKind::kQuery, "expected_rows: only strings, numbers, booleans, null and arrays of them are supported: " + line);
}

RowText ParseExpectedRow(const std::string& line) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line).get_object().get(object) != simdjson::SUCCESS) {
    throw Error(ErrorKind::kQuery, "expected_rows: not a JSON object: " + line);
  }
  RowText text;
  for (auto field : object) {
    if (field.value.is_null()) continue;  // null: the field must be absent
    auto& values = text[std::string(field.key)];
    simdjson::dom::array array;
    if (field.value.get_array().get(array) == simdjson::SUCCESS) {
      for (auto item : array) values.push_back(ScalarText(item, line));
    } else {
      values.push_back(ScalarText(field.value, line));
    }
  }
  return text;
}

std::string Show(const std::vector<std::string>& values) {
  if (values.size() == 1) return "\"" + values[0] + "\"";
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", \"" : "\"") + values[i] + "\"";
  return out + "]";
}

std::string ShowRow(const RowText& row) {
  std::string out = "{";
  for (const auto& [key, values] : row) out += (out.size() > 1 ? ", " : "") + key + ": " + Show(values);
  return out + "}";
}

// The first field where the rows differ, or nullopt.
std::optional<std::string> DiffRow(const RowText& got, const RowText& want) {
  for (const auto& [key, values] : want) {
    auto it = got.find(key);
    if (it == got.end()) return "field " + key + ": expected " + Show(values) + ", got no value";
    if (it->second != values) return "field " + key + ": expected " + Show(values) + ", got " + Show(it->second);
  }
  for (const auto& [key, values] : got) {
    if (!want.count(key)) return "unexpected field " + key + " = " + Show(values);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CompareExpectedRows(const std::vector<Row>& rows, const std::vector<FieldId>& columns,
                                               const std::vector<std::string>& expected_json, bool unordered) {
  std::vector<RowText> got, want;
  for (const auto& row : rows) got.push_back(TextOf(row, columns));
  for (const auto& line : expected_json) want.push_back(ParseExpectedRow(line));
  if (unordered) {
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
  }
  size_t common = std::min(got.size(), want.size());
  for (size_t i = 0; i < common; ++i) {
    if (auto diff = DiffRow(got[i], want[i])) return "row " + std::to_string(i + 1) + ": " + *diff;
  }
  if (got.size() > want.size()) {
    return "expected " + std::to_string(want.size()) + " rows, got " + std::to_string(got.size()) + "; the first extra is " + ShowRow(got[common]);
  }
  if (got.size() < want.size()) {
    return "expected " + std::to_string(want.size()) + " rows, got " + std::to_string(got.size()) + "; the first missing is " + ShowRow(want[common]);
  }
  return std::nullopt;
}

std::optional<std::string> CompareExpectedRisk(const std::vector<RiskEvent>& events,
                                               const std::vector<std::map<std::string, std::string>>& expected) {
  if (events.size() != expected.size()) {
    return "expected " + std::to_string(expected.size()) + " risk events, got " + std::to_string(events.size());
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const RiskEvent& e = events[i];
    std::map<std::string, std::string> got = {
        {"risk_object", e.risk_object},
        {"risk_object_type", e.risk_object_type},
        {"risk_object_field", e.risk_object_field},
        {"risk_score", std::to_string(e.risk_score)},
        {"risk_message", e.risk_message},
        {"threat_object", e.threat_object.value_or("")},
        {"threat_object_type", e.threat_object_type.value_or("")},
        {"search_name", e.search_name},
    };
    for (const auto& [key, value] : expected[i]) {
      auto it = got.find(key);
      if (it == got.end()) throw Error(ErrorKind::kQuery, "expected_risk: unknown key '" + key + "'");
      if (it->second != value) {
        return "risk event " + std::to_string(i + 1) + ": " + key + ": expected \"" + value + "\", got \"" + it->second + "\"";
      }
    }
  }
  return std::nullopt;
}

}  // namespace trailhound
