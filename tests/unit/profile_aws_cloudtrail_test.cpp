// The built-in aws:cloudtrail profile (add-on 7.0.0) on hand-built events, named as the JSON
// extraction names fields. Expected values come from aws_addon_fields.md (§3 rules, §8 examples)
// and bug_log.md (S7, S8).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/row.hpp"
#include "json/projection.hpp"
#include "profile/bound_profile.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {
namespace {

using Fields = std::vector<std::pair<std::string, Value>>;

Value S(const char* text) { return Value::Str(text); }
Value M(std::vector<const char*> texts) {
  std::vector<Value> values;
  for (const char* t : texts) values.push_back(Value::Str(t));
  return Value::Multi(std::move(values));
}

Row MakeEvent(const Fields& fields) {
  Row row;
  row.Set(fields::SourceType(), S("aws:cloudtrail"));
  for (const auto& [name, value] : fields) row.Set(FieldNames::Intern(name), value);
  return row;
}

const Profile& CloudTrail() {
  const Profile* profile = FindBuiltinProfile("aws:cloudtrail");
  EXPECT_NE(profile, nullptr);
  return *profile;
}

Row Derive(const Fields& fields) {
  Row row = MakeEvent(fields);
  CloudTrail().Bind(Projection::All()).Apply(row);
  return row;
}

// The field's text, or "<absent>"; multivalues joined with "|".
std::string F(const Row& row, const char* name) {
  const Value* v = row.Get(FieldNames::Intern(name));
  if (v == nullptr) return "<absent>";
  std::string out;
  for (size_t i = 0; i < v->Count(); ++i) out += (i ? "|" : "") + v->At(i).AsString();
  return out;
}

constexpr const char* kAbsent = "<absent>";

// An IAM user calling `event_name` on IAM, successfully (no errorCode).
Fields IamUserCall(const char* event_name) {
  return {{"eventVersion", S("1.08")},
          {"userIdentity.type", S("IAMUser")},
          {"userIdentity.principalId", S("AIDAEXAMPLE1234567890")},
          {"userIdentity.arn", S("arn:aws:iam::111122223333:user/alice")},
          {"userIdentity.accountId", S("111122223333")},
          {"userIdentity.accessKeyId", S("AKIAEXAMPLEKEY000001")},
          {"userIdentity.userName", S("alice")},
          {"eventTime", S("2024-03-05T14:12:01Z")},
          {"eventSource", S("iam.amazonaws.com")},
          {"eventName", S(event_name)},
          {"awsRegion", S("us-east-1")},
          {"sourceIPAddress", S("198.51.100.23")},
          {"userAgent", S("aws-cli/2.15.0 Python/3.11.6 Linux/5.15 exe/x86_64")},
          {"requestParameters", S("null")},
          {"responseElements", S("null")},
          {"eventType", S("AwsApiCall")},
          {"recipientAccountId", S("111122223333")}};
}

Fields With(Fields fields, const Fields& changes) {
  for (const auto& [name, value] : changes) {
    bool replaced = false;
    for (auto& entry : fields) {
      if (entry.first == name) {
        entry.second = value;
        replaced = true;
      }
    }
    if (!replaced) fields.emplace_back(name, value);
  }
  return fields;
}

Fields Without(Fields fields, const std::string& name) {
  std::erase_if(fields, [&](const auto& entry) { return entry.first == name; });
  return fields;
}

// §8.1: AccessDenied on iam:ListAccessKeys by alice.
Fields ListAccessKeysDenied() {
  return With(Without(IamUserCall("ListAccessKeys"), "requestParameters"),
              {{"errorCode", S("AccessDenied")},
               {"errorMessage", S("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
                                  "iam:ListAccessKeys on resource: user bob because no identity-based policy allows "
                                  "the iam:ListAccessKeys action")},
               {"requestParameters.userName", S("bob")},
               {"readOnly", S("true")}});
}

// §8.2: a console sign-in by alice with MFA.
Fields ConsoleLoginSuccess() {
  return {{"userIdentity.type", S("IAMUser")},
          {"userIdentity.principalId", S("AIDAEXAMPLE1234567890")},
          {"userIdentity.arn", S("arn:aws:iam::111122223333:user/alice")},
          {"userIdentity.accountId", S("111122223333")},
          {"userIdentity.userName", S("alice")},
          {"eventTime", S("2024-03-05T09:00:00Z")},
          {"eventSource", S("signin.amazonaws.com")},
          {"eventName", S("ConsoleLogin")},
          {"awsRegion", S("us-east-1")},
          {"sourceIPAddress", S("203.0.113.10")},
          {"userAgent", S("Mozilla/5.0 (X11; Linux x86_64) Firefox/123.0")},
          {"requestParameters", S("null")},
          {"responseElements.ConsoleLogin", S("Success")},
          {"additionalEventData.LoginTo", S("https://console.aws.amazon.com/console/home")},
          {"additionalEventData.MobileVersion", S("No")},
          {"additionalEventData.MFAUsed", S("Yes")},
          {"eventType", S("AwsConsoleSignIn")},
          {"recipientAccountId", S("111122223333")}};
}

// §8.3: EC2 assuming an instance-profile role.
Fields ServiceAssumeRole() {
  return {{"userIdentity.type", S("AWSService")},
          {"userIdentity.invokedBy", S("ec2.amazonaws.com")},
          {"eventTime", S("2024-03-05T10:00:00Z")},
          {"eventSource", S("sts.amazonaws.com")},
          {"eventName", S("AssumeRole")},
          {"awsRegion", S("us-east-1")},
          {"sourceIPAddress", S("ec2.amazonaws.com")},
          {"userAgent", S("ec2.amazonaws.com")},
          {"requestParameters.roleArn", S("arn:aws:iam::111122223333:role/WebServerRole")},
          {"requestParameters.roleSessionName", S("i-0abcd1234efgh5678")},
          {"responseElements.credentials.accessKeyId", S("ASIAEXAMPLETEMP00001")},
          {"responseElements.credentials.expiration", S("Mar 5, 2024, 4:00:00 PM")},
          {"responseElements.assumedRoleUser.assumedRoleId", S("AROAEXAMPLEROLEID0001:i-0abcd1234efgh5678")},
          {"responseElements.assumedRoleUser.arn",
           S("arn:aws:sts::111122223333:assumed-role/WebServerRole/i-0abcd1234efgh5678")},
          {"resources{}.accountId", S("111122223333")},
          {"resources{}.type", S("AWS::IAM::Role")},
          {"resources{}.ARN", S("arn:aws:iam::111122223333:role/WebServerRole")},
          {"eventType", S("AwsApiCall")},
          {"recipientAccountId", S("111122223333")}};
}

TEST(ProfileAwsCloudTrailTest, BuiltinProfileIsRegistered) {
  const Profile& profile = CloudTrail();
  EXPECT_EQ(profile.sourcetype(), "aws:cloudtrail");
  EXPECT_EQ(profile.version(), "7.0.0");
  EXPECT_EQ(profile.time().field, "eventTime");
  EXPECT_EQ(profile.time().format, "%Y-%m-%dT%H:%M:%S%Z");
  EXPECT_EQ(FindBuiltinProfile("aws:cloudwatchlogs"), nullptr);
  std::vector<std::string> derived = profile.DerivedFields();
  for (const char* name : {"src_ip", "src", "user_type", "errorCode", "msg", "user", "user_arn", "user_name", "userName",
                           "user_id", "user_agent", "aws_account_id", "vendor_account", "vendor_region",
                           "vendor_product", "region", "dest", "signature", "action", "status", "vendor", "product",
                           "change_type", "object_category", "src_user", "user_role", "authentication_method",
                           "object", "object_id", "object_attrs", "result_id", "protocol"}) {
    EXPECT_NE(std::find(derived.begin(), derived.end(), name), derived.end()) << name;
  }
}

TEST(ProfileAwsCloudTrailTest, AccessDeniedListAccessKeys) {
  Row row = Derive(ListAccessKeysDenied());
  // Aliases.
  EXPECT_EQ(F(row, "desc"), kAbsent);
  EXPECT_EQ(F(row, "start_time"), "2024-03-05T14:12:01Z");
  EXPECT_EQ(F(row, "user_access_key"), "AKIAEXAMPLEKEY000001");
  EXPECT_EQ(F(row, "temp_access_key"), kAbsent);
  EXPECT_EQ(F(row, "app"), "AwsApiCall");
  EXPECT_EQ(F(row, "dvc"), "iam.amazonaws.com");
  EXPECT_EQ(F(row, "region"), "us-east-1");
  EXPECT_EQ(F(row, "vendor_region"), "us-east-1");
  EXPECT_EQ(F(row, "signature"), "ListAccessKeys");
  EXPECT_EQ(F(row, "command"), "ListAccessKeys");
  EXPECT_EQ(F(row, "src"), "198.51.100.23");
  EXPECT_EQ(F(row, "src_ip"), "198.51.100.23");
  EXPECT_EQ(F(row, "user_group_id"), "111122223333");
  EXPECT_EQ(F(row, "reason"), F(row, "errorMessage"));
  EXPECT_EQ(F(row, "result"), F(row, "errorMessage"));
  EXPECT_EQ(F(row, "result_id"), "AccessDenied");
  EXPECT_EQ(F(row, "image_id"), kAbsent);
  // Calculated fields.
  EXPECT_EQ(F(row, "errorCode"), "AccessDenied");
  EXPECT_EQ(F(row, "msg"), "AccessDenied");
  EXPECT_EQ(F(row, "user_arn"), "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(F(row, "userName"), "alice");
  EXPECT_EQ(F(row, "vendor_account"), "111122223333");
  EXPECT_EQ(F(row, "aws_account_id"), "111122223333");
  const char* after_resource = "bob because no identity-based policy allows the iam:ListAccessKeys action";
  EXPECT_EQ(F(row, "user"), after_resource);
  EXPECT_EQ(F(row, "user_name"), after_resource);
  EXPECT_EQ(F(row, "object"), after_resource);
  EXPECT_EQ(F(row, "object_id"), after_resource);
  EXPECT_EQ(F(row, "user_type"), kAbsent);
  EXPECT_EQ(F(row, "user_id"), kAbsent);
  EXPECT_EQ(F(row, "user_agent"), "aws-cli/2.15.0 Python/3.11.6 Linux/5.15 exe/x86_64");
  EXPECT_EQ(F(row, "vendor_product"), "AWS CloudTrail");
  EXPECT_EQ(F(row, "dest"), "iam.amazonaws.com");
  EXPECT_EQ(F(row, "object_attrs"), "user");
  EXPECT_EQ(F(row, "src_user"), "alice");
  EXPECT_EQ(F(row, "src_user_name"), "alice");
  EXPECT_EQ(F(row, "src_user_type"), "IAMUser");
  for (const char* absent : {"src_user_id", "src_user_role", "user_role", "authentication_method", "rule_action",
                             "direction", "dest_ip_range", "src_ip_range", "dest_port_range", "src_port_range",
                             "protocol", "protocol_code"}) {
    EXPECT_EQ(F(row, absent), kAbsent) << absent;
  }
  // Lookups.
  EXPECT_EQ(F(row, "vendor"), "Amazon Web Services");
  EXPECT_EQ(F(row, "product"), "CloudTrail");
  EXPECT_EQ(F(row, "change_type"), "AAA");
  EXPECT_EQ(F(row, "action"), "read");
  EXPECT_EQ(F(row, "status"), "failure");
  EXPECT_EQ(F(row, "object_category"), "user");
}

TEST(ProfileAwsCloudTrailTest, AccessDeniedListPoliciesVariant) {
  Fields event = With(ListAccessKeysDenied(), {{"eventName", S("ListPolicies")}});
  Row row = Derive(event);
  EXPECT_EQ(F(row, "user_type"), "IAMUser");
  EXPECT_EQ(F(row, "user"), "alice");
  EXPECT_EQ(F(row, "user_name"), "alice");
  EXPECT_EQ(F(row, "object"), kAbsent);
  EXPECT_EQ(F(row, "object_id"), kAbsent);
  EXPECT_EQ(F(row, "object_attrs"), kAbsent);
  EXPECT_EQ(F(row, "action"), "unknown");
  EXPECT_EQ(F(row, "status"), "failure");
  EXPECT_EQ(F(row, "change_type"), "AAA");  // from the eventSource table
  EXPECT_EQ(F(row, "object_category"), "unknown");
}

TEST(ProfileAwsCloudTrailTest, ConsoleLoginSuccessWithMfa) {
  Row row = Derive(ConsoleLoginSuccess());
  EXPECT_EQ(F(row, "desc"), "null");
  EXPECT_EQ(F(row, "app"), "AwsConsoleSignIn");
  EXPECT_EQ(F(row, "dvc"), "signin.amazonaws.com");
  EXPECT_EQ(F(row, "src_ip"), "203.0.113.10");
  for (const char* absent : {"reason", "result", "result_id", "user_access_key", "temp_access_key"}) {
    EXPECT_EQ(F(row, absent), kAbsent) << absent;
  }
  EXPECT_EQ(F(row, "errorCode"), "success");
  EXPECT_EQ(F(row, "msg"), "success");
  EXPECT_EQ(F(row, "user_arn"), "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(F(row, "userName"), "alice");
  EXPECT_EQ(F(row, "user"), "alice");
  EXPECT_EQ(F(row, "user_name"), "alice");
  EXPECT_EQ(F(row, "user_id"), "AIDAEXAMPLE1234567890");
  EXPECT_EQ(F(row, "user_type"), "IAMUser");
  EXPECT_EQ(F(row, "dest"), "https://console.aws.amazon.com/console/home");
  EXPECT_EQ(F(row, "authentication_method"), "MFA");
  for (const char* absent : {"src_user", "src_user_name", "src_user_id", "src_user_type", "src_user_role", "user_role",
                             "object", "object_id", "object_attrs"}) {
    EXPECT_EQ(F(row, absent), kAbsent) << absent;
  }
  EXPECT_EQ(F(row, "change_type"), kAbsent);
  EXPECT_EQ(F(row, "action"), "success");
  EXPECT_EQ(F(row, "status"), "success");
  EXPECT_EQ(F(row, "object_category"), "unknown");
}

TEST(ProfileAwsCloudTrailTest, ConsoleLoginFailure) {
  Fields event = With(ConsoleLoginSuccess(), {{"responseElements.ConsoleLogin", S("Failure")},
                                              {"errorMessage", S("Failed authentication")},
                                              {"additionalEventData.MFAUsed", S("No")}});
  Row row = Derive(event);
  EXPECT_EQ(F(row, "errorCode"), "failure");
  EXPECT_EQ(F(row, "msg"), "success");  // msg reads the raw (absent) errorCode
  EXPECT_EQ(F(row, "action"), "failure");
  EXPECT_EQ(F(row, "status"), "failure");
  EXPECT_EQ(F(row, "reason"), "Failed authentication");
  EXPECT_EQ(F(row, "result"), "Failed authentication");
  EXPECT_EQ(F(row, "result_id"), kAbsent);
  EXPECT_EQ(F(row, "authentication_method"), "SFA");
}

TEST(ProfileAwsCloudTrailTest, ConsoleLoginFailureIsCaseSensitive) {
  Row row = Derive(With(ConsoleLoginSuccess(), {{"responseElements.ConsoleLogin", S("failure")}}));
  EXPECT_EQ(F(row, "errorCode"), "success");
}

TEST(ProfileAwsCloudTrailTest, ServiceAssumeRole) {
  Row row = Derive(ServiceAssumeRole());
  EXPECT_EQ(F(row, "temp_access_key"), "ASIAEXAMPLETEMP00001");
  EXPECT_EQ(F(row, "src"), "ec2.amazonaws.com");
  EXPECT_EQ(F(row, "src_ip"), "ec2.amazonaws.com");
  EXPECT_EQ(F(row, "user_group_id"), kAbsent);
  EXPECT_EQ(F(row, "errorCode"), "success");
  EXPECT_EQ(F(row, "msg"), "success");
  EXPECT_EQ(F(row, "user_arn"), "arn:aws:iam::111122223333:role/WebServerRole");
  EXPECT_EQ(F(row, "userName"), "WebServerRole");
  EXPECT_EQ(F(row, "user"), "i-0abcd1234efgh5678");
  EXPECT_EQ(F(row, "user_name"), "WebServerRole");
  EXPECT_EQ(F(row, "user_id"), "AROAEXAMPLEROLEID0001");
  EXPECT_EQ(F(row, "user_type"), "AWS::IAM::Role");
  EXPECT_EQ(F(row, "user_agent"), "ec2.amazonaws.com");
  EXPECT_EQ(F(row, "aws_account_id"), "111122223333");
  EXPECT_EQ(F(row, "vendor_account"), "111122223333");
  EXPECT_EQ(F(row, "dest"), "sts.amazonaws.com");
  for (const char* absent : {"src_user", "src_user_type", "src_user_id", "src_user_role", "user_role",
                             "authentication_method", "object", "object_id", "object_attrs"}) {
    EXPECT_EQ(F(row, absent), kAbsent) << absent;
  }
  EXPECT_EQ(F(row, "change_type"), "STS");
  EXPECT_EQ(F(row, "action"), "success");
  EXPECT_EQ(F(row, "status"), "success");
  EXPECT_EQ(F(row, "object_category"), "unknown");
  EXPECT_EQ(F(row, "vendor"), "Amazon Web Services");
}

TEST(ProfileAwsCloudTrailTest, UserTypeRules) {
  EXPECT_EQ(F(Derive(IamUserCall("ListBuckets")), "user_type"), "IAMUser");
  EXPECT_EQ(F(Derive(IamUserCall("GetUser")), "user_type"), kAbsent);           // rule 1: ends in User
  EXPECT_EQ(F(Derive(IamUserCall("ListUsers")), "user_type"), "IAMUser");       // "Users" is not "User"
  EXPECT_EQ(F(Derive(IamUserCall("CreateLoginProfile")), "user_type"), kAbsent);
  EXPECT_EQ(F(Derive(IamUserCall("GetAccountSummary")), "user_type"), kAbsent);
  EXPECT_EQ(F(Derive(IamUserCall("ListRoles")), "user_type"), kAbsent);         // rule 5: no sessionIssuer
  EXPECT_EQ(F(Derive(IamUserCall("PutRolePolicy")), "user_type"), "IAMUser");   // rule 4
  EXPECT_EQ(F(Derive(IamUserCall("getuser")), "user_type"), "IAMUser");         // like() is case-sensitive

  Fields role_session = With(IamUserCall("ListRoles"),
                             {{"userIdentity.type", S("AssumedRole")},
                              {"userIdentity.sessionContext.sessionIssuer.type", S("Role")}});
  EXPECT_EQ(F(Derive(role_session), "user_type"), "Role");

  // Rule 6: resources{}.type joined with ",", else part 1 of the assumed-role ARN, else null (7.0.0).
  Fields assume = With(IamUserCall("AssumeRole"), {{"resources{}.type", S("AWS::IAM::Role")}});
  EXPECT_EQ(F(Derive(assume), "user_type"), "AWS::IAM::Role");
  Fields assume_two = With(IamUserCall("AssumeRole"), {{"resources{}.type", M({"AWS::IAM::Role", "AWS::KMS::Key"})}});
  EXPECT_EQ(F(Derive(assume_two), "user_type"), "AWS::IAM::Role,AWS::KMS::Key");
  Fields assume_arn = With(IamUserCall("AssumeRoleWithSAML"),
                           {{"responseElements.assumedRoleUser.arn", S("arn:aws:sts::1:assumed-role/Ops/alice")}});
  EXPECT_EQ(F(Derive(assume_arn), "user_type"), "Ops");
  EXPECT_EQ(F(Derive(IamUserCall("AssumeRole")), "user_type"), kAbsent);

  // ConsoleLogin by an assumed role: without LoginTo the issuer's type (rule 2), with it the
  // identity type (rule 3, AwsConsoleSignIn).
  Fields federated = With(Without(ConsoleLoginSuccess(), "additionalEventData.LoginTo"),
                          {{"userIdentity.type", S("AssumedRole")},
                           {"userIdentity.sessionContext.sessionIssuer.type", S("Role")}});
  EXPECT_EQ(F(Derive(federated), "user_type"), "Role");
  Fields federated_login_to = With(ConsoleLoginSuccess(), {{"userIdentity.type", S("AssumedRole")},
                                                           {"userIdentity.sessionContext.sessionIssuer.type", S("Role")}});
  EXPECT_EQ(F(Derive(federated_login_to), "user_type"), "AssumedRole");
}

TEST(ProfileAwsCloudTrailTest, ErrorCodeIsRawOrSuccess) {
  Fields denied = With(IamUserCall("DescribeInstances"), {{"eventSource", S("ec2.amazonaws.com")},
                                                          {"errorCode", S("Client.UnauthorizedOperation")}});
  Row row = Derive(denied);
  EXPECT_EQ(F(row, "errorCode"), "Client.UnauthorizedOperation");
  EXPECT_EQ(F(row, "result_id"), "Client.UnauthorizedOperation");
  EXPECT_EQ(F(row, "user_type"), "IAMUser");  // the %Instances rule
  EXPECT_EQ(F(row, "dest"), "ec2.amazonaws.com");
  EXPECT_EQ(F(row, "user"), "alice");
  EXPECT_EQ(F(row, "object"), "ec2.amazonaws.com");

  Row ok = Derive(IamUserCall("ListUsers"));
  EXPECT_EQ(F(ok, "errorCode"), "success");
  EXPECT_EQ(F(ok, "result_id"), kAbsent);
  EXPECT_EQ(F(ok, "action"), "read");
  EXPECT_EQ(F(ok, "status"), "success");
}

TEST(ProfileAwsCloudTrailTest, EvalsSeeFieldsBeforeAnyEval) {
  // msg reads errorCode: the raw one, not the eval'd "success"/"failure".
  Row ok = Derive(IamUserCall("ListUsers"));
  EXPECT_EQ(F(ok, "msg"), "success");
  // object_attrs rule 5 reads the raw errorCode too.
  Fields denied_key = With(IamUserCall("CreateAccessKey"), {{"errorCode", S("AccessDenied")}});
  EXPECT_EQ(F(Derive(denied_key), "object_attrs"), "user");
  Fields created_key = With(IamUserCall("CreateAccessKey"), {{"responseElements.accessKey.status", S("Active")}});
  EXPECT_EQ(F(Derive(created_key), "object_attrs"), "status=Active");
}

TEST(ProfileAwsCloudTrailTest, SourceAliasesPresentAndAbsent) {
  Row with_ip = Derive(IamUserCall("ListUsers"));
  EXPECT_EQ(F(with_ip, "src"), "198.51.100.23");
  EXPECT_EQ(F(with_ip, "src_ip"), "198.51.100.23");
  Row without_ip = Derive(Without(IamUserCall("ListUsers"), "sourceIPAddress"));
  EXPECT_EQ(F(without_ip, "src"), kAbsent);
  EXPECT_EQ(F(without_ip, "src_ip"), kAbsent);
}

TEST(ProfileAwsCloudTrailTest, AliasTargetRemovedWhenSourceMissing) {
  // An event that already carries fields named like alias targets: AS overwrites or removes them.
  Fields event = With(Without(IamUserCall("ListUsers"), "sourceIPAddress"),
                      {{"src", S("stale")}, {"region", S("stale")}});
  Row row = Derive(event);
  EXPECT_EQ(F(row, "src"), kAbsent);
  EXPECT_EQ(F(row, "region"), "us-east-1");
}

TEST(ProfileAwsCloudTrailTest, UserAgentArrayForm) {
  Row row = Derive(With(Without(IamUserCall("ListUsers"), "userAgent"), {{"userAgent{}", S("Boto3/1.28")}}));
  EXPECT_EQ(F(row, "user_agent"), "Boto3/1.28");
}

TEST(ProfileAwsCloudTrailTest, DestRules) {
  Fields run = With(IamUserCall("RunInstances"), {{"eventSource", S("ec2.amazonaws.com")},
                                                  {"responseElements.instancesSet.items{}.instanceId",
                                                   M({"i-0aaa", "i-0bbb"})}});
  EXPECT_EQ(F(Derive(run), "dest"), "i-0aaa|i-0bbb");
  Fields stop = With(IamUserCall("StopInstances"), {{"eventSource", S("ec2.amazonaws.com")}});
  EXPECT_EQ(F(Derive(stop), "dest"), kAbsent);  // no fallback
  Fields delete_bucket = With(IamUserCall("DeleteBucket"), {{"eventSource", S("s3.amazonaws.com")},
                                                            {"requestParameters.host{}", S("bkt.s3.amazonaws.com")}});
  Row bucket = Derive(delete_bucket);
  EXPECT_EQ(F(bucket, "dest"), "bkt.s3.amazonaws.com");
  EXPECT_EQ(F(bucket, "change_type"), "storage");
  EXPECT_EQ(F(bucket, "object_category"), "bucket");
  EXPECT_EQ(F(bucket, "object_attrs"), "bucket");
}

TEST(ProfileAwsCloudTrailTest, NetworkAclProtocolLookup) {
  Fields entry = With(IamUserCall("CreateNetworkAclEntry"), {{"eventSource", S("ec2.amazonaws.com")},
                                                             {"requestParameters.egress", S("false")},
                                                             {"requestParameters.ruleAction", S("allow")},
                                                             {"requestParameters.cidrBlock", S("0.0.0.0/0")},
                                                             {"requestParameters.aclProtocol", S("6")},
                                                             {"requestParameters.portRange.from", S("22")},
                                                             {"requestParameters.portRange.to", S("22")}});
  Row row = Derive(entry);
  EXPECT_EQ(F(row, "direction"), "Inbound");
  EXPECT_EQ(F(row, "src_ip_range"), "0.0.0.0/0");
  EXPECT_EQ(F(row, "dest_ip_range"), kAbsent);
  EXPECT_EQ(F(row, "src_port_range"), "22|22");
  EXPECT_EQ(F(row, "rule_action"), "allow");
  EXPECT_EQ(F(row, "protocol_code"), "6");
  EXPECT_EQ(F(row, "protocol"), "IP");  // the add-on's table says IP for 6
  EXPECT_EQ(F(row, "object_attrs"), "ruleAction=allow");
  Row unknown = Derive(With(entry, {{"requestParameters.aclProtocol", S("300")}}));
  EXPECT_EQ(F(unknown, "protocol"), "unknown");  // default_match
}

// bug_log S7: user_type and src_ip exist only with the profile.
TEST(ProfileAwsCloudTrailTest, BugLogS7UserTypeNeedsTheProfile) {
  Fields d = {{"eventVersion", S("1.10")},
              {"eventTime", S("2026-01-15T10:05:00Z")},
              {"eventSource", S("iam.amazonaws.com")},
              {"eventName", S("ListUsers")},
              {"awsRegion", S("us-east-1")},
              {"sourceIPAddress", S("203.0.113.10")},
              {"userAgent", S("aws-cli/2.15.0 Python/3.11")},
              {"errorCode", S("AccessDenied")},
              {"errorMessage", S("User: arn:aws:iam::123456789012:user/alice-dev is not authorized to perform: iam:ListUsers")},
              {"requestParameters", S("null")},
              {"responseElements", S("null")},
              {"userIdentity.type", S("IAMUser")},
              {"userIdentity.principalId", S("AIDAEXAMPLE0000000001")},
              {"userIdentity.arn", S("arn:aws:iam::123456789012:user/alice-dev")},
              {"userIdentity.accountId", S("123456789012")},
              {"userIdentity.accessKeyId", S("AKIAEXAMPLE000000001")},
              {"userIdentity.userName", S("alice-dev")},
              {"eventType", S("AwsApiCall")},
              {"recipientAccountId", S("123456789012")}};
  Row raw = MakeEvent(d);  // --profile none: nothing is derived
  EXPECT_EQ(F(raw, "user_type"), kAbsent);
  EXPECT_EQ(F(raw, "src_ip"), kAbsent);
  Row derived = Derive(d);
  EXPECT_EQ(F(derived, "user_type"), "IAMUser");
  EXPECT_EQ(F(derived, "src_ip"), "203.0.113.10");
  EXPECT_EQ(F(derived, "errorCode"), "AccessDenied");
  EXPECT_EQ(F(derived, "userIdentity.arn"), "arn:aws:iam::123456789012:user/alice-dev");
}

// bug_log S8: errorCode=success appears only through the profile.
TEST(ProfileAwsCloudTrailTest, BugLogS8ErrorCodeSuccessIsDerived) {
  Fields event = {{"eventName", S("DeleteBucket")},
                  {"eventSource", S("s3.amazonaws.com")},
                  {"eventTime", S("2026-01-15T10:00:00Z")}};
  EXPECT_EQ(F(MakeEvent(event), "errorCode"), kAbsent);
  Row derived = Derive(event);
  EXPECT_EQ(F(derived, "errorCode"), "success");
  EXPECT_EQ(F(derived, "action"), "deleted");
  EXPECT_EQ(F(derived, "status"), "success");
}

}  // namespace
}  // namespace trailhound
