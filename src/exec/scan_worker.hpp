#pragma once
// One thread's share of a scan: it reads work units (a whole file, or a byte range of a large
// JSON-lines file), turns each raw event into a row (projected extraction, _time, source, ...,
// the sourcetype profile) and runs it through its own copy of each plan's row-local prefix. What
// comes out is kept per unit (rows in input order, or a stats' partial state) for the scan to
// merge into the real plans in unit order, so that results never depend on the thread count.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/event_scan.hpp"
#include "exec/operator.hpp"
#include "io/input_reader.hpp"
#include "io/input_summary.hpp"
#include "json/projection.hpp"

namespace trailhound {

class BoundProfile;
class FieldExtractor;
class PlanSelector;
class Profile;
class RawPrefilter;

// A piece of input read by one thread at a time.
struct WorkUnit {
  size_t file = 0;          // index into the scan's file list
  bool range = false;       // a byte range of a splittable JSON-lines file (else the whole file)
  uint64_t begin = 0, end = 0;
  bool first_of_file = true, last_of_file = true;
  uint64_t disk_bytes = 0;  // for progress
};

// What one plan's prefix produced from one unit.
struct PlanOutput {
  std::vector<Row> rows;             // rows leaving the prefix (serial rest), in input order
  std::vector<uint64_t> row_lines;   // the line of each row's event (unit-relative for ranges)
  std::unique_ptr<PartialState> partial;  // the stats' state (mergeable plans)
  std::optional<uint64_t> failure_line;   // the plan failed on the event at this line
  std::string failure;
};

struct UnitResult {
  InputSummary summary;  // line numbers unit-relative for ranges
  uint64_t lines = 0;    // newlines read (ranges): numbers the ranges after it
  std::vector<PlanOutput> plans;
};

// What the scan shares, read-only, with its workers.
struct ScanShared {
  std::vector<QueryPlan*> plans;
  ScanOptions options;
  Projection wanted;   // union of what the plans read
  Projection extract;  // wanted + what the profiles need to derive it + eventTime
  bool date_fields = false;
  std::vector<InputFile> files;
  const RawPrefilter* prefilter = nullptr;  // null: every event is parsed
};

// The profile events of `sourcetype` get: a --profile/--props one first (the last given wins),
// else the built-in one; null with --profile none or when there is none.
const Profile* ProfileFor(const ScanOptions& options, const std::string& sourcetype);

class ScanWorker {
 public:
  // Plans its own copies of the plans (call from one thread at a time: planning is not
  // thread-safe).
  explicit ScanWorker(const ScanShared& shared);
  ~ScanWorker();

  void Run(const WorkUnit& unit, UnitResult& out);

 private:
  void OnEvent(const RawEvent& ev);
  const BoundProfile* Bound(const std::string& sourcetype);

  class Capture;
  const ScanShared& shared_;
  std::vector<std::unique_ptr<QueryPlan>> copies_;
  std::vector<std::unique_ptr<Capture>> captures_;
  std::vector<Operator*> entries_;  // where each plan's rows go in
  std::vector<Operator*> mergeable_;  // the stats to take partial states from (or null)
  std::unique_ptr<FieldExtractor> extractor_;
  std::unique_ptr<PlanSelector> selector_;
  std::vector<std::pair<std::string, std::unique_ptr<BoundProfile>>> bound_;
  FieldId event_time_, at_timestamp_;
  Value host_, index_, source_value_;
  const std::string* last_source_ = nullptr;
  Row row_;
  std::string error_;
  UnitResult* out_ = nullptr;
};

}  // namespace trailhound
