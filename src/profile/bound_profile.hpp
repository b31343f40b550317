#pragma once
// A profile narrowed to what one query needs: only the aliases, calculated fields and lookups
// that (directly or through later stages) produce a wanted field are applied, and AddInputs tells
// the extractor which raw fields they read.
#include <string>
#include <vector>

#include "common/row.hpp"
#include "exec/evaluator.hpp"
#include "json/projection.hpp"
#include "profile/profile.hpp"

namespace trailhound {

class BoundProfile {
 public:
  // Computes the closure backwards from `wanted`: lookups whose outputs are wanted (or needed by
  // a later lookup), then calculated fields needed by those or wanted, then aliases.
  BoundProfile(const Profile& profile, const Projection& wanted);

  const Profile& profile() const { return *profile_; }
  bool empty() const { return aliases_.empty() && calculated_fields_.empty() && lookups_.empty(); }

  // Adds the extracted fields the bound stages read (not the wanted fields themselves).
  void AddInputs(Projection& extract) const;
  const std::vector<std::string>& input_fields() const { return input_fields_; }

  // Derives the bound fields on one event, in Splunk's order (see profile.hpp).
  void Apply(Row& row) const;
  void Apply(Row& row, const Evaluator& evaluator) const;

  const std::vector<const FieldAlias*>& aliases() const { return aliases_; }
  const std::vector<const CalculatedField*>& calculated_fields() const { return calculated_fields_; }
  const std::vector<const AutomaticLookup*>& lookups() const { return lookups_; }

 private:
  void ApplyAliases(Row& row) const;
  void ApplyCalculatedFields(Row& row, const Evaluator& evaluator) const;
  void ApplyLookups(Row& row) const;

  const Profile* profile_;
  std::vector<const FieldAlias*> aliases_;
  std::vector<const CalculatedField*> calculated_fields_;
  std::vector<const AutomaticLookup*> lookups_;  // in application order
  std::vector<std::string> input_fields_;        // sorted
  Evaluator evaluator_;
};

}  // namespace trailhound
