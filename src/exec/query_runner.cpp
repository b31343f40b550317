#include "exec/query_runner.hpp"

#include "common/error.hpp"
#include "output/output_format.hpp"

namespace trailhound {

std::vector<QueryResult> RunPlans(std::vector<std::unique_ptr<QueryPlan>>& plans, const std::vector<InputFile>& files,
                                  const RunOptions& options, InputSummary& summary) {
  std::vector<QueryPlan*> raw;
  for (auto& p : plans) raw.push_back(p.get());
  EventScan scan(raw, options.scan);
  scan.Run(files, summary);
  std::vector<QueryResult> out;
  for (size_t i = 0; i < plans.size(); ++i) {
    auto& p = plans[i];
    QueryResult r;
    r.runtime_error = scan.failure(i);
    r.rows = std::move(p->results());
    auto columns = p->ResultColumns();
    r.columns = columns ? *columns : DefaultColumns(r.rows);
    r.notes = p->Notes();
    r.explain = p->Explain() + scan.ExplainExtraction();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<QueryResult> RunQueries(const std::vector<std::string>& queries, const std::vector<InputFile>& files,
                                    const RunOptions& options, InputSummary& summary) {
  std::vector<std::unique_ptr<QueryPlan>> plans;
  PlanContext context;
  context.settings = options.settings;
  context.lookups = options.lookups.get();
  for (const auto& q : queries) plans.push_back(PlanQuery(q, context));
  auto results = RunPlans(plans, files, options, summary);
  for (const auto& r : results) {
    if (r.runtime_error) throw Error(ErrorKind::kQuery, *r.runtime_error);
  }
  return results;
}

}  // namespace trailhound
