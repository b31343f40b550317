#pragma once
// Shared by the subcommands: list input files and finish a run (summary, notes, exit code).
#include <string>
#include <vector>

#include "io/input_reader.hpp"
#include "io/input_summary.hpp"

namespace trailhound {

// Throws Error(kUsage) when no path was given.
std::vector<InputFile> ListInputsOrThrow(const std::vector<std::string>& paths, InputSummary& summary);

// Prints the summary and notes (unless quiet) and returns the exit code for the input side:
// kExitInput when a path could not be read, else kExitOk.
int FinishRun(const InputSummary& summary, const std::vector<std::string>& notes, bool quiet);

}  // namespace trailhound
