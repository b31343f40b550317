#include "spl/arg_lexer.hpp"

#include <cctype>

#include "common/error.hpp"

namespace trailhound {

std::vector<ArgToken> LexArguments(std::string_view text, size_t base) {
  std::vector<ArgToken> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    size_t start = i;
    auto single = [&](ArgToken::Kind k) {
      out.push_back({k, std::string(1, c), base + i, base + i + 1});
      ++i;
    };
    switch (c) {
      case '=': single(ArgToken::Kind::kEquals); continue;
      case ',': single(ArgToken::Kind::kComma); continue;
      case '(': single(ArgToken::Kind::kLParen); continue;
      case ')': single(ArgToken::Kind::kRParen); continue;
      default: break;
    }
    if (c == '"' || c == '\'') {
      char q = c;
      ++i;
      std::string s;
      while (i < text.size() && text[i] != q) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == q || text[i + 1] == '\\')) ++i;
        s += text[i++];
      }
      if (i >= text.size()) throw QueryError("unterminated quoted string", base + start);
      ++i;
      out.push_back({ArgToken::Kind::kString, std::move(s), base + start, base + i});
      continue;
    }
    while (i < text.size()) {
      char ch = text[i];
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == '=' || ch == ',' || ch == '(' || ch == ')' || ch == '"') break;
      ++i;
    }
    out.push_back({ArgToken::Kind::kWord, std::string(text.substr(start, i - start)), base + start, base + i});
  }
  return out;
}

}  // namespace trailhound
