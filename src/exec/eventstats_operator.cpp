// eventstats: the aggregates of stats, computed over all rows (or per by-group) and added to each
// row; rows keep their order and other fields. A row missing a by-field joins no group and gets
// nothing. A multivalue by-field feeds the row into one group per value (as stats does); the row
// gets the results of its first group. A null result (e.g. avg of no numbers) leaves the row as is.
#include <algorithm>

#include "common/string_map.hpp"
#include "exec/operators.hpp"
#include "functions/aggregate_function.hpp"

namespace trailhound {

namespace {

class EventstatsOperator : public Operator {
 public:
  EventstatsOperator(const EventstatsCommand& cmd, const Evaluator& ev) : cmd_(*cmd.stats), ev_(ev) {
    for (const auto& a : cmd_.aggregates) {
      AggregateFunction f;
      FindAggregateFunction(a.function, f);  // validated by the parser
      functions_.push_back(f);
    }
  }

  void Push(Row& row) override {
    size_t group = kNoGroup;
    std::vector<std::vector<Value>> keys(cmd_.by.size());
    bool grouped = true;
    for (size_t i = 0; i < cmd_.by.size() && grouped; ++i) {
      const Value* v = row.Get(cmd_.by[i]);
      if (v == nullptr || v->Count() == 0) {
        grouped = false;
        break;
      }
      for (size_t j = 0; j < v->Count(); ++j) keys[i].push_back(v->At(j));
    }
    if (grouped) {
      const Value* t = row.Get(fields::Time());
      double time = t ? t->AsNumber().value_or(0) : 0;
      std::vector<Value> args;
      for (const auto& a : cmd_.aggregates) {
        if (a.eval) {
          args.push_back(ev_.Evaluate(*a.eval, row));
        } else if (a.field) {
          const Value* v = row.Get(*a.field);
          args.push_back(v ? *v : Value::Null());
        } else {
          args.push_back(Value::Null());
        }
      }
      std::vector<size_t> idx(cmd_.by.size(), 0);
      while (true) {
        size_t g = FindGroup(keys, idx);
        if (group == kNoGroup) group = g;
        for (size_t a = 0; a < cmd_.aggregates.size(); ++a) Feed(a, *states_[g][a], args[a], time);
        size_t k = 0;
        for (; k < idx.size(); ++k) {
          if (++idx[k] < keys[k].size()) break;
          idx[k] = 0;
        }
        if (k == idx.size()) break;
      }
    }
    row.OwnRaw();
    rows_.push_back({std::move(row), group});
  }

  void Finish() override {
    std::vector<std::vector<Value>> results(states_.size());
    for (size_t g = 0; g < states_.size(); ++g) {
      for (const auto& s : states_[g]) results[g].push_back(s->Finalize());
    }
    for (auto& [row, group] : rows_) {
      if (Done()) break;
      if (group != kNoGroup) {
        for (size_t a = 0; a < cmd_.aggregates.size(); ++a) {
          if (!results[group][a].IsNull()) row.Set(cmd_.aggregates[a].output, results[group][a]);
        }
      }
      Emit(row);
    }
    rows_.clear();
    Operator::Finish();
  }

 private:
  static constexpr size_t kNoGroup = static_cast<size_t>(-1);

  size_t FindGroup(const std::vector<std::vector<Value>>& keys, const std::vector<size_t>& idx) {
    std::string text;
    for (size_t i = 0; i < idx.size(); ++i) {
      text += keys[i][idx[i]].AsString();
      text += '\x1f';
    }
    auto [it, inserted] = index_.try_emplace(text, states_.size());
    if (inserted) {
      std::vector<std::unique_ptr<AggregateState>> states;
      for (const auto& f : functions_) states.push_back(f.make(f.param));
      states_.push_back(std::move(states));
    }
    return it->second;
  }

  // As stats feeds its states: bare count once per row, count(eval()) per true/non-null result,
  // otherwise each value of the argument.
  void Feed(size_t a, AggregateState& s, const Value& v, double time) const {
    const AggregateSpec& spec = cmd_.aggregates[a];
    if (!spec.field && !spec.eval) {
      s.Add(Value::Null(), time);
      return;
    }
    if (spec.eval && functions_[a].name == "count") {
      if (!v.IsNull() && !(v.IsBool() && !v.boolean())) s.Add(v, time);
      return;
    }
    for (size_t i = 0; i < v.Count(); ++i) s.Add(v.At(i), time);
  }

  const StatsCommand& cmd_;
  const Evaluator& ev_;
  std::vector<AggregateFunction> functions_;
  std::vector<std::vector<std::unique_ptr<AggregateState>>> states_;  // per group, per aggregate
  StringMap<size_t> index_;
  std::vector<std::pair<Row, size_t>> rows_;  // each row with its group (or kNoGroup)
};

}  // namespace

OperatorPtr MakeEventstatsOperator(const EventstatsCommand& cmd, const Evaluator& ev) {
  return std::make_unique<EventstatsOperator>(cmd, ev);
}

}  // namespace trailhound
