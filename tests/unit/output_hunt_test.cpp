#include "output/hunt_writer.hpp"

#include <gtest/gtest.h>

#include "detect/detection_yaml.hpp"
#include "output/risk_event_format.hpp"

namespace trailhound {
namespace {

void Set(Row& row, std::string_view field, Value value) { row.Set(FieldNames::Intern(field), std::move(value)); }

Row CrossCheckRow() {
  Row row;
  Set(row, "src_ip", Value::Str("203.0.113.10"));
  Set(row, "userIdentity.arn", Value::Str("arn:aws:iam::123456789012:user/alice-dev"));
  Set(row, "_time", Value::Num(1768471200));
  Set(row, "failures", Value::Num(6));
  Set(row, "firstTime", Value::Str("2026-01-15T10:00:00"));
  Set(row, "lastTime", Value::Str("2026-01-15T10:00:00"));
  Set(row, "methods", Value::Num(6));
  Set(row, "sources", Value::Num(3));
  return row;
}

class HuntWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    builtins_ = LoadBuiltinDetections();
    seed_ = FindDetection(builtins_, "3e1f1568-9633-11eb-a69c-acde48001122");
    ASSERT_NE(seed_, nullptr);
    hunting_.name = "Fixture Hunting";
    hunting_.id = "hunt-1";
    hunting_.type = "Hunting";
  }

  std::vector<DetectionResults> Results() const {
    std::vector<DetectionResults> results;
    results.push_back({seed_, {CrossCheckRow()}, {}});
    Row hunting_row;
    Set(hunting_row, "eventName", Value::Str("ListUsers"));
    Set(hunting_row, "count", Value::Num(2));
    results.push_back({&hunting_, {hunting_row}, {}});
    results.push_back({&hunting_, {}, {}});
    return results;
  }

  std::vector<Detection> builtins_;
  const Detection* seed_ = nullptr;
  Detection hunting_;
};

constexpr std::string_view kRiskJson =
    "{\"risk_object\":\"arn:aws:iam::123456789012:user/alice-dev\",\"risk_object_type\":\"user\","
    "\"risk_object_field\":\"userIdentity.arn\",\"risk_score\":10,\"risk_message\":\"User "
    "arn:aws:iam::123456789012:user/alice-dev is seen to perform excessive number of discovery related api calls- 6, "
    "within an hour where the access was denied.\",\"threat_object\":\"203.0.113.10\",\"threat_object_type\":"
    "\"ip_address\",\"threat_objects\":[{\"field\":\"src_ip\",\"type\":\"ip_address\",\"value\":\"203.0.113.10\"}],"
    "\"annotations.mitre_attack\":[\"T1580\"],\"analyticstories\":[\"Suspicious Cloud User Activities\"],"
    "\"search_name\":\"ESCU - AWS IAM AccessDenied Discovery Events - Rule\","
    "\"detection_id\":\"3e1f1568-9633-11eb-a69c-acde48001122\"}";

constexpr std::string_view kSeedResultJson =
    "{\"src_ip\":\"203.0.113.10\",\"userIdentity.arn\":\"arn:aws:iam::123456789012:user/alice-dev\","
    "\"_time\":1768471200,\"failures\":6,\"firstTime\":\"2026-01-15T10:00:00\",\"lastTime\":\"2026-01-15T10:00:00\","
    "\"methods\":6,\"sources\":3}";

TEST_F(HuntWriterTest, RiskEventJson) {
  std::vector<RiskEvent> events = BuildRiskEvents(*seed_, CrossCheckRow());
  ASSERT_EQ(events.size(), 1u);
  std::string out;
  AppendRiskEventJson(out, events[0]);
  EXPECT_EQ(out, kRiskJson);
}

TEST_F(HuntWriterTest, Jsonl) {
  std::string expected = "{\"detection\":\"AWS IAM AccessDenied Discovery Events\",\"detection_id\":"
                         "\"3e1f1568-9633-11eb-a69c-acde48001122\",\"result\":" +
                         std::string(kSeedResultJson) + ",\"risk\":[" + std::string(kRiskJson) +
                         "]}\n"
                         "{\"detection\":\"Fixture Hunting\",\"detection_id\":\"hunt-1\",\"result\":"
                         "{\"eventName\":\"ListUsers\",\"count\":2},\"risk\":[]}\n";
  EXPECT_EQ(FormatHuntResults(OutputFormat::kJsonl, Results()), expected);
}

TEST_F(HuntWriterTest, JsonArray) {
  std::string jsonl = FormatHuntResults(OutputFormat::kJsonl, Results());
  std::string first = jsonl.substr(0, jsonl.find('\n'));
  std::string second = jsonl.substr(jsonl.find('\n') + 1);
  second.pop_back();
  EXPECT_EQ(FormatHuntResults(OutputFormat::kJson, Results()), "[\n" + first + ",\n" + second + "\n]\n");
  EXPECT_EQ(FormatHuntResults(OutputFormat::kJson, {}), "[]\n");
}

TEST_F(HuntWriterTest, Csv) {
  EXPECT_EQ(FormatHuntResults(OutputFormat::kCsv, Results()),
            "detection,detection_id,src_ip,userIdentity.arn,_time,failures,firstTime,lastTime,methods,sources,eventName,"
            "count,risk_object,risk_object_type,risk_score,risk_message\n"
            "AWS IAM AccessDenied Discovery Events,3e1f1568-9633-11eb-a69c-acde48001122,203.0.113.10,"
            "arn:aws:iam::123456789012:user/alice-dev,1768471200,6,2026-01-15T10:00:00,2026-01-15T10:00:00,6,3,,,"
            "arn:aws:iam::123456789012:user/alice-dev,user,10,\"User arn:aws:iam::123456789012:user/alice-dev is seen "
            "to perform excessive number of discovery related api calls- 6, within an hour where the access was "
            "denied.\"\n"
            "Fixture Hunting,hunt-1,,,,,,,,,ListUsers,2,,,,\n");
}

TEST_F(HuntWriterTest, Table) {
  std::string message = BuildRiskEvents(*seed_, CrossCheckRow())[0].risk_message;
  std::string out = FormatHuntResults(OutputFormat::kTable, Results());
  EXPECT_EQ(out,
            "AWS IAM AccessDenied Discovery Events (3e1f1568-9633-11eb-a69c-acde48001122): 1 result\n"
            "src_ip        userIdentity.arn                          _time                 failures  firstTime            "
            "lastTime             methods  sources\n"
            "------------  ----------------------------------------  --------------------  --------  -------------------  "
            "-------------------  -------  -------\n"
            "203.0.113.10  arn:aws:iam::123456789012:user/alice-dev  2026-01-15T10:00:00Z  6         2026-01-15T10:00:00  "
            "2026-01-15T10:00:00  6        3\n"
            "risk events:\n"
            "risk_object                               risk_object_type  risk_score  threat_object  risk_message\n"
            "----------------------------------------  ----------------  ----------  -------------  " +
                std::string(message.size(), '-') +
                "\n"
                "arn:aws:iam::123456789012:user/alice-dev  user              10          203.0.113.10   " +
                message +
                "\n"
                "\n"
                "Fixture Hunting (hunt-1): 1 result\n"
                "eventName  count\n"
                "---------  -----\n"
                "ListUsers  2\n"
                "\n"
                "Fixture Hunting (hunt-1): 0 results\n");
}

}  // namespace
}  // namespace trailhound
