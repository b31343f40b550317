// `trailhound lint` logic: the text scan of commands and functions, and the per-detection report
// on the fixtures in tests/fixtures/lint (one fine, one with unknown commands and functions, one
// reading fields nothing produces, one tstats).
#include <gtest/gtest.h>

#include "detect/detection_lint.hpp"
#include "detect/detection_yaml.hpp"
#include "detect/spl_usage_scan.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {
namespace {

using Strings = std::vector<std::string>;
const std::filesystem::path kContent = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/lint/content";

TEST(SplUsageScan, CommandsFunctionsAndSubsearches) {
  SplUsage u = ScanSplUsage(
      R"spl(sourcetype=x "a | b" [search y | inputlookup t.csv | fields z] | eval s=if(match(a, "x(y)"), lower('f(x)'), mvappend(1)) )spl"
      R"spl(| stats count values(q) as v dc(eval(if(a>1, b, null()))) by c | WHERE isnull(n) AND NOT(x) | `m(1)` | tstats count from datamodel=Change)spl");
  EXPECT_EQ(u.commands, (Strings{"search", "inputlookup", "fields", "eval", "stats", "where", "tstats"}));
  EXPECT_EQ(u.eval_functions, (Strings{"if", "match", "lower", "mvappend", "null", "isnull", "not"}));
  EXPECT_EQ(u.aggregate_functions, (Strings{"values", "dc"}));
  EXPECT_TRUE(u.uses_datamodel);
}

TEST(SplUsageScan, LeadingPipeAndExplicitSearch) {
  SplUsage u = ScanSplUsage("| inputlookup x.csv | search a=1 | table a");
  EXPECT_EQ(u.commands, (Strings{"inputlookup", "search", "table"}));
  EXPECT_FALSE(u.uses_datamodel);
  EXPECT_EQ(ScanSplUsage("search a=1").commands, Strings{"search"});
}

LintSettings Settings() {
  LintSettings s;
  s.eval.timezone = "UTC";
  s.raw_fields = LoadRawCloudTrailFields(kContent);
  s.profile = FindBuiltinProfile("aws:cloudtrail");
  return s;
}

DetectionLint Lint(const std::string& file, const LintSettings& settings = Settings()) {
  return LintDetection(LoadDetectionFile(kContent / "detections" / file), MacroTable::WithBuiltins(), settings);
}

TEST(DetectionLint, RawFieldsComeFromDataSources) {
  auto fields = LoadRawCloudTrailFields(kContent);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->size(), 9u);
  EXPECT_TRUE(fields->contains("userIdentity.arn"));
  EXPECT_EQ(LoadRawCloudTrailFields(kContent / "detections"), std::nullopt);
}

TEST(DetectionLint, FineDetectionRuns) {
  DetectionLint l = Lint("a_fine.yml");
  EXPECT_TRUE(l.runs) << l.error;
  EXPECT_EQ(l.error, "");
  EXPECT_TRUE(l.ProductionRawCloudTrail());
  EXPECT_TRUE(l.missing_commands.empty());
  EXPECT_TRUE(l.missing_functions.empty());
  ASSERT_TRUE(l.unproduced_fields.has_value());
  EXPECT_EQ(*l.unproduced_fields, Strings{});  // src_ip from the profile, denied from eval, bucketName renamed from requestParameters.bucketName
}

TEST(DetectionLint, ListsEveryUnknownCommandAndFunction) {
  DetectionLint l = Lint("b_unknown_command_function.yml");
  EXPECT_FALSE(l.runs);
  EXPECT_NE(l.error.find("frobnicate"), std::string::npos) << l.error;
  EXPECT_EQ(l.missing_commands, (Strings{"frobnicate", "zorble"}));
  EXPECT_EQ(l.missing_functions, (Strings{"frobulate", "wobble", "gronk", "stats:wibble"}));
  // The part before the first missing command is still checked; what follows it is not.
  ASSERT_TRUE(l.unproduced_fields.has_value());
  EXPECT_EQ(*l.unproduced_fields, Strings{"fieldBeforeFrobnicate"});
  EXPECT_EQ(l.fields_note, "checked up to `frobnicate`");
}

TEST(DetectionLint, FieldsNobodyProduces) {
  DetectionLint l = Lint("c_unproduced_field.yml");
  EXPECT_TRUE(l.runs) << l.error;
  ASSERT_TRUE(l.unproduced_fields.has_value());
  EXPECT_EQ(*l.unproduced_fields, (Strings{"anotherMissing", "madeUpField", "made_by_eval"}));
  // Without a raw schema the check is not made.
  LintSettings no_schema = Settings();
  no_schema.raw_fields.reset();
  DetectionLint unchecked = Lint("c_unproduced_field.yml", no_schema);
  EXPECT_FALSE(unchecked.unproduced_fields.has_value());
  EXPECT_EQ(unchecked.fields_note, "not checked: no data_sources/aws_cloudtrail*.yml");
}

TEST(DetectionLint, TstatsIsNotRawCloudTrail) {
  DetectionLint l = Lint("d_tstats.yml");
  EXPECT_TRUE(l.uses_tstats);
  EXPECT_TRUE(l.uses_datamodel);
  EXPECT_FALSE(l.ProductionRawCloudTrail());
  EXPECT_EQ(l.missing_commands, Strings{"tstats"});
  EXPECT_FALSE(l.runs);
  EXPECT_FALSE(l.unproduced_fields.has_value());
  EXPECT_EQ(l.fields_note, "not checked: the search does not plan");
}

}  // namespace
}  // namespace trailhound
