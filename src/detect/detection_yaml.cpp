#include "detect/detection_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "common/builtin_files.hpp"
#include "common/error.hpp"
#include "detect/content_files.hpp"

namespace trailhound {

namespace {

// contentctl v5's ThreatObjectType values; others are accepted with a warning.
constexpr std::array<std::string_view, 27> kKnownThreatObjectTypes = {
    "certificate_common_name", "certificate_organization", "certificate_serial", "certificate_unit",
    "command", "domain", "email_address", "email_subject", "file_hash", "file_name", "file_path",
    "http_user_agent", "ip_address", "process", "process_name", "parent_process", "parent_process_name",
    "process_hash", "registry_path", "registry_value_name", "registry_value_text", "service", "signature",
    "system", "tls_hash", "url", "user"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads keys of one detection document, turning every problem into an error that names the file
// and the key path (e.g. "tags.observable[1].type").
class DetectionReader {
 public:
  explicit DetectionReader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void Fail(const std::string& problem) const {
    throw Error(ErrorKind::kQuery, "detection file " + origin_ + ": " + problem);
  }
  [[noreturn]] void Missing(const std::string& key) const { Fail("missing required key '" + key + "'"); }
  [[noreturn]] void Invalid(const std::string& key, const std::string& expected) const {
    Fail("invalid key '" + key + "': expected " + expected);
  }

  std::string RequiredString(const YAML::Node& map, const char* key, const std::string& path) const {
    YAML::Node node = map[key];
    if (!node || node.IsNull()) Missing(path);
    if (!node.IsScalar()) Invalid(path, "a string");
    if (node.Scalar().empty()) Invalid(path, "a non-empty string");
    return node.Scalar();
  }

  std::string OptionalString(const YAML::Node& map, const char* key, const std::string& path) const {
    YAML::Node node = map[key];
    if (!node || node.IsNull()) return "";
    if (!node.IsScalar()) Invalid(path, "a string");
    return node.Scalar();
  }

  std::optional<int> OptionalInt(const YAML::Node& map, const char* key, const std::string& path) const {
    YAML::Node node = map[key];
    if (!node || node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) Invalid(path, "an integer");
    try {
      return node.as<int>();
    } catch (const YAML::Exception&) {
      Invalid(path, "an integer, not '" + node.Scalar() + "'");
    }
  }

  // An integer, or a number written with a fraction ("25.0", as some security_content files
  // have), rounded to the nearest integer.
  std::optional<int> OptionalScore(const YAML::Node& map, const char* key, const std::string& path) const {
    YAML::Node node = map[key];
    if (!node || node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) Invalid(path, "a number");
    try {
      return static_cast<int>(std::lround(node.as<double>()));
    } catch (const YAML::Exception&) {
      Invalid(path, "a number, not '" + node.Scalar() + "'");
    }
  }

  // A list of strings; a single string is taken as a list of one.
  std::vector<std::string> StringList(const YAML::Node& map, const char* key, const std::string& path) const {
    std::vector<std::string> out;
    YAML::Node node = map[key];
    if (!node || node.IsNull()) return out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return out;
    }
    if (!node.IsSequence()) Invalid(path, "a list of strings");
    for (size_t i = 0; i < node.size(); ++i) {
      if (!node[i].IsScalar()) Invalid(path + "[" + std::to_string(i) + "]", "a string");
      out.push_back(node[i].Scalar());
    }
    return out;
  }

  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
};

void ReadObservables(const DetectionReader& reader, const YAML::Node& tags, Detection& detection) {
  YAML::Node list = tags["observable"];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) reader.Invalid("tags.observable", "a list of {name, type, role}");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "tags.observable[" + std::to_string(i) + "]";
    const YAML::Node& entry = list[i];
    if (!entry.IsMap()) reader.Invalid(path, "a mapping with name, type and role");
    Observable observable;
    observable.name = reader.RequiredString(entry, "name", path + ".name");
    observable.type = reader.RequiredString(entry, "type", path + ".type");
    observable.roles = reader.StringList(entry, "role", path + ".role");
    if (observable.roles.empty()) reader.Missing(path + ".role");
    detection.observables.push_back(std::move(observable));
  }
}

// contentctl's observable -> risk/threat mapping (detection_abstract.py, property `risk`).
void MapObservables(Detection& detection) {
  static const std::set<std::string> kUserTypes = {"user", "username", "email address"};
  static const std::set<std::string> kSystemTypes = {"device", "endpoint", "hostname", "ip address"};
  static const std::set<std::string> kProcessTypes = {"process name", "process"};
  static const std::set<std::string> kFileTypes = {"file name", "file", "file hash"};
  static const std::set<std::string> kUrlTypes = {"url string", "url"};
  for (const auto& observable : detection.observables) {
    std::string type = Lower(observable.type);
    bool victim = std::find(observable.roles.begin(), observable.roles.end(), "Victim") != observable.roles.end();
    bool attacker = std::find(observable.roles.begin(), observable.roles.end(), "Attacker") != observable.roles.end();
    if (victim && kUserTypes.count(type)) {
      detection.risk_objects.push_back({observable.name, "user", detection.risk_score});
    } else if (victim && kSystemTypes.count(type)) {
      detection.risk_objects.push_back({observable.name, "system", detection.risk_score});
    } else if (attacker) {
      std::string threat_type;
      if (kProcessTypes.count(type)) {
        threat_type = "process";
      } else if (kFileTypes.count(type)) {
        threat_type = "file_name";
      } else if (type == "ip address") {
        threat_type = "ip_address";
      } else if (kUrlTypes.count(type)) {
        threat_type = "url";
      } else {
        threat_type = type;
        std::replace(threat_type.begin(), threat_type.end(), ' ', '_');
      }
      detection.threat_objects.push_back({observable.name, threat_type});
    } else {
      detection.risk_objects.push_back({observable.name, "other", detection.risk_score});
    }
  }
}

void ReadTagsRisk(const DetectionReader& reader, const YAML::Node& tags, Detection& detection) {
  detection.format = DetectionFormat::kTags;
  detection.confidence = reader.OptionalInt(tags, "confidence", "tags.confidence");
  detection.impact = reader.OptionalInt(tags, "impact", "tags.impact");
  for (const auto& [value, key] : {std::pair{detection.confidence, "tags.confidence"}, std::pair{detection.impact, "tags.impact"}}) {
    if (value && (*value < 0 || *value > 100)) reader.Invalid(key, "an integer from 0 to 100");
  }
  std::optional<int> stated = reader.OptionalScore(tags, "risk_score", "tags.risk_score");
  if (detection.confidence && detection.impact) {
    detection.risk_score = RoundRiskScore(*detection.confidence, *detection.impact);
    if (stated && *stated != detection.risk_score) {
      detection.warnings.push_back("tags.risk_score is " + std::to_string(*stated) + " but confidence*impact/100 gives " +
                                   std::to_string(detection.risk_score) + "; using " +
                                   std::to_string(detection.risk_score) + " as contentctl does");
    }
  } else if (stated) {
    detection.risk_score = *stated;
  }
  detection.message = reader.OptionalString(tags, "message", "tags.message");
  ReadObservables(reader, tags, detection);
  MapObservables(detection);
  if (!detection.risk_objects.empty() && !detection.confidence && !detection.impact && !stated) {
    detection.warnings.push_back("risk objects but no confidence/impact or risk_score: they score 0");
  }
}

void ReadRba(const DetectionReader& reader, const YAML::Node& rba, Detection& detection) {
  detection.format = DetectionFormat::kRba;
  if (!rba.IsMap()) reader.Invalid("rba", "a mapping with message, risk_objects and threat_objects");
  detection.message = reader.RequiredString(rba, "message", "rba.message");

  YAML::Node risk_list = rba["risk_objects"];
  if (!risk_list || risk_list.IsNull()) reader.Missing("rba.risk_objects");
  if (!risk_list.IsSequence() || risk_list.size() == 0) reader.Invalid("rba.risk_objects", "a non-empty list of {field, type, score}");
  for (size_t i = 0; i < risk_list.size(); ++i) {
    std::string path = "rba.risk_objects[" + std::to_string(i) + "]";
    const YAML::Node& entry = risk_list[i];
    if (!entry.IsMap()) reader.Invalid(path, "a mapping with field, type and score");
    RiskObject object;
    object.field = reader.RequiredString(entry, "field", path + ".field");
    object.type = reader.RequiredString(entry, "type", path + ".type");
    if (object.type != "user" && object.type != "system" && object.type != "other") {
      reader.Invalid(path + ".type", "one of user, system, other (not '" + object.type + "')");
    }
    std::optional<int> score = reader.OptionalInt(entry, "score", path + ".score");
    if (!score) reader.Missing(path + ".score");
    if (*score < 1 || *score > 100) reader.Invalid(path + ".score", "an integer from 1 to 100");
    object.score = *score;
    detection.risk_objects.push_back(std::move(object));
  }

  YAML::Node threat_list = rba["threat_objects"];
  if (threat_list && !threat_list.IsNull()) {
    if (!threat_list.IsSequence()) reader.Invalid("rba.threat_objects", "a list of {field, type}");
    for (size_t i = 0; i < threat_list.size(); ++i) {
      std::string path = "rba.threat_objects[" + std::to_string(i) + "]";
      const YAML::Node& entry = threat_list[i];
      if (!entry.IsMap()) reader.Invalid(path, "a mapping with field and type");
      ThreatObject object;
      object.field = reader.RequiredString(entry, "field", path + ".field");
      object.type = reader.RequiredString(entry, "type", path + ".type");
      if (std::find(kKnownThreatObjectTypes.begin(), kKnownThreatObjectTypes.end(), object.type) ==
          kKnownThreatObjectTypes.end()) {
        detection.warnings.push_back(path + ".type '" + object.type + "' is not a contentctl threat object type");
      }
      detection.threat_objects.push_back(std::move(object));
    }
  }

  // contentctl keeps these in sets and writes them sorted by their concatenated text.
  auto risk_key = [](const RiskObject& o) { return o.field + o.type + std::to_string(o.score); };
  std::stable_sort(detection.risk_objects.begin(), detection.risk_objects.end(),
                   [&](const RiskObject& a, const RiskObject& b) { return risk_key(a) < risk_key(b); });
  detection.risk_objects.erase(
      std::unique(detection.risk_objects.begin(), detection.risk_objects.end(),
                  [](const RiskObject& a, const RiskObject& b) {
                    return a.field == b.field && a.type == b.type && a.score == b.score;
                  }),
      detection.risk_objects.end());
  auto threat_key = [](const ThreatObject& o) { return o.field + o.type; };
  std::stable_sort(detection.threat_objects.begin(), detection.threat_objects.end(),
                   [&](const ThreatObject& a, const ThreatObject& b) { return threat_key(a) < threat_key(b); });
  detection.threat_objects.erase(
      std::unique(detection.threat_objects.begin(), detection.threat_objects.end(),
                  [](const ThreatObject& a, const ThreatObject& b) { return a.field == b.field && a.type == b.type; }),
      detection.threat_objects.end());

  detection.risk_score = 0;
  for (const auto& object : detection.risk_objects) detection.risk_score = std::max(detection.risk_score, object.score);
}

}  // namespace

Detection ParseDetectionYaml(std::string_view yaml_text, const std::string& origin) {
  DetectionReader reader(origin);
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    reader.Fail("invalid YAML at line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!doc.IsMap()) reader.Fail("expected a mapping with name, id, search, ...");

  Detection detection;
  detection.origin = origin;
  detection.name = reader.RequiredString(doc, "name", "name");
  detection.id = reader.RequiredString(doc, "id", "id");
  detection.search = reader.RequiredString(doc, "search", "search");
  detection.version = reader.OptionalInt(doc, "version", "version").value_or(0);
  detection.date = reader.OptionalString(doc, "date", "date");
  detection.author = reader.OptionalString(doc, "author", "author");
  detection.status = reader.OptionalString(doc, "status", "status");
  detection.type = reader.OptionalString(doc, "type", "type");
  detection.description = reader.OptionalString(doc, "description", "description");
  detection.how_to_implement = reader.OptionalString(doc, "how_to_implement", "how_to_implement");
  detection.known_false_positives = reader.OptionalString(doc, "known_false_positives", "known_false_positives");
  detection.data_sources = reader.StringList(doc, "data_source", "data_source");
  detection.references = reader.StringList(doc, "references", "references");

  YAML::Node tags = doc["tags"];
  if (tags && !tags.IsNull() && !tags.IsMap()) reader.Invalid("tags", "a mapping");
  bool has_tags = tags && tags.IsMap();
  if (has_tags) {
    detection.analytic_stories = reader.StringList(tags, "analytic_story", "tags.analytic_story");
    detection.mitre_attack_ids = reader.StringList(tags, "mitre_attack_id", "tags.mitre_attack_id");
    detection.asset_type = reader.OptionalString(tags, "asset_type", "tags.asset_type");
    detection.security_domain = reader.OptionalString(tags, "security_domain", "tags.security_domain");
  }

  YAML::Node rba = doc["rba"];
  if (rba && !rba.IsNull()) {
    ReadRba(reader, rba, detection);
    if (has_tags && tags["observable"]) {
      detection.warnings.push_back("both rba and tags.observable are present; using rba");
    }
  } else if (has_tags) {
    ReadTagsRisk(reader, tags, detection);
  }

  if (YAML::Node tests = doc["tests"]; tests && !tests.IsNull()) {
    YAML::Emitter emitter;
    emitter << tests;
    detection.tests_yaml = emitter.c_str();
  }
  if (YAML::Node inline_tests = doc["trailhound_tests"]; inline_tests && !inline_tests.IsNull()) {
    YAML::Emitter emitter;
    emitter << inline_tests;
    detection.trailhound_tests_yaml = emitter.c_str();
  }
  if (has_tags) detection.manual_test = reader.OptionalString(tags, "manual_test", "tags.manual_test");
  return detection;
}

Detection LoadDetectionFile(const std::filesystem::path& file) {
  return ParseDetectionYaml(ReadTextFile(file), file.string());
}

namespace {

std::filesystem::path ContentDetectionsDirectory(const std::filesystem::path& content_directory) {
  std::filesystem::path detections_dir = content_directory / "detections";
  std::error_code ec;
  if (!std::filesystem::is_directory(detections_dir, ec)) {
    throw Error(ErrorKind::kUsage, "--content: " + content_directory.string() + " has no detections/ folder");
  }
  return detections_dir;
}

DetectionLoad LoadFiles(const std::vector<std::filesystem::path>& files, bool collect_errors) {
  DetectionLoad load;
  for (const auto& file : files) {
    try {
      load.detections.push_back(LoadDetectionFile(file));
    } catch (const Error& e) {
      if (!collect_errors || e.kind() == ErrorKind::kUsage) throw;
      load.errors.emplace_back(e.what());
    }
  }
  return load;
}

}  // namespace

std::vector<Detection> LoadDetections(const std::filesystem::path& file_or_directory) {
  return LoadFiles(ListYamlFiles(file_or_directory, "-r"), false).detections;
}

std::vector<Detection> LoadContentDetections(const std::filesystem::path& content_directory) {
  return LoadFiles(ListYamlFiles(ContentDetectionsDirectory(content_directory), "--content"), false).detections;
}

DetectionLoad LoadDetectionsCollectingErrors(const std::filesystem::path& file_or_directory) {
  return LoadFiles(ListYamlFiles(file_or_directory, "-r"), true);
}

DetectionLoad LoadContentDetectionsCollectingErrors(const std::filesystem::path& content_directory) {
  return LoadFiles(ListYamlFiles(ContentDetectionsDirectory(content_directory), "--content"), true);
}

std::vector<std::string> RemoveDuplicateDetections(std::vector<Detection>& detections) {
  std::vector<std::string> messages;
  std::map<std::string, size_t> first_index;  // lower-cased id -> index in `kept`
  std::vector<Detection> kept;
  kept.reserve(detections.size());
  for (auto& detection : detections) {
    auto [it, inserted] = first_index.try_emplace(Lower(detection.id), kept.size());
    if (inserted) {
      kept.push_back(std::move(detection));
      continue;
    }
    Detection& earlier = kept[it->second];
    std::string message = "detection id " + detection.id + " ('" + detection.name + "') is loaded twice";
    if (earlier.origin == detection.origin) {
      message += " from " + detection.origin + "; running it once";
    } else {
      message += ": running the one from " + detection.origin + ", not the one from " + earlier.origin;
    }
    messages.push_back(std::move(message));
    earlier = std::move(detection);
  }
  detections = std::move(kept);
  return messages;
}

std::vector<Detection> LoadBuiltinDetections() {
  std::vector<Detection> detections;
  for (const auto& file : BuiltinFilesUnder("detections/")) {
    if (!file.path.ends_with(".yml") && !file.path.ends_with(".yaml")) continue;
    detections.push_back(ParseDetectionYaml(file.content, std::string(file.path)));
  }
  return detections;
}

const Detection* FindDetection(const std::vector<Detection>& detections, std::string_view name_or_id) {
  std::string wanted = Lower(name_or_id);
  for (const auto& detection : detections) {
    if (detection.id == name_or_id || Lower(detection.name) == wanted) return &detection;
  }
  return nullptr;
}

}  // namespace trailhound
