#include "detect/risk_event.hpp"

namespace trailhound {

namespace {

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

// The values of a field that count as present: not empty, not the text "null".
std::vector<std::string> PresentValues(const Row& row, FieldId field) {
  std::vector<std::string> out;
  const Value* value = row.Get(field);
  if (value == nullptr) return out;
  for (size_t i = 0; i < value->Count(); ++i) {
    std::string text = value->At(i).AsString();
    if (text.empty() || text == "null") continue;
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace

RiskEventBuilder::RiskEventBuilder(const Detection& detection) : detection_(detection) {
  for (const auto& object : detection.risk_objects) risk_fields_.push_back(FieldNames::Intern(object.field));
  for (const auto& object : detection.threat_objects) threat_fields_.push_back(FieldNames::Intern(object.field));

  const std::string& message = detection.message;
  std::string literal;
  size_t i = 0;
  while (i < message.size()) {
    if (message[i] == '$') {
      size_t end = i + 1;
      while (end < message.size() && IsTokenChar(message[end])) ++end;
      if (end < message.size() && message[end] == '$' && end > i + 1) {
        if (!literal.empty()) message_parts_.push_back({std::move(literal), false, 0});
        literal.clear();
        std::string token = message.substr(i, end + 1 - i);
        FieldId field = FieldNames::Intern(std::string_view(message).substr(i + 1, end - i - 1));
        message_parts_.push_back({std::move(token), true, field});
        i = end + 1;
        continue;
      }
    }
    literal += message[i];
    ++i;
  }
  if (!literal.empty()) message_parts_.push_back({std::move(literal), false, 0});
}

std::string RiskEventBuilder::RenderMessage(const Row& row) const {
  std::string out;
  for (const auto& part : message_parts_) {
    const Value* value = part.is_token ? row.Get(part.field) : nullptr;
    out += value != nullptr ? value->AsString() : part.literal;
  }
  return out;
}

std::vector<RiskEvent> RiskEventBuilder::Build(const Row& row) const {
  std::vector<RiskEvent> events;
  if (!detection_.GeneratesRiskEvents()) return events;

  std::vector<RiskThreat> threats;
  for (size_t i = 0; i < threat_fields_.size(); ++i) {
    for (auto& value : PresentValues(row, threat_fields_[i])) {
      const ThreatObject& object = detection_.threat_objects[i];
      threats.push_back({object.field, object.type, std::move(value)});
    }
  }
  std::string message = RenderMessage(row);

  for (size_t i = 0; i < risk_fields_.size(); ++i) {
    const RiskObject& object = detection_.risk_objects[i];
    for (auto& value : PresentValues(row, risk_fields_[i])) {
      RiskEvent event;
      event.risk_object = std::move(value);
      event.risk_object_type = object.type;
      event.risk_object_field = object.field;
      event.risk_score = object.score;
      event.risk_message = message;
      if (!threats.empty()) {
        event.threat_object = threats.front().value;
        event.threat_object_type = threats.front().type;
      }
      event.threat_objects = threats;
      event.mitre_attack = detection_.mitre_attack_ids;
      event.analytic_stories = detection_.analytic_stories;
      event.search_name = detection_.SearchName();
      event.detection_id = detection_.id;
      events.push_back(std::move(event));
    }
  }
  return events;
}

std::vector<RiskEvent> BuildRiskEvents(const Detection& detection, const Row& row) {
  return RiskEventBuilder(detection).Build(row);
}

std::string RenderRiskMessage(std::string_view message, const Row& row) {
  Detection carrier;
  carrier.message = std::string(message);
  return RiskEventBuilder(carrier).RenderMessage(row);
}

}  // namespace trailhound
