// Derivation of raw-text prefilters (plan/prefilter.hpp): what each kind of search term requires,
// derived fields through the AWS profile, subsearches, and the 53 production detections.
#include "plan/prefilter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>

#include "common/error.hpp"
#include "detect/detection_yaml.hpp"
#include "detect/spl_usage_scan.hpp"
#include "content_test_util.hpp"
#include "exec/lookup_registry.hpp"
#include "profile/profile_registry.hpp"
#include "spl/macro_expander.hpp"
#include "spl/macro_table.hpp"
#include "spl/search_parser.hpp"

namespace trailhound {
namespace {

namespace fs = std::filesystem;

using content_test::UsesTstats;

FieldOrigins AwsOrigins() { return FieldOrigins::FromProfiles(BuiltinProfiles()); }

// The prefilter of a macro-expanded query, under the built-in profiles.
std::string Derive(const std::string& query, const FieldOrigins& origins = AwsOrigins()) {
  auto plan = PlanQuery(query, EvalSettings{});
  return DescribePrefilter(DerivePrefilter(*plan, origins));
}

std::string DeriveRaw(const std::string& query) { return Derive(query, FieldOrigins::FromProfiles({})); }

TEST(PrefilterTest, SeedDetection) {
  MacroTable macros = MacroTable::WithBuiltins();
  auto detections = LoadBuiltinDetections();
  const Detection* seed = nullptr;
  for (const auto& d : detections) {
    if (d.name == "AWS IAM AccessDenied Discovery Events") seed = &d;
  }
  ASSERT_NE(seed, nullptr);
  std::string expanded = ExpandMacros(seed->search, macros);
  // sourcetype is the scan's; user_type can be a computed mvjoin (AssumeRole*) so it requires
  // nothing; userAgent!= is a negation; errorCode's constants are "failure" and "success".
  EXPECT_EQ(Derive(expanded), "\"accessdenied\"");
}

TEST(PrefilterTest, AndOrNot) {
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail OR eventName=StopLogging"), "\"deletetrail\" OR \"stoplogging\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail eventSource=cloudtrail.amazonaws.com"),
            "\"deletetrail\" AND \"cloudtrail.amazonaws.com\"");
  EXPECT_EQ(DeriveRaw("(a=alpha OR b=beta) c=gamma"), "(\"alpha\" OR \"beta\") AND \"gamma\"");
  EXPECT_EQ(DeriveRaw("a=alpha (b=beta OR c=gamma)"), "\"alpha\" AND (\"beta\" OR \"gamma\")");
  // A negation requires nothing, and a kTrue side makes an OR require nothing.
  EXPECT_EQ(DeriveRaw("NOT eventName=DeleteTrail"), "none");
  EXPECT_EQ(DeriveRaw("eventName!=DeleteTrail"), "none");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail NOT userAgent=console"), "\"deletetrail\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail OR NOT userAgent=console"), "none");
  EXPECT_EQ(DeriveRaw("count>5 eventName=DeleteTrail"), "\"deletetrail\"");
  EXPECT_EQ(DeriveRaw("count<=5"), "none");
  EXPECT_EQ(DeriveRaw("*"), "none");
  // IN is an OR of its values.
  EXPECT_EQ(DeriveRaw("eventName IN (DeleteTrail, \"StopLogging\", ab)"), "none");
  EXPECT_EQ(DeriveRaw("eventName IN (DeleteTrail, \"StopLogging\")"), "\"deletetrail\" OR \"stoplogging\"");
  // Duplicates collapse.
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail eventName=deletetrail"), "\"deletetrail\"");
}

TEST(PrefilterTest, QuotedValuesWildcardsAndFragments) {
  EXPECT_EQ(DeriveRaw("eventName=\"DeleteTrail\""), "\"deletetrail\"");
  EXPECT_EQ(DeriveRaw("userAgent=\"aws cli/2\""), "\"aws cli\"");  // split at '/'
  EXPECT_EQ(DeriveRaw("errorMessage=\"a \\\"quoted\\\" word\""), "\"quoted\"");  // split at '"'
  EXPECT_EQ(DeriveRaw("eventName=*Denied*"), "\"denied\"");
  EXPECT_EQ(DeriveRaw("eventName=Put*Policy"), "\"policy\"");
  EXPECT_EQ(DeriveRaw("eventName=Delete*Tr"), "\"delete\"");
  EXPECT_EQ(DeriveRaw("eventName=ab*cd"), "none");  // fragments shorter than 3 bytes
  EXPECT_EQ(DeriveRaw("eventName=abc"), "\"abc\"");
  EXPECT_EQ(DeriveRaw("eventName=ab"), "none");
  EXPECT_EQ(DeriveRaw("eventName=*"), "none");  // exists
  EXPECT_EQ(DeriveRaw("event*=DeleteTrail"), "none");  // field-name wildcard
  EXPECT_EQ(DeriveRaw("userName=caf\xc3\xa9s"), "\"caf\"");  // non-ASCII splits
  EXPECT_EQ(DeriveRaw("userName=\"x\\\\y\""), "none");  // backslash splits
  EXPECT_EQ(DeriveRaw("readOnly=false"), "\"false\"");  // JSON booleans are verbatim
  EXPECT_EQ(DeriveRaw("port=443"), "\"443\"");
}

TEST(PrefilterTest, Cidr) {
  EXPECT_EQ(DeriveRaw("sourceIPAddress=10.0.0.0/8"), "none");
  EXPECT_EQ(Derive("src_ip=192.168.0.0/16"), "none");
  EXPECT_EQ(DeriveRaw("sourceIPAddress=10.1.2.3"), "\"10.1.2.3\"");
}

TEST(PrefilterTest, BareTerms) {
  EXPECT_EQ(DeriveRaw("AccessDenied"), "\"accessdenied\"");
  EXPECT_EQ(DeriveRaw("\"access denied\""), "\"access denied\"");
  EXPECT_EQ(DeriveRaw("*Denied"), "\"denied\"");
  EXPECT_EQ(DeriveRaw("ab"), "none");
  EXPECT_EQ(DeriveRaw("arn:aws:iam::123456789012:root"), "\"arn:aws:iam::123456789012:root\"");
  EXPECT_EQ(DeriveRaw("arn:aws:iam::123456789012:role/admin"), "\"arn:aws:iam::123456789012:role\"");
}

TEST(PrefilterTest, ScanAssignedFields) {
  EXPECT_EQ(Derive("sourcetype=aws:cloudtrail"), "none");
  EXPECT_EQ(Derive("source=*cloudtrail*"), "none");
  EXPECT_EQ(Derive("host=myhost index=main"), "none");
  EXPECT_EQ(Derive("date_hour=10 date_wday=monday"), "none");
  EXPECT_EQ(Derive("_time=123 _raw=*DeleteTrail*"), "none");
  EXPECT_EQ(Derive("linecount=1"), "none");
}

TEST(PrefilterTest, DerivedFields) {
  // errorCode: case(isnotnull(errorCode), errorCode, ...=="Failure", "failure", true(), "success").
  EXPECT_EQ(Derive("errorCode=AccessDenied"), "\"accessdenied\"");
  EXPECT_EQ(Derive("errorCode=success"), "none");
  EXPECT_EQ(Derive("errorCode=Success"), "none");  // the matcher folds case
  EXPECT_EQ(Derive("errorCode=fail*"), "none");
  EXPECT_EQ(Derive("errorCode=*denied*"), "\"denied\"");
  // msg: coalesce(errorCode, "success").
  EXPECT_EQ(Derive("msg=success"), "none");
  EXPECT_EQ(Derive("msg=AccessDenied"), "\"accessdenied\"");
  // Aliases are verbatim.
  EXPECT_EQ(Derive("src_ip=198.51.100.23"), "\"198.51.100.23\"");
  EXPECT_EQ(Derive("signature=DeleteTrail"), "\"deletetrail\"");
  // user_type: one branch is mvjoin(...), a computed value.
  EXPECT_EQ(Derive("user_type=IAMUser"), "none");
  // Lookup outputs.
  EXPECT_EQ(Derive("action=deleted"), "none");
  EXPECT_EQ(Derive("change_type=AAA"), "none");
  // vendor_product is the constant "AWS CloudTrail".
  EXPECT_EQ(Derive("vendor_product=\"AWS CloudTrail\""), "none");
  EXPECT_EQ(Derive("vendor_product=Splunk"), "\"splunk\"");
  // user: replace(...) and mvindex(split(...)) branches are computed.
  EXPECT_EQ(Derive("user=alice"), "none");
  // object_attrs has concatenations ("status=" . x).
  EXPECT_EQ(Derive("object_attrs=\"status=Active\""), "none");
  // direction: only the constants "Inbound" / "Outbound".
  EXPECT_EQ(Derive("direction=Inbound"), "none");
  EXPECT_EQ(Derive("direction=Sideways"), "\"sideways\"");
  // Without profiles every field is raw.
  EXPECT_EQ(DeriveRaw("errorCode=success"), "\"success\"");
  EXPECT_EQ(DeriveRaw("user_type=IAMUser"), "\"iamuser\"");
}

TEST(PrefilterTest, ProfileAnalysisFollowsStageOrder) {
  Profile p("custom", "test");
  p.AddAlias("sourcetype", "st_copy", false, "t");
  p.AddAlias("eventName", "op", false, "t");
  p.AddCalculatedField("fromscan", "coalesce(host, eventName)", "t");
  p.AddCalculatedField("fromalias", "if(isnull(op), \"none\", op)", "t");
  p.AddCalculatedField("fromstcopy", "st_copy", "t");
  p.AddCalculatedField("concat", "eventName . \"x\"", "t");
  p.AddCalculatedField("number", "case(a==1, 42, true(), eventName)", "t");
  FieldOrigins o = FieldOrigins::FromProfiles({&p});
  EXPECT_EQ(Derive("op=DeleteTrail", o), "\"deletetrail\"");
  EXPECT_EQ(Derive("st_copy=aws:cloudtrail", o), "none");
  EXPECT_EQ(Derive("fromscan=DeleteTrail", o), "none");
  EXPECT_EQ(Derive("fromalias=DeleteTrail", o), "\"deletetrail\"");
  EXPECT_EQ(Derive("fromalias=none", o), "none");
  EXPECT_EQ(Derive("fromstcopy=abcdef", o), "none");
  EXPECT_EQ(Derive("concat=abcdef", o), "none");
  EXPECT_EQ(Derive("number=42", o), "none");
  EXPECT_EQ(Derive("number=4*", o), "none");
  EXPECT_EQ(Derive("number=420", o), "\"420\"");
  // A field derived by one profile is analysed under each: a constant of either rules it out.
  Profile q("other", "test");
  q.AddCalculatedField("op", "\"DeleteTrail\"", "t");
  FieldOrigins both = FieldOrigins::FromProfiles({&p, &q});
  EXPECT_EQ(Derive("op=DeleteTrail", both), "none");
  EXPECT_EQ(Derive("op=StopLogging", both), "\"stoplogging\"");
}

TEST(PrefilterTest, OnlyLeadingSearchesCount) {
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | search userName=alice"), "\"deletetrail\" AND \"alice\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | where x>1 | search userName=alice"), "\"deletetrail\" AND \"alice\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | eval userName=\"bob\" | search userName=alice"), "\"deletetrail\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | stats count by userName | search userName=alice"), "\"deletetrail\"");
}

TEST(PrefilterTest, SubsearchesAreAlternatives) {
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | join userName [search eventName=StopLogging | fields userName]"),
            "\"deletetrail\" OR \"stoplogging\"");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | append [search *]"), "none");
  EXPECT_EQ(DeriveRaw("eventName=DeleteTrail | append [search eventName=abcd | append [search eventName=efgh]]"),
            "\"deletetrail\" OR \"abcd\" OR \"efgh\"");
}

TEST(PrefilterTest, Simplification) {
  using E = PrefilterExpr;
  EXPECT_EQ(DescribePrefilter(E::And({E::True(), E::Term("ABC")})), "\"abc\"");
  EXPECT_EQ(DescribePrefilter(E::Or({E::True(), E::Term("abc")})), "none");
  EXPECT_EQ(DescribePrefilter(E::And({})), "none");
  EXPECT_EQ(DescribePrefilter(E::And({E::Term("a1"), E::And({E::Term("b1"), E::Term("c1")})})),
            "\"a1\" AND \"b1\" AND \"c1\"");
  EXPECT_EQ(SafeFragment("arn:aws:iam::*:user/Al"), "arn:aws:iam::");
  EXPECT_EQ(SafeFragment("x\x01yyy"), "yyy");
  EXPECT_EQ(SafeFragment("**"), "");
}

// Every production raw-CloudTrail detection of the shared security_content derives (most of them
// something), under the lookups of the checkout.
TEST(PrefilterTest, ProductionDetectionsDerive) {
  fs::path content = fs::path(TRAILHOUND_SHARED_DIR) / "security_content";
  if (!fs::is_directory(content)) GTEST_SKIP() << "no " << content;
  MacroTable macros = MacroTable::WithBuiltins();
  macros.LoadContentDirectory(content);
  LookupRegistry lookups;
  lookups.AddDirectory(content / "lookups");
  FieldOrigins origins = AwsOrigins();
  size_t total = 0, nontrivial = 0, planned = 0;
  for (const Detection& d : LoadContentDetections(content)) {
    if (d.status != "production" || d.search.find("`cloudtrail`") == std::string::npos ||
        UsesTstats(d.search, macros)) {
      continue;
    }
    ++total;
    std::string expanded = ExpandMacros(d.search, macros);
    std::unique_ptr<QueryPlan> plan;
    try {
      plan = PlanQuery(expanded, PlanContext{EvalSettings{}, &lookups});
    } catch (const Error& e) {
      std::cout << "[not planned] " << d.name << ": " << e.what() << "\n";
      continue;
    }
    ++planned;
    PrefilterExpr e = DerivePrefilter(*plan, origins);
    if (!e.IsTrue()) ++nontrivial;
    std::cout << "[prefilter] " << d.name << ": " << DescribePrefilter(e) << "\n";
    if (d.name == "AWS IAM AccessDenied Discovery Events") {
      EXPECT_EQ(DescribePrefilter(e), "\"accessdenied\"");
    }
    if (d.name == "AWS Defense Evasion Delete Cloudtrail") {
      EXPECT_EQ(DescribePrefilter(e), "\"deletetrail\" AND \"cloudtrail.amazonaws.com\"");
    }
  }
  std::cout << "[prefilter] " << nontrivial << " of " << planned << " planned (" << total
            << " production raw-CloudTrail detections) have a prefilter\n";
  EXPECT_EQ(total, 53u);
  EXPECT_GE(nontrivial, 30u);
}

}  // namespace
}  // namespace trailhound
