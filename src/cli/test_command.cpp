// trailhound test [--content DIR | -r FILE|DIR ...] [--attack-data DIR] [--macros ...] [--lookups ...] [--format table|jsonl]
// Runs the tests detections carry: security_content `tests:` (datasets replayed from a local
// attack_data copy, judged as contentctl judges them) and trailhound's inline `trailhound_tests:`.
// Exit 0 when every test that ran passed, 1 when any failed.
#include <filesystem>
#include <iostream>

#include "cli/cli_options.hpp"
#include "cli/commands.hpp"
#include "cli/detection_sources.hpp"
#include "common/error.hpp"
#include "detect/test_runner.hpp"
#include "output/json_format.hpp"
#include "output/table_format.hpp"

namespace trailhound {

namespace {

struct TestArgs {
  CommonOptions common;
  std::vector<std::string> rules;
  std::string attack_data;
};

void WriteOutcomes(const std::vector<TestOutcome>& outcomes, bool jsonl) {
  std::string out;
  if (jsonl) {
    for (const auto& o : outcomes) {
      JsonObjectWriter(out)
          .String("detection", o.detection)
          .String("test", o.test)
          .String("dataset", o.dataset)
          .String("status", TestStatusName(o.status))
          .Number("rows", o.rows ? std::optional<double>(static_cast<double>(*o.rows)) : std::nullopt)
          .String("reason", o.reason)
          .Close();
      out += '\n';
    }
  } else {
    std::vector<std::vector<std::string>> cells;
    for (const auto& o : outcomes) {
      cells.push_back({o.detection, o.test, o.dataset, o.rows ? std::to_string(*o.rows) : "-", std::string(TestStatusName(o.status)), o.reason});
    }
    TableOptions options;
    options.max_cell_width = 100;
    AppendTextTable(out, {"detection", "test", "dataset", "rows", "result", "reason"}, cells, options);
  }
  std::cout << out;
}

int RunTest(const TestArgs& args) {
  const std::string& format = args.common.format.empty() ? std::string("table") : args.common.format;
  if (format != "table" && format != "jsonl") throw Error(ErrorKind::kUsage, "unknown --format '" + format + "' for test (use table or jsonl)");
  if (!args.attack_data.empty() && !std::filesystem::is_directory(args.attack_data)) {
    throw Error(ErrorKind::kUsage, "--attack-data: no such directory: " + args.attack_data);
  }
  std::vector<std::string> macro_errors;
  MacroTable macros = args.common.LoadMacros(&macro_errors);
  for (const auto& e : macro_errors) std::cerr << "trailhound: " << e << "\n";
  std::vector<std::unique_ptr<Profile>> profiles;
  TestRunSettings settings;
  settings.run = args.common.ResolveRunOptions(profiles);
  settings.attack_data_dir = args.attack_data;

  DetectionLoad load = LoadSelectedDetections(args.rules, args.common.content_dir);
  std::vector<TestOutcome> outcomes;
  for (const auto& error : load.errors) outcomes.push_back({ErrorFileName(error), "-", "-", TestStatus::kFail, std::nullopt, error});
  for (const auto& d : load.detections) {
    auto more = RunDetectionTests(d, macros, settings);
    outcomes.insert(outcomes.end(), more.begin(), more.end());
  }
  WriteOutcomes(outcomes, format == "jsonl");

  size_t passed = 0, failed = 0, skipped = 0;
  for (const auto& o : outcomes) {
    if (o.status == TestStatus::kPass) ++passed;
    if (o.status == TestStatus::kFail) ++failed;
    if (o.status == TestStatus::kSkip) ++skipped;
  }
  std::string summary = std::to_string(passed) + " passed, " + std::to_string(failed) + " failed, " + std::to_string(skipped) +
                        " skipped (" + std::to_string(load.detections.size() + load.errors.size()) + " detections)\n";
  // The table is for people: the summary follows it. jsonl keeps stdout to one object a line.
  if (format == "table") std::cout << "\n" << summary;
  else if (!args.common.quiet) std::cerr << "trailhound: " << summary;
  std::cout.flush();
  return failed > 0 ? kExitTestsFailed : kExitOk;
}

}  // namespace

CommandRunner AddTestCommand(CLI::App& app) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* cmd = app.add_subcommand("test", "Run detections' tests: security_content tests: over attack_data, and inline trailhound_tests:");
  cmd->add_option("-r,--rules", args->rules, "Detection YAML file or directory; repeatable (default: the built-in detections)")->allow_extra_args(false);
  cmd->add_option("--attack-data", args->attack_data, "A local copy of splunk/attack_data (datasets/... below it)");
  CommonOptions& c = args->common;
  cmd->add_option("--content", c.content_dir, "A security_content checkout: its detections (without -r), macros and lookups");
  cmd->add_option("--macros", c.macro_dirs, "Directory or YAML file of macros; repeatable, later wins")->allow_extra_args(false);
  c.RegisterLookups(*cmd);
  cmd->add_option("--format", c.format, "Output format: table (default) or jsonl");
  cmd->add_option("--tz", c.timezone, "Timezone of the searches (IANA name; default UTC; a test's tz: wins)");
  cmd->add_option("--now", c.now, "The time now() sees (default: the clock; a test's now: wins)");
  cmd->add_option("--profile", c.profile, "Field derivation: none, or a profile YAML file");
  cmd->add_option("--props", c.props_dir, "Derive fields with a Splunk add-on's props.conf/transforms.conf from DIR");
  cmd->add_flag("-q,--quiet", c.quiet, "No summary on stderr (jsonl)");
  // The datasets are scanned one test at a time, each briefly: no progress bar for test.
  c.RegisterScan(*cmd, false);
  return [args, cmd]() -> int { return cmd->parsed() ? RunTest(*args) : -1; };
}

}  // namespace trailhound
