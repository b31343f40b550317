#pragma once
// The AST of a pipeline: one node per command, as written (macros already expanded).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/row.hpp"
#include "spl/eval_ast.hpp"
#include "spl/search_ast.hpp"

namespace trailhound {

enum class CommandKind {
  kSearch, kWhere, kEval, kBin, kStats, kConvert, kRename, kTable, kFields, kSort, kHead,
  // Multi-row commands, subsearches and lookups (their nodes are in spl/row_command_ast.hpp).
  kJoin, kAppend, kEventstats, kAnomalyDetection, kLookup, kInputlookup,
  // Extraction and reshaping commands (spath, rex, mvexpand, fillnull).
  kSpath, kRex, kMvexpand, kFillnull,
};

struct Command {
  explicit Command(CommandKind k) : kind(k) {}
  virtual ~Command() = default;
  CommandKind kind;
  std::string name;      // as written, e.g. "bucket" for bin
  size_t position = 0;   // offset of the command name in the query
};

struct SearchCommand : Command {
  SearchCommand() : Command(CommandKind::kSearch) {}
  SearchExprPtr expr;
};

struct WhereCommand : Command {
  WhereCommand() : Command(CommandKind::kWhere) {}
  EvalExprPtr expr;
};

struct EvalCommand : Command {
  EvalCommand() : Command(CommandKind::kEval) {}
  struct Assignment {
    FieldId target;
    EvalExprPtr expr;
  };
  std::vector<Assignment> assignments;
};

struct BinCommand : Command {
  BinCommand() : Command(CommandKind::kBin) {}
  FieldId field = 0;
  std::optional<FieldId> as;
  // A time span in seconds (span=1h, or any span on _time), or a calendar span in months.
  bool time_span = false;
  double span_seconds = 0;
  int span_months = 0;
  // A numeric span on a non-time field: values become "lo-hi" range strings.
  double numeric_span = 0;
  std::optional<double> aligntime;  // epoch seconds; ignored for spans of a day or more
};

struct AggregateSpec {
  std::string function;        // lower-cased: count, dc, values, perc95 ...
  std::optional<FieldId> field;  // the argument field; none for bare count
  EvalExprPtr eval;            // count(eval(...)) style argument
  FieldId output = 0;          // the column name: AS name or the text as written
  // A wildcard argument (`values(requestParameters.*) as *`): one aggregate per matching field,
  // named by output_pattern with the `*` parts substituted. `field` and `output` are then unused.
  std::optional<std::string> field_pattern;
  std::string output_pattern;
};

struct StatsCommand : Command {
  StatsCommand() : Command(CommandKind::kStats) {}
  std::vector<AggregateSpec> aggregates;
  std::vector<FieldId> by;
  bool dedup_splitvals = false;
};

struct ConvertCommand : Command {
  ConvertCommand() : Command(CommandKind::kConvert) {}
  std::string timeformat = "%m/%d/%Y %H:%M:%S";
  struct Conversion {
    std::string function;  // ctime, mktime, num, auto, dur2sec, rmcomma, rmunit, none
    std::string field;     // may hold * wildcards
    std::optional<FieldId> as;
  };
  std::vector<Conversion> conversions;
};

struct RenameCommand : Command {
  RenameCommand() : Command(CommandKind::kRename) {}
  std::vector<std::pair<std::string, std::string>> pairs;  // wildcard patterns
};

struct TableCommand : Command {
  TableCommand() : Command(CommandKind::kTable) {}
  std::vector<std::string> fields;  // wildcard patterns, in output order
};

struct FieldsCommand : Command {
  FieldsCommand() : Command(CommandKind::kFields) {}
  bool remove = false;
  std::vector<std::string> fields;
};

struct SortCommand : Command {
  SortCommand() : Command(CommandKind::kSort) {}
  struct Key {
    FieldId field;
    bool descending = false;
    std::string type = "auto";  // auto, str, num, ip
  };
  size_t limit = 10000;  // Splunk's default; 0 means unlimited
  std::vector<Key> keys;
  bool reverse = false;  // trailing d/desc
};

struct HeadCommand : Command {
  HeadCommand() : Command(CommandKind::kHead) {}
  size_t limit = 10;
};

// ---- Extraction and reshaping commands: spath, rex, mvexpand, fillnull ----

struct SpathCommand : Command {
  SpathCommand() : Command(CommandKind::kSpath) {}
  FieldId input = 0;               // default _raw
  std::optional<std::string> path;  // none: extract every leaf (auto-extract mode)
  std::optional<FieldId> output;   // default: the path itself
};

struct RexCommand : Command {
  RexCommand() : Command(CommandKind::kRex) {}
  FieldId field = 0;  // default _raw
  std::string regex;  // extraction mode; for sed mode, the s/// or y/// expression's regex
  size_t max_match = 1;  // 0: unlimited
  std::optional<FieldId> offset_field;
  std::vector<std::optional<FieldId>> group_fields;  // per capture group 1..N: its field (none if unnamed)
  // mode=sed
  bool sed = false;
  bool sed_transliterate = false;  // y/abc/xyz/
  std::string sed_replacement;     // s///: the replacement; y///: the target characters
  bool sed_global = false;
  size_t sed_occurrence = 1;  // s///N: replace only the Nth match
};

struct MvexpandCommand : Command {
  MvexpandCommand() : Command(CommandKind::kMvexpand) {}
  FieldId field = 0;
  size_t limit = 0;  // 0: every value
};

struct FillnullCommand : Command {
  FillnullCommand() : Command(CommandKind::kFillnull) {}
  std::string value = "0";
  std::vector<FieldId> fields;  // empty: every field present in some row (blocking)
};

using CommandPtr = std::unique_ptr<Command>;

struct Pipeline {
  std::string text;  // the expanded query the positions refer to
  std::vector<CommandPtr> commands;
};

}  // namespace trailhound
