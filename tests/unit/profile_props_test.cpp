// --props: a profile read from an add-on's props.conf/transforms.conf/lookups (a small fixture
// in tests/fixtures/profile/mini_ta that restates a few Splunk_TA_aws rules) gives the same fields
// as the built-in profile for those rules.
#include "profile/props_loader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "profile/bound_profile.hpp"
#include "profile/conf_file.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {
namespace {

std::string Fixture(const char* name) { return std::string(TRAILHOUND_SOURCE_DIR) + "/tests/fixtures/profile/" + name; }

using Fields = std::vector<std::pair<std::string, std::string>>;

Row Derive(const Profile& profile, const Fields& fields) {
  Row row;
  row.Set(fields::SourceType(), Value::Str("aws:cloudtrail"));
  for (const auto& [name, value] : fields) row.Set(FieldNames::Intern(name), Value::Str(value));
  profile.Bind(Projection::All()).Apply(row);
  return row;
}

std::string F(const Row& row, const char* name) {
  const Value* v = row.Get(FieldNames::Intern(name));
  return v == nullptr ? "<absent>" : v->AsString();
}

TEST(ProfileConfTest, ContinuationsCommentsStanzasAndOverlay) {
  ConfStanzas conf = ParseConfText(
      "top = 1\n# comment\n[one]\nkey = a \\\n  b\n  spaced key  =  v = w  \nno equals sign\n[two]\nkey=x\nkey=y\n",
      "x.conf");
  EXPECT_EQ(conf["default"]["top"].value, "1");
  EXPECT_EQ(conf["one"]["key"].value, "a \n  b");
  EXPECT_EQ(conf["one"]["key"].origin, "x.conf:4");
  EXPECT_EQ(conf["one"]["spaced key"].value, "v = w");
  EXPECT_EQ(conf["two"]["key"].value, "y");
  ConfStanzas local = ParseConfText("[two]\nkey = z\nnew = n\n", "local.conf");
  OverlayConf(conf, local);
  EXPECT_EQ(conf["two"]["key"].value, "z");
  EXPECT_EQ(conf["two"]["key"].origin, "local.conf:2");
  EXPECT_EQ(conf["two"]["new"].value, "n");
}

TEST(ProfilePropsTest, LoadsAliasesEvalsLookupsAndMetadata) {
  Profile profile = LoadPropsProfile(Fixture("mini_ta"), "aws:cloudtrail");
  EXPECT_EQ(profile.sourcetype(), "aws:cloudtrail");
  EXPECT_EQ(profile.name(), "Mini TA for tests");
  EXPECT_EQ(profile.version(), "0.0.1-test");
  EXPECT_EQ(profile.time().field, "eventTime");
  EXPECT_EQ(profile.time().format, "%Y-%m-%dT%H:%M:%S%Z");
  // FIELDALIAS classes in byte order: change, cim (3 pairs), keep, region (from local).
  std::vector<std::string> targets;
  for (const auto& alias : profile.aliases()) targets.push_back(alias.target);
  EXPECT_EQ(targets, (std::vector<std::string>{"result_id", "src", "src_ip", "region", "dvc", "vendor_region"}));
  EXPECT_TRUE(profile.aliases()[4].keep_existing);
  EXPECT_NE(profile.FindCalculatedField("user_type"), nullptr);
  EXPECT_NE(profile.FindCalculatedField("from_default_stanza"), nullptr);  // [default] applies too
  // The lookup switched off in local/ is gone; REPORT- is ignored.
  std::vector<std::string> lookups;
  for (const auto& lookup : profile.lookups()) lookups.push_back(lookup.name);
  EXPECT_EQ(lookups, (std::vector<std::string>{"action-status", "object_category"}));
  EXPECT_EQ(profile.lookups()[0].mode, LookupOutputMode::kOutputNew);
  EXPECT_EQ(profile.lookups()[0].table->options().max_matches, 1u);
  EXPECT_EQ(profile.lookups()[1].table->options().default_match, "unknown");
}

TEST(ProfilePropsTest, LocalOverridesDefault) {
  Profile profile = LoadPropsProfile(Fixture("mini_ta"), "aws:cloudtrail");
  Row row = Derive(profile, {{"eventName", "ListUsers"}});
  EXPECT_EQ(F(row, "vendor_product"), "AWS CloudTrail");
  EXPECT_EQ(F(row, "from_default_stanza"), "default stanza");
}

TEST(ProfilePropsTest, SameFieldsAsTheBuiltinProfile) {
  Profile props = LoadPropsProfile(Fixture("mini_ta"), "aws:cloudtrail");
  const Profile& builtin = *FindBuiltinProfile("aws:cloudtrail");
  std::vector<Fields> events = {
      // bug_log D: an IAM user denied ListUsers.
      {{"eventName", "ListUsers"}, {"eventSource", "iam.amazonaws.com"}, {"eventType", "AwsApiCall"},
       {"errorCode", "AccessDenied"}, {"sourceIPAddress", "203.0.113.10"}, {"awsRegion", "us-east-1"},
       {"userIdentity.type", "IAMUser"}, {"userIdentity.userName", "alice-dev"}},
      // Access keys listed successfully (user_type null, object_category from the table).
      {{"eventName", "ListAccessKeys"}, {"eventSource", "iam.amazonaws.com"}, {"eventType", "AwsApiCall"},
       {"userIdentity.type", "IAMUser"}, {"sourceIPAddress", "198.51.100.23"}},
      // A failed console login (errorCode derived as failure).
      {{"eventName", "ConsoleLogin"}, {"eventSource", "signin.amazonaws.com"}, {"eventType", "AwsConsoleSignIn"},
       {"userIdentity.type", "IAMUser"}, {"responseElements.ConsoleLogin", "Failure"},
       {"additionalEventData.LoginTo", "https://console.aws.amazon.com/"}},
      // A federated console login without LoginTo.
      {{"eventName", "ConsoleLogin"}, {"eventType", "AwsConsoleSignIn"}, {"userIdentity.type", "AssumedRole"},
       {"userIdentity.sessionContext.sessionIssuer.type", "Role"}, {"responseElements.ConsoleLogin", "Success"}},
      // bug_log S8: DeleteBucket without errorCode or source address.
      {{"eventName", "DeleteBucket"}, {"eventSource", "s3.amazonaws.com"}, {"eventTime", "2026-01-15T10:00:00Z"}},
      // AssumeRole with a resources{} type.
      {{"eventName", "AssumeRole"}, {"eventSource", "sts.amazonaws.com"}, {"userIdentity.type", "AWSService"},
       {"resources{}.type", "AWS::IAM::Role"}},
  };
  for (const Fields& event : events) {
    Row from_props = Derive(props, event);
    Row from_builtin = Derive(builtin, event);
    for (const char* field : {"src", "src_ip", "region", "vendor_region", "result_id", "errorCode", "msg", "user_type",
                              "vendor_product", "action", "status", "object_category"}) {
      EXPECT_EQ(F(from_props, field), F(from_builtin, field)) << field << " for " << event[0].second;
    }
  }
  // Spot-check that the comparison saw real values.
  Row denied = Derive(props, events[0]);
  EXPECT_EQ(F(denied, "user_type"), "IAMUser");
  EXPECT_EQ(F(denied, "status"), "failure");
  EXPECT_EQ(F(denied, "src_ip"), "203.0.113.10");
  EXPECT_EQ(F(denied, "object_category"), "unknown");
  Row login = Derive(props, events[2]);
  EXPECT_EQ(F(login, "errorCode"), "failure");
  EXPECT_EQ(F(login, "msg"), "success");
  EXPECT_EQ(F(login, "action"), "failure");
  EXPECT_EQ(F(Derive(props, events[3]), "user_type"), "Role");
  EXPECT_EQ(F(Derive(props, events[4]), "errorCode"), "success");
  EXPECT_EQ(F(Derive(props, events[5]), "user_type"), "AWS::IAM::Role");
}

TEST(ProfilePropsTest, AsNewKeepsAnExistingTarget) {
  Profile profile = LoadPropsProfile(Fixture("mini_ta"), "aws:cloudtrail");
  EXPECT_EQ(F(Derive(profile, {{"eventSource", "iam.amazonaws.com"}, {"dvc", "preset"}}), "dvc"), "preset");
  EXPECT_EQ(F(Derive(profile, {{"eventSource", "iam.amazonaws.com"}}), "dvc"), "iam.amazonaws.com");
}

TEST(ProfilePropsTest, ErrorsNameTheFileAndLine) {
  try {
    LoadPropsProfile(Fixture("flat_bad_alias"), "aws:cloudtrail");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kQuery);
    EXPECT_NE(message.find("flat_bad_alias/props.conf:4: FIELDALIAS-broken"), std::string::npos) << message;
  }
  EXPECT_THROW(LoadPropsProfile(Fixture("does_not_exist"), "aws:cloudtrail"), Error);
}

TEST(ProfilePropsTest, UnknownSourcetypeGivesAnEmptyProfile) {
  Profile profile = LoadPropsProfile(Fixture("mini_ta"), "aws:cloudwatch");
  EXPECT_TRUE(profile.aliases().empty());
  EXPECT_TRUE(profile.lookups().empty());
  // Only the [default] stanza's eval applies.
  ASSERT_EQ(profile.calculated_fields().size(), 1u);
  EXPECT_EQ(profile.calculated_fields()[0].field, "from_default_stanza");
}

}  // namespace
}  // namespace trailhound
