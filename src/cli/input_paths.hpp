#pragma once
// Shared by the subcommands: list input files and finish a run (summary, notes, exit code).
#include <memory>
#include <string>
#include <vector>

#include "io/input_reader.hpp"
#include "io/input_summary.hpp"
#include "plan/query_plan.hpp"

namespace trailhound {

// Whether any plan reads events: false only when every query (and each of its subsearches)
// starts with inputlookup, so that `search '| inputlookup x.csv'` needs no input path.
bool AnyPlanReadsEvents(const std::vector<std::unique_ptr<QueryPlan>>& plans);

// Throws Error(kUsage) when no path was given and `events_needed`.
std::vector<InputFile> ListInputsOrThrow(const std::vector<std::string>& paths, InputSummary& summary,
                                         bool events_needed = true);

// Prints the summary and notes (unless quiet) and returns the exit code for the input side:
// kExitInput when a path could not be read, else kExitOk.
int FinishRun(const InputSummary& summary, const std::vector<std::string>& notes, bool quiet);

}  // namespace trailhound
