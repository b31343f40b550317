// Lookup definitions in security_content format and resolving lookup names to tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "common/error.hpp"
#include "exec/lookup_registry.hpp"
#include "plan/query_plan.hpp"
#include "spl_test_util.hpp"

namespace trailhound {
namespace {

namespace fs = std::filesystem;

class LookupRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("trailhound_lookups_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  fs::path dir_;
};

TEST(LookupDefinitionTest, ReadsTheSecurityContentFields) {
  auto def = ParseLookupDefinition(
      "name: aws_service_accounts\nfilename: aws_service_accounts.csv\nmatch_type: WILDCARD(user), WILDCARD(arn)\n"
      "case_sensitive_match: 'false'\nmin_matches: 1\nmax_matches: 3\ndefault_match: unknown\n",
      "x.yml");
  EXPECT_EQ(def.name, "aws_service_accounts");
  EXPECT_EQ(def.filename, "aws_service_accounts.csv");
  EXPECT_EQ(def.options.wildcard_columns, (std::vector<std::string>{"user", "arn"}));
  EXPECT_FALSE(def.options.case_sensitive);
  EXPECT_EQ(def.options.min_matches, 1u);
  EXPECT_EQ(def.options.max_matches, 3u);
  EXPECT_EQ(def.options.default_match, "unknown");
  auto collection = ParseLookupDefinition("name: seen\ncollection: seen\nfields_list: _key, user\n", "y.yml");
  EXPECT_EQ(collection.collection, "seen");
  EXPECT_TRUE(collection.filename.empty());
  EXPECT_THROW(ParseLookupDefinition("name: x\n", "z.yml"), Error);
  EXPECT_THROW(ParseLookupDefinition("filename: x.csv\n", "z.yml"), Error);
  EXPECT_THROW(ParseLookupDefinition("name: x\nfilename: x.csv\nmatch_type: FUZZY(ip)\n", "z.yml"), Error);
  auto cidr = ParseLookupDefinition("name: x\nfilename: x.csv\nmatch_type: CIDR(ip), WILDCARD(host)\n", "z.yml");
  EXPECT_EQ(cidr.options.cidr_columns, (std::vector<std::string>{"ip"}));
  EXPECT_EQ(cidr.options.wildcard_columns, (std::vector<std::string>{"host"}));
}

TEST_F(LookupRegistryTest, ResolvesDefinitionsFileNamesAndExportedCollections) {
  Write("accounts.yml", "name: accounts\nfilename: accounts_file.csv\ncase_sensitive_match: false\n");
  Write("accounts_file.csv", "user,role\nAlice,admin\n");
  Write("seen.yml", "name: seen\ncollection: seen\n");
  Write("bare.csv", "k,v\n1,one\n");
  LookupRegistry registry;
  registry.AddDirectory(dir_);
  auto accounts = registry.Resolve("accounts", 0);
  EXPECT_FALSE(accounts->options().case_sensitive);
  EXPECT_EQ(accounts->row_count(), 1u);
  EXPECT_EQ(registry.Resolve("bare.csv", 0)->Cell(0, 1), "one");
  // A KV-store collection needs its export as <name>.csv.
  try {
    registry.Resolve("seen", 7);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("KV-store collection 'seen'"), std::string::npos) << e.what();
    EXPECT_EQ(e.position(), 7u);
  }
  Write("seen.csv", "user\nbob\n");
  EXPECT_EQ(registry.Resolve("seen", 0)->Cell(0, 0), "bob");
  EXPECT_THROW(registry.Resolve("nosuch", 0), QueryError);
  EXPECT_THROW(registry.Resolve("nosuch.csv", 0), QueryError);
}

TEST_F(LookupRegistryTest, MissingCsvOfADefinitionNamesIt) {
  Write("gone.yml", "name: gone\nfilename: gone.csv\n");
  LookupRegistry registry;
  registry.AddDirectory(dir_);
  try {
    registry.Resolve("gone", 0);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("lookup 'gone': its file gone.csv was not found"), std::string::npos) << e.what();
  }
}

TEST_F(LookupRegistryTest, ADefinitionsFileComesFromTheLastDirectoryThatHasIt) {
  fs::create_directories(dir_ / "content");
  fs::create_directories(dir_ / "override");
  fs::create_directories(dir_ / "empty");
  Write("content/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  Write("content/accounts.csv", "user\n");
  Write("override/accounts.csv", "user\nalice\n");
  LookupRegistry registry;
  registry.AddDirectory(dir_ / "content");
  registry.AddDirectory(dir_ / "override");
  registry.AddDirectory(dir_ / "empty");
  auto table = registry.Resolve("accounts", 0);
  ASSERT_EQ(table->row_count(), 1u);
  EXPECT_EQ(table->Cell(0, 0), "alice");
  EXPECT_EQ(table->origin(), (dir_ / "override" / "accounts.csv").string());
}

TEST_F(LookupRegistryTest, AnUnusableDefinitionFailsOnlyWhenNamed) {
  Write("ips.yml", "name: ips\nfilename: ips.csv\nmatch_type: FUZZY(ip)\n");
  Write("ips.csv", "ip\n10.0.0.1\n");
  Write("broken.yml", "name: [unclosed\n");
  Write("t.csv", "k\n1\n");
  LookupRegistry registry;
  ASSERT_NO_THROW(registry.AddDirectory(dir_));
  EXPECT_EQ(registry.Resolve("t.csv", 0)->row_count(), 1u);
  try {
    registry.Resolve("ips", 4);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_EQ(std::string(e.what()), "lookup 'ips' cannot be used: " + (dir_ / "ips.yml").string() +
                                         ": match_type FUZZY(ip) is not supported (WILDCARD, CIDR, EXACT)");
    EXPECT_EQ(e.position(), 4u);
  }
  // A file whose name cannot be read is known by its file name.
  try {
    registry.Resolve("broken", 0);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("lookup 'broken' cannot be used: " + (dir_ / "broken.yml").string() + ": invalid YAML"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(LookupRegistryTest, PlannerChecksColumns) {
  Write("t.csv", "user,city\na,X\n");
  LookupRegistry registry;
  registry.AddDirectory(dir_);
  PlanContext context;
  context.lookups = &registry;
  std::string q = "search a | lookup t.csv user OUTPUT country";
  try {
    PlanQuery(q, context);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("has no column 'country'"), std::string::npos) << e.what();
    EXPECT_EQ(e.position(), q.find("t.csv"));
  }
  EXPECT_NO_THROW(PlanQuery("search a | lookup t.csv user OUTPUT city", context));
  try {
    PlanQuery("search a | inputlookup t.csv", context);
    ADD_FAILURE() << "expected an error";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("inputlookup must be the first command"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(PlanQuery("search a | inputlookup append=t t.csv", context));
}

TEST(LookupRegistrySharedContentTest, LoadsEverySecurityContentDefinition) {
  fs::path dir = fs::path(TRAILHOUND_SHARED_DIR) / "security_content" / "lookups";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no shared security_content";
  LookupRegistry registry;
  registry.AddDirectory(dir);
  EXPECT_EQ(registry.Resolve("aws_service_accounts", 0)->columns().empty(), false);
  EXPECT_THROW(registry.Resolve("previously_seen_users_console_logins", 0), QueryError);  // a collection
}

}  // namespace
}  // namespace trailhound
