// trailhound lint [--content DIR | -r FILE|DIR ...] [--macros ...] [--lookups ...] [--format table|jsonl|markdown]
// (alias: coverage). For every detection: whether trailhound runs it and everything it lacks to
// run it. `--format markdown` is the body of docs/coverage.md (scripts/gen-coverage.sh).
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/cli_options.hpp"
#include "cli/commands.hpp"
#include "cli/detection_sources.hpp"
#include "common/error.hpp"
#include "detect/detection_lint.hpp"
#include "output/json_format.hpp"
#include "output/table_format.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {

namespace {

struct LintArgs {
  CommonOptions common;
  std::vector<std::string> rules;
};

std::string Join(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// The error's first sentence, without the list of supported commands (the table lists what is
// missing anyway); jsonl keeps the whole message.
std::string ShortError(const std::string& error) {
  std::string out = error.substr(0, error.find(" (supported:"));
  if (size_t stop = out.find(". "); stop != std::string::npos) out = out.substr(0, stop);
  return out;
}

std::string RunsCell(const DetectionLint& l) { return l.runs ? "yes" : "no: " + ShortError(l.error); }

std::string FieldsCell(const DetectionLint& l) {
  if (!l.unproduced_fields) return "(" + l.fields_note + ")";
  std::string fields = Join(*l.unproduced_fields);
  if (l.fields_note.empty()) return fields;
  return fields.empty() ? "(" + l.fields_note + ")" : fields + " (" + l.fields_note + ")";
}

void AppendJsonl(std::string& out, const std::vector<DetectionLint>& lints) {
  for (const auto& l : lints) {
    JsonObjectWriter w(out);
    w.String("detection", l.name)
        .String("origin", l.origin)
        .String("status", l.status)
        .String("type", l.type)
        .Bool("production_raw_cloudtrail", l.ProductionRawCloudTrail())
        .Bool("runs", l.runs)
        .String("error", l.error)
        .Strings("missing_commands", &l.missing_commands)
        .Strings("missing_functions", &l.missing_functions)
        .Bool("tstats", l.uses_tstats)
        .Bool("datamodel", l.uses_datamodel)
        .Strings("unproduced_fields", l.unproduced_fields ? &*l.unproduced_fields : nullptr)
        .String("fields_note", l.fields_note);
    for (size_t i = 0; i < std::size(kSqlLintDialects); ++i) {
      std::string key = std::string("sql_") + kSqlLintDialects[i];
      if (l.CompilesToSql(i)) w.String(key, "yes");
      else w.String(key, l.runs ? l.sql_gaps[i] : "the search does not run");
    }
    w.Close();
    out += '\n';
  }
}

void AppendTable(std::string& out, const std::vector<DetectionLint>& lints) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& l : lints) {
    cells.push_back({l.name, l.status, l.type, RunsCell(l), Join(l.missing_commands), Join(l.missing_functions),
                     l.uses_datamodel ? "yes" : "", FieldsCell(l)});
  }
  TableOptions options;
  options.max_cell_width = 80;
  AppendTextTable(out, {"detection", "status", "type", "runs", "missing commands", "missing functions", "tstats/datamodel", "fields nothing produces"},
                  cells, options);
}

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// "spath 17, rex 2": how many of `lints` need each item, most needed first.
std::string CountsLine(const std::vector<const DetectionLint*>& lints, std::vector<std::string> DetectionLint::*list) {
  std::map<std::string, size_t> counts;
  for (const auto* l : lints) {
    for (const auto& item : l->*list) ++counts[item];
  }
  std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [item, n] : sorted) out += (out.empty() ? "" : ", ") + ("`" + item + "` " + std::to_string(n));
  return out.empty() ? "none" : out;
}

// The reason a detection does not compile, without the details that differ from one to the next.
std::string SqlGapKind(const std::string& gap) {
  if (gap.rfind("approximate: ", 0) == 0) {
    if (gap.find("spath writes") != std::string::npos) return "approximate: spath's JSON text reaches the results";
    return "approximate: " + gap.substr(13, gap.find(':', 13) == std::string::npos ? std::string::npos : gap.find(':', 13) - 13);
  }
  std::string out = gap.substr(0, gap.find(" ("));
  return out;
}

// "yes | yes | yes | yes | " or "no | ... | reason".
std::string SqlCells(const DetectionLint& l) {
  std::string cells;
  std::string why;
  for (size_t i = 0; i < std::size(kSqlLintDialects); ++i) {
    bool ok = l.CompilesToSql(i);
    std::string gap = !l.runs ? "the search does not run" : (i < l.sql_gaps.size() ? l.sql_gaps[i] : "");
    cells += std::string(ok ? "yes" : (gap.rfind("approximate", 0) == 0 ? "approx." : "no")) + " | ";
    if (!ok && why.find(gap) == std::string::npos) why += (why.empty() ? "" : "; ") + gap;
  }
  return cells + MarkdownCell(why);
}

void AppendMarkdown(std::string& out, const std::vector<DetectionLint>& lints) {
  std::vector<const DetectionLint*> target;
  for (const auto& l : lints) {
    if (l.ProductionRawCloudTrail()) target.push_back(&l);
  }
  size_t runs = 0, runs_with_unproduced = 0;
  for (const auto* l : target) {
    if (!l->runs) continue;
    ++runs;
    if (l->unproduced_fields && !l->unproduced_fields->empty()) ++runs_with_unproduced;
  }
  size_t all_runs = std::count_if(lints.begin(), lints.end(), [](const DetectionLint& l) { return l.runs; });
  out += "## Summary\n\n";
  out += "**" + std::to_string(runs) + " of " + std::to_string(target.size()) +
         " production raw-CloudTrail detections run** (status `production`, the `cloudtrail` macro, no `| tstats`); " +
         std::to_string(runs_with_unproduced) + " of those read an event field that nothing produces.\n";
  out += "All detections: " + std::to_string(all_runs) + " of " + std::to_string(lints.size()) + " run.\n\n";
  out += "What the production raw-CloudTrail detections that do not run lack (detections needing each):\n\n";
  std::vector<const DetectionLint*> failing;
  for (const auto* l : target) {
    if (!l->runs) failing.push_back(l);
  }
  out += "- commands: " + CountsLine(failing, &DetectionLint::missing_commands) + "\n";
  out += "- functions: " + CountsLine(failing, &DetectionLint::missing_functions) + "\n\n";
  out += "**SQL** (`trailhound sql`, docs/sql.md): of the " + std::to_string(target.size()) +
         " production raw-CloudTrail detections, compile with every semantics kept: ";
  for (size_t i = 0; i < std::size(kSqlLintDialects); ++i) {
    size_t n = std::count_if(target.begin(), target.end(), [&](const DetectionLint* l) { return l->CompilesToSql(i); });
    out += std::string(i ? ", " : "") + kSqlLintDialects[i] + " " + std::to_string(n);
  }
  out += ". What keeps the others from compiling (detections):\n\n";
  std::map<std::string, size_t> gaps;
  for (const auto* l : target) {
    if (l->runs && !l->CompilesToSql(0)) ++gaps[SqlGapKind(l->sql_gaps[0])];
  }
  for (const auto& [gap, n] : gaps) out += "- " + gap + ": " + std::to_string(n) + "\n";
  out += "\n";
  out += "## Detections\n\n";
  out += "| detection | status | type | raw CloudTrail | runs | missing commands | missing functions | tstats / data model | fields nothing produces | SQL duckdb | SQL trino | SQL athena | SQL spark | SQL: why not |\n";
  out += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& l : lints) {
    out += "| " + MarkdownCell(l.name) + " | " + l.status + " | " + l.type + " | " + (l.uses_cloudtrail_macro && !l.uses_tstats ? "yes" : "no") +
           " | " + MarkdownCell(RunsCell(l)) + " | " + MarkdownCell(Join(l.missing_commands)) + " | " +
           MarkdownCell(Join(l.missing_functions)) + " | " + (l.uses_datamodel ? "yes" : "") + " | " + MarkdownCell(FieldsCell(l)) + " | " +
           SqlCells(l) + " |\n";
  }
}

int RunLint(const LintArgs& args) {
  const std::string format = args.common.format.empty() ? "table" : args.common.format;
  if (format != "table" && format != "jsonl" && format != "markdown") {
    throw Error(ErrorKind::kUsage, "unknown --format '" + format + "' for lint (use table, jsonl or markdown)");
  }
  std::vector<std::string> macro_errors;
  MacroTable macros = args.common.LoadMacros(&macro_errors);
  for (const auto& e : macro_errors) std::cerr << "trailhound: " << e << "\n";
  LintSettings settings;
  settings.eval.timezone = args.common.timezone;
  settings.profile = FindBuiltinProfile("aws:cloudtrail");
  std::shared_ptr<const LookupRegistry> lookups = args.common.LoadLookups();  // as hunt loads them
  settings.lookups = lookups.get();
  if (!args.common.content_dir.empty()) settings.raw_fields = LoadRawCloudTrailFields(args.common.content_dir);

  DetectionLoad load = LoadSelectedDetections(args.rules, args.common.content_dir);
  std::vector<DetectionLint> lints;
  for (const auto& error : load.errors) {
    DetectionLint bad;
    bad.name = ErrorFileName(error);
    bad.error = error;
    bad.fields_note = "not checked: the file does not load";
    lints.push_back(std::move(bad));
  }
  for (const auto& d : load.detections) lints.push_back(LintDetection(d, macros, settings));

  std::string out;
  if (format == "jsonl") AppendJsonl(out, lints);
  else if (format == "markdown") AppendMarkdown(out, lints);
  else AppendTable(out, lints);
  std::cout << out;
  return kExitOk;
}

}  // namespace

CommandRunner AddLintCommand(CLI::App& app) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* cmd = app.add_subcommand("lint", "For every detection: does it run, and which commands, functions and fields does it lack");
  cmd->alias("coverage");
  cmd->add_option("-r,--rules", args->rules, "Detection YAML file or directory; repeatable (default: the built-in detections)")->allow_extra_args(false);
  CommonOptions& c = args->common;
  cmd->add_option("--content", c.content_dir, "A security_content checkout: its detections (without -r), macros, lookups and data_sources");
  cmd->add_option("--macros", c.macro_dirs, "Directory or YAML file of macros; repeatable, later wins")->allow_extra_args(false);
  c.RegisterLookups(*cmd);
  cmd->add_option("--format", c.format, "Output format: table (default), jsonl or markdown (the body of docs/coverage.md)");
  return [args, cmd]() -> int { return cmd->parsed() ? RunLint(*args) : -1; };
}

}  // namespace trailhound
