// mvexpand: one row per value of a multivalue field (the first `limit` values when limit > 0),
// every other field copied. A single value passes unchanged; a row without the field is dropped.
#include "exec/operators.hpp"

namespace trailhound {

namespace {

class MvexpandOperator : public Operator {
 public:
  explicit MvexpandOperator(const MvexpandCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    const Value* v = row.Get(cmd_.field);
    if (v == nullptr) return;
    if (!v->IsMulti()) {
      Emit(row);
      return;
    }
    std::vector<Value> values = v->values();
    // Blank the field before copying the row, so each copy does not carry every value (which
    // made expanding N values cost N^2); Set keeps the field's place among the columns.
    row.Set(cmd_.field, Value());
    size_t n = cmd_.limit == 0 ? values.size() : std::min(values.size(), cmd_.limit);
    for (size_t i = 0; i < n; ++i) {
      if (Done()) return;
      if (i + 1 == n) {
        row.Set(cmd_.field, std::move(values[i]));
        Emit(row);
        return;
      }
      Row copy = row;
      copy.Set(cmd_.field, std::move(values[i]));
      Emit(copy);
    }
  }

 private:
  const MvexpandCommand& cmd_;
};

}  // namespace

OperatorPtr MakeMvexpandOperator(const MvexpandCommand& cmd) { return std::make_unique<MvexpandOperator>(cmd); }

}  // namespace trailhound
