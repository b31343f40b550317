#include "detect/detection_yaml.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "common/error.hpp"
#include "spl/macro_expander.hpp"

#ifndef TRAILHOUND_SOURCE_DIR
#define TRAILHOUND_SOURCE_DIR "."
#endif

namespace trailhound {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/detect";
const std::filesystem::path kSecurityContent = std::string(TRAILHOUND_SHARED_DIR) + "/security_content";
constexpr std::string_view kSeedId = "3e1f1568-9633-11eb-a69c-acde48001122";
constexpr std::string_view kSeedMessage =
    "User $userIdentity.arn$ is seen to perform excessive number of discovery related api calls- $failures$, within "
    "an hour where the access was denied.";

std::string ErrorText(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kQuery);
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

void ExpectSeedRisk(const Detection& d) {
  EXPECT_EQ(d.name, "AWS IAM AccessDenied Discovery Events");
  EXPECT_EQ(d.id, kSeedId);
  EXPECT_EQ(d.type, "Anomaly");
  EXPECT_EQ(d.status, "production");
  EXPECT_EQ(d.risk_score, 10);
  EXPECT_EQ(d.message, kSeedMessage);
  ASSERT_EQ(d.risk_objects.size(), 1u);
  EXPECT_EQ(d.risk_objects[0].field, "userIdentity.arn");
  EXPECT_EQ(d.risk_objects[0].type, "user");
  EXPECT_EQ(d.risk_objects[0].score, 10);
  ASSERT_EQ(d.threat_objects.size(), 1u);
  EXPECT_EQ(d.threat_objects[0].field, "src_ip");
  EXPECT_EQ(d.threat_objects[0].type, "ip_address");
  EXPECT_EQ(d.mitre_attack_ids, std::vector<std::string>{"T1580"});
  EXPECT_EQ(d.analytic_stories, std::vector<std::string>{"Suspicious Cloud User Activities"});
  EXPECT_EQ(d.data_sources, std::vector<std::string>{"AWS CloudTrail"});
  EXPECT_EQ(d.FilterMacroName(), "aws_iam_accessdenied_discovery_events_filter");
  EXPECT_EQ(d.SearchName(), "ESCU - AWS IAM AccessDenied Discovery Events - Rule");
  EXPECT_TRUE(d.GeneratesRiskEvents());
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_NE(d.search.find("`" + d.FilterMacroName() + "`"), std::string::npos);
}

TEST(DetectionYamlTest, FilterMacroNameRule) {
  EXPECT_EQ(FilterMacroName("AWS IAM AccessDenied Discovery Events"), "aws_iam_accessdenied_discovery_events_filter");
  EXPECT_EQ(FilterMacroName("ASL AWS Create Access Key"), "asl_aws_create_access_key_filter");
  EXPECT_EQ(FilterMacroName("A-b.c/d E"), "a_b_c_d_e_filter");
  EXPECT_EQ(FilterMacroName("Abnormally High AWS Instances Launched by User - MLTK"),
            "abnormally_high_aws_instances_launched_by_user___mltk_filter");
}

TEST(DetectionYamlTest, RiskScoreRoundsLikePython) {
  EXPECT_EQ(RoundRiskScore(50, 20), 10);
  EXPECT_EQ(RoundRiskScore(70, 50), 35);
  EXPECT_EQ(RoundRiskScore(50, 5), 2);   // 2.5 -> 2
  EXPECT_EQ(RoundRiskScore(30, 5), 2);   // 1.5 -> 2
  EXPECT_EQ(RoundRiskScore(70, 5), 4);   // 3.5 -> 4
  EXPECT_EQ(RoundRiskScore(33, 33), 11);  // 10.89
  EXPECT_EQ(RoundRiskScore(0, 80), 0);
  EXPECT_EQ(RoundRiskScore(100, 100), 100);
}

TEST(DetectionYamlTest, BuiltinSeedDetection) {
  std::vector<Detection> builtins = LoadBuiltinDetections();
  const Detection* seed = FindDetection(builtins, kSeedId);
  ASSERT_NE(seed, nullptr);
  EXPECT_EQ(seed->format, DetectionFormat::kRba);
  EXPECT_EQ(seed->origin, "detections/aws_iam_accessdenied_discovery_events.yml");
  ExpectSeedRisk(*seed);
  EXPECT_EQ(FindDetection(builtins, "aws iam accessdenied discovery events"), seed);
  EXPECT_EQ(FindDetection(builtins, "nope"), nullptr);
}

TEST(DetectionYamlTest, SecurityContentSeedDetection) {
  std::filesystem::path file = kSecurityContent / "detections/aws_iam_accessdenied_discovery_events.yml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no security_content checkout";
  Detection d = LoadDetectionFile(file);
  EXPECT_EQ(d.format, DetectionFormat::kTags);
  EXPECT_EQ(d.version, 4);
  EXPECT_EQ(d.confidence, 50);
  EXPECT_EQ(d.impact, 20);
  ExpectSeedRisk(d);
  ASSERT_EQ(d.observables.size(), 2u);
  EXPECT_EQ(d.observables[1].name, "userIdentity.arn");
  EXPECT_EQ(d.observables[1].roles, std::vector<std::string>{"Victim"});
  EXPECT_NE(d.tests_yaml.find("attack_data"), std::string::npos);
  // The built-in copy runs the same SPL.
  std::vector<Detection> builtins = LoadBuiltinDetections();
  EXPECT_EQ(FindDetection(builtins, kSeedId)->search, d.search);
}

TEST(DetectionYamlTest, AllSecurityContentDetectionsLoadAndExpand) {
  if (!std::filesystem::is_directory(kSecurityContent / "detections")) GTEST_SKIP() << "no security_content checkout";
  std::vector<Detection> detections = LoadContentDetections(kSecurityContent);
  ASSERT_EQ(detections.size(), 95u);
  MacroTable macros = MacroTable::WithBuiltins();
  macros.LoadContentDirectory(kSecurityContent);
  size_t expanded = 0;
  for (const auto& d : detections) {
    EXPECT_TRUE(d.warnings.empty()) << d.origin << ": " << d.warnings.front();
    EXPECT_NE(d.search.find("`" + d.FilterMacroName() + "`"), std::string::npos) << d.origin;
    try {
      MacroExpansion result = ExpandMacrosDetailed(d.search, macros);
      EXPECT_EQ(result.text.find('`'), std::string::npos) << d.origin;
      EXPECT_EQ(result.defaulted_filters, std::vector<std::string>{d.FilterMacroName()}) << d.origin;
      ++expanded;
    } catch (const QueryError& e) {
      // Only CIM's drop_dm_object_name is missing from security_content.
      EXPECT_NE(std::string(e.what()).find("drop_dm_object_name"), std::string::npos) << d.origin << ": " << e.what();
    }
  }
  EXPECT_EQ(expanded, 76u);  // the other 19 are tstats searches over CIM data models
}

TEST(DetectionYamlTest, RbaFixture) {
  Detection d = LoadDetectionFile(kFixtures / "rba/custom_rba_detection.yml");
  EXPECT_EQ(d.format, DetectionFormat::kRba);
  EXPECT_EQ(d.name, "Fixture Console Login From New Country/Region - v2.1");
  EXPECT_EQ(d.FilterMacroName(), "fixture_console_login_from_new_country_region___v2_1_filter");
  EXPECT_EQ(d.type, "TTP");
  EXPECT_EQ(d.version, 2);
  EXPECT_EQ(d.risk_score, 64);  // the highest object score
  EXPECT_FALSE(d.confidence.has_value());
  // Sorted as contentctl serialises them: "dest" before "user"; "src_ip" before "user_agent".
  ASSERT_EQ(d.risk_objects.size(), 2u);
  EXPECT_EQ(d.risk_objects[0].field, "dest");
  EXPECT_EQ(d.risk_objects[0].type, "system");
  EXPECT_EQ(d.risk_objects[0].score, 64);
  EXPECT_EQ(d.risk_objects[1].field, "user");
  EXPECT_EQ(d.risk_objects[1].score, 40);
  ASSERT_EQ(d.threat_objects.size(), 2u);
  EXPECT_EQ(d.threat_objects[0].field, "src_ip");
  EXPECT_EQ(d.threat_objects[1].type, "http_user_agent");
  EXPECT_EQ(d.mitre_attack_ids, (std::vector<std::string>{"T1078", "T1078.004"}));
  EXPECT_EQ(d.analytic_stories, (std::vector<std::string>{"Fixture Story A", "Fixture Story B"}));
  EXPECT_NE(d.tests_yaml.find("fixture.json"), std::string::npos);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(DetectionYamlTest, LegacyObservableMapping) {
  Detection d = LoadDetectionFile(kFixtures / "legacy/observable_mapping.yml");
  EXPECT_EQ(d.risk_score, 35);  // round(70*50/100); the stated 99 is ignored, with a warning
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("99"), std::string::npos);
  EXPECT_EQ(d.mitre_attack_ids, std::vector<std::string>{"T1580"});  // a lone string is a list of one
  std::vector<std::pair<std::string, std::string>> risk;
  for (const auto& o : d.risk_objects) {
    risk.emplace_back(o.field, o.type);
    EXPECT_EQ(o.score, 35);
  }
  EXPECT_EQ(risk, (std::vector<std::pair<std::string, std::string>>{
                      {"user", "user"}, {"host", "system"}, {"other_victim", "other"}}));
  std::vector<std::pair<std::string, std::string>> threat;
  for (const auto& o : d.threat_objects) threat.emplace_back(o.field, o.type);
  EXPECT_EQ(threat, (std::vector<std::pair<std::string, std::string>>{{"src_ip", "ip_address"},
                                                                      {"process", "process"},
                                                                      {"file", "file_name"},
                                                                      {"url", "url"},
                                                                      {"mail", "email_address"},
                                                                      {"geo", "geo_location"}}));
}

TEST(DetectionYamlTest, HuntingDetectionsMakeNoRisk) {
  Detection d = ParseDetectionYaml(
      "name: H\nid: h1\ntype: Hunting\nsearch: x\ntags:\n  confidence: 50\n  impact: 50\n  message: m\n"
      "  observable:\n  - name: user\n    type: User\n    role: [Victim]\n",
      "h.yml");
  EXPECT_EQ(d.risk_objects.size(), 1u);
  EXPECT_FALSE(d.GeneratesRiskEvents());
}

TEST(DetectionYamlTest, ErrorsNameFileAndKey) {
  std::string missing = ErrorText([] { LoadDetectionFile(kFixtures / "bad/missing_search.yml"); });
  EXPECT_NE(missing.find("missing_search.yml"), std::string::npos) << missing;
  EXPECT_NE(missing.find("missing required key 'search'"), std::string::npos) << missing;

  std::string bad_type = ErrorText([] { LoadDetectionFile(kFixtures / "bad/bad_rba_type.yml"); });
  EXPECT_NE(bad_type.find("bad_rba_type.yml"), std::string::npos) << bad_type;
  EXPECT_NE(bad_type.find("rba.risk_objects[0].type"), std::string::npos) << bad_type;
  EXPECT_NE(bad_type.find("person"), std::string::npos) << bad_type;

  auto parse = [](const char* text) { return [text] { ParseDetectionYaml(text, "inline.yml"); }; };
  EXPECT_NE(ErrorText(parse("id: x\nsearch: y")).find("'name'"), std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\nversion: four")).find("'version'"), std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\ntags:\n  confidence: high")).find("tags.confidence"),
            std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\ntags:\n  observable:\n  - name: a\n    role: [Victim]"))
                .find("tags.observable[0].type"),
            std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\nrba:\n  message: m\n  risk_objects:\n  - field: u\n    type: user"))
                .find("rba.risk_objects[0].score"),
            std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\nrba:\n  message: m\n  risk_objects: []")).find("rba.risk_objects"),
            std::string::npos);
  EXPECT_NE(ErrorText(parse("name: n\nid: x\nsearch: y\nrba:\n  risk_objects: []")).find("rba.message"), std::string::npos);
  EXPECT_NE(ErrorText(parse("name: [n\n")).find("invalid YAML"), std::string::npos);
}

TEST(DetectionYamlTest, LoadsDirectoriesRecursively) {
  std::vector<Detection> detections = LoadDetections(kFixtures / "rba");
  ASSERT_EQ(detections.size(), 1u);
  EXPECT_EQ(detections[0].id, "0b9a3c1e-1111-4222-8333-944445555666");
  // A folder with a bad file fails as a whole, naming that file.
  std::string message = ErrorText([] { LoadDetections(kFixtures / "bad"); });
  EXPECT_NE(message.find("bad_rba_type.yml"), std::string::npos) << message;
  try {
    LoadDetections(kFixtures / "does_not_exist");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
  try {
    LoadContentDetections(kFixtures);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("detections/"), std::string::npos);
  }
}

TEST(DetectionYamlTest, TolerantLoadKeepsGoodFilesAndNamesEveryBadOne) {
  DetectionLoad load = LoadDetectionsCollectingErrors(kFixtures / "mixed_rules");
  ASSERT_EQ(load.detections.size(), 2u);
  EXPECT_EQ(load.detections[0].id, "7d1e0000-0000-4000-8000-0000000000a1");
  EXPECT_EQ(load.detections[1].id, "7d1e0000-0000-4000-8000-0000000000a4");
  ASSERT_EQ(load.errors.size(), 2u);
  EXPECT_NE(load.errors[0].find("b_missing_id.yml"), std::string::npos) << load.errors[0];
  EXPECT_NE(load.errors[0].find("'id'"), std::string::npos) << load.errors[0];
  EXPECT_NE(load.errors[1].find("c_bad_yaml.yml"), std::string::npos) << load.errors[1];
  EXPECT_NE(load.errors[1].find("invalid YAML"), std::string::npos) << load.errors[1];

  // Every bad file of bad/ is reported, not only the first.
  DetectionLoad bad = LoadDetectionsCollectingErrors(kFixtures / "bad");
  EXPECT_TRUE(bad.detections.empty());
  EXPECT_EQ(bad.errors.size(), 3u);

  DetectionLoad content = LoadContentDetectionsCollectingErrors(kFixtures / "mixed_content");
  EXPECT_EQ(content.detections.size(), 2u);
  ASSERT_EQ(content.errors.size(), 1u);
  EXPECT_NE(content.errors[0].find("b_missing_id.yml"), std::string::npos) << content.errors[0];

  // A path that does not exist is still a usage error.
  try {
    LoadDetectionsCollectingErrors(kFixtures / "does_not_exist");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
  try {
    LoadContentDetectionsCollectingErrors(kFixtures);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
}

TEST(DetectionYamlTest, DuplicateIdsRunOnceAndTheLaterWins) {
  std::vector<Detection> detections = LoadDetections(kFixtures / "rba");
  std::vector<Detection> more = LoadDetections(kFixtures / "mixed_rules/a_denied_by_user.yml");
  detections.insert(detections.end(), more.begin(), more.end());
  Detection later = detections[0];
  later.origin = "later.yml";
  later.name = "Later Copy";
  detections.push_back(later);
  detections.push_back(detections[1]);  // the same file loaded twice
  ASSERT_EQ(detections.size(), 4u);

  std::vector<std::string> messages = RemoveDuplicateDetections(detections);
  ASSERT_EQ(detections.size(), 2u);
  // The later copy takes the place of the first.
  EXPECT_EQ(detections[0].name, "Later Copy");
  EXPECT_EQ(detections[1].id, "7d1e0000-0000-4000-8000-0000000000a1");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[0].find("0b9a3c1e-1111-4222-8333-944445555666"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("later.yml"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("custom_rba_detection.yml"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("running it once"), std::string::npos) << messages[1];

  // Ids differing only in case are the same id.
  std::vector<Detection> cased = LoadDetections(kFixtures / "rba");
  cased.push_back(cased[0]);
  for (auto& c : cased.back().id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(RemoveDuplicateDetections(cased).size(), 1u);
  EXPECT_EQ(cased.size(), 1u);
}

}  // namespace
}  // namespace trailhound
