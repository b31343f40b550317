// lookup and inputlookup over LookupTable (the same matching rules as the automatic lookups of
// sourcetype profiles).
//   lookup: a row missing an input field is left alone. OUTPUT overwrites the outputs, clearing
//   them when nothing matches; OUTPUTNEW writes only outputs the row does not have. Without an
//   OUTPUT clause every column other than the inputs is output (as OUTPUT).
//   inputlookup: one row per table row, in file order, empty cells absent; at the start of a
//   pipeline it replaces the events, with append=t the table rows follow the current rows.
#include <algorithm>

#include "common/error.hpp"
#include "exec/lookup_table.hpp"
#include "exec/operators.hpp"
#include "exec/search_matcher.hpp"

namespace trailhound {

namespace {

size_t RequireColumn(const LookupTable& table, const std::string& column, const std::string& name, size_t position) {
  auto index = table.ColumnIndex(column);
  if (!index) throw QueryError("lookup " + name + " has no column '" + column + "' (" + table.origin() + ")", position);
  return *index;
}

class LookupOperator : public Operator {
 public:
  LookupOperator(const LookupCommand& cmd, std::shared_ptr<const LookupTable> table) : cmd_(cmd), table_(std::move(table)) {
    for (const auto& in : cmd.inputs) {
      input_columns_.push_back(RequireColumn(*table_, in.column, cmd.table, cmd.table_position));
      input_fields_.push_back(in.field);
    }
    if (cmd.has_output_clause) {
      for (const auto& out : cmd.outputs) {
        output_columns_.push_back(RequireColumn(*table_, out.column, cmd.table, cmd.table_position));
        output_fields_.push_back(out.field);
      }
    } else {
      for (size_t c = 0; c < table_->columns().size(); ++c) {
        if (std::find(input_columns_.begin(), input_columns_.end(), c) != input_columns_.end()) continue;
        output_columns_.push_back(c);
        output_fields_.push_back(FieldNames::Intern(table_->columns()[c]));
      }
    }
  }

  void Push(Row& row) override {
    inputs_.clear();
    for (FieldId f : input_fields_) {
      const Value* v = row.Get(f);
      if (v == nullptr || v->IsNull()) {
        Emit(row);
        return;
      }
      inputs_.push_back(v);
    }
    std::vector<Value> found = table_->Lookup(input_columns_, inputs_, output_columns_);
    for (size_t i = 0; i < output_fields_.size(); ++i) {
      if (cmd_.output_new) {
        if (!row.Has(output_fields_[i]) && !found[i].IsNull()) row.Set(output_fields_[i], std::move(found[i]));
      } else {
        row.Set(output_fields_[i], std::move(found[i]));  // null (no match) clears the field
      }
    }
    Emit(row);
  }

 private:
  const LookupCommand& cmd_;
  std::shared_ptr<const LookupTable> table_;
  std::vector<size_t> input_columns_, output_columns_;
  std::vector<FieldId> input_fields_, output_fields_;
  std::vector<const Value*> inputs_;
};

class InputlookupOperator : public Operator {
 public:
  InputlookupOperator(const InputlookupCommand& cmd, std::shared_ptr<const LookupTable> table)
      : cmd_(cmd), table_(std::move(table)) {
    for (const auto& c : table_->columns()) columns_.push_back(FieldNames::Intern(c));
  }

  void Push(Row& row) override {
    if (cmd_.append) Emit(row);  // otherwise the table replaces the events
  }

  // At the start of a pipeline no event can change the result.
  bool Done() const override { return cmd_.append ? Operator::Done() : true; }

  void Finish() override {
    size_t end = table_->row_count();
    if (cmd_.start < end && cmd_.max < end - cmd_.start) end = cmd_.start + cmd_.max;
    for (size_t r = cmd_.start; r < end && !next_->Done(); ++r) {
      Row row;
      for (size_t c = 0; c < columns_.size(); ++c) {
        const std::string& cell = table_->Cell(r, c);
        if (!cell.empty()) row.Set(columns_[c], Value::Str(cell));
      }
      if (cmd_.where && !SearchMatches(*cmd_.where, row)) continue;
      Emit(row);
    }
    Operator::Finish();
  }

 private:
  const InputlookupCommand& cmd_;
  std::shared_ptr<const LookupTable> table_;
  std::vector<FieldId> columns_;
};

}  // namespace

OperatorPtr MakeLookupOperator(const LookupCommand& cmd, std::shared_ptr<const LookupTable> table) {
  return std::make_unique<LookupOperator>(cmd, std::move(table));
}

OperatorPtr MakeInputlookupOperator(const InputlookupCommand& cmd, std::shared_ptr<const LookupTable> table) {
  return std::make_unique<InputlookupOperator>(cmd, std::move(table));
}

}  // namespace trailhound
