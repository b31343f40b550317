// Text eval functions: lower, upper, len, substr, trim, replace, split, tostring, urldecode.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "functions/regex.hpp"

namespace trailhound {

namespace {

// Applies a string function to each value (multivalue in, multivalue out).
template <typename F>
Value MapStrings(const Value& v, F f) {
  if (v.IsNull()) return v;
  if (!v.IsMulti()) return Value::Str(f(v.AsString()));
  std::vector<Value> out;
  for (const auto& x : v.values()) out.push_back(Value::Str(f(x.AsString())));
  return Value::Multi(std::move(out));
}

Value Lower(const ScalarFunctionCall& c) {
  return MapStrings(c.Arg(0), [](std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  });
}

Value Upper(const ScalarFunctionCall& c) {
  return MapStrings(c.Arg(0), [](std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
  });
}

// Number of UTF-8 code points.
size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

Value Len(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (v.IsNull()) return v;
  return Value::Num(static_cast<double>(Utf8Length(v.At(0).AsString())));
}

Value Substr(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  auto start = c.Arg(1).AsNumber();
  if (v.IsNull() || !start) return Value::Null();
  std::string s = v.At(0).AsString();
  // Positions count characters (UTF-8 code points), as len() does: starts[k] is the byte offset
  // of character k.
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  long long n = static_cast<long long>(starts.size());
  long long b = static_cast<long long>(*start);
  // 1-based; a negative start counts from the end; 0 behaves like 1.
  long long from = b > 0 ? b - 1 : (b < 0 ? std::max(0LL, n + b) : 0);
  if (from >= n) return Value::Str("");
  long long len = n - from;
  if (c.args.size() > 2) {
    auto l = c.Arg(2).AsNumber();
    if (!l) return Value::Null();
    len = std::max(0LL, std::min(len, static_cast<long long>(*l)));
  }
  size_t byte_from = starts[static_cast<size_t>(from)];
  size_t byte_to = from + len < n ? starts[static_cast<size_t>(from + len)] : s.size();
  return Value::Str(s.substr(byte_from, byte_to - byte_from));
}

std::string TrimChars(std::string s, std::string_view chars, bool left, bool right) {
  size_t b = 0, e = s.size();
  if (left) while (b < e && chars.find(s[b]) != std::string_view::npos) ++b;
  if (right) while (e > b && chars.find(s[e - 1]) != std::string_view::npos) --e;
  return s.substr(b, e - b);
}

template <bool kLeft, bool kRight>
Value Trim(const ScalarFunctionCall& c) {
  std::string chars = " \t";
  if (c.args.size() > 1) {
    Value ch = c.Arg(1);
    if (ch.IsNull()) return Value::Null();
    chars = ch.AsString();
  }
  return MapStrings(c.Arg(0), [&](std::string s) { return TrimChars(std::move(s), chars, kLeft, kRight); });
}

Value Replace(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  Value re = c.Arg(1);
  Value rep = c.Arg(2);
  if (v.IsNull() || re.IsNull() || rep.IsNull()) return Value::Null();
  const Regex& regex = CachedRegex(re.AsString());
  std::string r = rep.AsString();
  return MapStrings(v, [&](const std::string& s) { return regex.ReplaceAll(s, r); });
}

Value Split(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  Value d = c.Arg(1);
  if (v.IsNull() || d.IsNull()) return Value::Null();
  std::string s = v.At(0).AsString();
  std::string delim = d.AsString();
  std::vector<Value> parts;
  if (delim.empty()) {
    for (char ch : s) parts.push_back(Value::Str(std::string(1, ch)));
  } else {
    size_t pos = 0;
    while (true) {
      size_t next = s.find(delim, pos);
      if (next == std::string::npos) {
        parts.push_back(Value::Str(s.substr(pos)));
        break;
      }
      parts.push_back(Value::Str(s.substr(pos, next - pos)));
      pos = next + delim.size();
    }
  }
  // Value::Multi drops nothing here: empty strings are values, not nulls.
  if (parts.size() == 1) return parts[0];
  return Value::Multi(std::move(parts));
}

std::string WithCommas(double d) {
  bool integral = d == std::trunc(d);
  std::string s = integral ? fmt::format("{}", static_cast<long long>(std::fabs(d))) : fmt::format("{:.2f}", std::fabs(d));
  size_t dot = s.find('.');
  size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string out;
  for (size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(int_end);
  return (d < 0 ? "-" : "") + out;
}

Value ToString(const ScalarFunctionCall& c) {
  Value v = c.Arg(0);
  if (v.IsNull()) return v;
  if (c.args.size() > 1) {
    std::string mode = c.Arg(1).AsString();
    auto n = v.AsNumber();
    if (n && mode == "hex") return Value::Str(fmt::format("0x{:X}", static_cast<long long>(*n)));
    if (n && mode == "commas") return Value::Str(WithCommas(*n));
    if (n && mode == "duration") {
      long long secs = static_cast<long long>(*n);
      long long days = secs / 86400;
      secs %= 86400;
      std::string hms = fmt::format("{:02}:{:02}:{:02}", secs / 3600, (secs / 60) % 60, secs % 60);
      return Value::Str(days > 0 ? fmt::format("{}+{}", days, hms) : hms);
    }
  }
  if (v.IsBool()) return Value::Str(v.boolean() ? "True" : "False");
  return MapStrings(v, [](std::string s) { return s; });
}

Value UrlDecode(const ScalarFunctionCall& c) {
  return MapStrings(c.Arg(0), [](const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  });
}

}  // namespace

void RegisterTextFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"lower", 1, 1, Lower, "lower(s): lower case"});
  t.push_back({"upper", 1, 1, Upper, "upper(s): upper case"});
  t.push_back({"len", 1, 1, Len, "len(s): length in characters"});
  t.push_back({"substr", 2, 3, Substr, "substr(s, start, length): 1-based substring; negative start counts from the end"});
  t.push_back({"trim", 1, 2, Trim<true, true>, "trim(s, chars): strip chars (default space and tab) from both ends"});
  t.push_back({"ltrim", 1, 2, Trim<true, false>, "ltrim(s, chars): strip from the left"});
  t.push_back({"rtrim", 1, 2, Trim<false, true>, "rtrim(s, chars): strip from the right"});
  t.push_back({"replace", 3, 3, Replace, "replace(s, regex, replacement): replace every match; \\1 for groups"});
  t.push_back({"split", 2, 2, Split, "split(s, delim): multivalue of the pieces"});
  t.push_back({"tostring", 1, 2, ToString, "tostring(x, format): string form; format hex, commas or duration"});
  t.push_back({"urldecode", 1, 1, UrlDecode, "urldecode(s): percent-decoding"});
}

}  // namespace trailhound
