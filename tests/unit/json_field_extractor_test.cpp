// FieldExtractor: KV_MODE=json field naming and values, multivalues, projection.
#include <gtest/gtest.h>

#include <utility>

#include "common/row.hpp"
#include "io/padded_buffer.hpp"
#include "json/field_extractor.hpp"

namespace trailhound {
namespace {

// Fields of a row as (name, values) in row order; multivalues listed value by value.
using Fields = std::vector<std::pair<std::string, std::vector<std::string>>>;

Fields Extract(const std::string& json, const Projection& projection = Projection::All()) {
  PaddedBuffer padded;
  padded.Assign(json);
  FieldExtractor extractor(projection);
  Row row;
  std::string error;
  EXPECT_TRUE(extractor.Extract(padded.view(), row, &error)) << error;
  Fields fields;
  for (const auto& [id, value] : row.entries()) {
    std::vector<std::string> values;
    for (size_t i = 0; i < value.Count(); ++i) values.push_back(value.At(i).str());
    fields.emplace_back(FieldNames::Name(id), values);
  }
  return fields;
}

TEST(JsonFieldExtractor, NestedObjectsJoinWithDots) {
  EXPECT_EQ(Extract(R"({"userIdentity":{"type":"IAMUser","sessionContext":{"sessionIssuer":{"arn":"arn:x"}}},"eventName":"ListUsers"})"),
            (Fields{{"userIdentity.type", {"IAMUser"}},
                    {"userIdentity.sessionContext.sessionIssuer.arn", {"arn:x"}},
                    {"eventName", {"ListUsers"}}}));
}

TEST(JsonFieldExtractor, ArraysOfObjectsAndScalarsGiveMultivalues) {
  EXPECT_EQ(Extract(R"({"resources":[{"ARN":"a1","type":"t1"},{"type":"t2"},{"ARN":"a3"}],"requestParameters":{"host":["h1","h2"]},"userAgent":["ua"]})"),
            (Fields{{"resources{}.ARN", {"a1", "a3"}},
                    {"resources{}.type", {"t1", "t2"}},
                    {"requestParameters.host{}", {"h1", "h2"}},
                    {"userAgent{}", {"ua"}}}));
}

TEST(JsonFieldExtractor, NestedArraysAndArraysInsideArrays) {
  EXPECT_EQ(Extract(R"({"a":[[1,2],[3]],"items":[{"tags":[{"k":"x"}]},{"tags":[{"k":"y"},{"k":"z"}]}]})"),
            (Fields{{"a{}{}", {"1", "2", "3"}}, {"items{}.tags{}.k", {"x", "y", "z"}}}));
}

TEST(JsonFieldExtractor, NullBooleansNumbersAsWritten) {
  EXPECT_EQ(Extract(R"({"responseElements":null,"readOnly":true,"managementEvent":false,"n":1000,"f":1.50,"e":1E3,"neg":-0,"big":123456789012345678901234567890})"),
            (Fields{{"responseElements", {"null"}},
                    {"readOnly", {"true"}},
                    {"managementEvent", {"false"}},
                    {"n", {"1000"}},
                    {"f", {"1.50"}},
                    {"e", {"1E3"}},
                    {"neg", {"-0"}},
                    {"big", {"123456789012345678901234567890"}}}));
}

TEST(JsonFieldExtractor, EmptyObjectsAndArraysGiveNoField) {
  EXPECT_EQ(Extract(R"({"requestParameters":{"instancesSet":{},"filterSet":{}},"resources":[],"x":[{}],"s":""})"),
            (Fields{{"s", {""}}}));
}

TEST(JsonFieldExtractor, StringsAreUnescaped) {
  EXPECT_EQ(Extract(R"({"q":"a \"b\" \\ c\/d\n","u":"caf\u00e9 \ud83d\ude00","k\u0065y":"v"})"),
            (Fields{{"q", {"a \"b\" \\ c/d\n"}}, {"u", {"caf\xC3\xA9 \xF0\x9F\x98\x80"}}, {"key", {"v"}}}));
}

TEST(JsonFieldExtractor, DuplicateKeysBecomeOneMultivalue) {
  EXPECT_EQ(Extract(R"({"a":"1","b":"x","a":"2"})"), (Fields{{"a", {"1", "2"}}, {"b", {"x"}}}));
}

TEST(JsonFieldExtractor, ProjectionSkipsUnwantedSubtrees) {
  Projection p;
  p.AddField("eventName");
  p.AddField("resources{}.ARN");
  p.AddField("userIdentity.arn");
  // requestParameters is malformed deep inside; it is skipped, never parsed.
  const std::string json =
      R"({"eventName":"X","userIdentity":{"type":"IAMUser","arn":"arn:u"},"requestParameters":{"deep":[1,2,{"z":tru}]},)"
      R"("resources":[{"ARN":"a1","type":"t"}],"eventSource":"s"})";
  EXPECT_EQ(Extract(json, p),
            (Fields{{"eventName", {"X"}}, {"userIdentity.arn", {"arn:u"}}, {"resources{}.ARN", {"a1"}}}));
}

TEST(JsonFieldExtractor, ProjectionPrefixes) {
  Projection p;
  p.AddPrefix("requestParameters.");
  EXPECT_EQ(Extract(R"({"eventName":"X","requestParameters":{"bucketName":"b","items":[{"id":"i1"}]}})", p),
            (Fields{{"requestParameters.bucketName", {"b"}}, {"requestParameters.items{}.id", {"i1"}}}));
}

TEST(JsonFieldExtractor, ProjectionOfScalarArray) {
  Projection p;
  p.AddField("requestParameters.host{}");
  EXPECT_EQ(Extract(R"({"requestParameters":{"host":["h1","h2"],"other":[1]}})", p),
            (Fields{{"requestParameters.host{}", {"h1", "h2"}}}));
}

TEST(JsonFieldExtractor, MalformedJsonLeavesRowUntouched) {
  FieldExtractor extractor(Projection::All());
  Row row;
  row.Append(FieldNames::Intern("source"), Value::Str("f.json"));
  std::string error;
  for (const char* bad : {R"({"a":"1","b":)", R"({"a":tru})", R"({"a":"x"} trailing)", R"({"a" 1})"}) {
    SCOPED_TRACE(bad);
    PaddedBuffer padded;
    padded.Assign(bad);
    EXPECT_FALSE(extractor.Extract(padded.view(), row, &error));
    EXPECT_FALSE(error.empty());
    EXPECT_EQ(row.entries().size(), 1u);
  }
}

TEST(JsonFieldExtractor, ExtractorIsReusedAcrossEvents) {
  FieldExtractor extractor(Projection::All());
  PaddedBuffer a, b;
  a.Assign(R"({"x":["1","2"],"y":"a"})");
  b.Assign(R"({"y":"b","x":"3"})");
  Row row;
  std::string error;
  ASSERT_TRUE(extractor.Extract(a.view(), row, &error));
  row.Clear();
  ASSERT_TRUE(extractor.Extract(b.view(), row, &error));
  ASSERT_EQ(row.entries().size(), 2u);
  EXPECT_EQ(FieldNames::Name(row.entries()[0].first), "y");
  EXPECT_EQ(row.entries()[0].second, Value::Str("b"));
  EXPECT_EQ(row.entries()[1].second, Value::Str("3"));  // not a leftover multivalue
}

TEST(JsonFieldExtractor, SplunkSemanticsExample) {
  // The example of splunk_semantics.md section 2.
  const std::string json =
      R"({"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"},"eventTime":"2021-04-05T14:12:01Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","sourceIPAddress":"1.2.3.4","userAgent":"aws-cli/2.1.0 Python/3.8","errorCode":"Client.UnauthorizedOperation","requestParameters":{"instancesSet":{},"filterSet":{}},"responseElements":null,"readOnly":true,"eventType":"AwsApiCall","resources":[]})";
  Fields fields = Extract(json);
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.first);
  EXPECT_EQ(names, (std::vector<std::string>{"eventVersion", "userIdentity.type", "userIdentity.arn",
                                             "userIdentity.accountId", "userIdentity.accessKeyId",
                                             "userIdentity.userName", "eventTime", "eventSource", "eventName",
                                             "awsRegion", "sourceIPAddress", "userAgent", "errorCode",
                                             "responseElements", "readOnly", "eventType"}));
}

}  // namespace
}  // namespace trailhound
