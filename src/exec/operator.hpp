#pragma once
// Physical operators form a push pipeline: the scan pushes each event into the first operator,
// each operator transforms or filters it and pushes it on. Blocking operators (stats, sort)
// keep state and emit in Finish(). Rows are passed by reference: an operator may modify the row
// or move from it, so the pusher must not use a row after pushing it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/row.hpp"

namespace trailhound {

// What an operator has accumulated, handed between threads (see Operator::TakePartial).
class PartialState {
 public:
  virtual ~PartialState() = default;
};

class Operator {
 public:
  virtual ~Operator() = default;
  void set_next(Operator* next) { next_ = next; }

  virtual void Push(Row& row) = 0;
  // End of input: flush buffered rows, then finish the next operator.
  virtual void Finish() {
    if (next_) next_->Finish();
  }
  // True when no more input can change the result (after `head N` is full): the scan may stop.
  virtual bool Done() const { return next_ ? next_->Done() : false; }
  // Output columns this operator learns only from the data (a stats with wildcard aggregates),
  // valid after Finish(); nullopt for every other operator.
  virtual std::optional<std::vector<FieldId>> ResultColumns() const { return std::nullopt; }
  // For an operator whose state merges (a stats without wildcards), run on each worker's copy of
  // the plan: hands over what it has accumulated since the last call and starts again empty.
  virtual std::unique_ptr<PartialState> TakePartial() { return nullptr; }
  // Folds in a partial state of a copy of this operator, taken from rows later in input order.
  virtual void MergePartial(std::unique_ptr<PartialState> /*partial*/) {}
  // Notes for the run summary (e.g. events a stats dropped for a missing by-field).
  virtual void Notes(std::vector<std::string>& out) const {
    if (next_) next_->Notes(out);
  }

 protected:
  void Emit(Row& row) { next_->Push(row); }
  Operator* next_ = nullptr;
};

using OperatorPtr = std::unique_ptr<Operator>;

// The last operator of every pipeline: keeps the result rows.
class ResultCollector : public Operator {
 public:
  void Push(Row& row) override {
    row.OwnRaw();
    rows_.push_back(std::move(row));
  }
  void Finish() override {}
  bool Done() const override { return false; }
  void Notes(std::vector<std::string>&) const override {}
  std::vector<Row>& rows() { return rows_; }

 private:
  std::vector<Row> rows_;
};

}  // namespace trailhound
