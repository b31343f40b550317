#pragma once
// Raw-text prefilters: literal terms that every event a plan can possibly match must contain in
// its raw JSON text, so that the scan can skip other events unparsed (see docs/prefilter.md).
// Derivation must be provably safe: when in doubt it derives nothing (kTrue, accept all).
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "common/value.hpp"
#include "plan/query_plan.hpp"
#include "profile/profile.hpp"

namespace trailhound {

// A condition on raw event text: kTrue (anything may match), kTerm (the text contains `term`,
// ASCII case-insensitively; term is lower-case, non-empty), kAnd / kOr of children (two or more).
struct PrefilterExpr {
  enum class Kind { kTrue, kTerm, kAnd, kOr };
  Kind kind = Kind::kTrue;
  std::string term;
  std::vector<PrefilterExpr> children;

  static PrefilterExpr True() { return {}; }
  static PrefilterExpr Term(std::string term);  // lower-cases it
  // Simplified: kTrue children drop out of an AND and make an OR kTrue; nested ANDs (ORs) are
  // flattened; duplicate children removed; one child is returned as itself.
  static PrefilterExpr And(std::vector<PrefilterExpr> children);
  static PrefilterExpr Or(std::vector<PrefilterExpr> children);

  bool IsTrue() const { return kind == Kind::kTrue; }
  bool operator==(const PrefilterExpr& other) const;
  // Every term it names, each once, in first-seen order.
  void CollectTerms(std::vector<std::string>& out) const;
};

// What the values of a field can be, given how the scan makes fields: extracted verbatim from the
// event JSON, assigned by the scan (source, sourcetype, host, index, _time, date_*, ...), or
// derived by a sourcetype profile (alias / eval / lookup). The profiles must outlive it.
class FieldOrigins {
 public:
  // The profiles the scan may apply (built-in and --props ones). An event of a sourcetype without
  // a profile has every field raw, so a derived field is also always possibly raw.
  static FieldOrigins FromProfiles(const std::vector<const Profile*>& profiles);

  // The values a field can have on an event, beyond verbatim copies of raw JSON values (which
  // always satisfy the raw-text rule): `unknown` when some value cannot be told (a scan field, a
  // lookup output, a computed eval), else the constants a profile can assign.
  struct Values {
    bool unknown = false;
    std::vector<Value> constants;
  };
  Values PossibleValues(std::string_view field) const;

  // Fields the scan itself assigns (not from the event's JSON): _time, _raw and every `_` name,
  // source, sourcetype, host, index, date_*, linecount, punct, splunk_server, eventtype, tag, ...
  static bool IsScanAssigned(std::string_view field);

 private:
  std::vector<const Profile*> profiles_;
};

// The prefilter of one plan: its leading search commands, OR each subsearch's (recursively).
PrefilterExpr DerivePrefilter(const QueryPlan& plan, const FieldOrigins& origins);
// The prefilter of one search expression, as if it were a leading `search` command.
PrefilterExpr DerivePrefilter(const SearchExpr& expr, const FieldOrigins& origins);

// e.g. `"accessdenied" AND ("iamuser" OR "root")`, or "none" for kTrue.
std::string DescribePrefilter(const PrefilterExpr& expr);

// The longest piece of `pattern` that must appear verbatim in the raw text of any JSON string
// equal to it (split at `*` and at bytes JSON may write escaped: `"`, `\`, `/`, control and
// non-ASCII bytes), lower-cased; empty when shorter than 3 bytes.
std::string SafeFragment(std::string_view pattern);

}  // namespace trailhound
