// --lookups and --content lookups/ end to end through the binary.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace trailhound {
namespace {

using cli_test::CliRun;
using cli_test::TempDir;
using cli_test::Trailhound;

TEST(CliLookups, SearchReadsLookupsFromEveryLookupsDirectoryLaterWins) {
  TempDir dir;
  dir.Write("a/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  dir.Write("a/accounts.csv", "eventName,kind\nDescribeInstances,old\n");
  dir.Write("b/accounts.yml", "name: accounts\nfilename: accounts.csv\n");
  dir.Write("b/accounts.csv", "eventName,kind\nDescribeInstances,discovery\n");
  std::string a = (dir.path() / "a").string(), b = (dir.path() / "b").string();
  CliRun r = Trailhound("search --format jsonl -q --lookups '" + a + "' --lookups '" + b +
                        "' '`cloudtrail` eventName=DescribeInstances | head 1 | lookup accounts eventName OUTPUT kind | table eventName kind' "
                        "samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"eventName\":\"DescribeInstances\",\"kind\":\"discovery\"}\n");
}

TEST(CliLookups, InputlookupNeedsNoEventsAndContentLookupsAreLoaded) {
  TempDir dir;
  dir.Write("content/lookups/seen.yml", "name: seen\nfilename: seen.csv\n");
  dir.Write("content/lookups/seen.csv", "user,n\nzed,3\n");
  dir.Write("content/macros/.keep", "");
  CliRun r = Trailhound("search --format jsonl -q --content '" + (dir.path() / "content").string() + "' '| inputlookup seen' samples/AWSLogs");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"user\":\"zed\",\"n\":\"3\"}\n");
}

TEST(CliLookups, MissingLookupIsExitThreeNamingIt) {
  CliRun r = Trailhound("search -q '`cloudtrail` | lookup nosuch_table user' samples/AWSLogs");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("unknown lookup 'nosuch_table'"), std::string::npos) << r.err;
  r = Trailhound("search -q --lookups /nonexistent/dir '`cloudtrail`' samples/AWSLogs");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--lookups"), std::string::npos) << r.err;
}

TEST(CliLookups, LookupsDirectoryOverridesTheCsvOfAContentDefinition) {
  TempDir dir;
  dir.Write("sc/lookups/aws_service_accounts.yml", "name: aws_service_accounts\nfilename: aws_service_accounts.csv\n");
  dir.Write("sc/lookups/aws_service_accounts.csv", "identity\n");
  dir.Write("sc/macros/.keep", "");
  dir.Write("lk3/aws_service_accounts.csv", "identity\nsvc-deploy\nsvc-backup\n");
  std::string sc = (dir.path() / "sc").string(), lk3 = (dir.path() / "lk3").string();
  CliRun r = Trailhound("search --format jsonl -q --content '" + sc + "' --lookups '" + lk3 + "' '| inputlookup aws_service_accounts'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"identity\":\"svc-deploy\"}\n{\"identity\":\"svc-backup\"}\n");
  // Without the override, the content's own (header-only) CSV is used.
  r = Trailhound("search --format jsonl -q --content '" + sc + "' '| inputlookup aws_service_accounts'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliLookups, ABadDefinitionFailsOnlyTheSearchesThatUseIt) {
  TempDir dir;
  dir.Write("lk/ips.yml", "name: ips\nfilename: ips.csv\nmatch_type: FUZZY(ip)\n");
  dir.Write("lk/ips.csv", "ip,zone\n10.0.0.0/8,internal\n");
  dir.Write("lk/teams.csv", "user,team\nalice,red\n");
  std::string lk = (dir.path() / "lk").string();
  CliRun r = Trailhound("search --format jsonl -q --lookups '" + lk + "' '| inputlookup teams.csv'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"user\":\"alice\",\"team\":\"red\"}\n");
  r = Trailhound("search --format jsonl -q --lookups '" + lk + "' '`cloudtrail` | lookup ips ip AS src_ip OUTPUT zone' samples/AWSLogs");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("lookup 'ips' cannot be used: " + lk + "/ips.yml: match_type FUZZY(ip) is not supported (WILDCARD, CIDR, EXACT)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliLookups, LookupOnlySearchesNeedNoInputPath) {
  TempDir dir;
  dir.Write("lk/x.csv", "k,v\n1,one\n2,two\n");
  std::string lk = (dir.path() / "lk").string();
  CliRun r = Trailhound("search --format jsonl -q '| inputlookup x.csv | where k=2' --lookups '" + lk + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"k\":\"2\",\"v\":\"two\"}\n");
  // A subsearch that reads events still needs input.
  r = Trailhound("search -q '| inputlookup x.csv | append [search `cloudtrail` | head 1]' --lookups '" + lk + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("no input"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace trailhound
