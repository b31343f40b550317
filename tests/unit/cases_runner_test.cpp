// Runs the SPL test cases kept as data in tests/cases/**/*.yml: each case gives input events,
// a query (or a detection), and the expected result rows as JSON lines. See tests/README.md.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <zlib.h>

#include "common/error.hpp"
#include "common/time_format.hpp"
#include "json_lines_test_util.hpp"
#include "detect/detection_yaml.hpp"
#include "exec/query_runner.hpp"
#include "output/hunt_writer.hpp"
#include "output/result_writer.hpp"
#include "spl/macro_expander.hpp"

namespace trailhound {
namespace {

using testing_util::CanonicalJson;
using testing_util::NonBlankLines;

namespace fs = std::filesystem;

struct CaseSpec {
  std::string file;
  std::string name;
  YAML::Node node;
};

// gtest prints the parameter of a failing case: name it instead of dumping bytes.
void PrintTo(const CaseSpec& spec, std::ostream* os) { *os << spec.file << ": " << spec.name; }

std::vector<CaseSpec> LoadCases() {
  std::vector<CaseSpec> out;
  fs::path root = fs::path(TRAILHOUND_SOURCE_DIR) / "tests" / "cases";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".yml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    YAML::Node doc = YAML::LoadFile(f.string());
    for (const auto& c : doc["cases"]) {
      out.push_back({fs::relative(f, root).string(), c["name"].as<std::string>(), c});
    }
  }
  return out;
}

void WriteFile(const fs::path& path, const std::string& content, bool gzip) {
  fs::create_directories(path.parent_path());
  if (!gzip) {
    std::ofstream(path, std::ios::binary) << content;
    return;
  }
  gzFile gz = gzopen(path.string().c_str(), "wb");
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
}

class CaseTest : public ::testing::TestWithParam<CaseSpec> {};

TEST_P(CaseTest, Runs) {
  const CaseSpec& spec = GetParam();
  const YAML::Node& c = spec.node;
  SCOPED_TRACE(spec.file + ": " + spec.name);
  fs::path dir = fs::temp_directory_path() / ("trailhound_case_" + std::to_string(::getpid()) + "_" +
                                              std::to_string(std::hash<std::string>{}(spec.file + spec.name)));
  fs::remove_all(dir);
  // Input: `input` is one JSON-lines file; `files` is a list of {path, content, gzip}.
  std::vector<std::string> paths;
  if (c["input"]) {
    WriteFile(dir / "input.json", c["input"].as<std::string>(), false);
    paths.push_back((dir / "input.json").string());
  }
  if (c["files"]) {
    for (const auto& f : c["files"]) {
      fs::path p = dir / f["path"].as<std::string>();
      WriteFile(p, f["content"].as<std::string>(), f["gzip"] && f["gzip"].as<bool>());
    }
    paths.push_back(dir.string());
  }
  // `lookups`: a list of {path, content} written to a lookup directory (definitions and CSVs).
  fs::path lookup_dir = dir.string() + "_lookups";  // beside the input, which may be `dir` itself
  fs::remove_all(lookup_dir);
  if (c["lookups"]) {
    for (const auto& f : c["lookups"]) WriteFile(lookup_dir / f["path"].as<std::string>(), f["content"].as<std::string>(), false);
  }
  MacroTable macros = MacroTable::WithBuiltins();
  if (c["macros"]) {
    for (const auto& m : c["macros"]) {
      MacroDefinition def;
      def.name = m.first.as<std::string>();
      def.definition = m.second.as<std::string>();
      def.origin = spec.file;
      macros.Define(def);
    }
  }
  RunOptions options;
  options.settings.timezone = c["tz"] ? c["tz"].as<std::string>() : "UTC";
  // now: what now() sees, as ISO 8601 (like --now); cases without it must not depend on the clock.
  if (c["now"]) {
    auto now = ParseIsoTime(c["now"].as<std::string>());
    ASSERT_TRUE(now) << "now: needs an ISO 8601 time";
    options.settings.now = *now;
  }
  if (c["profile"] && c["profile"].as<std::string>() == "none") options.scan.apply_profiles = false;
  if (c["sourcetype"]) options.scan.sourcetype = c["sourcetype"].as<std::string>();
  if (c["lookups"]) {
    auto registry = std::make_shared<LookupRegistry>();
    registry->AddDirectory(lookup_dir);
    options.lookups = registry;
  }

  std::optional<Detection> detection;
  std::string query;
  if (c["detection"]) {
    detection = ParseDetectionYaml(c["detection"].as<std::string>(), spec.file);
    query = detection->search;
  } else {
    query = c["query"].as<std::string>();
  }
  // Runs the case's query; the output is the same for any scan options (checked below).
  auto run = [&](const RunOptions& opts, std::string& output, std::vector<std::string>& notes, InputSummary& summary) {
    std::string expanded = ExpandMacros(query, macros);
    auto files = ListInputFiles(paths, summary);
    auto results = RunQueries({expanded}, files, opts, summary);
    notes = results[0].notes;
    if (detection) {
      std::vector<DetectionResults> dr;
      dr.push_back({&*detection, std::move(results[0].rows), std::move(results[0].columns)});
      AppendHuntResults(output, OutputFormat::kJsonl, dr);
    } else {
      AppendResults(output, OutputFormat::kJsonl, results[0].rows, results[0].columns);
    }
  };
  std::string output;
  std::vector<std::string> notes;
  InputSummary summary;
  try {
    run(options, output, notes, summary);
  } catch (const Error& e) {
    ASSERT_TRUE(c["error"]) << "unexpected error: " << e.what();
    EXPECT_NE(std::string(e.what()).find(c["error"].as<std::string>()), std::string::npos) << e.what();
    fs::remove_all(dir);
    fs::remove_all(lookup_dir);
    return;
  }
  if (!c["error"]) {
    // Every case is also a check of the prefilter and of the parallel scan: without the prefilter,
    // with three threads and the input cut into 256-byte line ranges, the rows are the same.
    RunOptions other = options;
    other.scan.prefilter = false;
    other.scan.threads = 3;
    other.scan.range_bytes = 256;
    std::string other_output;
    std::vector<std::string> other_notes;
    InputSummary other_summary;
    run(other, other_output, other_notes, other_summary);
    EXPECT_EQ(other_output, output) << "without the prefilter, 3 threads, 256-byte ranges";
    EXPECT_EQ(other_notes, notes) << "without the prefilter, 3 threads, 256-byte ranges";
    EXPECT_GE(other_summary.events_read, summary.events_read);
  }
  fs::remove_all(dir);
  fs::remove_all(lookup_dir);
  ASSERT_FALSE(c["error"]) << "expected an error containing: " << c["error"].as<std::string>();

  std::vector<std::string> want;
  for (const auto& l : NonBlankLines(c["expect"] ? c["expect"].as<std::string>() : "")) want.push_back(CanonicalJson(l));
  std::vector<std::string> got = NonBlankLines(output);
  if (c["unordered"] && c["unordered"].as<bool>()) {
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
  }
  EXPECT_EQ(got, want);
  if (c["notes"]) {
    std::vector<std::string> want_notes;
    for (const auto& n : c["notes"]) want_notes.push_back(n.as<std::string>());
    EXPECT_EQ(notes, want_notes);
  }
  if (c["summary"]) {
    const YAML::Node& s = c["summary"];
    if (s["events_read"]) {
      EXPECT_EQ(summary.events_read, s["events_read"].as<uint64_t>());
    }
    if (s["parse_failures"]) {
      EXPECT_EQ(summary.parse_failures, s["parse_failures"].as<uint64_t>());
    }
    if (s["digest_files"]) {
      EXPECT_EQ(summary.files_of(FileKind::kDigest), s["digest_files"].as<uint64_t>());
    }
    if (s["lines_prefiltered"]) {
      EXPECT_EQ(summary.lines_prefiltered, s["lines_prefiltered"].as<uint64_t>());
    }
    if (s["json_lines_files"]) {
      EXPECT_EQ(summary.files_of(FileKind::kJsonLines), s["json_lines_files"].as<uint64_t>());
    }
    if (s["events_prefiltered"]) {
      EXPECT_EQ(summary.events_prefiltered, s["events_prefiltered"].as<uint64_t>());
    }
    if (s["control_messages"]) {
      EXPECT_EQ(summary.control_messages_skipped, s["control_messages"].as<uint64_t>());
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<CaseSpec>& info) {
  std::string n = info.param.file + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTest, ::testing::ValuesIn(LoadCases()), CaseName);

}  // namespace
}  // namespace trailhound
