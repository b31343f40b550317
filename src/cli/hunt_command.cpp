// trailhound hunt [-r FILE|DIR]... [--content DIR] [options] PATH...
// Runs detections (the built-in pack by default) in one pass over the input and prints each
// result row with the risk events Splunk ES would write for it.
#include <algorithm>
#include <iostream>

#include "cli/cli_options.hpp"
#include "cli/commands.hpp"
#include "cli/input_paths.hpp"
#include "common/error.hpp"
#include "detect/detection_yaml.hpp"
#include "output/hunt_writer.hpp"
#include "spl/macro_expander.hpp"

namespace trailhound {

namespace {

struct HuntArgs {
  CommonOptions common;
  std::vector<std::string> rules;
  bool include_deprecated = false;
};

bool Contains(std::string haystack, std::string needle) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(std::move(haystack)).find(lower(std::move(needle))) != std::string::npos;
}

// From a whole security_content checkout, the detections that read CloudTrail: those whose data
// source is AWS CloudTrail or whose search names the cloudtrail macro or sourcetype.
bool ReadsCloudTrail(const Detection& d) {
  if (Contains(d.search, "cloudtrail")) return true;
  return std::any_of(d.data_sources.begin(), d.data_sources.end(), [](const std::string& s) { return Contains(s, "cloudtrail"); });
}


// The detections to run: every -r source in order, else the CloudTrail detections of --content,
// else the built-in ones. A bad file is reported in `errors` and the others are still loaded.
std::vector<Detection> LoadHuntDetections(const HuntArgs& args, std::vector<std::string>& errors) {
  std::vector<Detection> detections;
  auto take = [&](DetectionLoad load, bool cloudtrail_only) {
    for (auto& d : load.detections) {
      if (!cloudtrail_only || ReadsCloudTrail(d)) detections.push_back(std::move(d));
    }
    errors.insert(errors.end(), load.errors.begin(), load.errors.end());
  };
  for (const auto& r : args.rules) take(LoadDetectionsCollectingErrors(r), false);
  if (args.rules.empty() && !args.common.content_dir.empty()) {
    take(LoadContentDetectionsCollectingErrors(args.common.content_dir), true);
  }
  if (args.rules.empty() && args.common.content_dir.empty()) detections = LoadBuiltinDetections();
  return detections;
}

int RunHunt(const HuntArgs& args) {
  OutputFormat format = args.common.ResolveFormat();
  std::vector<std::string> load_errors;
  MacroTable macros = args.common.LoadMacros(&load_errors);
  std::vector<std::unique_ptr<Profile>> profiles;
  RunOptions options = args.common.ResolveRunOptions(profiles);

  std::vector<Detection> detections = LoadHuntDetections(args, load_errors);
  for (const auto& message : RemoveDuplicateDetections(detections)) std::cerr << "trailhound: " << message << "\n";
  // Every bad file is reported; the good detections still run, and the exit code is 3.
  for (const auto& error : load_errors) std::cerr << "trailhound: " << error << "\n";
  int exit_code = load_errors.empty() ? kExitOk : kExitQuery;
  if (!args.include_deprecated) {
    size_t before = detections.size();
    detections.erase(std::remove_if(detections.begin(), detections.end(), [](const Detection& d) { return d.status == "deprecated"; }),
                     detections.end());
    if (before != detections.size() && !args.common.quiet) {
      std::cerr << "trailhound: skipped " << (before - detections.size()) << " deprecated detections (--include-deprecated runs them)\n";
    }
  }
  if (detections.empty()) {
    if (exit_code != kExitOk) return exit_code;
    throw Error(ErrorKind::kUsage, "no detections to run");
  }

  // Plan each detection; one that does not parse is reported and left out, the others run.
  std::vector<const Detection*> planned;
  std::vector<std::unique_ptr<QueryPlan>> plans;
  for (const auto& d : detections) {
    std::string context = "detection '" + d.name + "' (" + d.origin + ")";
    std::string expanded;
    try {
      expanded = ExpandMacros(d.search, macros);
    } catch (const QueryError& e) {
      ReportError(e, d.search, context);
      exit_code = kExitQuery;
      continue;
    }
    try {
      plans.push_back(PlanQuery(expanded, PlanContext{options.settings, options.lookups.get()}));
      planned.push_back(&d);
    } catch (const QueryError& e) {
      ReportError(e, expanded, context);
      exit_code = kExitQuery;
    }
  }
  InputSummary summary;
  auto files = ListInputsOrThrow(args.common.paths, summary, plans.empty() || AnyPlanReadsEvents(plans));
  std::unique_ptr<ScanProgress> progress = args.common.MakeProgress();
  options.scan.progress = progress.get();
  auto results = RunPlans(plans, files, options, summary);
  if (progress) progress->Finish();  // the scan has finished it; erase the line before any output

  std::vector<DetectionResults> out;
  std::vector<std::string> notes;
  for (size_t i = 0; i < results.size(); ++i) {
    if (args.common.explain) std::cerr << "detection: " << planned[i]->name << "\n" << results[i].explain;
    if (results[i].runtime_error) {
      // Its rows are incomplete: leave them out; the other detections ran to the end.
      std::cerr << "trailhound: detection '" << planned[i]->name << "' (" << planned[i]->origin
                << ") stopped, its results are left out: " << *results[i].runtime_error << "\n";
      exit_code = kExitQuery;
      continue;
    }
    for (const auto& n : results[i].notes) notes.push_back(planned[i]->name + ": " + n);
    out.push_back({planned[i], std::move(results[i].rows), std::move(results[i].columns)});
  }
  WriteHuntResults(std::cout, format, out);
  std::cout.flush();
  int input_code = FinishRun(summary, notes, args.common.quiet);
  if (!args.common.quiet) {
    size_t rows = 0;
    for (const auto& r : out) rows += r.rows.size();
    std::cerr << "trailhound: " << out.size() << " detections ran, " << rows << " result rows\n";
  }
  return exit_code != kExitOk ? exit_code : input_code;
}

}  // namespace

CommandRunner AddHuntCommand(CLI::App& app) {
  auto args = std::make_shared<HuntArgs>();
  CLI::App* cmd = app.add_subcommand("hunt", "Run detections (built-in, -r files, or --content) over CloudTrail files");
  cmd->add_option("-r,--rules", args->rules, "Detection YAML file or directory (security_content format); repeatable")->allow_extra_args(false);
  cmd->add_flag("--include-deprecated", args->include_deprecated, "Also run detections whose status is deprecated");
  args->common.Register(*cmd);
  return [args, cmd]() -> int { return cmd->parsed() ? RunHunt(*args) : -1; };
}

}  // namespace trailhound
