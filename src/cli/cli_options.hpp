#pragma once
// Options shared by the subcommands, and turning them into the engine's settings.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "exec/query_runner.hpp"
#include "output/output_format.hpp"
#include "profile/profile.hpp"
#include "spl/macro_table.hpp"

namespace trailhound {

struct CommonOptions {
  std::vector<std::string> paths;
  std::vector<std::string> macro_dirs;
  std::string content_dir;
  std::vector<std::string> lookup_dirs;  // --lookups, after --content's lookups/
  std::string format;  // empty: table on a terminal, jsonl otherwise
  std::string timezone = "UTC";
  std::string now;
  std::string sourcetype;
  std::string profile;  // "", "none", or a profile YAML file
  std::string props_dir;
  std::string host = "trailhound";
  bool explain = false;
  bool quiet = false;        // no summary and no progress bar on stderr
  bool no_progress = false;  // no progress bar
  int threads = 0;           // -j: scan worker threads, 0 = one per core
  bool no_prefilter = false;

  void Register(CLI::App& app, bool with_paths = true);
  // -j/--threads and --no-prefilter, and with `with_progress` --no-progress: the options of the
  // subcommands that scan (Register includes them).
  void RegisterScan(CLI::App& app, bool with_progress);
  // --lookups alone, for the subcommands that take only some of the options.
  void RegisterLookups(CLI::App& app);

  // Everything below throws Error (kUsage/kQuery/kInput) with a message for the user.
  OutputFormat ResolveFormat() const;
  // Built-ins, then --content, then each --macros. With `errors`, a bad macro file is reported
  // there and skipped (hunt runs the detections that do not need it); without, it throws.
  MacroTable LoadMacros(std::vector<std::string>* errors = nullptr) const;
  // --content's lookups/ first, then each --lookups directory (later wins). Throws Error(kUsage)
  // for a --lookups directory that does not exist.
  std::shared_ptr<LookupRegistry> LoadLookups() const;
  // Loads --profile FILE / --props DIR into `storage` and fills the run options (lookups included).
  RunOptions ResolveRunOptions(std::vector<std::unique_ptr<Profile>>& storage) const;
  // A progress bar for the scan when one is wanted (stderr is a terminal, no --quiet, no
  // --no-progress), else null. The caller points RunOptions.scan.progress at it.
  std::unique_ptr<ScanProgress> MakeProgress() const;
};

// Prints a QueryError with the query and a caret, or another Error as is, to stderr.
void ReportError(const std::exception& e, const std::string& query_text, const std::string& context = "");

}  // namespace trailhound
