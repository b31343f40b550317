#include "spl/macro_expander.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace trailhound {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Index just past the double-quoted string that starts at `open` (a '"'), honouring backslash
// escapes; text.size() when it is not closed.
size_t SkipQuoted(std::string_view text, size_t open) {
  size_t i = open + 1;
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
    } else if (text[i] == '"') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return text.size();
}

struct MacroCall {
  std::string name;
  std::vector<std::string> arguments;
};

// Splits `name(a, b)` / `name`; `position` is where the call starts in the original query.
MacroCall ParseMacroCall(std::string_view body, size_t position) {
  MacroCall call;
  body = Trim(body);
  size_t paren = body.find('(');
  if (paren == std::string_view::npos) {
    call.name = std::string(body);
  } else {
    call.name = std::string(Trim(body.substr(0, paren)));
    if (body.back() != ')') {
      throw QueryError("malformed macro call `" + std::string(body) + "`: expected ')' at the end of the arguments", position);
    }
    std::string_view args = body.substr(paren + 1, body.size() - paren - 2);
    if (!Trim(args).empty()) {
      int depth = 0;
      size_t start = 0;
      for (size_t i = 0; i < args.size();) {
        char c = args[i];
        if (c == '"') {
          i = SkipQuoted(args, i);
          continue;
        }
        if (c == '(') ++depth;
        if (c == ')') depth = std::max(0, depth - 1);
        if (c == ',' && depth == 0) {
          call.arguments.emplace_back(Trim(args.substr(start, i - start)));
          start = i + 1;
        }
        ++i;
      }
      call.arguments.emplace_back(Trim(args.substr(start)));
    }
  }
  if (call.name.empty()) throw QueryError("empty macro name between backticks", position);
  for (char c : call.name) {
    if (IsSpace(c) || c == '"' || c == ')' || c == '$' || c == ',') {
      throw QueryError("malformed macro call `" + std::string(body) + "`: invalid macro name '" + call.name + "'", position);
    }
  }
  return call;
}

// Replaces `$param$` by the matching argument; other `$...$` text (e.g. `$info_min_time$`) stays.
std::string SubstituteArguments(const MacroDefinition& macro, const std::vector<std::string>& arguments) {
  if (macro.arguments.empty()) return macro.definition;
  const std::string& def = macro.definition;
  std::string out;
  out.reserve(def.size());
  size_t i = 0;
  while (i < def.size()) {
    if (def[i] == '$') {
      size_t close = def.find('$', i + 1);
      if (close != std::string::npos) {
        std::string_view token(def.data() + i + 1, close - i - 1);
        auto it = std::find(macro.arguments.begin(), macro.arguments.end(), token);
        if (it != macro.arguments.end()) {
          out += arguments[it - macro.arguments.begin()];
          i = close + 1;
          continue;
        }
      }
    }
    out += def[i];
    ++i;
  }
  return out;
}

std::string DescribeArgumentCount(size_t count) {
  if (count == 0) return "no arguments";
  return std::to_string(count) + (count == 1 ? " argument" : " arguments");
}

std::string UndefinedMacroMessage(const MacroCall& call, const MacroTable& table) {
  size_t argc = call.arguments.size();
  std::string message = "unknown macro `" + MacroStanzaName(call.name, argc) + "`: no macro named '" + call.name +
                        "' with " + DescribeArgumentCount(argc) + " is defined";
  std::vector<size_t> other_counts = table.ArgumentCountsOf(call.name);
  if (!other_counts.empty()) {
    message += " (it is defined with ";
    for (size_t i = 0; i < other_counts.size(); ++i) {
      if (i) message += i + 1 == other_counts.size() ? " or " : ", ";
      message += DescribeArgumentCount(other_counts[i]);
    }
    message += ")";
  }
  message += ". ";
  constexpr std::string_view kTstats = "by tstats searches over CIM data models, which trailhound does not support yet. ";
  bool cim = IsCimMacroName(call.name);
  if (cim) {
    message += "It comes from Splunk's CIM app (Splunk_SA_CIM), not security_content, and is used ";
    message += kTstats;
  } else if (call.name == "security_content_summariesonly") {
    message += "It is used ";
    message += kTstats;
  }
  message += "Supply it with --macros DIR, where DIR holds a YAML file such as " + call.name + ".yml containing 'name: " +
             call.name + "'";
  if (argc > 0) message += ", 'arguments: [...]' (" + std::to_string(argc) + (argc == 1 ? " name)" : " names)");
  message += " and 'definition: ...'";
  if (cim) return message;
  if (table.content_loaded()) {
    message += " (the --content checkout does not define it)";
  } else {
    message += ", or with --content DIR pointing at a security_content checkout";
  }
  return message;
}

class Expander {
 public:
  explicit Expander(const MacroTable& table) : table_(table) {}

  MacroExpansion Run(std::string_view query) {
    MacroExpansion result;
    result.text.reserve(query.size());
    Expand(query, 0, true, 0, result.text);
    result.expanded_macros = std::move(expanded_);
    result.defaulted_filters = std::move(defaulted_);
    return result;
  }

 private:
  // Appends the expansion of `text` to `out` (one buffer for the whole query, so that nested
  // expansions are never copied and the size limit is checked as the text grows).
  // `top_level`: positions in `text` are positions in the original query; otherwise every error is
  // reported at `outer_position` (the top-level call that led here).
  void Expand(std::string_view text, size_t depth, bool top_level, size_t outer_position, std::string& out) {
    size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c == '"') {
        size_t end = SkipQuoted(text, i);
        out.append(text.substr(i, end - i));
        i = end;
        continue;
      }
      if (c != '`') {
        out += c;
        ++i;
        continue;
      }
      size_t position = top_level ? i : outer_position;
      size_t run = 0;
      while (i + run < text.size() && text[i + run] == '`') ++run;
      if (run >= 4) throw QueryError("four or more backticks in a row", position);
      if (run == 3) {
        size_t close = text.find("```", i + 3);
        if (close == std::string_view::npos) throw QueryError("unterminated comment (missing closing ```)", position);
        out += ' ';
        i = close + 3;
        continue;
      }
      if (run == 2) throw QueryError("empty macro name between backticks", position);
      size_t close = FindClosingBacktick(text, i + 1);
      if (close == std::string_view::npos) throw QueryError("unterminated macro call (missing closing backtick)", position);
      MacroCall call = ParseMacroCall(text.substr(i + 1, close - i - 1), position);
      ExpandCall(call, depth, position, out);
      i = close + 1;
    }
  }

  static size_t FindClosingBacktick(std::string_view text, size_t from) {
    size_t i = from;
    while (i < text.size()) {
      if (text[i] == '"') {
        i = SkipQuoted(text, i);
      } else if (text[i] == '`') {
        return i;
      } else {
        ++i;
      }
    }
    return std::string_view::npos;
  }

  void ExpandCall(const MacroCall& call, size_t depth, size_t position, std::string& out) {
    size_t argc = call.arguments.size();
    std::string stanza = MacroStanzaName(call.name, argc);
    if (++expansions_ > kMaxMacroExpansions) {
      throw QueryError("macros call each other more than " + std::to_string(kMaxMacroExpansions) + " times (at `" + stanza +
                           "`" + CalledFrom(stanza) + ")",
                       position);
    }
    const MacroDefinition* macro = table_.Find(call.name, argc);
    if (macro == nullptr) {
      if (argc == 0 && IsFilterMacroName(call.name)) {
        Remember(defaulted_, stanza);
        out += kDefaultFilterDefinition;
        CheckSize(out, stanza, position);
        return;
      }
      throw QueryError(UndefinedMacroMessage(call, table_), position);
    }
    if (std::find(stack_.begin(), stack_.end(), stanza) != stack_.end()) {
      std::string chain;
      for (const auto& s : stack_) chain += "`" + s + "` -> ";
      throw QueryError("macro cycle: " + chain + "`" + stanza + "`", position);
    }
    if (depth + 1 > kMaxMacroDepth) {
      throw QueryError("macros nested more than " + std::to_string(kMaxMacroDepth) + " deep (at `" + stanza + "`)", position);
    }
    Remember(expanded_, stanza);
    stack_.push_back(stanza);
    std::string body = SubstituteArguments(*macro, call.arguments);
    Expand(body, depth + 1, false, position, out);
    CheckSize(out, stanza, position);
    stack_.pop_back();
  }

  void CheckSize(const std::string& out, const std::string& stanza, size_t position) const {
    if (out.size() <= kMaxExpandedQueryBytes) return;
    throw QueryError("the macros expand to more than 1 MiB (" + std::to_string(kMaxExpandedQueryBytes) +
                         " bytes) of search text (at `" + stanza + "`" + CalledFrom(stanza) + ")",
                     position);
  }

  // " called from `outer`" naming the top-level call, when the current one is nested.
  std::string CalledFrom(const std::string& stanza) const {
    if (stack_.empty() || stack_.front() == stanza) return "";
    return ", called from `" + stack_.front() + "`";
  }

  static void Remember(std::vector<std::string>& list, const std::string& stanza) {
    if (std::find(list.begin(), list.end(), stanza) == list.end()) list.push_back(stanza);
  }

  const MacroTable& table_;
  std::vector<std::string> stack_;
  std::vector<std::string> expanded_;
  std::vector<std::string> defaulted_;
  size_t expansions_ = 0;
};

}  // namespace

bool IsFilterMacroName(std::string_view name) { return name.size() > 7 && name.ends_with("_filter"); }

bool IsCimMacroName(std::string_view name) {
  if (name == "drop_dm_object_name" || name == "summariesonly") return true;
  return name.size() > 12 && name.starts_with("cim_") && name.ends_with("_indexes");
}

MacroExpansion ExpandMacrosDetailed(std::string_view query, const MacroTable& table) {
  return Expander(table).Run(query);
}

std::string ExpandMacros(std::string_view query, const MacroTable& table) {
  return ExpandMacrosDetailed(query, table).text;
}

}  // namespace trailhound
