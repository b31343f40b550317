// trailhound functions: lists the commands, eval functions and stats functions this build runs.
#include <iostream>

#include "cli/commands.hpp"
#include "functions/aggregate_function.hpp"
#include "functions/scalar_function.hpp"
#include "spl/pipeline_parser.hpp"

namespace trailhound {

CommandRunner AddFunctionsCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("functions", "List the SPL commands, eval functions and stats functions supported");
  return [cmd]() -> int {
    if (!cmd->parsed()) return -1;
    std::cout << "commands:";
    for (const auto& c : SupportedCommands()) std::cout << " " << c;
    std::cout << "\nstats functions:";
    for (const auto& f : AggregateFunctionNames()) std::cout << " " << f;
    std::cout << "\neval functions:\n";
    for (const auto* f : AllScalarFunctions()) std::cout << "  " << f->description << "\n";
    return 0;
  };
}

}  // namespace trailhound
