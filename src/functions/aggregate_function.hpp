#pragma once
// Aggregate functions of stats (and later eventstats/streamstats/chart). Each group keeps one
// state per aggregate; states merge, so that threads can aggregate separately and combine.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/value.hpp"

namespace trailhound {

class AggregateState {
 public:
  virtual ~AggregateState() = default;
  // One value of the argument (a scalar; multivalue fields are fed value by value) and the
  // event's _time (for earliest/latest). Bare count is fed a null value once per row.
  virtual void Add(const Value& value, double time) = 0;
  // Folds in a state of the same function that saw rows later in input order.
  virtual void Merge(const AggregateState& other) = 0;
  // The result; null when the function has nothing to report (e.g. avg of no numbers).
  virtual Value Finalize() const = 0;
};

struct AggregateFunction {
  std::string name;        // canonical name, e.g. "dc" for distinct_count
  bool takes_field;        // false only for bare count
  std::string description;
  // Makes a state; `param` is the N of perc<N> and friends.
  std::unique_ptr<AggregateState> (*make)(double param);
  double param = 0;
  // The value this function reports for a group that saw no rows (count 0, dc 0, else null).
  Value empty_value;
};

// Resolves a name as written (count, c, dc, distinct_count, perc95, p50, exactperc99 ...).
// Returns false when the name is unknown.
bool FindAggregateFunction(std::string_view name, AggregateFunction& out);
std::vector<std::string> AggregateFunctionNames();

}  // namespace trailhound
