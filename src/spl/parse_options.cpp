// The `name=value` options most commands take, and the value forms they share.
#include <cctype>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

const ArgToken* OptionValue(const std::vector<ArgToken>& t, size_t i, const std::string& command) {
  if (t[i].kind != ArgToken::Kind::kWord || i + 1 >= t.size() || t[i + 1].kind != ArgToken::Kind::kEquals) return nullptr;
  if (i + 2 >= t.size() || (t[i + 2].kind != ArgToken::Kind::kWord && t[i + 2].kind != ArgToken::Kind::kString)) {
    throw QueryError(command + ": missing value for '" + t[i].text + "='", t[i].position);
  }
  return &t[i + 2];
}

bool ParseBoolOption(const ArgToken& value, const std::string& command) {
  std::string v = value.text;
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "t" || v == "true" || v == "1") return true;
  if (v == "f" || v == "false" || v == "0") return false;
  throw QueryError(command + ": expected true or false, not '" + value.text + "'", value.position);
}

size_t ParseCountOption(const ArgToken& value, const std::string& command) {
  const std::string& s = value.text;
  size_t n = 0;
  if (s.empty() || s.size() > 15) throw QueryError(command + ": expected a number, not '" + s + "'", value.position);
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) throw QueryError(command + ": expected a number, not '" + s + "'", value.position);
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace trailhound
