// Subsearches run as child plans over the same events, in the same pass: the tap at the front of
// the parent plan copies every event into them and finishes them first; join and append then read
// their complete results when the parent's rows reach them.
#include <algorithm>

#include "common/string_map.hpp"
#include "exec/operators.hpp"
#include "plan/query_plan.hpp"

namespace trailhound {

namespace {

// Splunk's limits on the rows a join/append subsearch contributes ([join] subsearch_maxout).
constexpr size_t kJoinSubsearchMaxout = 50000;

void AddSubsearchNotes(const QueryPlan& sub, const std::string& command, std::vector<std::string>& out) {
  for (const auto& note : sub.Notes()) out.push_back(command + " subsearch: " + note);
}

class SubsearchTap : public Operator {
 public:
  explicit SubsearchTap(std::vector<QueryPlan*> children) : children_(std::move(children)) {}

  void Push(Row& row) override {
    for (QueryPlan* child : children_) {
      Operator& first = child->first();
      if (first.Done()) continue;
      Row copy = row;  // operators may move from the row they are given
      first.Push(copy);
    }
    if (!next_->Done()) Emit(row);
  }

  void Finish() override {
    for (QueryPlan* child : children_) child->first().Finish();
    Operator::Finish();
  }

  // The scan may stop only when the parent chain and every subsearch are done.
  bool Done() const override {
    return next_->Done() && std::all_of(children_.begin(), children_.end(), [](QueryPlan* c) { return c->first().Done(); });
  }

 private:
  std::vector<QueryPlan*> children_;
};

// The text that identifies a row's join key: the values of each key field (a multivalue as its
// values in order); nullopt when a key field is missing.
std::optional<std::string> JoinKey(const Row& row, const std::vector<FieldId>& fields) {
  std::string key;
  for (FieldId f : fields) {
    const Value* v = row.Get(f);
    if (v == nullptr || v->Count() == 0) return std::nullopt;
    for (size_t i = 0; i < v->Count(); ++i) {
      key += v->At(i).AsString();
      key += '\x1e';
    }
    key += '\x1f';
  }
  return key;
}

bool IsInternal(FieldId id) {
  const std::string& name = FieldNames::Name(id);
  return !name.empty() && name[0] == '_';
}

class JoinOperator : public Operator {
 public:
  JoinOperator(const JoinCommand& cmd, QueryPlan& sub) : cmd_(cmd), sub_(sub) {}

  void Push(Row& row) override {
    row.OwnRaw();
    left_.push_back(std::move(row));
  }

  void Finish() override {
    std::vector<Row>& right = sub_.results();
    size_t used = std::min(right.size(), kJoinSubsearchMaxout);
    dropped_right_ = right.size() - used;
    std::vector<FieldId> keys = cmd_.fields.empty() ? CommonFields(right, used) : cmd_.fields;
    StringMap<std::vector<size_t>> index;
    for (size_t r = 0; r < used; ++r) {
      if (auto key = JoinKey(right[r], keys)) index[*key].push_back(r);
    }
    for (Row& row : left_) {
      if (Done()) break;
      const std::vector<size_t>* matches = nullptr;
      if (!keys.empty()) {
        if (auto key = JoinKey(row, keys)) {
          auto it = index.find(*key);
          if (it != index.end()) matches = &it->second;
        }
      }
      if (matches == nullptr) {
        if (cmd_.type == JoinCommand::Type::kLeft) Emit(row);
        continue;
      }
      size_t n = cmd_.max == 0 ? matches->size() : std::min(matches->size(), cmd_.max);
      for (size_t m = 0; m < n; ++m) {
        Row out = m + 1 == n ? std::move(row) : row;
        for (const auto& [field, value] : right[(*matches)[m]].entries()) {
          if (cmd_.overwrite || !out.Has(field)) out.Set(field, value);
        }
        Emit(out);
      }
    }
    left_.clear();
    Operator::Finish();
  }

  void Notes(std::vector<std::string>& out) const override {
    if (dropped_right_ > 0) {
      out.push_back("join: the subsearch gave " + std::to_string(dropped_right_ + kJoinSubsearchMaxout) +
                    " rows; only the first " + std::to_string(kJoinSubsearchMaxout) + " were joined (Splunk's subsearch_maxout)");
    }
    AddSubsearchNotes(sub_, "join", out);
    Operator::Notes(out);
  }

 private:
  // Without a field list: the non-internal fields that occur on both sides, in left-row order.
  std::vector<FieldId> CommonFields(const std::vector<Row>& right, size_t used) const {
    absl::flat_hash_set<FieldId> right_fields;
    for (size_t r = 0; r < used; ++r) {
      for (const auto& e : right[r].entries()) right_fields.insert(e.first);
    }
    std::vector<FieldId> out;
    for (const Row& row : left_) {
      for (const auto& e : row.entries()) {
        if (!IsInternal(e.first) && right_fields.contains(e.first) && std::find(out.begin(), out.end(), e.first) == out.end()) {
          out.push_back(e.first);
        }
      }
    }
    return out;
  }

  const JoinCommand& cmd_;
  QueryPlan& sub_;
  std::vector<Row> left_;
  size_t dropped_right_ = 0;
};

class AppendOperator : public Operator {
 public:
  AppendOperator(const AppendCommand& cmd, QueryPlan& sub) : cmd_(cmd), sub_(sub) {}

  void Push(Row& row) override { Emit(row); }

  void Finish() override {
    std::vector<Row>& rows = sub_.results();
    size_t used = std::min(rows.size(), cmd_.maxout);
    dropped_ = rows.size() - used;
    for (size_t i = 0; i < used && !Done(); ++i) Emit(rows[i]);
    rows.clear();
    Operator::Finish();
  }

  void Notes(std::vector<std::string>& out) const override {
    if (dropped_ > 0) {
      out.push_back("append: the subsearch gave " + std::to_string(dropped_ + cmd_.maxout) + " rows; only the first " +
                    std::to_string(cmd_.maxout) + " were appended (maxout)");
    }
    AddSubsearchNotes(sub_, "append", out);
    Operator::Notes(out);
  }

 private:
  const AppendCommand& cmd_;
  QueryPlan& sub_;
  size_t dropped_ = 0;
};

}  // namespace

OperatorPtr MakeSubsearchTap(std::vector<QueryPlan*> children) { return std::make_unique<SubsearchTap>(std::move(children)); }
OperatorPtr MakeJoinOperator(const JoinCommand& cmd, QueryPlan& sub) { return std::make_unique<JoinOperator>(cmd, sub); }
OperatorPtr MakeAppendOperator(const AppendCommand& cmd, QueryPlan& sub) { return std::make_unique<AppendOperator>(cmd, sub); }

}  // namespace trailhound
