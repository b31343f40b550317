#include "spl/pipeline_parser.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

namespace {

using ParseFn = CommandPtr (*)(std::string_view, size_t);

struct CommandEntry {
  const char* name;
  ParseFn parse;
};

// Aliases map to the same parser: bucket = bin.
constexpr CommandEntry kCommands[] = {
    {"search", ParseSearchCommand}, {"where", ParseWhereCommand},     {"eval", ParseEvalCommand},
    {"bin", ParseBinCommand},       {"bucket", ParseBinCommand},      {"discretize", ParseBinCommand},
    {"stats", ParseStatsCommand},   {"convert", ParseConvertCommand}, {"rename", ParseRenameCommand},
    {"table", ParseTableCommand},   {"fields", ParseFieldsCommand},   {"sort", ParseSortCommand},
    {"head", ParseHeadCommand},
    // Multi-row commands, subsearches and lookups.
    {"join", ParseJoinCommand},     {"append", ParseAppendCommand},   {"eventstats", ParseEventstatsCommand},
    {"anomalydetection", ParseAnomalyDetectionCommand},              {"lookup", ParseLookupCommand},
    {"inputlookup", ParseInputlookupCommand},                        {"outputlookup", ParseOutputlookupCommand},
    // Extraction and reshaping commands.
    {"spath", ParseSpathCommand},     {"rex", ParseRexCommand},
    {"mvexpand", ParseMvexpandCommand}, {"fillnull", ParseFillnullCommand},
};

struct Segment {
  size_t begin;
  size_t end;
};

std::vector<Segment> SplitAtPipes(const std::string& q) {
  std::vector<Segment> out;
  size_t start = 0;
  int brackets = 0;
  char quote = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (quote) {
      if (c == '\\' && i + 1 < q.size()) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[') ++brackets;
    else if (c == ']') --brackets;
    else if (c == '|' && brackets == 0) {
      out.push_back({start, i});
      start = i + 1;
    }
  }
  if (quote) throw QueryError(std::string("unterminated ") + (quote == '"' ? "quoted string" : "quoted field name"), q.size());
  out.push_back({start, q.size()});
  return out;
}

}  // namespace

std::vector<std::string> SupportedCommands() {
  std::vector<std::string> out;
  for (const auto& c : kCommands) {
    if (c.parse != ParseOutputlookupCommand) out.emplace_back(c.name);  // registered only to refuse it clearly
  }
  std::sort(out.begin(), out.end());
  return out;
}

Pipeline ParsePipeline(const std::string& query) {
  Pipeline p;
  p.text = query;
  auto segments = SplitAtPipes(query);
  for (size_t s = 0; s < segments.size(); ++s) {
    size_t b = segments[s].begin, e = segments[s].end;
    while (b < e && std::isspace(static_cast<unsigned char>(query[b]))) ++b;
    if (b == e) {
      // A leading '|' leaves an empty first segment; empty segments elsewhere are errors.
      if (s == 0 && segments.size() > 1) continue;
      if (s == 0) {
        // An empty query is `search` with nothing to match: every event.
        CommandPtr cmd = ParseSearchCommand("", b);
        cmd->name = "search";
        cmd->position = b;
        p.commands.push_back(std::move(cmd));
        continue;
      }
      throw QueryError("empty command between '|'", b);
    }
    size_t name_end = b;
    while (name_end < e && (std::isalnum(static_cast<unsigned char>(query[name_end])) || query[name_end] == '_')) ++name_end;
    std::string name = query.substr(b, name_end - b);
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const CommandEntry* entry = nullptr;
    for (const auto& c : kCommands) {
      if (lower == c.name) entry = &c;
    }
    bool explicit_name = entry != nullptr && (name_end == e || std::isspace(static_cast<unsigned char>(query[name_end])));
    CommandPtr cmd;
    if (s == 0 && !(explicit_name && lower == "search")) {
      // The first segment without a leading pipe is an implicit search.
      cmd = ParseSearchCommand(std::string_view(query).substr(b, e - b), b);
      cmd->name = "search";
      cmd->position = b;
      p.commands.push_back(std::move(cmd));
      continue;
    }
    if (!explicit_name) {
      if (name.empty()) throw QueryError("expected a command name after '|'", b);
      auto known = SupportedCommands();
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw QueryError("unknown or unsupported command '" + name + "' (supported: " + list + ")", b);
    }
    cmd = entry->parse(std::string_view(query).substr(name_end, e - name_end), name_end);
    cmd->name = lower;
    cmd->position = b;
    p.commands.push_back(std::move(cmd));
  }
  return p;
}

}  // namespace trailhound
