// lookup [local=b] [update=b] TABLE col [AS field] ... [OUTPUT|OUTPUTNEW col [AS field] ...]
// inputlookup [append=b] [strict=b] [start=N] [max=N] TABLE [where <search expression>]
// outputlookup: refused (it writes files; only baseline searches use it).
#include "common/error.hpp"
#include "spl/command_parsers.hpp"
#include "spl/row_command_ast.hpp"
#include "spl/search_parser.hpp"

namespace trailhound {

namespace {

bool IsName(const ArgToken& t) { return t.kind == ArgToken::Kind::kWord || t.kind == ArgToken::Kind::kString; }

// `col [AS field]` pairs separated by spaces or commas, up to OUTPUT/OUTPUTNEW when `stop_at_output`.
std::vector<LookupFieldPair> ParsePairs(const std::vector<ArgToken>& t, size_t& i, bool stop_at_output) {
  std::vector<LookupFieldPair> out;
  while (i < t.size()) {
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (stop_at_output && (IsKeyword(t[i], "output") || IsKeyword(t[i], "outputnew"))) break;
    if (!IsName(t[i])) throw QueryError("unexpected '" + t[i].text + "' in lookup", t[i].position);
    LookupFieldPair pair;
    pair.column = t[i].text;
    pair.field = FieldNames::Intern(t[i].text);
    ++i;
    if (i < t.size() && IsKeyword(t[i], "as")) {
      if (i + 1 >= t.size() || !IsName(t[i + 1])) throw QueryError("lookup: expected a field name after AS", t[i].position);
      pair.field = FieldNames::Intern(t[i + 1].text);
      i += 2;
    }
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace

CommandPtr ParseLookupCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<LookupCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  while (i + 2 < t.size() && t[i].kind == ArgToken::Kind::kWord && t[i + 1].kind == ArgToken::Kind::kEquals) {
    if (t[i].text != "local" && t[i].text != "update") {
      throw QueryError("unsupported lookup option '" + t[i].text + "' (supported: local, update)", t[i].position);
    }
    ParseBoolOption(t[i + 2], "lookup " + t[i].text);  // both concern distributed search only
    i += 3;
  }
  if (i >= t.size() || !IsName(t[i])) throw QueryError("lookup needs a lookup table name", base);
  cmd->table = t[i].text;
  cmd->table_position = t[i].position;
  ++i;
  cmd->inputs = ParsePairs(t, i, true);
  if (cmd->inputs.empty()) throw QueryError("lookup " + cmd->table + " needs at least one lookup field", cmd->table_position);
  if (i < t.size()) {
    cmd->output_new = IsKeyword(t[i], "outputnew");
    cmd->has_output_clause = true;
    size_t keyword = t[i].position;
    ++i;
    cmd->outputs = ParsePairs(t, i, false);
    if (cmd->outputs.empty()) throw QueryError("lookup: expected output fields after OUTPUT", keyword);
  }
  return cmd;
}

CommandPtr ParseInputlookupCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<InputlookupCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  while (i + 2 < t.size() && t[i].kind == ArgToken::Kind::kWord && t[i + 1].kind == ArgToken::Kind::kEquals) {
    const std::string& opt = t[i].text;
    if (opt == "append") {
      cmd->append = ParseBoolOption(t[i + 2], "inputlookup append");
    } else if (opt == "strict") {
      ParseBoolOption(t[i + 2], "inputlookup strict");  // a missing table is always an error here
    } else if (opt == "start") {
      cmd->start = ParseCountOption(t[i + 2], "inputlookup start");
    } else if (opt == "max") {
      cmd->max = ParseCountOption(t[i + 2], "inputlookup max");
    } else {
      throw QueryError("unsupported inputlookup option '" + opt + "' (supported: append, strict, start, max)", t[i].position);
    }
    i += 3;
  }
  if (i >= t.size() || !IsName(t[i])) throw QueryError("inputlookup needs a lookup table name", base);
  cmd->table = t[i].text;
  cmd->table_position = t[i].position;
  ++i;
  if (i < t.size()) {
    if (!IsKeyword(t[i], "where")) throw QueryError("unexpected '" + t[i].text + "' in inputlookup (expected where)", t[i].position);
    size_t from = t[i].end;
    cmd->where = ParseSearchExpression(args.substr(from - base), from);
  }
  return cmd;
}

CommandPtr ParseOutputlookupCommand(std::string_view, size_t base) {
  throw QueryError("outputlookup is not supported: trailhound does not write lookup tables (only baseline searches use it)", base);
}

}  // namespace trailhound
