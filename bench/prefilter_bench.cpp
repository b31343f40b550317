// Measures RawPrefilter::Scanner::SelectLines, the prefilter's hot loop, on one core.
//
//   ninja -C build prefilter_bench
//   build/prefilter_bench FILE.jsonl [--content DIR | --query SPL...] [--block-mb N] [--repeat N]
//
// The plans are the built-in seed detection's, or with --content every production raw-CloudTrail
// detection of a security_content checkout (those that plan and derive a prefilter). The file is
// read into memory and cut into blocks of whole lines (16 MB by default), as the scan hands them
// over; the figure is bytes scanned per second of SelectLines alone (no I/O, no parsing).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "detect/detection_yaml.hpp"
#include "detect/spl_usage_scan.hpp"
#include "exec/lookup_registry.hpp"
#include "exec/raw_prefilter.hpp"
#include "plan/prefilter.hpp"
#include "profile/profile_registry.hpp"
#include "spl/macro_expander.hpp"
#include "spl/macro_table.hpp"

using namespace trailhound;

// As `trailhound lint` tells production raw-CloudTrail detections: no tstats command.
inline bool UsesTstats(const std::string& search, const trailhound::MacroTable& macros) {
  auto commands = trailhound::ScanSplUsage(trailhound::ExpandMacros(search, macros)).commands;
  return std::find(commands.begin(), commands.end(), "tstats") != commands.end();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: prefilter_bench FILE.jsonl [--content DIR] [--block-mb N] [--repeat N]\n";
    return 2;
  }
  std::string file = argv[1], content;
  std::vector<std::string> queries;  // --query SPL (repeatable): plans of their own
  std::vector<std::string> excluded;  // --exclude NAME (repeatable): leave that detection out
  size_t block_mb = 16, repeat = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--content") content = argv[i + 1];
    if (a == "--block-mb") block_mb = std::stoul(argv[i + 1]);
    if (a == "--repeat") repeat = std::stoul(argv[i + 1]);
    if (a == "--query") queries.push_back(argv[i + 1]);
    if (a == "--exclude") excluded.push_back(argv[i + 1]);
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();

  MacroTable macros = MacroTable::WithBuiltins();
  std::vector<Detection> detections;
  LookupRegistry lookups;
  if (!queries.empty()) {
    for (size_t i = 0; i < queries.size(); ++i) {
      Detection d;
      d.name = "query " + std::to_string(i);
      d.search = queries[i];
      detections.push_back(std::move(d));
    }
  } else if (content.empty()) {
    for (auto& d : LoadBuiltinDetections()) detections.push_back(std::move(d));
  } else {
    macros.LoadContentDirectory(content);
    lookups.AddDirectory(content + "/lookups");
    for (auto& d : LoadContentDetections(content)) {
      if (d.status == "production" && d.search.find("`cloudtrail`") != std::string::npos &&
          !UsesTstats(d.search, macros)) {
        detections.push_back(std::move(d));
      }
    }
  }
  FieldOrigins origins = FieldOrigins::FromProfiles(BuiltinProfiles());
  std::vector<PrefilterExpr> exprs;
  for (const auto& d : detections) {
    if (std::find(excluded.begin(), excluded.end(), d.name) != excluded.end()) continue;
    try {
      auto plan = PlanQuery(ExpandMacros(d.search, macros), PlanContext{EvalSettings{}, &lookups});
      PrefilterExpr e = DerivePrefilter(*plan, origins);
      if (!e.IsTrue()) exprs.push_back(std::move(e));
    } catch (const Error&) {
    }
  }
  RawPrefilter pf(exprs);
  std::cout << pf.Explain();
  std::cout << pf.terms().size() << " distinct terms, " << pf.plans() << " plans\n";

  // Blocks of whole lines.
  std::vector<std::string_view> blocks;
  size_t block_bytes = block_mb << 20;
  for (size_t b = 0; b < data.size();) {
    size_t e = std::min(data.size(), b + block_bytes);
    if (e < data.size()) {
      size_t nl = data.rfind('\n', e - 1);
      e = nl != std::string::npos && nl >= b ? nl + 1 : data.size();
    }
    blocks.emplace_back(data.data() + b, e - b);
    b = e;
  }
  RawPrefilter::Scanner scanner(pf);
  size_t lines = 0;
  double best = 0;
  for (size_t r = 0; r < repeat; ++r) {
    lines = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (auto block : blocks) scanner.SelectLines(block, [&](size_t, size_t, const PlanMask&) { ++lines; });
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double gbs = static_cast<double>(data.size()) / s / 1e9;
    best = std::max(best, gbs);
    std::printf("run %zu: %.1f MB in %.3f s = %.2f GB/s, %zu lines selected\n", r, data.size() / 1e6, s, gbs, lines);
  }
  std::printf("best: %.2f GB/s\n", best);
  return 0;
}
