// trailhound search [options] 'SPL' PATH...
#include <iostream>

#include "cli/cli_options.hpp"
#include "cli/commands.hpp"
#include "cli/input_paths.hpp"
#include "common/error.hpp"
#include "output/result_writer.hpp"
#include "spl/macro_expander.hpp"

namespace trailhound {

namespace {

struct SearchArgs {
  CommonOptions common;
  std::string query;
};

int RunSearch(const SearchArgs& args) {
  OutputFormat format = args.common.ResolveFormat();
  MacroTable macros = args.common.LoadMacros();
  std::vector<std::unique_ptr<Profile>> profiles;
  RunOptions options = args.common.ResolveRunOptions(profiles);
  std::string expanded;
  try {
    expanded = ExpandMacros(args.query, macros);
  } catch (const QueryError& e) {
    ReportError(e, args.query);
    return kExitQuery;
  }
  std::vector<std::unique_ptr<QueryPlan>> plans;
  try {
    plans.push_back(PlanQuery(expanded, PlanContext{options.settings, options.lookups.get()}));
  } catch (const QueryError& e) {
    ReportError(e, expanded);
    return kExitQuery;
  }
  InputSummary summary;
  auto files = ListInputsOrThrow(args.common.paths, summary, AnyPlanReadsEvents(plans));
  std::unique_ptr<ScanProgress> progress = args.common.MakeProgress();
  options.scan.progress = progress.get();
  auto results = RunPlans(plans, files, options, summary);
  if (progress) progress->Finish();  // the scan has finished it; erase the line before any output
  if (args.common.explain) std::cerr << results[0].explain;
  if (results[0].runtime_error) {
    // Incomplete rows would look like an answer: print none.
    FinishRun(summary, results[0].notes, args.common.quiet);
    std::cerr << "trailhound: the search stopped: " << *results[0].runtime_error << "\n";
    return kExitQuery;
  }
  WriteResults(std::cout, format, results[0].rows, results[0].columns);
  std::cout.flush();
  return FinishRun(summary, results[0].notes, args.common.quiet);
}

}  // namespace

CommandRunner AddSearchCommand(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "Run one SPL search over CloudTrail files");
  cmd->add_option("query", args->query, "The SPL search (macros in backticks are expanded)")->required();
  args->common.Register(*cmd);
  return [args, cmd]() -> int { return cmd->parsed() ? RunSearch(*args) : -1; };
}

}  // namespace trailhound
