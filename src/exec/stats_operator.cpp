// stats: hash aggregation by the by-fields. An event missing a by-field forms no group (counted
// for the summary); a multivalue by-field puts the event in one group per value. Output rows are
// sorted ascending by the by-fields (numbers numerically and before text), columns are the
// by-fields then the aggregates. With no by-clause and no input there is one row (count=0).
#include <algorithm>

#include "common/string_map.hpp"
#include "exec/operators.hpp"
#include "functions/aggregate_function.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

// Output order of by-values: numbers numerically, before any non-numeric value; the rest byte-wise.
// (CompareValues alone is not a strict weak order on mixed values: 9 < 10 numerically, "10" < "1a"
// and "1a" < "9" as text, which makes the sort order depend on the input order.)
int CompareGroupKeys(const Value& a, const Value& b) {
  bool an = a.AsNumber().has_value(), bn = b.AsNumber().has_value();
  if (an != bn) return an ? -1 : 1;
  return CompareValues(a, b);
}

class StatsOperator : public Operator {
 public:
  StatsOperator(const StatsCommand& cmd, const Evaluator& ev) : cmd_(cmd), ev_(ev), dropped_(cmd.by.size(), 0) {
    for (size_t a = 0; a < cmd.aggregates.size(); ++a) {
      if (cmd.aggregates[a].field_pattern) {
        has_wildcards_ = true;
        continue;
      }
      AddColumn(a, cmd.aggregates[a].output, cmd.aggregates[a].field);
    }
  }

  void Push(Row& row) override {
    // Collect the values of each by-field; a missing one drops the event.
    keys_.clear();
    keys_.resize(cmd_.by.size());
    for (size_t i = 0; i < cmd_.by.size(); ++i) {
      const Value* v = row.Get(cmd_.by[i]);
      if (v == nullptr || v->Count() == 0) {
        ++dropped_[i];
        return;
      }
      for (size_t j = 0; j < v->Count(); ++j) {
        const Value& x = v->At(j);
        if (cmd_.dedup_splitvals &&
            std::any_of(keys_[i].begin(), keys_[i].end(), [&](const Value& y) { return y.AsString() == x.AsString(); })) {
          continue;
        }
        keys_[i].push_back(x);
      }
    }
    const Value* t = row.Get(fields::Time());
    double time = t ? t->AsNumber().value_or(0) : 0;
    // Arguments are evaluated once per row, then fed to every group the row belongs to.
    if (has_wildcards_) ExpandWildcards(row);
    args_.assign(columns_.size(), Value::Null());
    fed_.clear();
    for (size_t c = 0; c < columns_.size(); ++c) {
      const Column& col = columns_[c];
      const AggregateSpec& a = cmd_.aggregates[col.spec];
      if (a.eval) {
        args_[c] = ev_.Evaluate(*a.eval, row);
      } else if (col.field) {
        const Value* v = row.Get(*col.field);
        if (v) args_[c] = *v;
        // A wildcard column only takes rows that have its field.
        if (a.field_pattern && v == nullptr) continue;
      }
      fed_.push_back(c);
    }
    std::vector<size_t> idx(cmd_.by.size(), 0);
    while (true) {
      Group& g = FindGroup(idx);
      for (size_t c : fed_) Feed(c, g, time);
      // Next combination of multivalue by-values (odometer order).
      size_t k = 0;
      for (; k < idx.size(); ++k) {
        if (++idx[k] < keys_[k].size()) break;
        idx[k] = 0;
      }
      if (k == idx.size()) break;
    }
  }

  void Finish() override {
    std::vector<size_t> column_order = OutputOrder();
    result_columns_ = cmd_.by;
    for (size_t c : column_order) {
      if (std::find(result_columns_.begin(), result_columns_.end(), columns_[c].output) == result_columns_.end()) {
        result_columns_.push_back(columns_[c].output);
      }
    }
    if (groups_.empty() && cmd_.by.empty()) {
      Row row;
      for (size_t c : column_order) row.Set(columns_[c].output, columns_[c].function.empty_value);
      Emit(row);
      Operator::Finish();
      return;
    }
    std::vector<size_t> order(groups_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const auto& a = groups_[x].keys;
      const auto& b = groups_[y].keys;
      for (size_t i = 0; i < a.size(); ++i) {
        int c = CompareGroupKeys(a[i], b[i]);
        if (c != 0) return c < 0;
      }
      return false;
    });
    for (size_t gi : order) {
      Group& g = groups_[gi];
      Row row;
      for (size_t i = 0; i < cmd_.by.size(); ++i) row.Set(cmd_.by[i], g.keys[i]);
      EnsureStates(g);
      for (size_t c : column_order) row.Set(columns_[c].output, g.states[c]->Finalize());
      Emit(row);
    }
    groups_.clear();
    Operator::Finish();
  }

  std::unique_ptr<PartialState> TakePartial() override {
    auto partial = std::make_unique<Partial>();
    partial->groups = std::move(groups_);
    partial->dropped = dropped_;
    groups_.clear();
    index_.clear();
    std::fill(dropped_.begin(), dropped_.end(), 0);
    return partial;
  }

  // Groups are folded in in the partial's first-seen order, so that groups new to this operator
  // are appended as they would have been had it seen the rows itself.
  void MergePartial(std::unique_ptr<PartialState> state) override {
    auto& partial = static_cast<Partial&>(*state);
    for (size_t i = 0; i < dropped_.size(); ++i) dropped_[i] += partial.dropped[i];
    for (Group& g : partial.groups) {
      auto [it, inserted] = index_.try_emplace(g.key, groups_.size());
      if (inserted) {
        groups_.push_back(std::move(g));
        continue;
      }
      Group& mine = groups_[it->second];
      for (size_t c = 0; c < mine.states.size(); ++c) mine.states[c]->Merge(*g.states[c]);
    }
  }

  std::optional<std::vector<FieldId>> ResultColumns() const override {
    if (!has_wildcards_) return std::nullopt;
    return result_columns_;
  }

  void Notes(std::vector<std::string>& out) const override {
    for (size_t i = 0; i < dropped_.size(); ++i) {
      if (dropped_[i] > 0) {
        out.push_back("stats: " + std::to_string(dropped_[i]) + " events dropped: no value for by-field " +
                      FieldNames::Name(cmd_.by[i]));
      }
    }
    Operator::Notes(out);
  }

 private:
  struct Group;
  // One aggregate output: an aggregate as written, or one expansion of a wildcard aggregate.
  struct Column {
    size_t spec;                   // index in cmd_.aggregates
    FieldId output;
    std::optional<FieldId> field;  // the argument field
    AggregateFunction function;
  };

  size_t AddColumn(size_t spec, FieldId output, std::optional<FieldId> field) {
    AggregateFunction f;
    FindAggregateFunction(cmd_.aggregates[spec].function, f);  // validated by the parser
    columns_.push_back({spec, output, field, std::move(f)});
    return columns_.size() - 1;
  }

  // Makes a column for each (wildcard aggregate, field) pair seen for the first time.
  void ExpandWildcards(const Row& row) {
    for (const auto& [id, value] : row.entries()) {
      if (!wildcard_checked_.insert(id).second) continue;
      const std::string& name = FieldNames::Name(id);
      for (size_t a = 0; a < cmd_.aggregates.size(); ++a) {
        const AggregateSpec& spec = cmd_.aggregates[a];
        if (!spec.field_pattern) continue;
        // Internal fields (_time, _raw) are not matched by a wildcard unless it starts with '_'.
        if (name[0] == '_' && (*spec.field_pattern)[0] != '_') continue;
        if (!GlobCapture(name, *spec.field_pattern, &caps_)) continue;
        std::string output = GlobSubstitute(spec.output_pattern, caps_);
        if (output.empty()) continue;
        AddColumn(a, FieldNames::Intern(output), id);
      }
    }
  }

  // Output columns: aggregates in the order written, the expansions of a wildcard aggregate
  // sorted by output name.
  std::vector<size_t> OutputOrder() const {
    std::vector<size_t> order(columns_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const Column& a = columns_[x];
      const Column& b = columns_[y];
      if (a.spec != b.spec) return a.spec < b.spec;
      return FieldNames::Name(a.output) < FieldNames::Name(b.output);
    });
    return order;
  }

  // Groups made before a wildcard column appeared get its state now.
  void EnsureStates(Group& g) {
    while (g.states.size() < columns_.size()) {
      const AggregateFunction& f = columns_[g.states.size()].function;
      g.states.push_back(f.make(f.param));
    }
  }

  struct Group {
    std::string key;  // the by-values joined, as indexed
    std::vector<Value> keys;
    std::vector<std::unique_ptr<AggregateState>> states;
  };
  struct Partial : PartialState {
    std::vector<Group> groups;
    std::vector<uint64_t> dropped;
  };

  Group& FindGroup(const std::vector<size_t>& idx) {
    key_text_.clear();
    for (size_t i = 0; i < idx.size(); ++i) {
      const Value& v = keys_[i][idx[i]];
      key_text_ += v.AsString();
      key_text_ += '\x1f';
    }
    auto [it, inserted] = index_.try_emplace(key_text_, groups_.size());
    if (inserted) {
      Group g;
      g.key = key_text_;
      for (size_t i = 0; i < idx.size(); ++i) g.keys.push_back(keys_[i][idx[i]]);
      groups_.push_back(std::move(g));
    }
    Group& g = groups_[it->second];
    EnsureStates(g);
    return g;
  }

  void Feed(size_t c, Group& g, double time) {
    const Column& col = columns_[c];
    const AggregateSpec& spec = cmd_.aggregates[col.spec];
    const Value& v = args_[c];
    AggregateState& s = *g.states[c];
    if (!col.field && !spec.eval) {
      s.Add(Value::Null(), time);  // bare count: one per row
      return;
    }
    if (spec.eval && col.function.name == "count") {
      if (!v.IsNull() && !(v.IsBool() && !v.boolean())) s.Add(v, time);  // rows where the expression has a value
      return;
    }
    for (size_t i = 0; i < v.Count(); ++i) s.Add(v.At(i), time);
  }

  const StatsCommand& cmd_;
  const Evaluator& ev_;
  std::vector<Column> columns_;
  bool has_wildcards_ = false;
  std::vector<FieldId> result_columns_;  // by-fields, then every aggregate column (after Finish)
  absl::flat_hash_set<FieldId> wildcard_checked_;  // fields already matched against the wildcards
  std::vector<Group> groups_;
  StringMap<size_t> index_;
  std::vector<uint64_t> dropped_;
  // Scratch buffers reused across rows.
  std::vector<std::vector<Value>> keys_;
  std::vector<Value> args_;
  std::vector<size_t> fed_;  // the columns this row feeds
  std::vector<std::string> caps_;
  std::string key_text_;
};

}  // namespace

OperatorPtr MakeStatsOperator(const StatsCommand& cmd, const Evaluator& ev) { return std::make_unique<StatsOperator>(cmd, ev); }

}  // namespace trailhound
