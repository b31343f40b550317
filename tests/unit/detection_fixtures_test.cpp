// Runs the security_content detections through the real binary against data kept in
// tests/detections/ (see tests/README.md):
//  - <detection stem>.yml: hand-written CloudTrail events per detection, with the exact
//    `hunt --format jsonl` lines Splunk would give (a case that fires, a near miss that does not);
//  - stratus_detonations.yml: which detections fire on each real Stratus Red Team detonation log.
// Everything skips when ../shared/security_content is absent.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli_test_util.hpp"
#include "json_lines_test_util.hpp"

namespace trailhound {
namespace {

using testing_util::CanonicalJson;
using testing_util::NonBlankLines;

namespace fs = std::filesystem;
using cli_test::CliRun;
using cli_test::TempDir;
using cli_test::Trailhound;

const fs::path kFixtureDir = fs::path(TRAILHOUND_SOURCE_DIR) / "tests" / "detections";
const fs::path kContent = fs::path(TRAILHOUND_SHARED_DIR) / "security_content";
const fs::path kStratusLogs = fs::path(TRAILHOUND_SHARED_DIR) / "data" / "cloudtrail" / "stratus-red-team-detonation-logs";
constexpr const char* kStratusFile = "stratus_detonations.yml";

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

// One test per case; a file that does not load becomes one failing case that says why, so a typo
// in one fixture does not take the whole test binary down at start-up.
struct FixtureCase {
  std::string file;  // e.g. aws_createloginprofile.yml
  std::string name;
  YAML::Node node;
  std::string load_error;
};

void PrintTo(const FixtureCase& c, std::ostream* os) { *os << c.file << ": " << c.name; }

std::vector<fs::path> FixtureFiles() {
  std::vector<fs::path> files;
  if (!fs::is_directory(kFixtureDir)) return files;
  for (const auto& e : fs::directory_iterator(kFixtureDir)) {
    if (e.is_regular_file() && e.path().extension() == ".yml" && e.path().filename() != kStratusFile) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A key outside this list is a typo (`expected:` would otherwise pass as an empty expectation).
std::string UnknownKey(const YAML::Node& map, std::initializer_list<std::string_view> known) {
  for (const auto& entry : map) {
    std::string key = entry.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end()) return key;
  }
  return "";
}

// The cases of one fixture file, or one "load" case that fails with the reason.
std::vector<FixtureCase> LoadFixtureFile(const fs::path& path) {
  std::string file = path.filename().string();
  auto broken = [&](const std::string& why) { return std::vector<FixtureCase>{{file, "load", {}, why}}; };
  YAML::Node doc = YAML::LoadFile(path.string());
  if (!doc.IsMap() || !doc["detection"] || !doc["cases"] || !doc["cases"].IsSequence()) {
    return broken("needs `detection:` and a `cases:` list");
  }
  if (std::string key = UnknownKey(doc, {"detection", "cases"}); !key.empty()) return broken("unknown key `" + key + "`");
  std::vector<FixtureCase> out;
  size_t firing = 0;
  size_t near_misses = 0;
  for (const auto& c : doc["cases"]) {
    if (!c.IsMap() || !c["name"] || !c["input"]) return broken("every case needs `name:` and `input:`");
    if (std::string key = UnknownKey(c, {"name", "input", "now", "tz", "expect"}); !key.empty()) {
      return broken("case '" + c["name"].as<std::string>() + "': unknown key `" + key + "`");
    }
    bool fires = c["expect"] && !NonBlankLines(c["expect"].as<std::string>()).empty();
    ++(fires ? firing : near_misses);
    YAML::Node node = YAML::Clone(c);
    node["detection"] = doc["detection"];
    out.push_back({file, c["name"].as<std::string>(), node, ""});
  }
  if (firing == 0 || near_misses == 0) return broken("needs a case that fires and a near miss (expect: \"\")");
  return out;
}

std::vector<FixtureCase> LoadFixtureCases() {
  std::vector<FixtureCase> out;
  for (const auto& f : FixtureFiles()) {
    try {
      for (auto& c : LoadFixtureFile(f)) out.push_back(std::move(c));
    } catch (const YAML::Exception& e) {
      out.push_back({f.filename().string(), "load", {}, e.what()});
    }
  }
  return out;
}

// Sorted canonical lines: the comparison ignores the order of result rows.
std::vector<std::string> CanonicalSorted(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& l : NonBlankLines(text)) out.push_back(CanonicalJson(l));
  std::sort(out.begin(), out.end());
  return out;
}

// security_content lookups are passed once the binary has the option (asked once, from --help).
std::string LookupsArgument() {
  static const std::string arg = [] {
    CliRun help = Trailhound("hunt --help");
    return help.out.find("--lookups") != std::string::npos ? " --lookups " + Quote((kContent / "lookups").string())
                                                           : std::string();
  }();
  return arg;
}

class DetectionFixtureTest : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(DetectionFixtureTest, HuntGivesExpectedLines) {
  const FixtureCase& spec = GetParam();
  ASSERT_TRUE(spec.load_error.empty()) << spec.file << ": " << spec.load_error;
  if (!fs::is_directory(kContent)) GTEST_SKIP() << "no " << kContent;
  const YAML::Node& c = spec.node;
  std::string detection = c["detection"].as<std::string>();
  ASSERT_EQ(fs::path(detection).stem().string() + ".yml", spec.file)
      << "a fixture file is named after its detection's file";
  fs::path detection_path = kContent / "detections" / detection;
  ASSERT_TRUE(fs::is_regular_file(detection_path)) << "no detection " << detection_path;

  TempDir dir("fixture");
  fs::path input = dir.Write("input.json", c["input"].as<std::string>());
  std::string args = "hunt -q --format jsonl --macros " + Quote((kContent / "macros").string()) + LookupsArgument() +
                     " -r " + Quote(detection_path.string());
  if (c["now"]) args += " --now " + Quote(c["now"].as<std::string>());
  if (c["tz"]) args += " --tz " + Quote(c["tz"].as<std::string>());
  args += " " + Quote(input.string());
  CliRun run = Trailhound(args);

  EXPECT_EQ(run.code, 0) << run.err;
  std::string expect = c["expect"] ? c["expect"].as<std::string>() : "";
  EXPECT_EQ(CanonicalSorted(run.out), CanonicalSorted(expect)) << "stderr: " << run.err;
}

std::string FixtureCaseName(const ::testing::TestParamInfo<FixtureCase>& info) {
  std::string n = fs::path(info.param.file).stem().string() + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DetectionFixtureTest, ::testing::ValuesIn(LoadFixtureCases()), FixtureCaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DetectionFixtureTest);

// --- Stratus Red Team detonations ---

struct StratusRun {
  std::string file;  // a file name in the detonation log folder
  std::vector<std::string> fires;
  std::string load_error;
  // Detections Splunk would also fire that trailhound does not run (tstats over CIM data models,
  // out of scope): they must not appear, so the list stays honest when support lands.
  std::vector<std::string> out_of_scope = {};
};

void PrintTo(const StratusRun& r, std::ostream* os) { *os << r.file; }

std::vector<StratusRun> LoadStratusRuns() {
  std::vector<StratusRun> out;
  fs::path path = kFixtureDir / kStratusFile;
  if (!fs::is_regular_file(path)) return out;
  try {
    YAML::Node doc = YAML::LoadFile(path.string());
    if (!doc["runs"] || !doc["runs"].IsSequence()) return {{kStratusFile, {}, "needs a `runs:` list"}};
    for (const auto& r : doc["runs"]) {
      if (!r.IsMap() || !r["file"] || !r["fires"]) {
        out.push_back({kStratusFile, {}, "every run needs `file:` and `fires:`"});
        continue;
      }
      if (std::string key = UnknownKey(r, {"file", "fires", "out_of_scope"}); !key.empty()) {
        out.push_back({r["file"].as<std::string>(), {}, "unknown key `" + key + "`"});
        continue;
      }
      StratusRun run{r["file"].as<std::string>(), r["fires"].as<std::vector<std::string>>(), ""};
      if (r["out_of_scope"]) run.out_of_scope = r["out_of_scope"].as<std::vector<std::string>>();
      out.push_back(std::move(run));
    }
  } catch (const YAML::Exception& e) {
    out.push_back({kStratusFile, {}, e.what()});
  }
  return out;
}

class StratusDetonationTest : public ::testing::TestWithParam<StratusRun> {};

TEST_P(StratusDetonationTest, FiresExactlyTheListedDetections) {
  const StratusRun& spec = GetParam();
  ASSERT_TRUE(spec.load_error.empty()) << spec.file << ": " << spec.load_error;
  if (!fs::is_directory(kContent) || !fs::is_directory(kStratusLogs)) GTEST_SKIP() << "no shared material";
  fs::path log = kStratusLogs / spec.file;
  ASSERT_TRUE(fs::is_regular_file(log)) << "no detonation log " << log;

  CliRun run = Trailhound("hunt -q --format jsonl --content " + Quote(kContent.string()) + " " + Quote(log.string()));
  // 3: some detections of the checkout cannot run yet (reported on stderr); the others still ran,
  // and one that should fire but cannot run fails the comparison below.
  ASSERT_TRUE(run.code == 0 || run.code == 3) << "exit code " << run.code << "\n" << run.err;
  std::set<std::string> fired;
  for (const auto& line : NonBlankLines(run.out)) {
    simdjson::dom::parser parser;
    simdjson::dom::element el;
    std::string_view name;
    ASSERT_FALSE(parser.parse(line).get(el)) << "not JSON: " << line;
    ASSERT_FALSE(el["detection"].get(name)) << "no detection name in: " << line;
    fired.insert(std::string(name));
  }
  EXPECT_EQ(fired, std::set<std::string>(spec.fires.begin(), spec.fires.end()));
  for (const auto& name : spec.out_of_scope) {
    EXPECT_EQ(fired.count(name), 0u) << name << " now runs: move it from out_of_scope to fires";
  }
}

std::string StratusRunName(const ::testing::TestParamInfo<StratusRun>& info) {
  std::string n = info.param.file;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Stratus, StratusDetonationTest, ::testing::ValuesIn(LoadStratusRuns()), StratusRunName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StratusDetonationTest);

// Every detonation log is listed once, so a new technique cannot go unchecked.
TEST(StratusDetonationList, ListsEveryLogOnce) {
  if (!fs::is_directory(kStratusLogs)) GTEST_SKIP() << "no " << kStratusLogs;
  if (!fs::is_regular_file(kFixtureDir / kStratusFile)) GTEST_SKIP() << "no " << kStratusFile << " yet";
  std::vector<std::string> listed;
  for (const auto& r : LoadStratusRuns()) listed.push_back(r.file);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(std::adjacent_find(listed.begin(), listed.end()), listed.end()) << "a file is listed twice";
  std::vector<std::string> logs;
  for (const auto& e : fs::directory_iterator(kStratusLogs)) {
    if (e.is_regular_file() && e.path().extension() == ".json") logs.push_back(e.path().filename().string());
  }
  std::sort(logs.begin(), logs.end());
  listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  EXPECT_EQ(listed, logs);
}

}  // namespace
}  // namespace trailhound
