#pragma once
// The risk events Splunk ES's risk action writes for a detection's result rows (index=risk,
// sourcetype=stash), so that trailhound's output can be compared with `index=risk` searches.
//
// For each result row and each risk object of the detection, one event per value of the risk
// object's field: a multivalue field gives one event per value; a missing field, an empty value or
// the value "null" gives none (contentctl treats "null" as missing).
//
// Threat objects: every event of a row carries all of that row's threat values in
// `threat_objects` (threat objects in detection order, each field's values in order, empty and
// "null" values skipped). `threat_object` / `threat_object_type` hold the first of them. (ES itself
// writes threat_object as a multivalue field; the list keeps that information.)
//
// risk_message: `$name$` tokens (letters, digits, '_' and '.') are replaced by the row's value of
// field `name` (numbers as Splunk prints them, a multivalue as its values joined with "\n", as in
// Splunk's result CSV). A token whose field the row lacks stays as written, and names with other
// characters (such as `{}`) are never tokens.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "detect/detection.hpp"

namespace trailhound {

struct RiskThreat {
  std::string field;
  std::string type;
  std::string value;

  bool operator==(const RiskThreat& other) const = default;
};

struct RiskEvent {
  std::string risk_object;
  std::string risk_object_type;
  std::string risk_object_field;  // not an ES field; kept for display and debugging
  int risk_score = 0;
  std::string risk_message;
  std::optional<std::string> threat_object;
  std::optional<std::string> threat_object_type;
  std::vector<RiskThreat> threat_objects;
  std::vector<std::string> mitre_attack;      // annotations.mitre_attack
  std::vector<std::string> analytic_stories;  // analyticstories
  std::string search_name;                    // "ESCU - <name> - Rule"
  std::string detection_id;

  bool operator==(const RiskEvent& other) const = default;
};

// Binds a detection's risk fields and message once, then builds events row by row. The detection
// must outlive the builder.
class RiskEventBuilder {
 public:
  explicit RiskEventBuilder(const Detection& detection);

  // No events when the detection does not generate risk (Detection::GeneratesRiskEvents).
  std::vector<RiskEvent> Build(const Row& row) const;
  std::string RenderMessage(const Row& row) const;

 private:
  struct MessagePart {
    std::string literal;  // text, or the whole "$name$" token
    bool is_token = false;
    FieldId field = 0;
  };

  const Detection& detection_;
  std::vector<FieldId> risk_fields_;
  std::vector<FieldId> threat_fields_;
  std::vector<MessagePart> message_parts_;
};

// One-shot forms of the above.
std::vector<RiskEvent> BuildRiskEvents(const Detection& detection, const Row& row);
std::string RenderRiskMessage(std::string_view message, const Row& row);

}  // namespace trailhound
