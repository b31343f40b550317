#pragma once
// A detection as trailhound runs it: the SPL search plus what Splunk ES needs to turn each result
// row into risk events. Loaded from security_content YAML (see detection_yaml.hpp), either the
// older format (risk data under `tags:` as observables) or the contentctl v5 format (`rba:`).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

// A field whose values accumulate risk (ES `risk_object_field`).
struct RiskObject {
  std::string field;
  std::string type;  // user | system | other
  int score = 0;
};

// A field whose values are recorded alongside the risk, without scoring (`threat_object_field`).
struct ThreatObject {
  std::string field;
  std::string type;  // ip_address, process, file_name, url, ... (contentctl's names)
};

// An entry of the older `tags.observable` list, kept as written (for linting and display).
struct Observable {
  std::string name;
  std::string type;               // "User", "IP Address", ...
  std::vector<std::string> roles;  // "Victim", "Attacker", ...
};

enum class DetectionFormat {
  kTags,  // risk data in tags: (observable, confidence, impact, message)
  kRba,   // contentctl v5: top-level rba: {message, risk_objects, threat_objects}
};

struct Detection {
  std::string name;
  std::string id;
  int version = 0;
  std::string date;
  std::string author;
  std::string status;  // production, experimental, deprecated, ...
  std::string type;    // TTP, Anomaly, Hunting, Correlation, ...
  std::string description;
  std::string search;
  std::string how_to_implement;
  std::string known_false_positives;
  std::vector<std::string> data_sources;
  std::vector<std::string> references;

  std::vector<std::string> analytic_stories;
  std::vector<std::string> mitre_attack_ids;
  std::string asset_type;
  std::string security_domain;

  DetectionFormat format = DetectionFormat::kTags;
  std::optional<int> confidence;  // older format only
  std::optional<int> impact;      // older format only
  // The score of the detection: round(confidence*impact/100) in the older format (as contentctl
  // computes it), the highest risk-object score in the rba format.
  int risk_score = 0;
  std::string message;  // risk message with $field$ tokens
  std::vector<Observable> observables;
  std::vector<RiskObject> risk_objects;
  std::vector<ThreatObject> threat_objects;

  // The `tests:` block as YAML text (empty when absent), for the test runner to parse later.
  std::string tests_yaml;
  // trailhound's own inline tests (`trailhound_tests:`, see docs/detections.md) as YAML text.
  std::string trailhound_tests_yaml;
  // `tags.manual_test`: why contentctl cannot test it automatically (empty when absent).
  std::string manual_test;
  // Where it was loaded from: a file path, or "detections/<file>" for a built-in.
  std::string origin;
  // Problems that do not stop the detection from running (e.g. a stated risk_score that differs
  // from confidence*impact/100).
  std::vector<std::string> warnings;

  // `<name lower-cased, ' ' '-' '.' '/' -> '_'>_filter`.
  std::string FilterMacroName() const;
  // "ESCU - <name> - Rule", the saved-search name ES records as search_name.
  std::string SearchName() const;
  // Whether ES would write risk events for it: the ESCU deployments enable risk-based alerting
  // for TTP and Anomaly detections only (Hunting and Correlation have no risk action), and there
  // must be at least one risk object.
  bool GeneratesRiskEvents() const;
};

// The filter macro name contentctl derives from a detection name.
std::string FilterMacroName(std::string_view detection_name);

// Python's round() for confidence*impact/100: halves go to the even neighbour.
int RoundRiskScore(int confidence, int impact);

}  // namespace trailhound
