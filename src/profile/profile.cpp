#include "profile/profile.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "profile/bound_profile.hpp"
#include "spl/eval_parser.hpp"

namespace trailhound {

const CalculatedField* Profile::FindCalculatedField(std::string_view field) const {
  for (const auto& calculated : calculated_fields_) {
    if (calculated.field == field) return &calculated;
  }
  return nullptr;
}

void Profile::AddAlias(std::string source, std::string target, bool keep_existing, std::string origin) {
  if (source.empty() || target.empty()) {
    throw Error(ErrorKind::kQuery, origin + ": an alias needs both a source and a target field");
  }
  FieldAlias alias;
  alias.source_id = FieldNames::Intern(source);
  alias.target_id = FieldNames::Intern(target);
  alias.source = std::move(source);
  alias.target = std::move(target);
  alias.keep_existing = keep_existing;
  alias.origin = std::move(origin);
  aliases_.push_back(std::move(alias));
}

void Profile::AddCalculatedField(std::string field, std::string expression, std::string origin) {
  if (field.empty()) throw Error(ErrorKind::kQuery, origin + ": a calculated field needs a name");
  CalculatedField calculated;
  try {
    calculated.expr = ParseEvalExpression(expression);
  } catch (const QueryError& e) {
    throw Error(ErrorKind::kQuery, origin + ": eval for '" + field + "': " + RenderQueryError(expression, e));
  }
  CollectFields(*calculated.expr, calculated.inputs);
  std::sort(calculated.inputs.begin(), calculated.inputs.end());
  calculated.inputs.erase(std::unique(calculated.inputs.begin(), calculated.inputs.end()), calculated.inputs.end());
  calculated.field_id = FieldNames::Intern(field);
  calculated.field = std::move(field);
  calculated.expression = std::move(expression);
  calculated.origin = std::move(origin);
  for (auto& existing : calculated_fields_) {
    if (existing.field == calculated.field) {
      existing = std::move(calculated);
      return;
    }
  }
  calculated_fields_.push_back(std::move(calculated));
}

void Profile::AddLookup(std::string name, std::shared_ptr<const LookupTable> table,
                        std::vector<LookupFieldBinding> inputs, std::vector<LookupFieldBinding> outputs,
                        LookupOutputMode mode, std::string origin) {
  if (table == nullptr) throw Error(ErrorKind::kInternal, origin + ": lookup '" + name + "' has no table");
  if (inputs.empty()) throw Error(ErrorKind::kQuery, origin + ": lookup '" + name + "' has no input fields");
  auto bind = [&](std::vector<LookupFieldBinding>& bindings, const char* what) {
    for (auto& binding : bindings) {
      if (binding.field.empty() || binding.column.empty()) {
        throw Error(ErrorKind::kQuery, origin + ": lookup '" + name + "': an " + what + " needs a field and a column");
      }
      auto index = table->ColumnIndex(binding.column);
      if (!index) {
        throw Error(ErrorKind::kQuery, origin + ": lookup '" + name + "': " + what + " column '" + binding.column +
                                           "' is not in " + table->origin());
      }
      binding.column_index = *index;
      binding.field_id = FieldNames::Intern(binding.field);
    }
  };
  bind(inputs, "input");
  bind(outputs, "output");
  if (outputs.empty()) {
    // Splunk's default: every column that is not an input is output under its own name.
    for (size_t column = 0; column < table->columns().size(); ++column) {
      bool is_input = std::any_of(inputs.begin(), inputs.end(),
                                  [&](const LookupFieldBinding& b) { return b.column_index == column; });
      if (is_input) continue;
      LookupFieldBinding binding;
      binding.field = table->columns()[column];
      binding.column = table->columns()[column];
      binding.column_index = column;
      binding.field_id = FieldNames::Intern(binding.field);
      outputs.push_back(std::move(binding));
    }
  }
  AutomaticLookup lookup;
  lookup.name = std::move(name);
  lookup.table = std::move(table);
  lookup.inputs = std::move(inputs);
  lookup.outputs = std::move(outputs);
  lookup.mode = mode;
  lookup.origin = std::move(origin);
  lookups_.push_back(std::move(lookup));
}

std::vector<std::string> Profile::DerivedFields() const {
  std::vector<std::string> fields;
  auto add = [&](const std::string& field) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  };
  for (const auto& alias : aliases_) add(alias.target);
  for (const auto& calculated : calculated_fields_) add(calculated.field);
  for (const auto& lookup : lookups_) {
    for (const auto& output : lookup.outputs) add(output.field);
  }
  return fields;
}

BoundProfile Profile::Bind(const Projection& wanted) const { return BoundProfile(*this, wanted); }

}  // namespace trailhound
