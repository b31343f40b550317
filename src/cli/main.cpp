// trailhound: run Splunk security_content detections (SPL) over raw AWS CloudTrail logs.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"trailhound: Splunk-style security detections over raw AWS CloudTrail logs"};
  app.set_version_flag("--version", std::string("trailhound ") + TRAILHOUND_VERSION);
  app.require_subcommand(1);
  std::vector<trailhound::CommandRunner> runners = {trailhound::AddHuntCommand(app), trailhound::AddSearchCommand(app), trailhound::AddFunctionsCommand(app),
                                                   trailhound::AddTestCommand(app), trailhound::AddLintCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? trailhound::kExitOk : trailhound::kExitUsage;
  }
  try {
    for (auto& run : runners) {
      int code = run();
      if (code >= 0) return code;
    }
  } catch (const trailhound::Error& e) {
    std::cerr << "trailhound: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "trailhound: internal error: " << e.what() << "\n";
    return trailhound::kExitInternal;
  }
  return trailhound::kExitOk;
}
