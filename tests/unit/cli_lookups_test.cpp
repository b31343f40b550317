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

}  // namespace
}  // namespace trailhound
