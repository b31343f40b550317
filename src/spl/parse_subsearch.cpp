// join and append: options, then a `[ ... ]` subsearch. The subsearch is parsed here (so that its
// syntax errors surface with the outer query) and planned as a child plan by the planner.
#include <cctype>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"
#include "spl/pipeline_parser.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

namespace {

struct SubsearchSplit {
  std::string_view head;  // the arguments before '['
  Subsearch subsearch;
};

// Finds the `[ ... ]` at the end of a command's arguments (quotes and nested brackets respected),
// and parses its contents to report syntax errors now.
SubsearchSplit SplitSubsearch(std::string_view args, size_t base, const std::string& command) {
  size_t open = std::string_view::npos, close = std::string_view::npos;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    char c = args[i];
    if (quote) {
      if (c == '\\' && i + 1 < args.size()) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      if (depth++ == 0 && open == std::string_view::npos) open = i;
    } else if (c == ']') {
      if (depth == 0) throw QueryError("unbalanced ']' in " + command, base + i);
      if (--depth == 0 && close == std::string_view::npos) close = i;
    }
  }
  if (open == std::string_view::npos) throw QueryError(command + " needs a subsearch: " + command + " ... [ search ... ]", base);
  if (quote || close == std::string_view::npos) throw QueryError("unterminated subsearch '[' in " + command, base + open);
  for (size_t i = close + 1; i < args.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(args[i]))) {
      throw QueryError("unexpected text after the subsearch of " + command, base + i);
    }
  }
  SubsearchSplit out;
  out.head = args.substr(0, open);
  out.subsearch.begin = base + open;
  out.subsearch.end = base + close + 1;
  std::string_view inner = args.substr(open + 1, close - open - 1);
  bool empty = true;
  for (char c : inner) empty = empty && std::isspace(static_cast<unsigned char>(c));
  if (empty) throw QueryError("empty subsearch in " + command, base + open);
  out.subsearch.text = std::string(base + open + 1, ' ');
  out.subsearch.text += inner;
  // `[inputlookup x]` starts with the generating command, as `[| inputlookup x]` does (a leading
  // word is otherwise an implicit search term). The '[' position becomes that pipe.
  size_t first = inner.find_first_not_of(" \t\r\n");
  std::string word;
  for (size_t i = first; i < inner.size() && std::isalpha(static_cast<unsigned char>(inner[i])); ++i) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(inner[i])));
  }
  if (word == "inputlookup") out.subsearch.text[base + open] = '|';
  ParsePipeline(out.subsearch.text);  // syntax errors now, with positions in the outer query
  return out;
}

}  // namespace

CommandPtr ParseJoinCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<JoinCommand>();
  SubsearchSplit split = SplitSubsearch(args, base, "join");
  cmd->subsearch = std::move(split.subsearch);
  auto t = LexArguments(split.head, base);
  size_t i = 0;
  while (i < t.size()) {
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (t[i].kind != ArgToken::Kind::kWord && t[i].kind != ArgToken::Kind::kString) {
      throw QueryError("unexpected '" + t[i].text + "' in join", t[i].position);
    }
    if (const ArgToken* option = OptionValue(t, i, "join")) {
      const std::string& opt = t[i].text;
      const ArgToken& value = *option;
      if (opt == "type") {
        if (value.text == "inner") {
          cmd->type = JoinCommand::Type::kInner;
        } else if (value.text == "left" || value.text == "outer") {
          cmd->type = JoinCommand::Type::kLeft;
        } else {
          throw QueryError("join: type must be inner, left or outer, not '" + value.text + "'", value.position);
        }
      } else if (opt == "max") {
        cmd->max = ParseCountOption(value, "join max");
      } else if (opt == "overwrite") {
        cmd->overwrite = ParseBoolOption(value, "join overwrite");
      } else if (opt == "usetime" || opt == "earlier") {
        // usetime=false (the default) makes `earlier` irrelevant; time-bounded joins are not done.
        if (opt == "usetime" && ParseBoolOption(value, "join usetime")) {
          throw QueryError("join usetime=true is not supported", t[i].position);
        }
      } else {
        throw QueryError("unsupported join option '" + opt + "' (supported: type, max, overwrite, usetime=false)", t[i].position);
      }
      i += 3;
      continue;
    }
    cmd->fields.push_back(FieldNames::Intern(t[i].text));
    ++i;
  }
  return cmd;
}

CommandPtr ParseAppendCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<AppendCommand>();
  SubsearchSplit split = SplitSubsearch(args, base, "append");
  cmd->subsearch = std::move(split.subsearch);
  auto t = LexArguments(split.head, base);
  for (size_t i = 0; i < t.size(); i += 3) {
    const ArgToken* value = OptionValue(t, i, "append");
    if (value == nullptr) {
      throw QueryError("unexpected '" + t[i].text + "' in append (expected option=value before the subsearch)", t[i].position);
    }
    const std::string& opt = t[i].text;
    if (opt == "maxout") {
      cmd->maxout = ParseCountOption(*value, "append maxout");
    } else if (opt == "maxtime" || opt == "timeout") {
      ParseCountOption(*value, "append " + opt);  // trailhound does not stop subsearches by time
    } else if (opt == "extendtimerange") {
      ParseBoolOption(*value, "append extendtimerange");  // no time range: nothing to extend
    } else {
      throw QueryError("unsupported append option '" + opt + "' (supported: maxout, maxtime, timeout, extendtimerange)",
                       t[i].position);
    }
  }
  return cmd;
}

}  // namespace trailhound
