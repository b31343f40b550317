#pragma once
// The tests a detection carries, parsed from its YAML:
//  * `tests:` (security_content): each test replays attack_data datasets, named by URL, and passes
//    by contentctl's rule (unit_test_verdict.hpp);
//  * `trailhound_tests:` (trailhound's own extension, ignored by Splunk's tools; documented in
//    docs/detections.md): each test gives its events and the exact result expected.
// Errors are Error(kQuery) naming the detection's file and the key.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "detect/detection.hpp"

namespace trailhound {

struct AttackDataSet {
  std::string data;  // URL (or path) of the dataset
  std::string sourcetype;
  std::string source;
};

struct ContentTest {
  std::string name;
  std::vector<AttackDataSet> attack_data;
};

struct InlineTest {
  std::string name;
  std::string events;       // JSON lines given inline
  std::string events_file;  // or a file, relative to the detection YAML
  std::string now;          // epoch seconds or ISO 8601; empty: the run's --now or the clock
  std::string tz;           // empty: the run's --tz
  std::string sourcetype;   // empty: detected per event (aws:cloudtrail for CloudTrail events)
  std::optional<size_t> rows;               // expected number of result rows
  std::optional<std::vector<std::string>> expected_rows;  // JSON objects, one per row, in order
  bool unordered = false;                   // compare expected_rows as a multiset
  // Expected risk events, in order, each the subset of keys to compare (risk_object,
  // risk_object_type, risk_score, risk_message, threat_object, ...).
  std::optional<std::vector<std::map<std::string, std::string>>> expected_risk;
};

std::vector<ContentTest> ParseContentTests(const Detection& detection);
std::vector<InlineTest> ParseInlineTests(const Detection& detection);

}  // namespace trailhound
