#include "detect/unit_test_verdict.hpp"

#include <algorithm>

namespace trailhound {

namespace {

// contentctl treats a missing field and the text "null" alike.
bool Filled(const Row& row, FieldId field) {
  const Value* v = row.Get(field);
  if (v == nullptr || v->IsNull()) return false;
  if (v->IsMulti()) {
    const auto& values = v->values();
    return std::any_of(values.begin(), values.end(), [](const Value& one) { return one.AsString() != "null"; });
  }
  std::string text = v->AsString();
  return !text.empty() && text != "null";
}

}  // namespace

TestVerdict JudgeUnitTest(const Detection& detection, const std::vector<Row>& rows) {
  if (rows.empty()) return {false, "the search returned no rows"};
  if (detection.type == "Hunting") return {true, ""};
  for (const auto& risk : detection.risk_objects) {
    FieldId field = FieldNames::Intern(risk.field);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!Filled(rows[i], field)) {
        return {false, "risk object field '" + risk.field + "' is missing or null in row " + std::to_string(i + 1)};
      }
    }
  }
  for (const auto& threat : detection.threat_objects) {
    FieldId field = FieldNames::Intern(threat.field);
    bool any = std::any_of(rows.begin(), rows.end(), [field](const Row& row) { return Filled(row, field); });
    if (!any) return {false, "threat object field '" + threat.field + "' is missing or null in all rows"};
  }
  return {true, ""};
}

}  // namespace trailhound
