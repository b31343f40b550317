#include "functions/value_compare.hpp"

#include <cctype>
#include <vector>

namespace trailhound {

int CompareValues(const Value& a, const Value& b) {
  auto x = a.AsNumber();
  auto y = b.AsNumber();
  if (x && y) return *x < *y ? -1 : (*x > *y ? 1 : 0);
  std::string sa = a.AsString();
  std::string sb = b.AsString();
  int c = sa.compare(sb);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

namespace {

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Iterative glob matching with backtracking on the last star: linear for typical patterns. The
// one-character wildcard and the star's steps move by UTF-8 characters, not bytes.
template <typename CharEq>
bool GlobMatch(std::string_view text, std::string_view pattern, char any_run, int any_one, CharEq eq) {
  size_t t = 0, p = 0, star_p = std::string_view::npos, star_t = 0;
  auto next_char = [&](size_t i) {
    ++i;
    while (i < text.size() && Continuation(text[i])) ++i;
    return i;
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == any_run) {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && any_one >= 0 && pattern[p] == static_cast<char>(any_one)) {
      ++p;
      t = next_char(t);
    } else if (p < pattern.size() && eq(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      star_t = next_char(star_t);
      t = star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == any_run) ++p;
  return p == pattern.size();
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

bool SqlLikeMatch(std::string_view text, std::string_view pattern) {
  return GlobMatch(text, pattern, '%', '_', [](char a, char b) { return a == b; });
}

bool WildcardMatch(std::string_view text, std::string_view pattern) {
  return GlobMatch(text, pattern, '*', -1, [](char a, char b) { return Lower(a) == Lower(b); });
}

bool GlobCapture(std::string_view text, std::string_view pattern, std::vector<std::string>* captures) {
  // Recursive matching: field-name patterns are short and have few stars.
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return text == pattern;
  if (text.substr(0, star) != pattern.substr(0, star)) return false;
  std::string_view rest_pattern = pattern.substr(star + 1);
  for (size_t take = 0; star + take <= text.size(); ++take) {
    std::vector<std::string> sub;
    if (GlobCapture(text.substr(star + take), rest_pattern, captures ? &sub : nullptr)) {
      if (captures) {
        captures->clear();
        captures->emplace_back(text.substr(star, take));
        captures->insert(captures->end(), sub.begin(), sub.end());
      }
      return true;
    }
  }
  return false;
}

std::string GlobSubstitute(std::string_view pattern, const std::vector<std::string>& captures) {
  std::string out;
  size_t k = 0;
  for (char c : pattern) {
    if (c == '*' && k < captures.size()) {
      out += captures[k++];
    } else {
      out += c;
    }
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

}  // namespace trailhound
