#pragma once
// JSON for one risk event, keys in this order:
//   risk_object, risk_object_type, risk_object_field, risk_score (number), risk_message,
//   threat_object, threat_object_type (both left out when the row has no threat value),
//   threat_objects ([{field, type, value}], possibly empty), annotations.mitre_attack (array),
//   analyticstories (array), search_name, detection_id.
#include <string>

#include "detect/risk_event.hpp"

namespace trailhound {

void AppendRiskEventJson(std::string& out, const RiskEvent& event);

}  // namespace trailhound
