#pragma once
// What a (macro-expanded) SPL text uses, found by scanning its text rather than parsing it, so
// that every command and function is listed even when the parser would stop at the first one it
// lacks. Used by `trailhound lint`.
//
// The text is split at '|' outside quotes and brackets; a segment's first word is its command
// (the first segment is an implicit `search`). Subsearches ([...]) are scanned the same way.
// Functions are words directly followed by '(' outside quotes: in eval/where/fieldformat segments
// (and inside eval(...) of a stats-like command) they are eval functions; elsewhere in
// stats/eventstats/streamstats/chart/timechart/tstats/... segments they are aggregate functions.
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

struct SplUsage {
  std::vector<std::string> commands;             // in order of first use, each once, lower-case
  std::vector<std::string> eval_functions;       // likewise
  std::vector<std::string> aggregate_functions;  // likewise, as written (perc95, distinct_count...)
  bool uses_datamodel = false;                   // tstats, datamodel, `from datamodel=...`
  // The commands of the top-level pipeline (not subsearches), each with the offset of its
  // segment (just after its '|'), so that a caller can cut the text before a command.
  struct TopLevelCommand {
    std::string name;
    size_t offset;
  };
  std::vector<TopLevelCommand> top_level;
};

SplUsage ScanSplUsage(std::string_view spl);

}  // namespace trailhound
