#include "detect/risk_event.hpp"

#include <gtest/gtest.h>

#include "detect/detection_yaml.hpp"

#ifndef TRAILHOUND_SOURCE_DIR
#define TRAILHOUND_SOURCE_DIR "."
#endif

namespace trailhound {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/detect";
constexpr std::string_view kArn = "arn:aws:iam::123456789012:user/alice-dev";

Detection Seed() {
  std::vector<Detection> builtins = LoadBuiltinDetections();
  const Detection* seed = FindDetection(builtins, "3e1f1568-9633-11eb-a69c-acde48001122");
  EXPECT_NE(seed, nullptr);
  return *seed;
}

void Set(Row& row, std::string_view field, Value value) { row.Set(FieldNames::Intern(field), std::move(value)); }

// The result row of the bug_log cross-check (6 denied calls by alice-dev in the 10:00 hour).
Row CrossCheckRow() {
  Row row;
  Set(row, "src_ip", Value::Str("203.0.113.10"));
  Set(row, "userIdentity.arn", Value::Str(std::string(kArn)));
  Set(row, "_time", Value::Num(1768471200));
  Set(row, "failures", Value::Num(6));
  Set(row, "firstTime", Value::Str("2026-01-15T10:00:00"));
  Set(row, "lastTime", Value::Str("2026-01-15T10:00:00"));
  Set(row, "methods", Value::Num(6));
  Set(row, "sources", Value::Num(3));
  return row;
}

TEST(RiskEventTest, CrossCheckRowGivesOneEvent) {
  Detection seed = Seed();
  std::vector<RiskEvent> events = BuildRiskEvents(seed, CrossCheckRow());
  ASSERT_EQ(events.size(), 1u);
  const RiskEvent& e = events[0];
  EXPECT_EQ(e.risk_object, kArn);
  EXPECT_EQ(e.risk_object_type, "user");
  EXPECT_EQ(e.risk_object_field, "userIdentity.arn");
  EXPECT_EQ(e.risk_score, 10);
  EXPECT_EQ(e.risk_message,
            "User arn:aws:iam::123456789012:user/alice-dev is seen to perform excessive number of discovery related "
            "api calls- 6, within an hour where the access was denied.");
  EXPECT_EQ(e.threat_object, "203.0.113.10");
  EXPECT_EQ(e.threat_object_type, "ip_address");
  ASSERT_EQ(e.threat_objects.size(), 1u);
  EXPECT_EQ(e.threat_objects[0].field, "src_ip");
  EXPECT_EQ(e.mitre_attack, std::vector<std::string>{"T1580"});
  EXPECT_EQ(e.analytic_stories, std::vector<std::string>{"Suspicious Cloud User Activities"});
  EXPECT_EQ(e.search_name, "ESCU - AWS IAM AccessDenied Discovery Events - Rule");
  EXPECT_EQ(e.detection_id, "3e1f1568-9633-11eb-a69c-acde48001122");
}

TEST(RiskEventTest, SecurityContentSeedGivesTheSameEvent) {
  std::filesystem::path file = std::string(TRAILHOUND_SHARED_DIR) + "/security_content/detections/aws_iam_accessdenied_discovery_events.yml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no security_content checkout";
  Detection upstream = LoadDetectionFile(file);
  EXPECT_EQ(BuildRiskEvents(upstream, CrossCheckRow()), BuildRiskEvents(Seed(), CrossCheckRow()));
}

TEST(RiskEventTest, MissingTokenFieldStaysLiteral) {
  Row row = CrossCheckRow();
  row.Remove(FieldNames::Intern("failures"));
  std::vector<RiskEvent> events = BuildRiskEvents(Seed(), row);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].risk_message.find("api calls- $failures$, within"), std::string::npos) << events[0].risk_message;
}

TEST(RiskEventTest, MessageTokens) {
  Row row;
  Set(row, "user", Value::Str("bob"));
  Set(row, "a.b", Value::Str("dotted"));
  Set(row, "resources{}.arn", Value::Str("never"));
  Set(row, "n", Value::Num(2.5));
  Set(row, "mv", Value::Multi({Value::Str("x"), Value::Str("y")}));
  EXPECT_EQ(RenderRiskMessage("$user$/$a.b$/$n$", row), "bob/dotted/2.5");
  EXPECT_EQ(RenderRiskMessage("$resources{}.arn$ and $user$", row), "$resources{}.arn$ and bob");
  EXPECT_EQ(RenderRiskMessage("$$ $ user$ $missing$ $user", row), "$$ $ user$ $missing$ $user");
  EXPECT_EQ(RenderRiskMessage("$user$$user$", row), "bobbob");
  EXPECT_EQ(RenderRiskMessage("$mv$", row), "x\ny");
  EXPECT_EQ(RenderRiskMessage("", row), "");
}

TEST(RiskEventTest, MultivalueRiskObjectGivesOneEventPerValue) {
  Row row = CrossCheckRow();
  Set(row, "userIdentity.arn", Value::Multi({Value::Str("arn:one"), Value::Str("null"), Value::Str(""), Value::Str("arn:two")}));
  std::vector<RiskEvent> events = BuildRiskEvents(Seed(), row);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].risk_object, "arn:one");
  EXPECT_EQ(events[1].risk_object, "arn:two");
  EXPECT_EQ(events[0].risk_message, events[1].risk_message);
}

TEST(RiskEventTest, MissingOrNullRiskObjectGivesNone) {
  Row row = CrossCheckRow();
  Set(row, "userIdentity.arn", Value::Str("null"));
  EXPECT_TRUE(BuildRiskEvents(Seed(), row).empty());
  row.Remove(FieldNames::Intern("userIdentity.arn"));
  EXPECT_TRUE(BuildRiskEvents(Seed(), row).empty());
}

TEST(RiskEventTest, ThreatObjectsFirstValueAndFullList) {
  Detection d = LoadDetectionFile(kFixtures / "rba/custom_rba_detection.yml");
  Row row;
  Set(row, "user", Value::Str("carol"));
  Set(row, "dest", Value::Str("web-1"));
  Set(row, "src_ip", Value::Multi({Value::Str("198.51.100.1"), Value::Str("198.51.100.2")}));
  Set(row, "user_agent", Value::Str("curl/8"));
  std::vector<RiskEvent> events = BuildRiskEvents(d, row);
  ASSERT_EQ(events.size(), 2u);
  // Risk objects in contentctl's order: dest (64), then user (40).
  EXPECT_EQ(events[0].risk_object, "web-1");
  EXPECT_EQ(events[0].risk_object_type, "system");
  EXPECT_EQ(events[0].risk_score, 64);
  EXPECT_EQ(events[1].risk_object, "carol");
  EXPECT_EQ(events[1].risk_score, 40);
  for (const auto& e : events) {
    EXPECT_EQ(e.threat_object, "198.51.100.1");
    EXPECT_EQ(e.threat_object_type, "ip_address");
    ASSERT_EQ(e.threat_objects.size(), 3u);
    EXPECT_EQ(e.threat_objects[1].value, "198.51.100.2");
    EXPECT_EQ(e.threat_objects[2].type, "http_user_agent");
    EXPECT_EQ(e.risk_message, "Console login by carol on web-1 from 198.51.100.1\n198.51.100.2 ($resources{}.arn$, $missing_field$)");
    EXPECT_EQ(e.analytic_stories.size(), 2u);
  }
  // No threat values: no threat_object.
  row.Remove(FieldNames::Intern("src_ip"));
  row.Remove(FieldNames::Intern("user_agent"));
  events = BuildRiskEvents(d, row);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_FALSE(events[0].threat_object.has_value());
  EXPECT_TRUE(events[0].threat_objects.empty());
}

TEST(RiskEventTest, BuilderCanBeReused) {
  Detection seed = Seed();
  RiskEventBuilder builder(seed);
  Row first = CrossCheckRow();
  Row second = CrossCheckRow();
  Set(second, "failures", Value::Num(9));
  EXPECT_NE(builder.Build(first)[0].risk_message, builder.Build(second)[0].risk_message);
  EXPECT_NE(builder.Build(second)[0].risk_message.find("- 9,"), std::string::npos);
}

}  // namespace
}  // namespace trailhound
