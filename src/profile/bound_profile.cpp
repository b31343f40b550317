#include "profile/bound_profile.hpp"

#include <algorithm>

#include "absl/container/flat_hash_set.h"

namespace trailhound {

BoundProfile::BoundProfile(const Profile& profile, const Projection& wanted) : profile_(&profile) {
  // `needed` holds names a stage needs from the stage before it, beyond what `wanted` asks for.
  absl::flat_hash_set<std::string> needed;

  // Lookups, last to first: a later lookup may read an earlier one's output (change_type).
  std::vector<const AutomaticLookup*> lookups_reversed;
  for (auto it = profile.lookups().rbegin(); it != profile.lookups().rend(); ++it) {
    const AutomaticLookup& lookup = *it;
    bool produces_needed = std::any_of(lookup.outputs.begin(), lookup.outputs.end(), [&](const LookupFieldBinding& b) {
      return wanted.Wants(b.field) || needed.contains(b.field);
    });
    if (!produces_needed) continue;
    lookups_reversed.push_back(&lookup);
    for (const auto& input : lookup.inputs) needed.insert(input.field);
    // Outputs are read too: OUTPUTNEW keeps them, and OUTPUT keeps them when an input is missing.
    for (const auto& output : lookup.outputs) needed.insert(output.field);
  }
  lookups_.assign(lookups_reversed.rbegin(), lookups_reversed.rend());

  // Calculated fields all read the post-alias fields, so their inputs never select another one.
  absl::flat_hash_set<std::string> calculated_outputs;
  for (const auto& calculated : profile.calculated_fields()) {
    if (wanted.Wants(calculated.field) || needed.contains(calculated.field)) {
      calculated_fields_.push_back(&calculated);
      calculated_outputs.insert(calculated.field);
    }
  }
  absl::flat_hash_set<std::string> needed_after_aliases;
  for (const auto& name : needed) {
    if (!calculated_outputs.contains(name)) needed_after_aliases.insert(name);
  }
  for (const CalculatedField* calculated : calculated_fields_) {
    for (FieldId input : calculated->inputs) needed_after_aliases.insert(FieldNames::Name(input));
  }
  auto needed_from_aliases = [&](const std::string& name) {
    return (wanted.Wants(name) && !calculated_outputs.contains(name)) || needed_after_aliases.contains(name);
  };

  // Aliases also read only extracted fields.
  absl::flat_hash_set<std::string> alias_targets;
  for (const auto& alias : profile.aliases()) {
    if (!needed_from_aliases(alias.target)) continue;
    aliases_.push_back(&alias);
    if (!alias.keep_existing) alias_targets.insert(alias.target);
  }
  absl::flat_hash_set<std::string> inputs;
  for (const auto& name : needed_after_aliases) {
    if (!alias_targets.contains(name)) inputs.insert(name);
  }
  for (const FieldAlias* alias : aliases_) {
    inputs.insert(alias->source);
    if (alias->keep_existing) inputs.insert(alias->target);
  }
  input_fields_.assign(inputs.begin(), inputs.end());
  std::sort(input_fields_.begin(), input_fields_.end());
}

void BoundProfile::AddInputs(Projection& extract) const {
  for (const auto& name : input_fields_) extract.AddField(name);
}

void BoundProfile::Apply(Row& row) const { Apply(row, evaluator_); }

void BoundProfile::Apply(Row& row, const Evaluator& evaluator) const {
  ApplyAliases(row);
  ApplyCalculatedFields(row, evaluator);
  ApplyLookups(row);
}

void BoundProfile::ApplyAliases(Row& row) const {
  if (aliases_.empty()) return;
  // Read every source before writing any target, so that no alias reads another's output.
  std::vector<Value> values;
  values.reserve(aliases_.size());
  for (const FieldAlias* alias : aliases_) {
    const Value* source = row.Get(alias->source_id);
    values.push_back(source != nullptr ? *source : Value::Null());
  }
  for (size_t i = 0; i < aliases_.size(); ++i) {
    const FieldAlias* alias = aliases_[i];
    if (alias->keep_existing && row.Has(alias->target_id)) continue;
    row.Set(alias->target_id, std::move(values[i]));  // a null source removes the target
  }
}

void BoundProfile::ApplyCalculatedFields(Row& row, const Evaluator& evaluator) const {
  if (calculated_fields_.empty()) return;
  std::vector<Value> results;
  results.reserve(calculated_fields_.size());
  for (const CalculatedField* calculated : calculated_fields_) {
    results.push_back(evaluator.Evaluate(*calculated->expr, row));
  }
  for (size_t i = 0; i < calculated_fields_.size(); ++i) {
    row.Set(calculated_fields_[i]->field_id, std::move(results[i]));  // null removes the field
  }
}

void BoundProfile::ApplyLookups(Row& row) const {
  std::vector<size_t> input_columns;
  std::vector<const Value*> input_values;
  std::vector<size_t> output_columns;
  for (const AutomaticLookup* lookup : lookups_) {
    // A lookup runs only when every input field exists.
    input_columns.clear();
    input_values.clear();
    bool all_inputs = true;
    for (const auto& input : lookup->inputs) {
      const Value* value = row.Get(input.field_id);
      if (value == nullptr || value->IsNull()) {
        all_inputs = false;
        break;
      }
      input_columns.push_back(input.column_index);
      input_values.push_back(value);
    }
    if (!all_inputs) continue;
    bool output_new = lookup->mode == LookupOutputMode::kOutputNew;
    if (output_new && std::all_of(lookup->outputs.begin(), lookup->outputs.end(),
                                  [&](const LookupFieldBinding& b) { return row.Has(b.field_id); })) {
      continue;
    }
    output_columns.clear();
    for (const auto& output : lookup->outputs) output_columns.push_back(output.column_index);
    std::vector<Value> found = lookup->table->Lookup(input_columns, input_values, output_columns);
    for (size_t i = 0; i < lookup->outputs.size(); ++i) {
      FieldId field = lookup->outputs[i].field_id;
      if (output_new) {
        if (!found[i].IsNull() && !row.Has(field)) row.Set(field, std::move(found[i]));
      } else {
        row.Set(field, std::move(found[i]));  // no match clears the target
      }
    }
  }
}

}  // namespace trailhound
