#pragma once
// The scan: reads input files, turns each raw event into a row (projection-aware JSON extraction,
// _time, source/sourcetype/host/index, sourcetype profile) and pushes it into every query plan.
// One pass over the input serves any number of plans (all detections of a hunt).
#include <optional>
#include <string>
#include <vector>

#include "io/scan_progress.hpp"
#include "io/input_reader.hpp"
#include "io/input_summary.hpp"
#include "plan/query_plan.hpp"

namespace trailhound {

class Profile;

struct ScanOptions {
  std::optional<std::string> sourcetype;  // --sourcetype: overrides the detected one
  std::string host = "trailhound";        // the `host` field of every event
  std::string index = "main";
  bool apply_profiles = true;             // false with --profile none
  // Profiles loaded from --props/--profile files, tried before the built-in ones.
  std::vector<const Profile*> user_profiles;
  // Where the scan reports how far it has got (a progress bar); null: nowhere.
  ScanProgress* progress = nullptr;
  // Worker threads (-j/--threads); 0: one per core. Results never depend on it.
  unsigned threads = 0;
  // Test raw event text against the literal terms the plans require before parsing it
  // (--no-prefilter turns it off).
  bool prefilter = true;
  // JSON-lines files larger than this are read as ranges of this many bytes, each by any thread
  // (tests make it small). Results never depend on it either.
  uint64_t range_bytes = 16ull << 20;
};

class EventScan {
 public:
  EventScan(std::vector<QueryPlan*> plans, ScanOptions options);
  ~EventScan();

  // Reads the files in order and pushes their events; then finishes every plan.
  void Run(const std::vector<InputFile>& files, InputSummary& summary);

  // The fields extracted from events (for --explain).
  std::string ExplainExtraction() const;

  // Why plan i stopped during the run (e.g. a regex hit PCRE2's match limit on an event), with
  // the event's file:line; nullopt when it ran to the end. A failing plan never stops the others.
  const std::optional<std::string>& failure(size_t plan) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The sourcetype an event gets when none is forced: CloudTrail-shaped events are aws:cloudtrail,
// anything else is Splunk's generic _json.
std::string DetectSourcetype(const RawEvent& event);

}  // namespace trailhound
