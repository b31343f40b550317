#pragma once
// Comparing JSON-lines output with expected lines written by hand in test data files.
#include <simdjson.h>

#include <string>
#include <vector>

namespace trailhound::testing_util {

// Canonical compact form of one JSON line (key order kept), so expected lines may be spaced.
inline std::string CanonicalJson(const std::string& line) {
  simdjson::dom::parser parser;
  simdjson::dom::element el;
  if (parser.parse(line).get(el)) return "<invalid JSON: " + line + ">";
  return simdjson::minify(el);
}

// The lines of `text` that are not blank.
inline std::vector<std::string> NonBlankLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace trailhound::testing_util
