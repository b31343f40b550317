#include "cli/input_paths.hpp"

#include <iostream>

#include "common/error.hpp"
#include "spl/pipeline_parser.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

namespace {

bool PipelineReadsEvents(const Pipeline& pipeline) {
  if (pipeline.commands.empty() || pipeline.commands.front()->kind != CommandKind::kInputlookup) return true;
  for (const auto& c : pipeline.commands) {
    if (c->kind != CommandKind::kJoin && c->kind != CommandKind::kAppend) continue;
    const Subsearch& sub = c->kind == CommandKind::kJoin ? static_cast<const JoinCommand&>(*c).subsearch
                                                         : static_cast<const AppendCommand&>(*c).subsearch;
    try {
      if (PipelineReadsEvents(ParsePipeline(sub.text))) return true;
    } catch (const QueryError&) {
      return true;  // it planned, so this does not happen; if it did, ask for input as before
    }
  }
  return false;
}

}  // namespace

bool AnyPlanReadsEvents(const std::vector<std::unique_ptr<QueryPlan>>& plans) {
  for (const auto& plan : plans) {
    if (PipelineReadsEvents(plan->pipeline())) return true;
  }
  return false;
}

std::vector<InputFile> ListInputsOrThrow(const std::vector<std::string>& paths, InputSummary& summary, bool events_needed) {
  if (paths.empty()) {
    if (!events_needed) return {};
    throw Error(ErrorKind::kUsage, "no input: give CloudTrail files or directories, or - for stdin");
  }
  return ListInputFiles(paths, summary);
}

int FinishRun(const InputSummary& summary, const std::vector<std::string>& notes, bool quiet) {
  if (!quiet) {
    summary.Print(std::cerr);
    for (const auto& n : notes) std::cerr << "trailhound: " << n << "\n";
  }
  return summary.any_path_unreadable() ? kExitInput : kExitOk;
}

}  // namespace trailhound
