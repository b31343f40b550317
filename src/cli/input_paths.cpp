#include "cli/input_paths.hpp"

#include <iostream>

#include "common/error.hpp"

namespace trailhound {

std::vector<InputFile> ListInputsOrThrow(const std::vector<std::string>& paths, InputSummary& summary) {
  if (paths.empty()) throw Error(ErrorKind::kUsage, "no input: give CloudTrail files or directories, or - for stdin");
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
