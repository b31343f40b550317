// The parallel scan gives the rows of a sequential one: any thread count, any range size for large
// JSON-lines files, and (for queries whose output is sorted) any file order. Line numbers in the
// summary and in runtime errors count from the start of the file, whichever range read the line.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.hpp"
#include "exec/query_runner.hpp"
#include "io_test_util.hpp"
#include "output/result_writer.hpp"

namespace trailhound {
namespace {

using io_test::TempDir;

// A deterministic CloudTrail-like event; `i` picks every field.
std::string Event(int i) {
  static const char* kNames[] = {"ListBuckets", "GetObject", "DescribeInstances", "AssumeRole", "GetUser", "ListRoles"};
  static const char* kSources[] = {"s3.amazonaws.com", "ec2.amazonaws.com", "iam.amazonaws.com", "sts.amazonaws.com"};
  const int minute = (i * 7) % 600;
  std::string error = i % 5 == 0 ? R"(,"errorCode":"AccessDenied")" : (i % 11 == 0 ? R"(,"errorCode":"Throttling")" : "");
  return fmt::format(
      R"({{"eventVersion":"1.08","eventTime":"2024-03-01T{:02d}:{:02d}:{:02d}Z","eventName":"{}","eventSource":"{}",)"
      R"("sourceIPAddress":"10.0.{}.{}","userAgent":"aws-cli/2.{}","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::1:user/u{}"}},)"
      R"("requestParameters":{{"size":{},"ratio":{}.{}}}{}}})",
      minute / 60, minute % 60, i % 60, kNames[i % 6], kSources[(i / 3) % 4], i % 3, i % 7, i % 9, i % 4, i * 37 % 1000, i % 97, i % 10,
      error);
}

struct Inputs {
  TempDir dir;
  std::vector<std::string> paths;
};

// A large JSON-lines file (with a bad line and a CRLF line), a Records file and a small one.
void MakeInputs(Inputs& in) {
  std::string big;
  for (int i = 0; i < 1500; ++i) {
    if (i == 1234) big += "{\"eventName\": oops\n";  // line 1235: not JSON
    big += Event(i) + (i % 50 == 0 ? "\r\n" : "\n");
  }
  big += Event(1500);  // no newline at the end
  in.paths.push_back(in.dir.Write("a/big.json", big));
  std::string records = "{\"Records\":[";
  for (int i = 2000; i < 2300; ++i) records += (i > 2000 ? "," : "") + Event(i);
  records += "]}";
  in.paths.push_back(in.dir.Write("b/records.json", records));
  std::string small;
  for (int i = 3000; i < 3040; ++i) small += Event(i) + "\n";
  in.paths.push_back(in.dir.Write("c/small.json", small));
}

struct RunOutput {
  std::vector<std::string> outputs;  // one JSON-lines text per query
  std::string summary;
  std::vector<std::string> failures;
};

RunOutput RunAll(const std::vector<std::string>& queries, const std::vector<std::string>& paths, unsigned threads,
           uint64_t range_bytes) {
  RunOptions options;
  options.scan.threads = threads;
  options.scan.range_bytes = range_bytes;
  InputSummary summary;
  auto files = ListInputFiles(paths, summary);
  auto results = RunQueries(queries, files, options, summary);
  RunOutput run;
  for (auto& r : results) {
    std::string out;
    AppendResults(out, OutputFormat::kJsonl, r.rows, r.columns);
    run.outputs.push_back(out);
  }
  std::ostringstream s;
  summary.Print(s);
  run.summary = s.str();
  run.failures = summary.first_parse_failures();
  return run;
}

const std::vector<std::string> kSortedQueries = {
    // The seed detection's shape: a mergeable stats after row-local commands.
    R"(search sourcetype=aws:cloudtrail errorCode=AccessDenied user_type=IAMUser userAgent!=*.amazonaws.com
       | bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime
         dc(eventName) as methods dc(eventSource) as sources by src_ip userIdentity.arn _time
       | where failures >= 1)",
    "search * | stats count by eventSource",
    "search * | stats count",
    // Sums of integers are exact, so they merge to the same result in any order.
    "search * | stats sum(requestParameters.size) as s max(requestParameters.size) as m dc(userIdentity.arn) as users "
    "values(eventName) as names by eventSource",
    // Wildcard aggregates: not mergeable, run once on all rows in order.
    "search errorCode=* | stats values(error*) as * by eventName",
    // A subsearch sees every event too.
    "search * | stats count by eventSource | join eventSource [search errorCode=* | stats count as errors by eventSource]",
};

const std::vector<std::string> kOrderedQueries = {
    // Sums of fractions depend on the order of the additions: the same for any thread count (the
    // ranges are cut from the data alone), not across range sizes or file orders.
    "search * | stats sum(requestParameters.ratio) as s avg(requestParameters.ratio) as a stdev(requestParameters.ratio) as sd "
    "by eventSource",
    "search * | stats first(eventName) as f last(eventName) as l list(sourceIPAddress) as ips earliest(eventName) as e "
    "by eventSource",
    "search errorCode=Throttling | table _time eventName sourceIPAddress",
    "search * | head 7 | table eventName userIdentity.arn",
    "search * | eventstats count as n by eventSource | where n > 300 | stats dc(eventName) as names count by eventSource",
    "search * | eval k=eventName.\"-\".eventSource | sort - _time k | head 20 | table _time k",
};

TEST(ParallelScan, SameRowsForAnyThreadCountAndRangeSize) {
  Inputs in;
  MakeInputs(in);
  std::vector<std::string> queries = kSortedQueries;
  queries.insert(queries.end(), kOrderedQueries.begin(), kOrderedQueries.end());
  const RunOutput base = RunAll(queries, in.paths, 1, 1ull << 40);
  // The runs read something: every query returns rows.
  for (size_t q = 0; q < queries.size(); ++q) EXPECT_FALSE(base.outputs[q].empty()) << queries[q];
  ASSERT_NE(queries[kSortedQueries.size()].find("ratio"), std::string::npos);
  EXPECT_NE(base.summary.find("1841 events read"), std::string::npos) << base.summary;
  for (uint64_t range : {uint64_t{1} << 40, uint64_t{4096}, uint64_t{777}}) {
    const RunOutput one = RunAll(queries, in.paths, 1, range);
    for (unsigned threads : {2u, 3u, 8u}) {
      const RunOutput run = RunAll(queries, in.paths, threads, range);
      for (size_t q = 0; q < queries.size(); ++q) {
        EXPECT_EQ(run.outputs[q], one.outputs[q]) << queries[q] << " with " << threads << " threads, ranges of " << range;
      }
    }
    // Whatever the ranges, the same rows as reading each file whole (but for fractional sums).
    for (size_t q = 0; q < queries.size(); ++q) {
      if (q == kSortedQueries.size()) continue;  // the fractional sums
      EXPECT_EQ(one.outputs[q], base.outputs[q]) << queries[q] << " with ranges of " << range;
    }
    EXPECT_EQ(one.summary, base.summary) << "ranges of " << range;
  }
}

TEST(ParallelScan, SortedResultsDoNotDependOnFileOrder) {
  Inputs in;
  MakeInputs(in);
  const RunOutput base = RunAll(kSortedQueries, in.paths, 2, 4096);
  std::vector<std::string> reversed(in.paths.rbegin(), in.paths.rend());
  const RunOutput run = RunAll(kSortedQueries, reversed, 3, 1000);
  for (size_t q = 0; q < kSortedQueries.size(); ++q) EXPECT_EQ(run.outputs[q], base.outputs[q]) << kSortedQueries[q];
}

TEST(ParallelScan, RangesReportLinesFromTheStartOfTheFile) {
  Inputs in;
  MakeInputs(in);
  // Ranges of 100 bytes are shorter than a line: most of them hold no line start at all.
  for (uint64_t range : {uint64_t{1} << 40, uint64_t{5000}, uint64_t{100}}) {
    const RunOutput run = RunAll({"search * | stats count"}, in.paths, 2, range);
    ASSERT_EQ(run.failures.size(), 1u) << run.summary;
    EXPECT_NE(run.failures[0].find("big.json:1235: "), std::string::npos) << run.failures[0];
    EXPECT_NE(run.outputs[0].find("\"count\":1841"), std::string::npos) << run.outputs[0];
  }
}

// Counts what the scan reports, from any thread.
class CountingProgress : public ScanProgress {
 public:
  void Start(uint64_t total, uint64_t files) override {
    total_ = total;
    files_ = files;
  }
  void AddBytes(uint64_t bytes) override { bytes_ += bytes; }
  void FileDone() override { ++done_; }
  void Finish() override { ++finished_; }
  uint64_t total_ = 0, files_ = 0;
  std::atomic<uint64_t> bytes_{0}, done_{0}, finished_{0};
};

TEST(ParallelScan, ProgressCountsEveryByteAndFileOnce) {
  Inputs in;
  MakeInputs(in);
  uint64_t size = 0;
  for (const auto& p : in.paths) size += std::filesystem::file_size(p);
  for (uint64_t range : {uint64_t{1} << 40, uint64_t{4096}}) {
    CountingProgress progress;
    RunOptions options;
    options.scan.threads = 3;
    options.scan.range_bytes = range;
    options.scan.progress = &progress;
    InputSummary summary;
    auto files = ListInputFiles(in.paths, summary);
    RunQueries({"search * | stats count"}, files, options, summary);
    EXPECT_EQ(progress.total_, size);
    EXPECT_EQ(progress.files_, 3u);
    // Bytes are counted as they are read, each once (a range's first partial line is skipped
    // unread, its last line read to its end).
    EXPECT_EQ(progress.bytes_.load(), size) << "ranges of " << range;
    EXPECT_EQ(progress.done_.load(), 3u);
    EXPECT_EQ(progress.finished_.load(), 1u);
  }
}

TEST(ParallelScan, ARuntimeErrorNamesTheEventLine) {
  Inputs in;
  // A userAgent on which this rex backtracks past PCRE2's match limit, at line 1501 of a file.
  std::string text;
  for (int i = 0; i < 1500; ++i) text += Event(i) + "\n";
  text += R"({"eventName":"GetUser","userAgent":")" + std::string(40, 'a') + R"(!"})" + "\n";
  for (int i = 0; i < 300; ++i) text += Event(i) + "\n";
  const std::string path = in.dir.Write("bomb.json", text);
  const std::string query = "search * | rex field=userAgent \"(?<a>^(a|a?)+$)\" | stats count by a";
  for (unsigned threads : {1u, 2u}) {
    for (uint64_t range : {uint64_t{1} << 40, uint64_t{3000}}) {
      RunOptions options;
      options.scan.threads = threads;
      options.scan.range_bytes = range;
      InputSummary summary;
      auto files = ListInputFiles({path}, summary);
      try {
        RunQueries({query}, files, options, summary);
        ADD_FAILURE() << "the rex did not fail";
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bomb.json:1501: "), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace trailhound
