#pragma once
// Tokens of command arguments (`span=1h`, `count as failures`, `dc(eventName)`, `"quoted"`):
// words, quoted strings, '=', ',', '(' and ')'. Each token keeps its offset so that a command can
// hand a slice of the original text (an eval expression) to another parser.
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

struct ArgToken {
  enum class Kind { kWord, kString, kEquals, kComma, kLParen, kRParen };
  Kind kind;
  std::string text;   // unquoted text
  size_t position;    // absolute offset in the query
  size_t end;         // absolute offset just past the token
};

std::vector<ArgToken> LexArguments(std::string_view text, size_t base_offset);

}  // namespace trailhound
