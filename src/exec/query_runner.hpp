#pragma once
// Runs macro-expanded queries over input files in one pass and collects their results: the
// entry point shared by the CLI commands and the data-driven tests.
#include <optional>
#include <string>
#include <vector>

#include "exec/event_scan.hpp"
#include "exec/lookup_registry.hpp"
#include "io/input_summary.hpp"

namespace trailhound {

struct RunOptions {
  ScanOptions scan;
  EvalSettings settings;
  // The tables `lookup`/`inputlookup` can name (--lookups, --content); null: none.
  std::shared_ptr<const LookupRegistry> lookups;
};

struct QueryResult {
  std::vector<Row> rows;
  std::vector<FieldId> columns;     // explicit (stats/table) or the union of the rows' fields
  std::vector<std::string> notes;   // e.g. events stats dropped for a missing by-field
  std::string explain;              // the plan, for --explain
  // Set when the query stopped during the run (its rows are then incomplete and must not be
  // reported as results); the other queries of the run are unaffected.
  std::optional<std::string> runtime_error;
};

// Plans every query first (throwing QueryError for the first bad one), then reads the files once;
// a query that fails during the run throws too (as kQuery).
std::vector<QueryResult> RunQueries(const std::vector<std::string>& queries, const std::vector<InputFile>& files,
                                    const RunOptions& options, InputSummary& summary);

// Runs already-planned queries over the files (so that callers can plan each query separately
// and keep going past a bad one).
std::vector<QueryResult> RunPlans(std::vector<std::unique_ptr<QueryPlan>>& plans, const std::vector<InputFile>& files,
                                  const RunOptions& options, InputSummary& summary);

}  // namespace trailhound
