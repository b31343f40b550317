// Profile::Bind: only what a query needs is applied, and AddInputs names the raw fields it reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "profile/bound_profile.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {
namespace {

const Profile& CloudTrail() { return *FindBuiltinProfile("aws:cloudtrail"); }

Projection Wanted(std::vector<const char*> names) {
  Projection wanted;
  for (const char* name : names) wanted.AddField(name);
  return wanted;
}

std::vector<std::string> EvalNames(const BoundProfile& bound) {
  std::vector<std::string> names;
  for (const CalculatedField* c : bound.calculated_fields()) names.push_back(c->field);
  return names;
}

std::vector<std::string> LookupNames(const BoundProfile& bound) {
  std::vector<std::string> names;
  for (const AutomaticLookup* l : bound.lookups()) names.push_back(l->name);
  return names;
}

bool HasInput(const BoundProfile& bound, const char* name) {
  const auto& inputs = bound.input_fields();
  return std::find(inputs.begin(), inputs.end(), name) != inputs.end();
}

TEST(ProfileBindTest, NothingWantedNothingBound) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"eventName", "userIdentity.arn"}));
  EXPECT_TRUE(bound.empty());
  EXPECT_TRUE(bound.input_fields().empty());
}

TEST(ProfileBindTest, AliasOnly) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"src_ip"}));
  ASSERT_EQ(bound.aliases().size(), 1u);
  EXPECT_EQ(bound.aliases()[0]->target, "src_ip");
  EXPECT_TRUE(bound.calculated_fields().empty());
  EXPECT_TRUE(bound.lookups().empty());
  EXPECT_EQ(bound.input_fields(), std::vector<std::string>{"sourceIPAddress"});
}

TEST(ProfileBindTest, UserTypeNeedsOnlyItsEval) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"user_type", "src_ip"}));
  EXPECT_EQ(EvalNames(bound), std::vector<std::string>{"user_type"});
  EXPECT_TRUE(bound.lookups().empty());
  for (const char* input : {"eventName", "eventType", "userIdentity.type", "additionalEventData.LoginTo",
                            "userIdentity.sessionContext.sessionIssuer.type", "resources{}.type",
                            "responseElements.assumedRoleUser.arn", "sourceIPAddress"}) {
    EXPECT_TRUE(HasInput(bound, input)) << input;
  }
  EXPECT_FALSE(HasInput(bound, "errorCode"));
  Projection extract = Wanted({"user_type"});
  bound.AddInputs(extract);
  EXPECT_TRUE(extract.Wants("userIdentity.type"));
  EXPECT_TRUE(extract.WantsUnder("userIdentity"));
  EXPECT_FALSE(extract.Wants("errorMessage"));
}

TEST(ProfileBindTest, StatusPullsInTheLookupAndTheErrorCodeEval) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"status"}));
  EXPECT_EQ(LookupNames(bound), std::vector<std::string>{"action-status-for-aws-cloudtrail"});
  EXPECT_EQ(EvalNames(bound), std::vector<std::string>{"errorCode"});
  EXPECT_TRUE(HasInput(bound, "eventName"));
  EXPECT_TRUE(HasInput(bound, "errorCode"));  // the raw one, read by the errorCode eval
  EXPECT_TRUE(HasInput(bound, "responseElements.ConsoleLogin"));
  // OUTPUTNEW reads its targets, which could come from the event.
  EXPECT_TRUE(HasInput(bound, "action"));
  EXPECT_TRUE(HasInput(bound, "status"));
}

TEST(ProfileBindTest, ChangeTypeNeedsBothLookupsInOrder) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"change_type"}));
  EXPECT_EQ(LookupNames(bound),
            (std::vector<std::string>{"changeType-for-aws-cloudtrail-lookup", "changetype-for-aws-cloudtrail"}));
  EXPECT_TRUE(bound.calculated_fields().empty());
  EXPECT_TRUE(HasInput(bound, "eventName"));
  EXPECT_TRUE(HasInput(bound, "eventSource"));
}

TEST(ProfileBindTest, ProtocolNeedsTheEvalsFeedingTheLookup) {
  BoundProfile bound = CloudTrail().Bind(Wanted({"protocol"}));
  EXPECT_EQ(LookupNames(bound), std::vector<std::string>{"protocol-for-aws-cloudtrail"});
  std::vector<std::string> evals = EvalNames(bound);
  std::sort(evals.begin(), evals.end());
  EXPECT_EQ(evals, (std::vector<std::string>{"protocol", "protocol_code"}));
  EXPECT_TRUE(HasInput(bound, "requestParameters.aclProtocol"));
}

TEST(ProfileBindTest, AliasFeedingAnEvalIsNotBoundWhenTheEvalDoesNotReadIt) {
  // result_id is an alias of the raw errorCode; the errorCode eval overwrites errorCode but the
  // alias still reads the extracted value.
  BoundProfile bound = CloudTrail().Bind(Wanted({"result_id", "msg"}));
  ASSERT_EQ(bound.aliases().size(), 1u);
  EXPECT_EQ(bound.aliases()[0]->target, "result_id");
  EXPECT_EQ(EvalNames(bound), std::vector<std::string>{"msg"});
  EXPECT_EQ(bound.input_fields(), std::vector<std::string>{"errorCode"});
}

TEST(ProfileBindTest, PrefixesAndAllSelectEverythingUnderThem) {
  Projection wanted;
  wanted.AddPrefix("src_user");
  BoundProfile bound = CloudTrail().Bind(wanted);
  std::vector<std::string> evals = EvalNames(bound);
  std::sort(evals.begin(), evals.end());
  EXPECT_EQ(evals, (std::vector<std::string>{"src_user", "src_user_id", "src_user_name", "src_user_role",
                                             "src_user_type"}));
  BoundProfile all = CloudTrail().Bind(Projection::All());
  EXPECT_EQ(all.aliases().size(), CloudTrail().aliases().size());
  EXPECT_EQ(all.calculated_fields().size(), CloudTrail().calculated_fields().size());
  EXPECT_EQ(all.lookups().size(), CloudTrail().lookups().size());
}

TEST(ProfileBindTest, BoundSubsetGivesTheSameValuesAsTheWholeProfile) {
  Row event;
  event.Set(fields::SourceType(), Value::Str("aws:cloudtrail"));
  event.Set(FieldNames::Intern("eventName"), Value::Str("ConsoleLogin"));
  event.Set(FieldNames::Intern("eventSource"), Value::Str("signin.amazonaws.com"));
  event.Set(FieldNames::Intern("eventType"), Value::Str("AwsConsoleSignIn"));
  event.Set(FieldNames::Intern("userIdentity.type"), Value::Str("IAMUser"));
  event.Set(FieldNames::Intern("responseElements.ConsoleLogin"), Value::Str("Failure"));
  Row whole = event;
  CloudTrail().Bind(Projection::All()).Apply(whole);
  Row part = event;
  CloudTrail().Bind(Wanted({"action", "status", "user_type"})).Apply(part);
  for (const char* name : {"action", "status", "user_type"}) {
    ASSERT_NE(part.Get(FieldNames::Intern(name)), nullptr) << name;
    EXPECT_EQ(*part.Get(FieldNames::Intern(name)), *whole.Get(FieldNames::Intern(name))) << name;
  }
  EXPECT_EQ(part.Get(FieldNames::Intern("action"))->AsString(), "failure");
  EXPECT_EQ(part.Get(FieldNames::Intern("src")), nullptr);  // not wanted, not derived
}

}  // namespace
}  // namespace trailhound
