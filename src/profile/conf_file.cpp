#include "profile/conf_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace trailhound {

namespace {

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

ConfStanzas ParseConfText(std::string_view text, const std::string& origin) {
  ConfStanzas stanzas;
  std::string stanza = "default";
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    // One logical line: physical lines joined while they end in a backslash (the line break is
    // kept, as Splunk keeps it in the value).
    size_t first_line = line_number + 1;
    std::string line;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view physical = text.substr(pos, end - pos);
      if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
      pos = end + 1;
      ++line_number;
      if (!physical.empty() && physical.back() == '\\') {
        line.append(physical.substr(0, physical.size() - 1));
        line.push_back('\n');
        continue;
      }
      line.append(physical);
      break;
    }
    std::string_view content = Trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (content.front() == '[') {
      size_t close = content.rfind(']');
      stanza = std::string(close == std::string_view::npos ? content.substr(1) : content.substr(1, close - 1));
      stanzas[stanza];  // an empty stanza still exists
      continue;
    }
    size_t equals = content.find('=');
    if (equals == std::string_view::npos) continue;  // Splunk ignores such lines too
    std::string key(Trim(content.substr(0, equals)));
    std::string value(Trim(content.substr(equals + 1)));
    stanzas[stanza][key] = ConfSetting{std::move(value), origin + ":" + std::to_string(first_line)};
  }
  return stanzas;
}

void OverlayConf(ConfStanzas& base, const ConfStanzas& overlay) {
  for (const auto& [stanza, settings] : overlay) {
    auto& target = base[stanza];
    for (const auto& [key, setting] : settings) target[key] = setting;
  }
}

ConfStanzas ReadConfFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInput, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfText(text.str(), path);
}

}  // namespace trailhound
