// stats [options] agg [(arg)] [as name] (,? agg ...)* [by field (,? field)*]
#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "functions/aggregate_function.hpp"
#include "spl/command_parsers.hpp"
#include "spl/eval_parser.hpp"

namespace trailhound {

std::unique_ptr<StatsCommand> ParseStatsArguments(std::string_view args, size_t base, const std::string& command) {
  auto cmd = std::make_unique<StatsCommand>();
  auto t = LexArguments(args, base);
  size_t i = 0;
  auto text_between = [&](size_t from, size_t to) { return std::string(args.substr(from - base, to - from)); };
  while (i < t.size()) {
    const ArgToken& tok = t[i];
    if (tok.kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (IsKeyword(tok, "by")) break;
    if (tok.kind != ArgToken::Kind::kWord) throw QueryError("expected an aggregate function in " + command, tok.position);
    // Options come as name=value.
    if (i + 2 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals) {
      std::string opt = tok.text;
      if (opt == "dedup_splitvals") {
        cmd->dedup_splitvals = t[i + 2].text == "t" || t[i + 2].text == "true";
      } else if (opt != "allnum" && opt != "partitions" && opt != "delim") {
        throw QueryError("unknown " + command + " option '" + opt + "'", tok.position);
      }
      i += 3;
      continue;
    }
    std::string fname = tok.text;
    for (auto& c : fname) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    AggregateFunction fn;
    if (!FindAggregateFunction(fname, fn)) throw QueryError("unknown " + command + " function '" + tok.text + "'", tok.position);
    AggregateSpec spec;
    spec.function = fname;
    size_t written_end = tok.end;
    ++i;
    if (i < t.size() && t[i].kind == ArgToken::Kind::kLParen) {
      size_t lparen = i;
      if (i + 1 < t.size() && IsKeyword(t[i + 1], "eval") && i + 2 < t.size() && t[i + 2].kind == ArgToken::Kind::kLParen) {
        // count(eval(expr)): the expression is the text inside eval( ... ).
        int depth = 0;
        size_t j = i + 2;
        for (; j < t.size(); ++j) {
          if (t[j].kind == ArgToken::Kind::kLParen) ++depth;
          if (t[j].kind == ArgToken::Kind::kRParen && --depth == 0) break;
        }
        if (j + 1 >= t.size() || t[j + 1].kind != ArgToken::Kind::kRParen) throw QueryError("unbalanced parentheses in " + command, t[lparen].position);
        spec.eval = ParseEvalExpression(text_between(t[i + 2].end, t[j].position), t[i + 2].end);
        i = j + 2;
        written_end = t[j + 1].end;
      } else {
        if (i + 2 >= t.size() || (t[i + 1].kind != ArgToken::Kind::kWord && t[i + 1].kind != ArgToken::Kind::kString) ||
            t[i + 2].kind != ArgToken::Kind::kRParen) {
          throw QueryError("expected " + tok.text + "(field)", t[lparen].position);
        }
        if (t[i + 1].text.find('*') != std::string::npos) {
          spec.field_pattern = t[i + 1].text;  // expanded per matching field by the stats operator
        } else {
          spec.field = FieldNames::Intern(t[i + 1].text);
        }
        written_end = t[i + 2].end;
        i += 3;
      }
    } else if (fn.takes_field) {
      throw QueryError(tok.text + " needs a field: " + tok.text + "(field)", tok.position);
    }
    std::string name = text_between(tok.position, written_end);
    if (i + 1 < t.size() && IsKeyword(t[i], "as")) {
      name = t[i + 1].text;
      i += 2;
    }
    if (spec.field_pattern) {
      auto stars = [](const std::string& x) { return std::count(x.begin(), x.end(), '*'); };
      if (stars(name) > stars(*spec.field_pattern)) {
        throw QueryError(command + ": '" + name + "' has more '*' than " + *spec.field_pattern, tok.position);
      }
      spec.output_pattern = name;  // `*` parts are substituted per matching field
    } else {
      spec.output = FieldNames::Intern(name);
    }
    cmd->aggregates.push_back(std::move(spec));
  }
  if (cmd->aggregates.empty()) throw QueryError(command + " needs at least one aggregate, e.g. count", base);
  if (i < t.size() && IsKeyword(t[i], "by")) {
    size_t by_pos = t[i].position;
    ++i;
    // Field names separated by spaces and/or commas; a word followed by '=' is an option
    // (`by h dedup_splitvals=true`), not a field.
    while (i < t.size()) {
      if (t[i].kind == ArgToken::Kind::kComma) {
        ++i;
        continue;
      }
      if (t[i].kind != ArgToken::Kind::kWord && t[i].kind != ArgToken::Kind::kString) break;
      if (i + 1 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals) break;
      cmd->by.push_back(FieldNames::Intern(t[i].text));
      ++i;
    }
    if (cmd->by.empty()) throw QueryError("expected field names after 'by'", by_pos);
    // Options may also follow the by clause.
    while (i + 2 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals && t[i].text == "dedup_splitvals") {
      cmd->dedup_splitvals = t[i + 2].text == "t" || t[i + 2].text == "true";
      i += 3;
    }
  }
  if (i < t.size()) throw QueryError("unexpected '" + t[i].text + "' in " + command, t[i].position);
  return cmd;
}

CommandPtr ParseStatsCommand(std::string_view args, size_t base) { return ParseStatsArguments(args, base, "stats"); }

}  // namespace trailhound
