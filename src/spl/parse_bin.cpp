// bin|bucket [span=<n><unit>] [bins=N] [aligntime=T] <field> [as <newfield>]
#include <cctype>
#include <cmath>
#include <optional>

#include "common/error.hpp"
#include "common/time_format.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

namespace {

struct SpanUnit {
  const char* name;
  double seconds;  // 0 for calendar months
  int months;
};

constexpr SpanUnit kUnits[] = {
    {"us", 1e-6, 0},   {"ms", 1e-3, 0},       {"cs", 1e-2, 0},     {"ds", 1e-1, 0},      {"s", 1, 0},
    {"sec", 1, 0},     {"secs", 1, 0},        {"second", 1, 0},    {"seconds", 1, 0},    {"m", 60, 0},
    {"min", 60, 0},    {"mins", 60, 0},       {"minute", 60, 0},   {"minutes", 60, 0},   {"h", 3600, 0},
    {"hr", 3600, 0},   {"hrs", 3600, 0},      {"hour", 3600, 0},   {"hours", 3600, 0},   {"d", 86400, 0},
    {"day", 86400, 0}, {"days", 86400, 0},    {"w", 604800, 0},    {"week", 604800, 0},  {"weeks", 604800, 0},
    {"mon", 0, 1},     {"month", 0, 1},       {"months", 0, 1},    {"q", 0, 3},          {"qtr", 0, 3},
    {"quarter", 0, 3}, {"quarters", 0, 3},    {"y", 0, 12},        {"yr", 0, 12},        {"year", 0, 12},
    {"years", 0, 12},
};

void ParseSpan(const ArgToken& tok, BinCommand& cmd) {
  const std::string& s = tok.text;
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  // ParseNumber, not stod: "." or "1.2.3" must be a query error, not an exception or a silent 1.2.
  std::optional<double> parsed = i == 0 ? std::optional<double>(1) : ParseNumber(s.substr(0, i));
  if (!parsed) throw QueryError("span must be a number followed by an optional unit, e.g. span=1h", tok.position);
  double n = *parsed;
  std::string unit = s.substr(i);
  if (n <= 0) throw QueryError("span must be positive", tok.position);
  if (unit.empty()) {
    cmd.numeric_span = n;
    return;
  }
  for (const auto& u : kUnits) {
    if (unit == u.name) {
      cmd.time_span = true;
      cmd.span_seconds = n * u.seconds;
      cmd.span_months = static_cast<int>(n) * u.months;
      return;
    }
  }
  throw QueryError("unknown span unit '" + unit + "' (use s, m, h, d, w, mon, q, y)", tok.position);
}

}  // namespace

CommandPtr ParseBinCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<BinCommand>();
  auto t = LexArguments(args, base);
  bool have_field = false;
  bool have_span = false;
  for (size_t i = 0; i < t.size();) {
    if (i + 2 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals) {
      const std::string& opt = t[i].text;
      if (opt == "span") {
        ParseSpan(t[i + 2], *cmd);
        have_span = true;
      } else if (opt == "aligntime") {
        auto epoch = ParseNumber(t[i + 2].text);
        if (!epoch) epoch = ParseIsoTime(t[i + 2].text);
        if (!epoch) throw QueryError("aligntime takes an epoch or ISO time here (earliest/latest are not supported)", t[i + 2].position);
        cmd->aligntime = epoch;
      } else {
        throw QueryError("bin option '" + opt + "' is not supported (supported: span, aligntime)", t[i].position);
      }
      i += 3;
      continue;
    }
    if (IsKeyword(t[i], "as") && i + 1 < t.size()) {
      cmd->as = FieldNames::Intern(t[i + 1].text);
      i += 2;
      continue;
    }
    if (t[i].kind == ArgToken::Kind::kWord && !have_field) {
      cmd->field = FieldNames::Intern(t[i].text);
      have_field = true;
      ++i;
      continue;
    }
    throw QueryError("unexpected '" + t[i].text + "' in bin", t[i].position);
  }
  if (!have_field) throw QueryError("bin needs a field, e.g. bin _time span=1h", base);
  if (!have_span) throw QueryError("bin needs span=... (bins= is not supported yet)", base);
  if (cmd->field == fields::Time() && !cmd->time_span && cmd->numeric_span > 0) {
    // On _time a bare number is a span in seconds.
    cmd->time_span = true;
    cmd->span_seconds = cmd->numeric_span;
    cmd->numeric_span = 0;
  }
  return cmd;
}

}  // namespace trailhound
