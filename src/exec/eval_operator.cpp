// eval: assignments run left to right, each seeing the ones before; a null result removes the field.
#include "exec/operators.hpp"

namespace trailhound {

namespace {

class EvalOperator : public Operator {
 public:
  EvalOperator(const EvalCommand& cmd, const Evaluator& ev) : cmd_(cmd), ev_(ev) {}
  void Push(Row& row) override {
    for (const auto& a : cmd_.assignments) {
      Value v = ev_.Evaluate(*a.expr, row);
      if (v.IsBool()) v = Value::Str(v.boolean() ? "true" : "false");
      row.Set(a.target, std::move(v));
    }
    Emit(row);
  }

 private:
  const EvalCommand& cmd_;
  const Evaluator& ev_;
};

}  // namespace

OperatorPtr MakeEvalOperator(const EvalCommand& cmd, const Evaluator& ev) { return std::make_unique<EvalOperator>(cmd, ev); }

}  // namespace trailhound
