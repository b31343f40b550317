#include "output/json_format.hpp"

#include <cmath>

namespace trailhound {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid (overlong
// forms, surrogates and code points above U+10FFFF are invalid).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length;
  uint32_t code_point;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) return 0;
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out += kReplacementCharacter;
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void AppendJsonNumber(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  out += FormatNumber(number);
}

void AppendJsonValue(std::string& out, const Value& value, bool as_time) {
  switch (value.type()) {
    case Value::Type::kNull: out += "null"; return;
    case Value::Type::kNumber: AppendJsonNumber(out, value.num()); return;
    case Value::Type::kBool: out += value.boolean() ? "true" : "false"; return;
    case Value::Type::kString:
      if (as_time) {
        if (auto number = value.AsNumber()) {
          AppendJsonNumber(out, *number);
          return;
        }
      }
      AppendJsonString(out, value.str());
      return;
    case Value::Type::kMulti:
      out += '[';
      for (size_t i = 0; i < value.values().size(); ++i) {
        if (i) out += ',';
        AppendJsonValue(out, value.values()[i], as_time);
      }
      out += ']';
      return;
  }
}

void AppendJsonRow(std::string& out, const Row& row, const std::vector<FieldId>& columns) {
  out += '{';
  bool first = true;
  FieldId time_field = fields::Time();
  for (FieldId column : columns) {
    const Value* value = row.Get(column);
    if (value == nullptr || value->IsNull()) continue;
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, FieldNames::Name(column));
    out += ':';
    AppendJsonValue(out, *value, column == time_field);
  }
  out += '}';
}

void AppendJsonStringArray(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, values[i]);
  }
  out += ']';
}

void JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  AppendJsonString(out_, key);
  out_ += ':';
}

JsonObjectWriter& JsonObjectWriter::String(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(out_, value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Bool(std::string_view key, bool value) {
  Key(key);
  out_ += value ? "true" : "false";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Null(std::string_view key) {
  Key(key);
  out_ += "null";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Number(std::string_view key, std::optional<double> value) {
  Key(key);
  if (value) {
    AppendJsonNumber(out_, *value);
  } else {
    out_ += "null";
  }
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Strings(std::string_view key, const std::vector<std::string>* values) {
  Key(key);
  if (values != nullptr) {
    AppendJsonStringArray(out_, *values);
  } else {
    out_ += "null";
  }
  return *this;
}

}  // namespace trailhound
