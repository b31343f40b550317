// rex (field=<field>)? ( "<regex>" (max_match=<int>)? (offset_field=<field>)? | mode=sed "<sed-expression>" )
#include "common/error.hpp"
#include "functions/regex.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

namespace {

size_t ParseMaxMatch(const ArgToken& tok) {
  const std::string& n = tok.text;
  if (n.empty() || n.size() > 18 || n.find_first_not_of("0123456789") != std::string::npos) {
    throw QueryError("rex: max_match expects a number", tok.position);
  }
  return static_cast<size_t>(std::stoull(n));
}

// Splits "s/re/repl/flags" (any delimiter after s or y) into its parts; a backslash before the
// delimiter makes it literal.
std::vector<std::string> SplitSedExpression(const std::string& expr, size_t position) {
  if (expr.size() < 2 || (expr[0] != 's' && expr[0] != 'y')) {
    throw QueryError("rex mode=sed expects \"s/regex/replacement/flags\" or \"y/from/to/\"", position);
  }
  char delim = expr[1];
  std::vector<std::string> parts(1);
  for (size_t i = 2; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '\\' && i + 1 < expr.size() && expr[i + 1] == delim) {
      parts.back() += delim;
      ++i;
    } else if (c == delim) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (parts.size() != 3) throw QueryError("rex mode=sed: malformed expression '" + expr + "'", position);
  return parts;
}

void ParseSedExpression(RexCommand& cmd, const ArgToken& tok) {
  auto parts = SplitSedExpression(tok.text, tok.position);
  cmd.regex = parts[0];
  cmd.sed_replacement = parts[1];
  const std::string& flags = parts[2];
  if (tok.text[0] == 'y') {
    cmd.sed_transliterate = true;
    if (!flags.empty()) throw QueryError("rex mode=sed: y/// takes no flags", tok.position);
    if (cmd.regex.size() != cmd.sed_replacement.size()) {
      throw QueryError("rex mode=sed: y/// needs two lists of the same length", tok.position);
    }
    return;
  }
  if (flags == "g") {
    cmd.sed_global = true;
  } else if (!flags.empty()) {
    if (flags.find_first_not_of("0123456789") != std::string::npos || flags.size() > 9 || std::stoul(flags) == 0) {
      throw QueryError("rex mode=sed: unsupported flags '" + flags + "' (supported: g or a match number)", tok.position);
    }
    cmd.sed_occurrence = std::stoul(flags);
  }
  (void)CachedRegex(cmd.regex);  // a bad pattern fails at parse time
}

}  // namespace

CommandPtr ParseRexCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<RexCommand>();
  cmd->field = fields::Raw();
  auto t = LexArguments(args, base);
  const ArgToken* expression = nullptr;
  for (size_t i = 0; i < t.size();) {
    const ArgToken& tok = t[i];
    if (const ArgToken* option = OptionValue(t, i, "rex")) {
      const ArgToken& value = *option;
      if (IsKeyword(tok, "field")) {
        cmd->field = FieldNames::Intern(value.text);
      } else if (IsKeyword(tok, "max_match")) {
        cmd->max_match = ParseMaxMatch(value);
      } else if (IsKeyword(tok, "offset_field")) {
        cmd->offset_field = FieldNames::Intern(value.text);
      } else if (IsKeyword(tok, "mode")) {
        if (value.text != "sed") throw QueryError("rex: unsupported mode '" + value.text + "' (supported: sed)", value.position);
        cmd->sed = true;
      } else {
        throw QueryError("rex: unsupported option '" + tok.text + "' (supported: field, max_match, offset_field, mode)",
                         tok.position);
      }
      i += 3;
      continue;
    }
    if (tok.kind == ArgToken::Kind::kString && expression == nullptr) {
      expression = &tok;
      ++i;
      continue;
    }
    throw QueryError("unexpected '" + tok.text + "' in rex (the regular expression must be quoted)", tok.position);
  }
  if (expression == nullptr) throw QueryError("rex needs a quoted regular expression", base);
  if (cmd->sed) {
    if (cmd->offset_field || cmd->max_match != 1) {
      throw QueryError("rex: max_match and offset_field do not apply to mode=sed", expression->position);
    }
    ParseSedExpression(*cmd, *expression);
    return cmd;
  }
  cmd->regex = expression->text;
  const Regex& re = CachedRegex(cmd->regex);  // a bad pattern fails at parse time
  auto names = re.GroupNames();
  bool any_named = false;
  for (size_t g = 1; g < names.size(); ++g) {
    // Unnamed groups extract nothing.
    cmd->group_fields.push_back(names[g].empty() ? std::nullopt : std::optional<FieldId>(FieldNames::Intern(names[g])));
    any_named = any_named || !names[g].empty();
  }
  if (!any_named) {
    // Splunk: "The regex ... does not extract anything. It should specify at least one named group."
    throw QueryError("rex: the regular expression \"" + cmd->regex + "\" has no named group (?<name>...), so it extracts nothing",
                     expression->position);
  }
  return cmd;
}

}  // namespace trailhound
