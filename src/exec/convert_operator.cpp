// convert: ctime (epoch to text in the user's timezone, with timeformat), mktime, num, auto,
// dur2sec, rmcomma, rmunit, none. Without AS the field is replaced in place. A field that does not
// exist is left alone (several detections convert fields they never created).
#include <cctype>

#include "common/time_format.hpp"
#include "exec/operators.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

std::optional<Value> ConvertOne(const std::string& fn, const Value& v, const std::string& fmt, const std::string& tz) {
  std::string s = v.AsString();
  if (fn == "ctime") {
    auto n = v.AsNumber();
    if (!n) return v;  // non-numeric values are left unchanged
    return Value::Str(FormatTime(*n, fmt, tz));
  }
  if (fn == "mktime") {
    auto t = ParseTime(s, fmt, tz);
    return t ? Value::Num(*t) : v;
  }
  if (fn == "num" || fn == "auto") {
    auto n = ParseNumber(s);
    if (n) return Value::Num(*n);
    return fn == "num" ? std::nullopt : std::optional<Value>(v);
  }
  if (fn == "rmcomma") {
    std::string t;
    for (char c : s) {
      if (c != ',') t += c;
    }
    auto n = ParseNumber(t);
    return n ? Value::Num(*n) : v;
  }
  if (fn == "rmunit") {
    size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' || s[i] == '+')) ++i;
    auto n = ParseNumber(s.substr(0, i));
    return n ? Value::Num(*n) : v;
  }
  if (fn == "dur2sec") {
    // [D+]HH:MM:SS
    double days = 0;
    std::string rest = s;
    size_t plus = s.find('+');
    if (plus != std::string::npos) {
      auto d = ParseNumber(s.substr(0, plus));
      if (!d) return v;
      days = *d;
      rest = s.substr(plus + 1);
    }
    double total = 0;
    size_t start = 0;
    int parts = 0;
    while (start <= rest.size() && parts < 3) {
      size_t colon = rest.find(':', start);
      auto n = ParseNumber(rest.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
      if (!n) return v;
      total = total * 60 + *n;
      ++parts;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return Value::Num(days * 86400 + total);
  }
  return v;  // none, memk, mstime: kept as they are
}

class ConvertOperator : public Operator {
 public:
  ConvertOperator(const ConvertCommand& cmd, const EvalSettings& settings) : cmd_(cmd), tz_(settings.timezone) {}

  void Push(Row& row) override {
    for (const auto& c : cmd_.conversions) {
      if (c.field.find('*') == std::string::npos) {
        Apply(c, FieldNames::Intern(c.field), row);
        continue;
      }
      std::vector<FieldId> matching;
      for (const auto& [id, v] : row.entries()) {
        if (GlobCapture(FieldNames::Name(id), c.field, nullptr)) matching.push_back(id);
      }
      for (FieldId id : matching) Apply(c, id, row);
    }
    Emit(row);
  }

 private:
  void Apply(const ConvertCommand::Conversion& c, FieldId id, Row& row) {
    const Value* v = row.Get(id);
    if (v == nullptr) return;
    std::vector<Value> out;
    for (size_t i = 0; i < v->Count(); ++i) {
      auto r = ConvertOne(c.function, v->At(i), cmd_.timeformat, tz_);
      if (r) out.push_back(std::move(*r));
    }
    row.Set(c.as.value_or(id), Value::Multi(std::move(out)));
  }

  const ConvertCommand& cmd_;
  std::string tz_;
};

}  // namespace

OperatorPtr MakeConvertOperator(const ConvertCommand& cmd, const EvalSettings& settings) {
  return std::make_unique<ConvertOperator>(cmd, settings);
}

}  // namespace trailhound
