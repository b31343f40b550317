#pragma once
// `trailhound lint`: for one detection, whether trailhound can run it and, when not, everything
// that is missing, not just the first error: commands and eval/stats functions trailhound lacks
// (from a scan of the macro-expanded text, spl_usage_scan.hpp, against SupportedCommands() and the
// function tables), tstats/data-model use, and the event fields the search reads that neither
// the raw CloudTrail schema nor the sourcetype profile produces.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/string_map.hpp"
#include "detect/detection.hpp"
#include "exec/evaluator.hpp"
#include "spl/macro_table.hpp"

namespace trailhound {

class LookupRegistry;
class Profile;

struct LintSettings {
  EvalSettings eval;
  // Fields raw CloudTrail events have (data_sources/aws_cloudtrail*.yml); nullopt: unknown, and
  // the field check is not done. A listed name also covers the fields below it ("requestParameters"
  // covers "requestParameters.bucketName" and "requestParameters{}...").
  std::optional<StringSet> raw_fields;
  const Profile* profile = nullptr;  // the sourcetype profile whose derived fields count as produced
  const LookupRegistry* lookups = nullptr;  // the tables lookup/inputlookup can name; null: none
};

// The dialects lint checks, in report order.
inline constexpr const char* kSqlLintDialects[] = {"duckdb", "trino", "athena", "spark"};

struct DetectionLint {
  std::string name;
  std::string origin;
  std::string status;
  std::string type;
  bool uses_cloudtrail_macro = false;
  bool uses_tstats = false;     // a `| tstats` command
  bool uses_datamodel = false;  // tstats, datamodel, from datamodel=...
  bool runs = false;            // the search expands and plans
  std::string error;            // why not (first line of the error)
  std::vector<std::string> missing_commands;
  std::vector<std::string> missing_functions;  // eval and stats functions, "stats:" prefixed for stats
  // Event fields read that nothing produces, sorted; nullopt when not checked (see fields_note).
  // For a search that does not plan, the part before the first missing command is checked, and
  // fields_note says so ("checked up to `spath`").
  std::optional<std::vector<std::string>> unproduced_fields;
  std::string fields_note;
  // `trailhound sql` per dialect (kSqlLintDialects order): "" when the search compiles with every
  // semantics kept, else why not ("approximate: ..." or the construct it cannot translate).
  std::vector<std::string> sql_gaps;
  bool CompilesToSql(size_t dialect) const { return runs && dialect < sql_gaps.size() && sql_gaps[dialect].empty(); }

  // status production, the `cloudtrail` macro, no `| tstats`: the detections trailhound targets.
  bool ProductionRawCloudTrail() const { return status == "production" && uses_cloudtrail_macro && !uses_tstats; }
};

DetectionLint LintDetection(const Detection& detection, const MacroTable& macros, const LintSettings& settings);

// The union of the `fields:` lists of <content>/data_sources/aws_cloudtrail*.yml; nullopt when
// the folder or such files are absent.
std::optional<StringSet> LoadRawCloudTrailFields(const std::filesystem::path& content_directory);

}  // namespace trailhound
