#pragma once
// AST nodes of the multi-row commands (join, append, eventstats, anomalydetection) and the lookup
// commands (lookup, inputlookup). Kept apart from command_ast.hpp so that each family of commands
// has its own file.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spl/command_ast.hpp"

namespace trailhound {

// A `[ ... ]` subsearch: a whole search over the same input. `text` is the query text with
// everything outside the brackets blanked out, so that positions in errors from parsing or
// planning it point into the outer query.
struct Subsearch {
  std::string text;
  size_t begin = 0;  // offset of '['
  size_t end = 0;    // offset just past ']'
};

struct JoinCommand : Command {
  JoinCommand() : Command(CommandKind::kJoin) {}
  enum class Type { kInner, kLeft };  // outer is left
  Type type = Type::kInner;
  size_t max = 1;        // matching right rows used per left row; 0 = all
  bool overwrite = true;  // right values replace left values of the same field
  std::vector<FieldId> fields;  // empty: every field common to both sides
  Subsearch subsearch;
};

struct AppendCommand : Command {
  AppendCommand() : Command(CommandKind::kAppend) {}
  size_t maxout = 50000;  // rows of the subsearch kept (Splunk's default)
  Subsearch subsearch;
};

struct EventstatsCommand : Command {
  EventstatsCommand() : Command(CommandKind::kEventstats) {}
  // The aggregates and by-fields, parsed by the stats parser (same grammar and names).
  std::unique_ptr<StatsCommand> stats;
};

// The fields action=annotate/filter adds to anomalous rows, in the documented order.
inline constexpr const char* kAnomalyAnnotationFields[] = {"log_event_prob", "probable_cause", "probable_cause_freq", "max_freq"};

struct AnomalyDetectionCommand : Command {
  AnomalyDetectionCommand() : Command(CommandKind::kAnomalyDetection) {}
  enum class Action { kFilter, kAnnotate, kSummary };
  Action action = Action::kFilter;
  bool cutoff = true;
  std::optional<double> pthresh;
  std::vector<FieldId> fields;  // empty: every non-internal field of the rows
};

struct LookupFieldPair {
  std::string column;  // the lookup table's column
  FieldId field = 0;   // the row's field (AS name, else the column name)
};

struct LookupCommand : Command {
  LookupCommand() : Command(CommandKind::kLookup) {}
  std::string table;  // a lookup definition name or a file name (x.csv)
  size_t table_position = 0;
  std::vector<LookupFieldPair> inputs;
  bool output_new = false;   // OUTPUTNEW: only fields the row does not have
  bool has_output_clause = false;
  std::vector<LookupFieldPair> outputs;  // empty without OUTPUT: every non-input column
};

struct InputlookupCommand : Command {
  InputlookupCommand() : Command(CommandKind::kInputlookup) {}
  std::string table;
  size_t table_position = 0;
  bool append = false;  // append=t: add the rows after the current ones
  size_t start = 0;     // first table row used (0-based)
  size_t max = 1000000000;
  SearchExprPtr where;  // `where <search expression>` filter, or null
};

}  // namespace trailhound
