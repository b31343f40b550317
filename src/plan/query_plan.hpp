#pragma once
// A planned query: the parsed pipeline, its chain of physical operators, the fields it needs
// from events (so extraction can skip the rest), and its output columns.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/evaluator.hpp"
#include "exec/operator.hpp"
#include "json/projection.hpp"
#include "plan/plan_context.hpp"
#include "spl/command_ast.hpp"

namespace trailhound {

class QueryPlan {
 public:
  const Pipeline& pipeline() const { return pipeline_; }
  // The plans of its `[ ... ]` subsearches (join, append), in command order.
  const std::vector<std::unique_ptr<QueryPlan>>& subsearches() const { return subsearches_; }
  // Fields the query reads from events (before sourcetype derivation adds its own inputs).
  const Projection& needed_fields() const { return needed_; }
  // The output columns when a command fixes them (stats, table); otherwise the union of the
  // result rows' fields in first-seen order.
  const std::optional<std::vector<FieldId>>& columns() const { return columns_; }
  // After the run: columns(), with the columns a wildcard stats found in the data filled in (and
  // the later commands' changes to them applied).
  std::optional<std::vector<FieldId>> ResultColumns() const;

  Operator& first() { return *operators_.front(); }

  // For the parallel scan: the leading operators that work row by row with no state (search,
  // where, eval, rex, ...), which each worker thread runs on its own copy of the plan; and whether
  // the operator right after them is a stats whose per-thread states merge (then the workers run
  // it too and the scan merges their partial states into this plan's). Everything after runs once,
  // on this plan, in input order.
  size_t parallel_prefix() const { return parallel_prefix_; }
  bool mergeable_after_prefix() const { return mergeable_after_prefix_; }
  Operator& operator_at(size_t i) { return *operators_.at(i); }
  // A fresh copy of this plan (planned again from the same text and context).
  std::unique_ptr<QueryPlan> Replan() const;
  std::vector<Row>& results() { return collector_->rows(); }
  // Summary notes from the operators (e.g. events stats dropped).
  std::vector<std::string> Notes() const;
  // A readable description of the plan for --explain.
  std::string Explain() const;

 private:
  friend std::unique_ptr<QueryPlan> PlanQueryAt(const std::string& query, const PlanContext& context, int depth);
  std::string query_;
  PlanContext context_;
  int depth_ = 0;
  Pipeline pipeline_;
  std::unique_ptr<Evaluator> evaluator_;
  std::vector<OperatorPtr> operators_;
  ResultCollector* collector_ = nullptr;
  Projection needed_;
  std::optional<std::vector<FieldId>> columns_;
  // Plans of the `[ ... ]` subsearches (join, append), fed the same events by a tap in front.
  std::vector<std::unique_ptr<QueryPlan>> subsearches_;
  // The last operator whose columns come from the data, and the index of its command.
  const Operator* columns_source_ = nullptr;
  size_t columns_source_command_ = 0;
  size_t parallel_prefix_ = 0;
  bool mergeable_after_prefix_ = false;
};

// Parses and plans a macro-expanded query. Throws QueryError.
std::unique_ptr<QueryPlan> PlanQuery(const std::string& query, const EvalSettings& settings);
// The same with lookups available to `lookup`/`inputlookup`.
std::unique_ptr<QueryPlan> PlanQuery(const std::string& query, const PlanContext& context);
// Plans a subsearch `depth` levels down (Splunk's max_subsearch_depth is 8).
std::unique_ptr<QueryPlan> PlanQueryAt(const std::string& query, const PlanContext& context, int depth);

}  // namespace trailhound
