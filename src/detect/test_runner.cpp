#include "detect/test_runner.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/time_format.hpp"
#include "detect/attack_data_path.hpp"
#include "detect/detection_tests.hpp"
#include "detect/expected_results.hpp"
#include "detect/git_lfs_pointer.hpp"
#include "detect/risk_event.hpp"
#include "detect/unit_test_verdict.hpp"
#include "plan/query_plan.hpp"
#include "spl/macro_expander.hpp"

namespace trailhound {

namespace fs = std::filesystem;

namespace {

struct SearchRun {
  std::vector<Row> rows;
  std::vector<FieldId> columns;
  InputSummary summary;
};

// Plans the detection afresh (a plan keeps its results) and runs it over `files`.
SearchRun RunSearch(const std::string& expanded, const std::vector<InputFile>& files, const RunOptions& options) {
  std::vector<std::unique_ptr<QueryPlan>> plans;
  plans.push_back(PlanQuery(expanded, PlanContext{options.settings, options.lookups.get()}));
  SearchRun run;
  auto results = RunPlans(plans, files, options, run.summary);
  if (results[0].runtime_error) throw Error(ErrorKind::kQuery, "the search stopped: " + *results[0].runtime_error);
  run.rows = std::move(results[0].rows);
  run.columns = std::move(results[0].columns);
  return run;
}

// A scratch file holding an inline test's events, removed with the object.
class ScratchEvents {
 public:
  explicit ScratchEvents(const std::string& events) {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("trailhound_test_events_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".json");
    std::ofstream out(path_, std::ios::binary);
    out << events;
    if (!out) throw Error(ErrorKind::kInput, "cannot write " + path_.string());
  }
  ~ScratchEvents() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  ScratchEvents(const ScratchEvents&) = delete;
  ScratchEvents& operator=(const ScratchEvents&) = delete;
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string DatasetColumn(const std::vector<std::string>& paths) {
  if (paths.empty()) return "-";
  std::string out = paths.front();
  if (paths.size() > 1) out += " (+" + std::to_string(paths.size() - 1) + " more)";
  return out;
}

TestOutcome RunContentTest(const Detection& d, const ContentTest& test, const std::string& expanded, const TestRunSettings& settings) {
  TestOutcome out{d.name, test.name, "", TestStatus::kSkip, std::nullopt, ""};
  std::vector<std::string> shown;
  std::vector<InputFile> files;
  std::string sourcetype;
  for (const auto& set : test.attack_data) {
    auto relative = AttackDataRelativePath(set.data);
    shown.push_back(relative ? *relative : set.data);
    if (!relative) {
      out.dataset = DatasetColumn(shown);
      out.reason = "dataset URL is not under attack_data/master/: " + set.data;
      return out;
    }
    if (settings.attack_data_dir.empty()) continue;
    fs::path file = fs::path(settings.attack_data_dir) / *relative;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      out.dataset = DatasetColumn(shown);
      out.reason = "dataset not found: " + file.string();
      return out;
    }
    if (IsGitLfsPointer(file)) {
      out.dataset = DatasetColumn(shown);
      out.reason = "dataset is a Git LFS pointer (run git lfs pull)";
      return out;
    }
    if (!sourcetype.empty() && set.sourcetype != sourcetype) {
      out.dataset = DatasetColumn(shown);
      out.status = TestStatus::kFail;
      out.reason = "datasets with different sourcetypes in one test are not supported";
      return out;
    }
    sourcetype = set.sourcetype;
    files.push_back({file.string()});
  }
  out.dataset = DatasetColumn(shown);
  if (settings.attack_data_dir.empty()) {
    out.reason = "no --attack-data DIR given";
    return out;
  }
  RunOptions options = settings.run;
  if (!sourcetype.empty()) options.scan.sourcetype = sourcetype;
  SearchRun run = RunSearch(expanded, files, options);
  out.rows = run.rows.size();
  TestVerdict verdict = JudgeUnitTest(d, run.rows);
  out.status = verdict.pass ? TestStatus::kPass : TestStatus::kFail;
  out.reason = verdict.reason;
  return out;
}

RunOptions InlineRunOptions(const InlineTest& test, const TestRunSettings& settings) {
  RunOptions options = settings.run;
  if (!test.tz.empty()) {
    ValidateTimezone(test.tz);
    options.settings.timezone = test.tz;
  }
  if (!test.now.empty()) {
    auto t = ParseNumber(test.now);
    if (!t) t = ParseIsoTime(test.now);
    if (!t) throw Error(ErrorKind::kQuery, "now: expected epoch seconds or ISO 8601, got '" + test.now + "'");
    options.settings.now = *t;
  }
  if (!test.sourcetype.empty()) options.scan.sourcetype = test.sourcetype;
  return options;
}

// The first expectation the result misses, or "" when it meets them all.
std::string CheckInlineExpectations(const Detection& d, const InlineTest& test, const SearchRun& run) {
  bool any = test.rows || test.expected_rows || test.expected_risk;
  if (!any) {
    TestVerdict verdict = JudgeUnitTest(d, run.rows);
    return verdict.pass ? "" : verdict.reason;
  }
  if (test.rows && *test.rows != run.rows.size()) {
    return "expected " + std::to_string(*test.rows) + " rows, got " + std::to_string(run.rows.size());
  }
  if (test.expected_rows) {
    if (auto diff = CompareExpectedRows(run.rows, run.columns, *test.expected_rows, test.unordered)) return *diff;
  }
  if (test.expected_risk) {
    RiskEventBuilder builder(d);
    std::vector<RiskEvent> events;
    for (const auto& row : run.rows) {
      auto more = builder.Build(row);
      events.insert(events.end(), more.begin(), more.end());
    }
    if (auto diff = CompareExpectedRisk(events, *test.expected_risk)) return *diff;
  }
  return "";
}

TestOutcome RunInlineTest(const Detection& d, const InlineTest& test, const std::string& expanded, const TestRunSettings& settings) {
  TestOutcome out{d.name, test.name, test.events_file.empty() ? "inline" : test.events_file, TestStatus::kFail, std::nullopt, ""};
  try {
    RunOptions options = InlineRunOptions(test, settings);
    std::optional<ScratchEvents> scratch;
    std::string path;
    if (test.events_file.empty()) {
      scratch.emplace(test.events);
      path = scratch->path();
    } else {
      path = (fs::path(d.origin).parent_path() / test.events_file).string();
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) {
        out.reason = "events_file not found: " + path;
        return out;
      }
    }
    SearchRun run = RunSearch(expanded, {InputFile{path}}, options);
    out.rows = run.rows.size();
    if (run.summary.parse_failures > 0) {
      std::string where = run.summary.first_parse_failures().empty() ? std::string("?") : run.summary.first_parse_failures().front();
      // The scratch file means nothing to the user: name the detection file and the test instead.
      if (scratch && where.rfind(path + ":", 0) == 0) {
        where = d.origin + ": inline test '" + test.name + "', events line " + where.substr(path.size() + 1);
      }
      out.reason = "the test's events do not parse: " + where;
      return out;
    }
    out.reason = CheckInlineExpectations(d, test, run);
    out.status = out.reason.empty() ? TestStatus::kPass : TestStatus::kFail;
  } catch (const Error& e) {
    out.reason = e.what();
  }
  return out;
}

}  // namespace

std::string_view TestStatusName(TestStatus status) {
  switch (status) {
    case TestStatus::kPass: return "pass";
    case TestStatus::kFail: return "fail";
    case TestStatus::kSkip: return "skipped";
  }
  return "?";
}

std::string ContentTestSkipReason(const Detection& d) {
  if (d.status != "production") {
    return "status " + (d.status.empty() ? std::string("(none)") : d.status) + ": contentctl tests production detections only";
  }
  if (d.type == "Correlation") return "type Correlation: contentctl does not unit-test correlation searches";
  if (!d.manual_test.empty()) return "manual_test: " + d.manual_test;
  return "";
}

std::vector<TestOutcome> RunDetectionTests(const Detection& d, const MacroTable& macros, const TestRunSettings& settings) {
  std::vector<TestOutcome> outcomes;
  auto fail_all = [&](const std::string& reason) {
    outcomes.push_back({d.name, "-", "-", TestStatus::kFail, std::nullopt, reason});
    return outcomes;
  };
  std::vector<ContentTest> content_tests;
  std::vector<InlineTest> inline_tests;
  try {
    content_tests = ParseContentTests(d);
    inline_tests = ParseInlineTests(d);
  } catch (const Error& e) {
    return fail_all(e.what());
  }
  if (content_tests.empty() && inline_tests.empty()) {
    outcomes.push_back({d.name, "-", "-", TestStatus::kSkip, std::nullopt, "no tests"});
    return outcomes;
  }
  std::string skip = ContentTestSkipReason(d);
  bool needs_search = !inline_tests.empty() || (skip.empty() && !content_tests.empty());
  std::string expanded;
  if (needs_search) {
    try {
      expanded = ExpandMacros(d.search, macros);
      // Fails early, once, for a search that does not plan.
      PlanQuery(expanded, PlanContext{settings.run.settings, settings.run.lookups.get()});
    } catch (const Error& e) {
      return fail_all(std::string("the search does not run: ") + e.what());
    }
  }
  for (const auto& test : content_tests) {
    if (!skip.empty()) {
      std::vector<std::string> shown;
      for (const auto& set : test.attack_data) shown.push_back(AttackDataRelativePath(set.data).value_or(set.data));
      outcomes.push_back({d.name, test.name, DatasetColumn(shown), TestStatus::kSkip, std::nullopt, skip});
      continue;
    }
    try {
      outcomes.push_back(RunContentTest(d, test, expanded, settings));
    } catch (const Error& e) {
      outcomes.push_back({d.name, test.name, "-", TestStatus::kFail, std::nullopt, e.what()});
    }
  }
  for (const auto& test : inline_tests) outcomes.push_back(RunInlineTest(d, test, expanded, settings));
  return outcomes;
}

}  // namespace trailhound
