// Parsers for the commands with simple arguments: search, where, eval, convert, rename, table,
// fields, sort, head. (stats and bin have their own files.)
#include <algorithm>
#include <cctype>
#include <cstdint>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"
#include "spl/eval_parser.hpp"
#include "spl/search_parser.hpp"

namespace trailhound {

bool IsKeyword(const ArgToken& t, const char* keyword) {
  if (t.kind != ArgToken::Kind::kWord || t.text.size() != std::char_traits<char>::length(keyword)) return false;
  for (size_t i = 0; i < t.text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t.text[i])) != keyword[i]) return false;
  }
  return true;
}

std::vector<std::string> ParseFieldList(const std::vector<ArgToken>& tokens, size_t& i) {
  std::vector<std::string> out;
  while (i < tokens.size()) {
    if (tokens[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (tokens[i].kind != ArgToken::Kind::kWord && tokens[i].kind != ArgToken::Kind::kString) break;
    out.push_back(tokens[i].text);
    ++i;
  }
  return out;
}

namespace {

[[noreturn]] void Unexpected(const ArgToken& t, const std::string& command) {
  throw QueryError("unexpected '" + t.text + "' in " + command, t.position);
}

// A row count: digits only; too large for size_t is a query error (std::stoul would throw
// std::out_of_range, which is not a QueryError).
size_t ParseCount(const ArgToken& tok, const char* command) {
  const std::string& s = tok.text;
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    throw QueryError(std::string(command) + " expects a number of rows", tok.position);
  }
  size_t n = 0;
  for (char c : s) {
    size_t digit = static_cast<size_t>(c - '0');
    if (n > (SIZE_MAX - digit) / 10) throw QueryError(std::string(command) + ": number of rows is too large", tok.position);
    n = n * 10 + digit;
  }
  return n;
}

// Splunk refuses `eval x=(a>1)`: an eval result may not be a boolean (wrap it in if()).
bool IsBooleanExpression(const EvalExpr& e) {
  static const char* kBooleanOps[] = {"=", "!=", "<", "<=", ">", ">=", "AND", "OR", "XOR", "LIKE", "NOT"};
  if (e.kind == EvalExpr::Kind::kBinary || e.kind == EvalExpr::Kind::kUnary) {
    for (const char* op : kBooleanOps) {
      if (e.op == op) return true;
    }
  }
  static const char* kBooleanFunctions[] = {"isnull", "isnotnull", "like", "match", "in", "cidrmatch", "true", "false",
                                            "isnum", "isint", "isstr", "isbool"};
  if (e.kind == EvalExpr::Kind::kCall) {
    for (const char* f : kBooleanFunctions) {
      if (e.name == f) return true;
    }
  }
  return false;
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// End of an eval expression that starts at i: the next top-level comma (outside quotes and
// parentheses) or the end of the text.
size_t ExpressionEnd(std::string_view s, size_t i) {
  int depth = 0;
  char quote = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\' && i + 1 < s.size()) ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      return i;
    }
  }
  return s.size();
}

}  // namespace

CommandPtr ParseSearchCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<SearchCommand>();
  cmd->expr = ParseSearchExpression(args, base);
  return cmd;
}

CommandPtr ParseWhereCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<WhereCommand>();
  if (SkipSpaces(args, 0) == args.size()) throw QueryError("where needs an expression", base);
  cmd->expr = ParseEvalExpression(args, base);
  return cmd;
}

CommandPtr ParseEvalCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<EvalCommand>();
  size_t i = 0;
  while (true) {
    i = SkipSpaces(args, i);
    if (i >= args.size()) break;
    size_t name_start = i;
    std::string name;
    if (args[i] == '\'' || args[i] == '"') {
      char q = args[i++];
      while (i < args.size() && args[i] != q) name += args[i++];
      if (i >= args.size()) throw QueryError("unterminated field name in eval", base + name_start);
      ++i;
    } else {
      while (i < args.size() && !std::isspace(static_cast<unsigned char>(args[i])) && args[i] != '=') name += args[i++];
    }
    i = SkipSpaces(args, i);
    if (name.empty() || i >= args.size() || args[i] != '=' || (i + 1 < args.size() && args[i + 1] == '=')) {
      throw QueryError("eval expects field=expression", base + name_start);
    }
    ++i;
    size_t end = ExpressionEnd(args, i);
    if (SkipSpaces(args, i) >= end) throw QueryError("eval: missing expression for '" + name + "'", base + i);
    EvalCommand::Assignment a{FieldNames::Intern(name), ParseEvalExpression(args.substr(i, end - i), base + i)};
    if (IsBooleanExpression(*a.expr)) {
      throw QueryError("the result of eval '" + name + "' would be a boolean; wrap it in if(), e.g. if(cond, 1, 0)", base + i);
    }
    cmd->assignments.push_back(std::move(a));
    i = end < args.size() ? end + 1 : end;
  }
  if (cmd->assignments.empty()) throw QueryError("eval needs at least one field=expression", base);
  return cmd;
}

CommandPtr ParseConvertCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<ConvertCommand>();
  auto t = LexArguments(args, base);
  static const char* kFunctions[] = {"ctime", "mktime", "num", "auto", "dur2sec", "rmcomma", "rmunit", "none", "memk", "mstime"};
  for (size_t i = 0; i < t.size();) {
    if (IsKeyword(t[i], "timeformat") && i + 2 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals) {
      cmd->timeformat = t[i + 2].text;
      i += 3;
      continue;
    }
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    bool known = false;
    for (const char* f : kFunctions) known = known || IsKeyword(t[i], f);
    if (!known || i + 3 >= t.size() || t[i + 1].kind != ArgToken::Kind::kLParen ||
        t[i + 3].kind != ArgToken::Kind::kRParen) {
      throw QueryError("convert expects timeformat=\"...\" or a conversion such as ctime(field)", t[i].position);
    }
    ConvertCommand::Conversion c;
    c.function = t[i].text;
    for (auto& ch : c.function) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.field = t[i + 2].text;
    i += 4;
    if (i + 1 < t.size() && IsKeyword(t[i], "as")) {
      c.as = FieldNames::Intern(t[i + 1].text);
      i += 2;
    }
    cmd->conversions.push_back(std::move(c));
  }
  if (cmd->conversions.empty()) throw QueryError("convert needs at least one conversion, e.g. ctime(firstTime)", base);
  return cmd;
}

CommandPtr ParseRenameCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<RenameCommand>();
  auto t = LexArguments(args, base);
  for (size_t i = 0; i < t.size();) {
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (i + 2 >= t.size() || !IsKeyword(t[i + 1], "as")) {
      throw QueryError("rename expects 'field AS newname'", t[i].position);
    }
    const std::string& from = t[i].text;
    const std::string& to = t[i + 2].text;
    auto stars = [](const std::string& s) { return std::count(s.begin(), s.end(), '*'); };
    if (stars(from) != stars(to)) throw QueryError("rename: both names need the same number of '*'", t[i].position);
    cmd->pairs.emplace_back(from, to);
    i += 3;
  }
  if (cmd->pairs.empty()) throw QueryError("rename needs 'field AS newname'", base);
  return cmd;
}

CommandPtr ParseTableCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<TableCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  cmd->fields = ParseFieldList(t, i);
  if (i < t.size()) Unexpected(t[i], "table");
  if (cmd->fields.empty()) throw QueryError("table needs at least one field", base);
  return cmd;
}

CommandPtr ParseFieldsCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<FieldsCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  if (i < t.size() && t[i].kind == ArgToken::Kind::kWord && (t[i].text == "-" || t[i].text == "+")) {
    cmd->remove = t[i].text == "-";
    ++i;
  }
  cmd->fields = ParseFieldList(t, i);
  if (i < t.size()) Unexpected(t[i], "fields");
  if (cmd->fields.empty()) throw QueryError("fields needs at least one field", base);
  return cmd;
}

CommandPtr ParseSortCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<SortCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  if (i < t.size() && t[i].kind == ArgToken::Kind::kWord && !t[i].text.empty() &&
      std::all_of(t[i].text.begin(), t[i].text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    cmd->limit = ParseCount(t[i], "sort");
    ++i;
  } else if (i + 2 < t.size() && IsKeyword(t[i], "limit") && t[i + 1].kind == ArgToken::Kind::kEquals) {
    cmd->limit = ParseCount(t[i + 2], "sort");
    i += 3;
  }
  bool sticky_desc = false;
  while (i < t.size()) {
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    std::string word = t[i].text;
    bool desc = sticky_desc;
    if (word == "-" || word == "+") {
      // A lone sign applies to the following fields that have none of their own.
      sticky_desc = word == "-";
      ++i;
      continue;
    }
    if (!word.empty() && (word[0] == '-' || word[0] == '+')) {
      desc = word[0] == '-';
      word = word.substr(1);
    }
    if ((IsKeyword(t[i], "d") || IsKeyword(t[i], "desc")) && i + 1 == t.size() && !cmd->keys.empty()) {
      cmd->reverse = true;
      ++i;
      continue;
    }
    SortCommand::Key key;
    key.descending = desc;
    if (i + 1 < t.size() && t[i + 1].kind == ArgToken::Kind::kLParen) {
      key.type = word;
      if (i + 3 >= t.size() || t[i + 3].kind != ArgToken::Kind::kRParen) throw QueryError("expected ')' in sort", t[i].position);
      key.field = FieldNames::Intern(t[i + 2].text);
      i += 4;
    } else {
      key.field = FieldNames::Intern(word);
      ++i;
    }
    cmd->keys.push_back(key);
  }
  if (cmd->keys.empty()) throw QueryError("sort needs at least one field", base);
  return cmd;
}

CommandPtr ParseHeadCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<HeadCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  auto number = [&](const ArgToken& tok) { return ParseCount(tok, "head"); };
  if (i + 2 < t.size() && IsKeyword(t[i], "limit") && t[i + 1].kind == ArgToken::Kind::kEquals) {
    cmd->limit = number(t[i + 2]);
    i += 3;
  } else if (i < t.size()) {
    cmd->limit = number(t[i]);
    ++i;
  }
  if (i < t.size()) Unexpected(t[i], "head");
  return cmd;
}

}  // namespace trailhound
