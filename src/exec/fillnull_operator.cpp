// fillnull: missing fields get a value (default "0"). With a field list it streams, creating the
// listed fields on every row. Without one it fills every field that some row of the result set
// has, so it keeps all rows until the end of input. Internal fields (_time, _raw, ...) are left
// alone; empty strings are values, not nulls.
#include "common/string_map.hpp"
#include "exec/operators.hpp"

namespace trailhound {

namespace {

class FillnullListOperator : public Operator {
 public:
  explicit FillnullListOperator(const FillnullCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    for (FieldId f : cmd_.fields) {
      if (!row.Has(f)) row.Set(f, Value::Str(cmd_.value));
    }
    Emit(row);
  }

 private:
  const FillnullCommand& cmd_;
};

class FillnullAllOperator : public Operator {
 public:
  explicit FillnullAllOperator(const FillnullCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    for (const auto& [id, value] : row.entries()) {
      if (seen_.insert(id).second) {
        const std::string& name = FieldNames::Name(id);
        if (name.empty() || name[0] != '_') fields_.push_back(id);
      }
    }
    row.OwnRaw();
    rows_.push_back(std::move(row));
  }

  void Finish() override {
    for (auto& row : rows_) {
      for (FieldId f : fields_) {
        if (!row.Has(f)) row.Set(f, Value::Str(cmd_.value));
      }
      if (Done()) break;
      Emit(row);
    }
    rows_.clear();
    Operator::Finish();
  }

 private:
  const FillnullCommand& cmd_;
  std::vector<Row> rows_;
  std::vector<FieldId> fields_;  // in first-seen order
  absl::flat_hash_set<FieldId> seen_;
};

}  // namespace

OperatorPtr MakeFillnullOperator(const FillnullCommand& cmd) {
  if (cmd.fields.empty()) return std::make_unique<FillnullAllOperator>(cmd);
  return std::make_unique<FillnullListOperator>(cmd);
}

}  // namespace trailhound
