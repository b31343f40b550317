#pragma once
// Runs a detection's tests (detection_tests.hpp) and says, per test, pass, fail or skipped and
// why: `tests:` datasets are replayed from a local attack_data copy and judged as contentctl
// judges them (unit_test_verdict.hpp); `trailhound_tests:` run their own events and compare the
// exact result. Nothing here throws for a bad detection: it becomes a failed outcome.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detection.hpp"
#include "exec/query_runner.hpp"
#include "spl/macro_table.hpp"

namespace trailhound {

enum class TestStatus { kPass, kFail, kSkip };

struct TestOutcome {
  std::string detection;  // the detection's name (or its file, when it did not load)
  std::string test;       // the test's name; "-" when there is none
  std::string dataset;    // attack_data path(s), the inline events file, or "inline"
  TestStatus status = TestStatus::kSkip;
  std::optional<size_t> rows;  // result rows, when the search ran
  std::string reason;          // why it failed or was skipped
};

struct TestRunSettings {
  std::string attack_data_dir;  // a copy of splunk/attack_data; empty: dataset tests are skipped
  RunOptions run;               // --tz, --now, profile... (per-test now/tz/sourcetype override)
};

std::vector<TestOutcome> RunDetectionTests(const Detection& detection, const MacroTable& macros,
                                           const TestRunSettings& settings);

// contentctl's reasons not to test a detection at all (status, type, manual_test), or "".
std::string ContentTestSkipReason(const Detection& detection);

std::string_view TestStatusName(TestStatus status);  // pass, fail, skipped

}  // namespace trailhound
