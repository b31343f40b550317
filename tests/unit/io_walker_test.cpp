// ListInputFiles: directory walk order, files kept as given, missing paths.
#include <gtest/gtest.h>

#include "io/input_reader.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

TEST(IoWalker, DirectoriesInByteWiseSortedOrder) {
  io_test::TempDir dir;
  for (const char* name : {"b.json", "a/z.json", "a/b/c.json", "B.json", "a.json", "a-b/x.json", "a/b.json"}) {
    dir.Write(name, "{}");
  }
  InputSummary summary;
  auto files = ListInputFiles({dir.path().string()}, summary);
  std::vector<std::string> relative;
  for (const auto& f : files) relative.push_back(f.path.substr(dir.path().string().size() + 1));
  EXPECT_EQ(relative, (std::vector<std::string>{"B.json", "a-b/x.json", "a.json", "a/b.json", "a/b/c.json",
                                                "a/z.json", "b.json"}));
  EXPECT_FALSE(summary.any_path_unreadable());
}

TEST(IoWalker, FilesKeptInTheOrderGiven) {
  io_test::TempDir dir;
  std::string z = dir.Write("z.json", "{}");
  std::string a = dir.Write("a.json", "{}");
  InputSummary summary;
  auto files = ListInputFiles({z, "/nonexistent/trailhound", a, "-"}, summary);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, z);
  EXPECT_EQ(files[1].path, a);
  EXPECT_EQ(files[2].path, "-");
  EXPECT_EQ(summary.skipped(SkipReason::kPathMissing), 1u);
  EXPECT_TRUE(summary.any_path_unreadable());
}

TEST(IoWalker, DigestPaths) {
  EXPECT_TRUE(IsDigestPath("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/01/15/x.json.gz"));
  EXPECT_FALSE(IsDigestPath("AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/15/x.json.gz"));
}

}  // namespace
}  // namespace trailhound
