// trailhound: run Splunk security_content detections (SPL) over raw AWS CloudTrail logs.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"trailhound: Splunk-style security detections over raw AWS CloudTrail logs"};
  app.set_version_flag("--version", std::string("trailhound ") + TRAILHOUND_VERSION);
  app.require_subcommand(1);
  std::vector<trailhound::CommandRunner> runners = {trailhound::AddHuntCommand(app), trailhound::AddSearchCommand(app), trailhound::AddFunctionsCommand(app),
                                                   trailhound::AddTestCommand(app), trailhound::AddLintCommand(app),
                                                   trailhound::AddSqlCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? trailhound::kExitOk : trailhound::kExitUsage;
  }
  // Results that cannot be written are lost: say so and fail, whatever else happened.
  auto output_ok = [] {
    errno = 0;
    std::cout.flush();
    if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
    std::cerr << "trailhound: cannot write the results to standard output"
              << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
    return false;
  };
  try {
    for (auto& run : runners) {
      int code = run();
      if (!output_ok()) return trailhound::kExitOutput;
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
