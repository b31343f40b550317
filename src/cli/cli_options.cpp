#include "cli/cli_options.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "common/error.hpp"
#include "common/time_format.hpp"
#include "output/progress_bar.hpp"
#include "profile/profile_yaml.hpp"
#include "profile/props_loader.hpp"

namespace trailhound {

void CommonOptions::Register(CLI::App& app, bool with_paths) {
  if (with_paths) app.add_option("paths", paths, "CloudTrail files or directories (walked recursively); - for stdin");
  app.add_option("--macros", macro_dirs, "Directory or YAML file of macros (security_content format); repeatable, later wins")->allow_extra_args(false);
  app.add_option("--content", content_dir, "A security_content checkout (detections/, macros/, lookups/)");
  RegisterLookups(app);
  app.add_option("--format", format, "Output format: table, jsonl, json, csv (default: table on a terminal, else jsonl)");
  app.add_option("--tz", timezone, "Timezone for convert ctime, strftime and day bins (IANA name; default UTC)");
  app.add_option("--now", now, "The time now() sees (epoch seconds, ISO 8601, or a date meaning its midnight UTC; default: the clock)");
  app.add_option("--sourcetype", sourcetype, "Force this sourcetype on every event (default: aws:cloudtrail for CloudTrail-shaped events, else _json)");
  app.add_option("--profile", profile, "Field derivation: none, or a profile YAML file (default: the built-in profile of each sourcetype)");
  app.add_option("--props", props_dir, "Derive fields with a Splunk add-on's own props.conf/transforms.conf/lookups from DIR");
  app.add_option("--host", host, "The host field of every event (default: trailhound)");
  app.add_flag("--explain", explain, "Print each query's plan and the fields it extracts to stderr");
  app.add_flag("-q,--quiet", quiet, "Do not print the input summary or the progress bar on stderr");
  RegisterScan(app, true);
}

void CommonOptions::RegisterScan(CLI::App& app, bool with_progress) {
  // CLI::NonNegativeNumber would name the largest double in its message.
  const CLI::Validator count([](std::string& value) -> std::string {
    bool digits = !value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos;
    return digits ? "" : "takes 0 (one per core) or a number of threads, not '" + value + "'";
  }, "N", "thread count");
  app.add_option("-j,--threads", threads, "Scan worker threads (default 0: one per core); results never depend on it")->check(count);
  app.add_flag("--no-prefilter", no_prefilter, "Parse every event instead of first testing its raw text for the terms the searches require");
  if (with_progress) app.add_flag("--no-progress", no_progress, "No progress bar on stderr (shown only on a terminal, after half a second)");
}

void CommonOptions::RegisterLookups(CLI::App& app) {
  app.add_option("--lookups", lookup_dirs,
                 "Directory of lookup definitions (security_content *.yml) and CSV files for lookup/inputlookup; repeatable, later wins")
      ->allow_extra_args(false);
}

OutputFormat CommonOptions::ResolveFormat() const {
  if (format.empty()) return isatty(STDOUT_FILENO) ? OutputFormat::kTable : OutputFormat::kJsonl;
  auto f = ParseOutputFormat(format);
  if (!f) throw Error(ErrorKind::kUsage, "unknown --format '" + format + "' (use table, jsonl, json or csv)");
  return *f;
}

MacroTable CommonOptions::LoadMacros(std::vector<std::string>* errors) const {
  MacroTable table = MacroTable::WithBuiltins();
  auto take = [errors](std::vector<std::string> more) { errors->insert(errors->end(), more.begin(), more.end()); };
  if (!content_dir.empty()) {
    if (errors) take(table.LoadContentDirectoryCollectingErrors(content_dir));
    else table.LoadContentDirectory(content_dir);
  }
  for (const auto& dir : macro_dirs) {
    if (errors) take(table.LoadPathCollectingErrors(dir));
    else table.LoadPath(dir);
  }
  return table;
}

std::shared_ptr<LookupRegistry> CommonOptions::LoadLookups() const {
  auto lookups = std::make_shared<LookupRegistry>();
  if (!content_dir.empty() && std::filesystem::is_directory(std::filesystem::path(content_dir) / "lookups")) {
    lookups->AddDirectory(std::filesystem::path(content_dir) / "lookups");
  }
  for (const auto& dir : lookup_dirs) {
    if (!std::filesystem::is_directory(dir)) throw Error(ErrorKind::kUsage, "--lookups: no such directory: " + dir);
    lookups->AddDirectory(dir);
  }
  return lookups;
}

RunOptions CommonOptions::ResolveRunOptions(std::vector<std::unique_ptr<Profile>>& storage) const {
  RunOptions r;
  if (timezone.empty()) throw Error(ErrorKind::kUsage, "--tz needs a timezone name, e.g. UTC or Europe/Paris");
  ValidateTimezone(timezone);
  r.settings.timezone = timezone;
  if (now.empty()) {
    r.settings.now = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
  } else {
    auto t = ParseNumber(now);
    if (!t) t = ParseIsoTime(now);
    if (!t && now.size() == 10) t = ParseIsoTime(now + "T00:00:00Z");  // a date alone: its midnight, UTC
    if (!t) throw Error(ErrorKind::kUsage, "--now takes epoch seconds, an ISO 8601 time such as 2024-01-15T10:00:00Z or a date (2024-01-15, midnight UTC)");
    r.settings.now = *t;
  }
  if (!sourcetype.empty()) r.scan.sourcetype = sourcetype;
  r.scan.host = host;
  if (threads < 0) throw Error(ErrorKind::kUsage, "--threads takes 0 (one per core) or more");
  r.scan.threads = static_cast<unsigned>(threads);
  r.scan.prefilter = !no_prefilter;
  r.lookups = LoadLookups();
  if (profile == "none") {
    if (!props_dir.empty()) throw Error(ErrorKind::kUsage, "--profile none and --props cannot be combined");
    r.scan.apply_profiles = false;
  } else if (!profile.empty()) {
    if (!std::filesystem::is_regular_file(profile)) throw Error(ErrorKind::kUsage, "--profile: no such file: " + profile);
    storage.push_back(std::make_unique<Profile>(LoadProfileFile(profile)));
    r.scan.user_profiles.push_back(storage.back().get());
  }
  if (!props_dir.empty()) {
    if (!std::filesystem::is_directory(props_dir)) throw Error(ErrorKind::kUsage, "--props: no such directory: " + props_dir);
    storage.push_back(std::make_unique<Profile>(LoadPropsProfile(props_dir, sourcetype.empty() ? "aws:cloudtrail" : sourcetype)));
    r.scan.user_profiles.push_back(storage.back().get());
  }
  return r;
}

std::unique_ptr<ScanProgress> CommonOptions::MakeProgress() const {
  if (!WantProgressBar(quiet, no_progress)) return nullptr;
  return std::make_unique<ProgressBar>();
}

void ReportError(const std::exception& e, const std::string& query_text, const std::string& context) {
  std::string prefix = "trailhound: " + (context.empty() ? std::string() : context + ": ");
  if (const auto* q = dynamic_cast<const QueryError*>(&e); q != nullptr && !query_text.empty()) {
    std::cerr << prefix << RenderQueryError(query_text, *q) << "\n";
  } else {
    std::cerr << prefix << e.what() << "\n";
  }
}

}  // namespace trailhound
