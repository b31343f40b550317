#include "exec/search_matcher.hpp"

#include <cctype>

#include "functions/ip_address.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

bool ValueMatches(const Value& v, const std::string& pattern, bool cidr) {
  std::string s = v.AsString();
  if (cidr) {
    static thread_local std::string last_pattern;
    static thread_local CidrBlock block;
    if (pattern != last_pattern) {
      block = *ParseCidr(pattern);
      last_pattern = pattern;
    }
    if (CidrContains(block, s)) return true;
  }
  return WildcardMatch(s, pattern);
}

bool AnyValueMatches(const Value* v, const std::string& pattern) {
  if (v == nullptr) return false;
  if (pattern == "*") return v->Count() > 0;
  bool cidr = LooksLikeCidr(pattern);
  for (size_t i = 0; i < v->Count(); ++i) {
    if (ValueMatches(v->At(i), pattern, cidr)) return true;
  }
  return false;
}

bool Ordered(const Value* v, const std::string& op, const std::string& literal) {
  if (v == nullptr) return false;
  Value lit = Value::Str(literal);
  for (size_t i = 0; i < v->Count(); ++i) {
    int c = CompareValues(v->At(i), lit);
    if ((op == "<" && c < 0) || (op == "<=" && c <= 0) || (op == ">" && c > 0) || (op == ">=" && c >= 0)) return true;
  }
  return false;
}

}  // namespace

bool RawTermMatches(std::string_view raw, std::string_view term) {
  if (term.empty() || term == "*") return true;
  bool open_start = term.front() == '*';
  bool open_end = term.back() == '*';
  bool has_star = term.find('*') != std::string_view::npos;
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  for (size_t i = 0; i < raw.size(); ++i) {
    // A leading '*' absorbs any prefix, so a match starting later also matches from 0.
    if (open_start && i > 0) break;
    if (!open_start && i > 0 && IsWordByte(static_cast<unsigned char>(raw[i - 1])) &&
        IsWordByte(static_cast<unsigned char>(term.front()))) {
      continue;
    }
    // Quick reject on the first literal byte.
    if (!open_start && lower(raw[i]) != lower(term.front())) continue;
    if (open_end) {
      // A trailing '*' absorbs any suffix: the longest candidate decides.
      if (WildcardMatch(raw.substr(i), term)) return true;
      continue;
    }
    if (!has_star) {
      size_t j = i + term.size();
      if (j > raw.size()) break;
      bool end_ok = j == raw.size() || !IsWordByte(static_cast<unsigned char>(raw[j])) ||
                    !IsWordByte(static_cast<unsigned char>(term.back()));
      if (end_ok && WildcardMatch(raw.substr(i, term.size()), term)) return true;
      continue;
    }
    for (size_t j = i + 1; j <= raw.size(); ++j) {
      // The candidate must end with the term's last (literal) byte and on a token boundary.
      if (lower(raw[j - 1]) != lower(term.back())) continue;
      bool end_ok = j == raw.size() || !IsWordByte(static_cast<unsigned char>(raw[j])) ||
                    !IsWordByte(static_cast<unsigned char>(term.back()));
      if (end_ok && WildcardMatch(raw.substr(i, j - i), term)) return true;
    }
  }
  return false;
}

bool SearchMatches(const SearchExpr& e, const Row& row) {
  switch (e.kind) {
    case SearchExpr::Kind::kMatchAll:
      return true;
    case SearchExpr::Kind::kAnd:
      for (const auto& c : e.children) {
        if (!SearchMatches(*c, row)) return false;
      }
      return true;
    case SearchExpr::Kind::kOr:
      for (const auto& c : e.children) {
        if (SearchMatches(*c, row)) return true;
      }
      return false;
    case SearchExpr::Kind::kNot:
      return !SearchMatches(*e.children[0], row);
    case SearchExpr::Kind::kCompare: {
      const Value* v = row.Get(e.field);
      if (e.op == "=") return AnyValueMatches(v, e.value);
      if (e.op == "!=") {
        // The field must exist, and no value may match (our reading for multivalue fields).
        if (v == nullptr) return false;
        return !AnyValueMatches(v, e.value);
      }
      return Ordered(v, e.op, e.value);
    }
    case SearchExpr::Kind::kIn: {
      const Value* v = row.Get(e.field);
      for (const auto& pattern : e.values) {
        if (AnyValueMatches(v, pattern)) return true;
      }
      return false;
    }
    case SearchExpr::Kind::kTerm: {
      std::string_view raw = row.raw();
      if (raw.data() == nullptr) {
        // After a transforming command there is no raw text: match the row's values instead.
        for (const auto& [id, v] : row.entries()) {
          for (size_t i = 0; i < v.Count(); ++i) {
            if (RawTermMatches(v.At(i).AsString(), e.value)) return true;
          }
        }
        return false;
      }
      return RawTermMatches(raw, e.value);
    }
  }
  return false;
}

}  // namespace trailhound
