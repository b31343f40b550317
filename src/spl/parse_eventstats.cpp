// eventstats [allnum=false] agg ... [by field-list]: the stats grammar, aggregates added to rows.
#include "common/error.hpp"
#include "spl/command_parsers.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

CommandPtr ParseEventstatsCommand(std::string_view args, size_t base) {
  auto t = LexArguments(args, base);
  // Options lead (name=value) or follow the by clause; only allnum=false is eventstats' own.
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i + 1].kind != ArgToken::Kind::kEquals || t[i].kind != ArgToken::Kind::kWord) continue;
    if (i > 0 && t[i - 1].kind == ArgToken::Kind::kLParen) continue;  // inside count(eval(...))
    if (t[i].text == "allnum") {
      if (ParseBoolOption(t[i + 2], "eventstats allnum")) throw QueryError("eventstats allnum=true is not supported", t[i].position);
    } else if (t[i].text == "dedup_splitvals" || t[i].text == "partitions" || t[i].text == "delim") {
      throw QueryError("'" + t[i].text + "' is not an eventstats option", t[i].position);
    }
  }
  auto cmd = std::make_unique<EventstatsCommand>();
  cmd->stats = ParseStatsArguments(args, base, "eventstats");
  // Wildcard aggregates (values(x.*) as *) need per-row column discovery eventstats does not do.
  for (const auto& a : cmd->stats->aggregates) {
    if (a.field_pattern) {
      throw QueryError("eventstats: wildcard fields in aggregates (" + a.function + "(" + *a.field_pattern + ")) are not supported yet",
                       base);
    }
  }
  return cmd;
}

}  // namespace trailhound
