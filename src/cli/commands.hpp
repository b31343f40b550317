#pragma once
// The subcommands. Each registers its options on the app and returns a function that runs it
// and returns the process exit code.
#include <functional>

#include <CLI/CLI.hpp>

namespace trailhound {

using CommandRunner = std::function<int()>;

CommandRunner AddSearchCommand(CLI::App& app);
CommandRunner AddHuntCommand(CLI::App& app);
CommandRunner AddFunctionsCommand(CLI::App& app);
CommandRunner AddTestCommand(CLI::App& app);
CommandRunner AddLintCommand(CLI::App& app);
CommandRunner AddSqlCommand(CLI::App& app);

}  // namespace trailhound
