#include "spl/macro_table.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

#ifndef TRAILHOUND_SOURCE_DIR
#define TRAILHOUND_SOURCE_DIR "."
#endif

namespace trailhound {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(TRAILHOUND_SOURCE_DIR) / "tests/fixtures/detect";

TEST(MacroTableTest, BuiltinsHoldCloudtrailAndCtime) {
  MacroTable table = MacroTable::WithBuiltins();
  const MacroDefinition* cloudtrail = table.Find("cloudtrail", 0);
  ASSERT_NE(cloudtrail, nullptr);
  EXPECT_EQ(cloudtrail->definition, "sourcetype=aws:cloudtrail");
  EXPECT_EQ(cloudtrail->origin, "macros/cloudtrail.yml");
  const MacroDefinition* ctime = table.Find("security_content_ctime", 1);
  ASSERT_NE(ctime, nullptr);
  EXPECT_EQ(ctime->definition, "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)");
  EXPECT_EQ(ctime->arguments, std::vector<std::string>{"field"});
  // Keyed by argument count: there is no zero-argument security_content_ctime.
  EXPECT_EQ(table.Find("security_content_ctime", 0), nullptr);
  EXPECT_EQ(table.ArgumentCountsOf("security_content_ctime"), std::vector<size_t>{1});
}

TEST(MacroTableTest, StanzaNames) {
  EXPECT_EQ(MacroStanzaName("cloudtrail", 0), "cloudtrail");
  EXPECT_EQ(MacroStanzaName("security_content_ctime", 1), "security_content_ctime(1)");
}

TEST(MacroTableTest, LaterSourcesOverrideEarlierOnes) {
  MacroTable table = MacroTable::WithBuiltins();
  table.LoadPath(kFixtures / "override_macros");
  EXPECT_EQ(table.Find("cloudtrail", 0)->definition, "index=audit sourcetype=aws:cloudtrail");
  // The one-argument macro is untouched.
  EXPECT_NE(table.Find("security_content_ctime", 1), nullptr);
}

TEST(MacroTableTest, DirectoriesAreReadRecursivelySkippingHiddenFiles) {
  MacroTable table;
  table.LoadPath(kFixtures / "user_macros");
  EXPECT_NE(table.Find("aws_iam_accessdenied_discovery_events_filter", 0), nullptr);
  const MacroDefinition* wrap = table.Find("wrap_fields", 2);
  ASSERT_NE(wrap, nullptr);
  EXPECT_EQ(wrap->arguments, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(table.Find("hidden_macro", 0), nullptr);
  EXPECT_EQ(table.size(), 2u);
}

TEST(MacroTableTest, SingleFileCanBeLoaded) {
  MacroTable table;
  table.LoadPath(kFixtures / "override_macros/cloudtrail.yml");
  EXPECT_EQ(table.size(), 1u);
}

TEST(MacroTableTest, MissingDefinitionNamesFileAndKey) {
  MacroTable table;
  try {
    table.LoadPath(kFixtures / "bad/macro_without_definition.yml");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kQuery);
    EXPECT_NE(std::string(e.what()).find("macro_without_definition.yml"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("missing key 'definition'"), std::string::npos);
  }
}

TEST(MacroTableTest, InvalidYamlAndShapes) {
  MacroTable table;
  EXPECT_THROW(table.LoadYaml("name: [unclosed", "x.yml"), Error);
  EXPECT_THROW(table.LoadYaml("- just a list", "x.yml"), Error);
  EXPECT_THROW(table.LoadYaml("name: a b\ndefinition: x", "x.yml"), Error);
  EXPECT_THROW(table.LoadYaml("name: a\ndefinition:\n", "x.yml"), Error);
  EXPECT_THROW(table.LoadYaml("name: a\ndefinition: x\narguments: field", "x.yml"), Error);
  EXPECT_THROW(table.LoadYaml("name: a\ndefinition: x\narguments: [f, f]", "x.yml"), Error);
  table.LoadYaml("name: empty\ndefinition: ''", "x.yml");
  ASSERT_NE(table.Find("empty", 0), nullptr);
  EXPECT_EQ(table.Find("empty", 0)->definition, "");
}

TEST(MacroTableTest, MissingPathIsUsageError) {
  MacroTable table;
  try {
    table.LoadPath(kFixtures / "no_such_dir");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("--macros"), std::string::npos);
  }
}

TEST(MacroTableTest, LoadsSecurityContentMacrosWhenPresent) {
  std::filesystem::path content = std::string(TRAILHOUND_SHARED_DIR) + "/security_content";
  if (!std::filesystem::is_directory(content / "macros")) GTEST_SKIP() << "no security_content checkout";
  MacroTable table = MacroTable::WithBuiltins();
  table.LoadContentDirectory(content);
  EXPECT_GE(table.size(), 11u);
  EXPECT_EQ(table.Find("cloudtrail", 0)->definition, "sourcetype=aws:cloudtrail");
  EXPECT_EQ(table.Find("security_content_ctime", 1)->definition,
            MacroTable::WithBuiltins().Find("security_content_ctime", 1)->definition);
  // Quoted YAML scalars keep their text.
  EXPECT_EQ(table.Find("fillnull_config", 0)->definition, "null");
  EXPECT_EQ(table.Find("previously_unseen_cloud_provisioning_activity_window", 0)->definition, "\"-70m@m\"");
}

TEST(MacroTableTest, TolerantLoadSkipsBadFilesOnly) {
  MacroTable table;
  std::vector<std::string> errors = table.LoadContentDirectoryCollectingErrors(kFixtures / "mixed_content");
  EXPECT_TRUE(table.content_loaded());
  ASSERT_NE(table.Find("fixture_denied", 0), nullptr);
  EXPECT_EQ(table.Find("fixture_broken_macro", 0), nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("fixture_broken_macro.yml"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("'definition'"), std::string::npos) << errors[0];

  MacroTable other;
  EXPECT_FALSE(other.content_loaded());
  EXPECT_EQ(other.LoadPathCollectingErrors(kFixtures / "bad").size(), 3u);
  EXPECT_TRUE(other.LoadPathCollectingErrors(kFixtures / "user_macros").empty());
  EXPECT_NE(other.Find("aws_iam_accessdenied_discovery_events_filter", 0), nullptr);
  EXPECT_THROW(other.LoadPathCollectingErrors(kFixtures / "no_such_dir"), Error);
  EXPECT_THROW(other.LoadContentDirectoryCollectingErrors(kFixtures), Error);
  // The strict loader still stops at the first bad file.
  EXPECT_THROW(MacroTable().LoadContentDirectory(kFixtures / "mixed_content"), Error);
}

}  // namespace
}  // namespace trailhound
