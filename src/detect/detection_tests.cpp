#include "detect/detection_tests.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "common/error.hpp"

namespace trailhound {

namespace {

[[noreturn]] void Fail(const Detection& d, const std::string& problem) {
  throw Error(ErrorKind::kQuery, "detection file " + d.origin + ": " + problem);
}

YAML::Node LoadList(const Detection& d, const std::string& text, const char* key) {
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Fail(d, std::string("invalid ") + key + ": " + e.msg);
  }
  if (!node.IsSequence()) Fail(d, std::string("invalid key '") + key + "': expected a list of tests");
  return node;
}

std::string Scalar(const Detection& d, const YAML::Node& map, const char* key, const std::string& path) {
  YAML::Node node = map[key];
  if (!node || node.IsNull()) return "";
  if (!node.IsScalar()) Fail(d, "invalid key '" + path + "." + key + "': expected a string");
  return node.Scalar();
}

// Non-empty lines of a JSON-lines text.
std::vector<std::string> JsonLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::vector<ContentTest> ParseContentTests(const Detection& detection) {
  std::vector<ContentTest> tests;
  if (detection.tests_yaml.empty()) return tests;
  YAML::Node list = LoadList(detection, detection.tests_yaml, "tests");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "tests[" + std::to_string(i) + "]";
    const YAML::Node& entry = list[i];
    if (!entry.IsMap()) Fail(detection, "invalid key '" + path + "': expected a mapping");
    ContentTest test;
    test.name = Scalar(detection, entry, "name", path);
    if (test.name.empty()) test.name = "test " + std::to_string(i + 1);
    YAML::Node data = entry["attack_data"];
    if (!data || !data.IsSequence() || data.size() == 0) Fail(detection, "invalid key '" + path + ".attack_data': expected a list of datasets");
    for (size_t j = 0; j < data.size(); ++j) {
      std::string data_path = path + ".attack_data[" + std::to_string(j) + "]";
      if (!data[j].IsMap()) Fail(detection, "invalid key '" + data_path + "': expected a mapping");
      AttackDataSet set;
      set.data = Scalar(detection, data[j], "data", data_path);
      if (set.data.empty()) Fail(detection, "missing required key '" + data_path + ".data'");
      set.sourcetype = Scalar(detection, data[j], "sourcetype", data_path);
      set.source = Scalar(detection, data[j], "source", data_path);
      test.attack_data.push_back(std::move(set));
    }
    tests.push_back(std::move(test));
  }
  return tests;
}

std::vector<InlineTest> ParseInlineTests(const Detection& detection) {
  std::vector<InlineTest> tests;
  if (detection.trailhound_tests_yaml.empty()) return tests;
  YAML::Node list = LoadList(detection, detection.trailhound_tests_yaml, "trailhound_tests");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "trailhound_tests[" + std::to_string(i) + "]";
    const YAML::Node& entry = list[i];
    if (!entry.IsMap()) Fail(detection, "invalid key '" + path + "': expected a mapping");
    for (const auto& kv : entry) {
      static const std::vector<std::string> kKnown = {"name", "events", "events_file", "now", "tz", "sourcetype",
                                                      "rows", "expected_rows", "unordered", "expected_risk"};
      std::string key = kv.first.as<std::string>();
      if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) Fail(detection, "unknown key '" + path + "." + key + "'");
    }
    InlineTest test;
    test.name = Scalar(detection, entry, "name", path);
    if (test.name.empty()) test.name = "inline test " + std::to_string(i + 1);
    test.events = Scalar(detection, entry, "events", path);
    test.events_file = Scalar(detection, entry, "events_file", path);
    if (test.events.empty() == test.events_file.empty()) Fail(detection, path + ": give exactly one of 'events' and 'events_file'");
    test.now = Scalar(detection, entry, "now", path);
    test.tz = Scalar(detection, entry, "tz", path);
    test.sourcetype = Scalar(detection, entry, "sourcetype", path);
    try {
      if (entry["rows"]) test.rows = entry["rows"].as<size_t>();
      if (entry["unordered"]) test.unordered = entry["unordered"].as<bool>();
    } catch (const YAML::Exception&) {
      Fail(detection, "invalid key '" + path + ".rows' or '.unordered': expected a count and a boolean");
    }
    if (entry["expected_rows"]) test.expected_rows = JsonLines(Scalar(detection, entry, "expected_rows", path));
    if (YAML::Node risk = entry["expected_risk"]) {
      if (!risk.IsSequence()) Fail(detection, "invalid key '" + path + ".expected_risk': expected a list of mappings");
      std::vector<std::map<std::string, std::string>> events;
      for (const auto& event : risk) {
        if (!event.IsMap()) Fail(detection, "invalid key '" + path + ".expected_risk': expected a list of mappings");
        std::map<std::string, std::string> keys;
        for (const auto& kv : event) {
          if (!kv.second.IsScalar()) Fail(detection, "invalid key '" + path + ".expected_risk': values must be strings or numbers");
          keys[kv.first.as<std::string>()] = kv.second.Scalar();
        }
        events.push_back(std::move(keys));
      }
      test.expected_risk = std::move(events);
    }
    tests.push_back(std::move(test));
  }
  return tests;
}

}  // namespace trailhound
