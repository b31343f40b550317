#include "common/value.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace trailhound {

Value Value::Str(std::string s) {
  Value v;
  v.type_ = Type::kString;
  v.str_ = std::move(s);
  return v;
}

Value Value::Num(double d) {
  Value v;
  v.type_ = Type::kNumber;
  v.num_ = d;
  return v;
}

Value Value::Bool(bool b) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Multi(std::vector<Value> values) {
  // Flatten nested lists and drop nulls so that a multivalue always holds scalars.
  std::vector<Value> flat;
  flat.reserve(values.size());
  for (auto& v : values) {
    if (v.IsMulti()) {
      for (auto& inner : v.mv_) flat.push_back(std::move(inner));
    } else if (!v.IsNull()) {
      flat.push_back(std::move(v));
    }
  }
  if (flat.empty()) return Value();
  if (flat.size() == 1) return std::move(flat[0]);
  Value v;
  v.type_ = Type::kMulti;
  v.mv_ = std::move(flat);
  return v;
}

size_t Value::Count() const {
  switch (type_) {
    case Type::kNull: return 0;
    case Type::kMulti: return mv_.size();
    default: return 1;
  }
}

const Value& Value::At(size_t i) const { return type_ == Type::kMulti ? mv_[i] : *this; }

std::optional<double> Value::AsNumber() const {
  if (type_ == Type::kNumber) return num_;
  if (type_ == Type::kString) return ParseNumber(str_);
  return std::nullopt;
}

std::string Value::AsString() const {
  switch (type_) {
    case Type::kNull: return "";
    case Type::kString: return str_;
    case Type::kNumber: return FormatNumber(num_);
    case Type::kBool: return bool_ ? "true" : "false";
    case Type::kMulti: {
      std::string out;
      for (size_t i = 0; i < mv_.size(); ++i) {
        if (i) out += '\n';
        out += mv_[i].AsString();
      }
      return out;
    }
  }
  return "";
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kString: return str_ == other.str_;
    case Type::kNumber: return num_ == other.num_;
    case Type::kBool: return bool_ == other.bool_;
    case Type::kMulti: return mv_ == other.mv_;
  }
  return false;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  size_t i = 0;
  if (text[i] == '+' || text[i] == '-') ++i;
  size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  // from_chars does not take a leading '+'.
  std::string_view body = text[0] == '+' ? text.substr(1) : text;
  double out = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), out);
  if (res.ec != std::errc() || !std::isfinite(out)) return std::nullopt;
  return out;
}

std::string FormatNumber(double d) {
  if (std::isnan(d)) return "nan";
  if (d == std::trunc(d) && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<long long>(d));
  return fmt::format("{}", d);
}

}  // namespace trailhound
