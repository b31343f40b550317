#include "output/risk_event_format.hpp"

#include "output/json_format.hpp"

namespace trailhound {

namespace {

void AppendKey(std::string& out, std::string_view key, bool first = false) {
  if (!first) out += ',';
  AppendJsonString(out, key);
  out += ':';
}

}  // namespace

void AppendRiskEventJson(std::string& out, const RiskEvent& event) {
  out += '{';
  AppendKey(out, "risk_object", true);
  AppendJsonString(out, event.risk_object);
  AppendKey(out, "risk_object_type");
  AppendJsonString(out, event.risk_object_type);
  AppendKey(out, "risk_object_field");
  AppendJsonString(out, event.risk_object_field);
  AppendKey(out, "risk_score");
  AppendJsonNumber(out, event.risk_score);
  AppendKey(out, "risk_message");
  AppendJsonString(out, event.risk_message);
  if (event.threat_object) {
    AppendKey(out, "threat_object");
    AppendJsonString(out, *event.threat_object);
    AppendKey(out, "threat_object_type");
    AppendJsonString(out, event.threat_object_type.value_or(""));
  }
  AppendKey(out, "threat_objects");
  out += '[';
  for (size_t i = 0; i < event.threat_objects.size(); ++i) {
    const RiskThreat& threat = event.threat_objects[i];
    if (i) out += ',';
    out += '{';
    AppendKey(out, "field", true);
    AppendJsonString(out, threat.field);
    AppendKey(out, "type");
    AppendJsonString(out, threat.type);
    AppendKey(out, "value");
    AppendJsonString(out, threat.value);
    out += '}';
  }
  out += ']';
  AppendKey(out, "annotations.mitre_attack");
  AppendJsonStringArray(out, event.mitre_attack);
  AppendKey(out, "analyticstories");
  AppendJsonStringArray(out, event.analytic_stories);
  AppendKey(out, "search_name");
  AppendJsonString(out, event.search_name);
  AppendKey(out, "detection_id");
  AppendJsonString(out, event.detection_id);
  out += '}';
}

}  // namespace trailhound
