#pragma once
// Compares what a detection returned with what an inline test expects (detection_tests.hpp).
// Values compare as Splunk shows them, as text: the expected JSON number 5 equals the string "5"
// (Splunk results have no types), a JSON array is a multivalue compared value by value, and a
// JSON null means the field must be absent.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/row.hpp"
#include "detect/risk_event.hpp"

namespace trailhound {

// The first difference between `rows` (seen through `columns`, as jsonl output shows them) and
// the expected JSON objects, or nullopt when they are equal: same number of rows, and in each row
// the same fields with the same values. `unordered` compares them as multisets.
std::optional<std::string> CompareExpectedRows(const std::vector<Row>& rows, const std::vector<FieldId>& columns,
                                               const std::vector<std::string>& expected_json, bool unordered);

// The first difference between the risk events and the expected ones (same count, and each
// expected key equal in the event at the same position). Keys: risk_object, risk_object_type,
// risk_object_field, risk_score, risk_message, threat_object, threat_object_type, search_name.
std::optional<std::string> CompareExpectedRisk(const std::vector<RiskEvent>& events,
                                               const std::vector<std::map<std::string, std::string>>& expected);

}  // namespace trailhound
