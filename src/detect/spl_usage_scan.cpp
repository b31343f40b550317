#include "detect/spl_usage_scan.hpp"

#include <algorithm>
#include <cctype>

namespace trailhound {

namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddOnce(std::vector<std::string>& list, std::string name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(std::move(name));
}

// The index just past the quoted string starting at `at` (backslash escapes honoured).
size_t SkipQuoted(std::string_view s, size_t at) {
  char quote = s[at];
  size_t i = at + 1;
  while (i < s.size() && s[i] != quote) i += (s[i] == '\\' && i + 1 < s.size()) ? 2 : 1;
  return std::min(i + 1, s.size());
}

// The index of the bracket closing the one at `at`, skipping quotes and nested brackets.
size_t MatchingClose(std::string_view s, size_t at, char open, char close) {
  int depth = 0;
  for (size_t i = at; i < s.size(); ++i) {
    if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
      i = SkipQuoted(s, i) - 1;
      continue;
    }
    if (s[i] == open) ++depth;
    if (s[i] == close && --depth == 0) return i;
  }
  return s.size();
}

bool IsStatsLike(const std::string& command) {
  static const std::vector<std::string> kStatsLike = {"stats", "eventstats", "streamstats", "chart", "timechart", "tstats",
                                                      "sistats", "geostats", "mstats", "top", "rare"};
  return std::find(kStatsLike.begin(), kStatsLike.end(), command) != kStatsLike.end();
}

bool IsEvalLike(const std::string& command) { return command == "eval" || command == "where" || command == "fieldformat"; }

class Scanner {
 public:
  explicit Scanner(SplUsage& usage) : usage_(usage) {}

  void Pipeline(std::string_view spl) {
    size_t start = 0;
    bool first = true;
    for (size_t i = 0; i <= spl.size(); ++i) {
      if (i < spl.size()) {
        char c = spl[i];
        if (c == '"' || c == '`') {
          i = SkipQuoted(spl, i) - 1;
          continue;
        }
        if (c == '[') {
          size_t close = MatchingClose(spl, i, '[', ']');
          ++depth_;
          Pipeline(spl.substr(i + 1, close > i ? close - i - 1 : 0));
          --depth_;
          i = std::min(close, spl.size() - 1);  // an unclosed '[' still ends the last segment
          continue;
        }
        if (c != '|') continue;
      }
      Segment(spl.substr(start, i - start), first, start);
      first = false;
      start = i + 1;
    }
  }

 private:
  void Segment(std::string_view segment, bool first, size_t offset) {
    size_t begin = segment.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return;  // a leading '|' leaves an empty first segment
    size_t end = begin;
    while (end < segment.size() && (IsWordChar(segment[end]) || segment[end] == '-')) ++end;
    std::string command = Lower(segment.substr(begin, end - begin));
    std::string_view body = segment.substr(end);
    // The first segment is an implicit search unless it starts with the word search itself.
    if (first && command != "search") {
      command = "search";
      body = segment;
    }
    if (command.empty()) return;  // e.g. a macro left unexpanded
    AddOnce(usage_.commands, command);
    if (depth_ == 0) usage_.top_level.push_back({command, offset});
    std::string lower_body = Lower(body);
    if (command == "tstats" || command == "datamodel" || lower_body.find("datamodel=") != std::string::npos ||
        lower_body.find("datamodel:") != std::string::npos) {
      usage_.uses_datamodel = true;
    }
    if (IsEvalLike(command)) Functions(body, false);
    else if (IsStatsLike(command)) Functions(body, true);
  }

  // Words followed by '(' in `text`; `aggregates` says what a word outside eval(...) is.
  void Functions(std::string_view text, bool aggregates) {
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '"' || c == '\'' || c == '`') {
        i = SkipQuoted(text, i) - 1;
        continue;
      }
      if (c == '[') {
        i = MatchingClose(text, i, '[', ']');
        continue;
      }
      if (!IsWordChar(c) || (i > 0 && (IsWordChar(text[i - 1]) || text[i - 1] == '.'))) continue;
      size_t end = i;
      while (end < text.size() && IsWordChar(text[end])) ++end;
      if (end >= text.size() || text[end] != '(') {
        i = end - 1;
        continue;
      }
      std::string name = Lower(text.substr(i, end - i));
      if (aggregates && name == "eval") {
        size_t close = MatchingClose(text, end, '(', ')');
        Functions(text.substr(end + 1, close > end ? close - end - 1 : 0), false);
        i = close;
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(name[0]))) {
        i = end - 1;
        continue;
      }
      AddOnce(aggregates ? usage_.aggregate_functions : usage_.eval_functions, name);
      i = end - 1;
    }
  }

  SplUsage& usage_;
  int depth_ = 0;  // subsearch nesting
};

}  // namespace

SplUsage ScanSplUsage(std::string_view spl) {
  SplUsage usage;
  Scanner(usage).Pipeline(spl);
  return usage;
}

}  // namespace trailhound
