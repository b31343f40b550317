#pragma once
// A sourcetype profile: the search-time field derivations an add-on defines for one sourcetype
// (Splunk's FIELDALIAS, EVAL and LOOKUP settings), held as data. Built-in profiles come from
// profiles/*.yml (profile_yaml.hpp), real add-ons from props.conf (props_loader.hpp).
//
// Splunk applies the three stages in this order, and so does BoundProfile::Apply:
//   1. aliases: each target takes its source's value (overwritten; removed when the source is
//      missing; ASNEW keeps an existing target). Aliases read extracted fields only.
//   2. calculated fields: every expression sees the fields as left by step 1 (as if they ran in
//      parallel); then each result replaces the field of its name, a null result removing it.
//   3. lookups, in list order: they see the calculated fields. OUTPUT overwrites its targets and
//      clears them when nothing matches; OUTPUTNEW only fills targets that are absent.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "exec/lookup_table.hpp"
#include "json/projection.hpp"
#include "spl/eval_ast.hpp"

namespace trailhound {

class BoundProfile;  // bound_profile.hpp

struct FieldAlias {
  std::string source;
  std::string target;
  FieldId source_id = 0;
  FieldId target_id = 0;
  bool keep_existing = false;  // ASNEW: an existing target is left alone
  std::string origin;          // where it was defined, for messages ("file: aliases[3]")
};

struct CalculatedField {
  std::string field;
  FieldId field_id = 0;
  std::string expression;       // the eval expression as written
  EvalExprPtr expr;
  std::vector<FieldId> inputs;  // every field the expression reads, each once
  std::string origin;
};

enum class LookupOutputMode { kOutput, kOutputNew };

// One event field paired with one table column.
struct LookupFieldBinding {
  std::string field;
  std::string column;
  FieldId field_id = 0;
  size_t column_index = 0;
};

struct AutomaticLookup {
  std::string name;  // the props.conf class or the profile's name for it
  std::shared_ptr<const LookupTable> table;
  std::vector<LookupFieldBinding> inputs;
  std::vector<LookupFieldBinding> outputs;
  LookupOutputMode mode = LookupOutputMode::kOutput;
  std::string origin;
};

// How the event time is read (props.conf TIME_PREFIX/TIME_FORMAT, in the engine's terms).
struct TimeSpec {
  std::string field;   // the extracted field holding the time, e.g. "eventTime"
  std::string format;  // strptime format, e.g. "%Y-%m-%dT%H:%M:%S%Z"
};

class Profile {
 public:
  Profile(std::string sourcetype, std::string origin) : sourcetype_(std::move(sourcetype)), origin_(std::move(origin)) {}
  Profile(Profile&&) = default;
  Profile& operator=(Profile&&) = default;

  const std::string& sourcetype() const { return sourcetype_; }
  const std::string& origin() const { return origin_; }  // the file (or directory) it was loaded from
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  const TimeSpec& time() const { return time_; }
  void set_name(std::string name) { name_ = std::move(name); }
  void set_version(std::string version) { version_ = std::move(version); }
  void set_description(std::string description) { description_ = std::move(description); }
  void set_time(TimeSpec time) { time_ = std::move(time); }

  const std::vector<FieldAlias>& aliases() const { return aliases_; }
  const std::vector<CalculatedField>& calculated_fields() const { return calculated_fields_; }
  const std::vector<AutomaticLookup>& lookups() const { return lookups_; }
  const CalculatedField* FindCalculatedField(std::string_view field) const;

  void AddAlias(std::string source, std::string target, bool keep_existing, std::string origin);
  // Parses `expression`; throws Error(kQuery) starting with `origin` when it does not parse. A
  // second definition of the same field replaces the first (a later conf layer wins).
  void AddCalculatedField(std::string field, std::string expression, std::string origin);
  // Throws Error(kQuery) starting with `origin` when a column is not in the table. Each binding's
  // `field` and `column` must be set; ids and indexes are filled in here.
  void AddLookup(std::string name, std::shared_ptr<const LookupTable> table, std::vector<LookupFieldBinding> inputs,
                 std::vector<LookupFieldBinding> outputs, LookupOutputMode mode, std::string origin);

  // Every field the profile can create or change, in stage order, each once.
  std::vector<std::string> DerivedFields() const;

  // What is needed to produce the `wanted` fields (see bound_profile.hpp). The profile must
  // outlive the result.
  BoundProfile Bind(const Projection& wanted) const;

 private:
  std::string sourcetype_;
  std::string origin_;
  std::string name_;
  std::string version_;
  std::string description_;
  TimeSpec time_;
  std::vector<FieldAlias> aliases_;
  std::vector<CalculatedField> calculated_fields_;
  std::vector<AutomaticLookup> lookups_;
};

}  // namespace trailhound
