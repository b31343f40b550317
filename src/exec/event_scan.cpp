#include "exec/event_scan.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "common/error.hpp"
#include "exec/date_fields.hpp"
#include "exec/raw_prefilter.hpp"
#include "exec/scan_worker.hpp"
#include "io/read_progress.hpp"
#include "plan/prefilter.hpp"
#include "profile/bound_profile.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {

namespace {

// Units read ahead of the one being merged, per thread: bounds the rows and states held.
constexpr size_t kUnitsAheadPerThread = 4;

// Large JSON-lines files are read in ranges of `range_bytes`. The split depends on the data only,
// never on the thread count, so merged partial results (even floating-point sums) are the same
// whatever -j says.
std::vector<WorkUnit> PlanUnits(const std::vector<InputFile>& files, uint64_t range_bytes) {
  std::vector<WorkUnit> units;
  for (size_t f = 0; f < files.size(); ++f) {
    WorkUnit whole;
    whole.file = f;
    std::error_code ec;
    const bool regular = files[f].path != "-" && std::filesystem::is_regular_file(files[f].path, ec);
    const uint64_t size = regular ? std::filesystem::file_size(files[f].path, ec) : 0;
    whole.disk_bytes = ec ? 0 : size;
    uint64_t checked = 0;
    if (!ec && size > range_bytes && SplittableJsonLines(files[f], &checked)) {
      for (uint64_t begin = 0; begin < checked; begin += range_bytes) {
        WorkUnit u;
        u.file = f;
        u.range = true;
        u.begin = begin;
        u.end = std::min(checked, begin + range_bytes);
        u.first_of_file = begin == 0;
        u.last_of_file = u.end == checked;
        u.disk_bytes = u.end - u.begin;
        units.push_back(u);
      }
      continue;
    }
    units.push_back(whole);
  }
  return units;
}

}  // namespace

struct EventScan::Impl {
  ScanShared shared;
  std::vector<std::optional<std::string>> failures;  // per plan: why it stopped
  // Bound profiles by sourcetype, for projecting extraction.
  std::vector<std::unique_ptr<BoundProfile>> bound;
  std::unique_ptr<RawPrefilter> prefilter;  // null: off (--no-prefilter) or nothing to skip
  std::string prefilter_explain;

  // Folds one unit's output into the real plans, in unit order.
  void Merge(const WorkUnit& unit, UnitResult& result, uint64_t line_offset) {
    const std::string& path = shared.files[unit.file].path;
    for (size_t i = 0; i < shared.plans.size(); ++i) {
      if (Stopped(i)) continue;
      QueryPlan& plan = *shared.plans[i];
      PlanOutput& out = result.plans[i];
      if (out.partial) {
        if (!out.failure_line) plan.operator_at(plan.parallel_prefix()).MergePartial(std::move(out.partial));
      } else {
        Operator& rest = plan.operator_at(plan.parallel_prefix());
        for (size_t r = 0; r < out.rows.size() && !plan.first().Done(); ++r) {
          try {
            rest.Push(out.rows[r]);
          } catch (const Error& e) {
            failures[i] = path + ":" + std::to_string(out.row_lines[r] + line_offset) + ": " + e.what();
            break;
          }
        }
      }
      if (out.failure_line && !failures[i]) {
        failures[i] = path + ":" + std::to_string(*out.failure_line + line_offset) + ": " + out.failure;
      }
    }
  }

  bool Stopped(size_t i) const { return failures[i].has_value() || shared.plans[i]->first().Done(); }
  bool AllDone() const {
    for (size_t i = 0; i < shared.plans.size(); ++i) {
      if (!Stopped(i)) return false;
    }
    return true;
  }
};

EventScan::EventScan(std::vector<QueryPlan*> plans, ScanOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  ScanShared& sh = s.shared;
  sh.plans = std::move(plans);
  s.failures.resize(sh.plans.size());
  sh.options = std::move(options);
  for (QueryPlan* p : sh.plans) sh.wanted.Merge(p->needed_fields());
  sh.date_fields = WantsDateFields(sh.wanted);
  sh.extract = sh.wanted;
  sh.extract.AddField("eventTime");
  sh.extract.AddField("@timestamp");
  // Profiles are bound up front for the sourcetypes we know, so that their inputs are extracted.
  std::vector<std::string> sourcetypes = {"aws:cloudtrail", "_json"};
  if (sh.options.sourcetype) sourcetypes.push_back(*sh.options.sourcetype);
  for (const Profile* up : sh.options.user_profiles) sourcetypes.push_back(up->sourcetype());
  for (const auto& st : sourcetypes) {
    const Profile* p = ProfileFor(sh.options, st);
    if (p == nullptr) continue;
    s.bound.push_back(std::make_unique<BoundProfile>(*p, sh.wanted));
    s.bound.back()->AddInputs(sh.extract);
  }
  // The prefilter: the literal terms each plan's events must contain, given every profile that
  // may derive the fields it searches.
  std::vector<const Profile*> profiles = BuiltinProfiles();
  profiles.insert(profiles.end(), sh.options.user_profiles.begin(), sh.options.user_profiles.end());
  const FieldOrigins origins = FieldOrigins::FromProfiles(profiles);
  std::vector<PrefilterExpr> per_plan;
  for (QueryPlan* p : sh.plans) per_plan.push_back(DerivePrefilter(*p, origins));
  auto prefilter = std::make_unique<RawPrefilter>(per_plan);
  if (!sh.options.prefilter) {
    s.prefilter_explain = "prefilter: off (--no-prefilter): every event is parsed\n";
  } else if (!prefilter->enabled()) {
    s.prefilter_explain = prefilter->Explain();
  } else {
    s.prefilter_explain = prefilter->Explain();
    s.prefilter = std::move(prefilter);
    sh.prefilter = s.prefilter.get();
  }
}

EventScan::~EventScan() = default;

void EventScan::Run(const std::vector<InputFile>& files, InputSummary& summary) {
  Impl& s = *impl_;
  s.shared.files = files;
  const std::vector<WorkUnit> units = PlanUnits(files, std::max<uint64_t>(s.shared.options.range_bytes, 1));
  ScanProgress* progress = s.shared.options.progress;
  if (progress != nullptr) {
    uint64_t total = 0;
    for (const WorkUnit& u : units) total += u.disk_bytes;
    progress->Start(total, files.size());
  }
  unsigned threads = s.shared.options.threads != 0 ? s.shared.options.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(units.size(), 1))));

  // Workers plan their copies here, one after the other (planning is not thread-safe).
  std::vector<std::unique_ptr<ScanWorker>> workers;
  for (unsigned t = 0; t < threads && !units.empty(); ++t) workers.push_back(std::make_unique<ScanWorker>(s.shared));

  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::vector<std::unique_ptr<UnitResult>> results(units.size());
  size_t next = 0, merged = 0;
  bool stop = false;
  std::exception_ptr crash;
  const size_t ahead = kUnitsAheadPerThread * threads;
  auto work = [&](ScanWorker& worker) {
    for (;;) {
      size_t k;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [&] { return stop || next >= units.size() || next < merged + ahead; });
        if (stop || next >= units.size()) return;
        k = next++;
      }
      auto result = std::make_unique<UnitResult>();
      try {
        SetThreadReadProgress(progress);
        worker.Run(units[k], *result);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!crash) crash = std::current_exception();
        stop = true;
        done_cv.notify_all();
        work_cv.notify_all();
        return;
      }
      if (progress != nullptr && units[k].last_of_file) progress->FileDone();
      {
        std::lock_guard<std::mutex> lock(mu);
        results[k] = std::move(result);
      }
      done_cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (auto& w : workers) pool.emplace_back(work, std::ref(*w));

  // Merge in unit order; a file's ranges are numbered from the lines of the ranges before.
  std::vector<uint64_t> line_base(files.size(), 1);
  for (size_t k = 0; k < units.size(); ++k) {
    std::unique_ptr<UnitResult> result;
    {
      std::unique_lock<std::mutex> lock(mu);
      done_cv.wait(lock, [&] { return stop || results[k] != nullptr; });
      if (crash) break;
      result = std::move(results[k]);
      merged = k + 1;
    }
    work_cv.notify_all();
    const WorkUnit& unit = units[k];
    const uint64_t offset = unit.range ? line_base[unit.file] - 1 : 0;
    summary.Merge(result->summary, offset);
    line_base[unit.file] += result->lines;
    s.Merge(unit, *result, offset);
    if (s.AllDone()) {
      // Every query is complete (head): the files not started yet are named in the summary.
      for (size_t u = k + 1; u < units.size(); ++u) summary.files_not_read += units[u].first_of_file ? 1 : 0;
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  work_cv.notify_all();
  for (auto& t : pool) t.join();
  if (progress != nullptr) progress->Finish();
  if (crash) std::rethrow_exception(crash);

  for (size_t i = 0; i < s.shared.plans.size(); ++i) {
    if (s.failures[i]) continue;
    try {
      s.shared.plans[i]->first().Finish();
    } catch (const Error& e) {
      s.failures[i] = std::string("at the end of the input: ") + e.what();
    }
  }
}

const std::optional<std::string>& EventScan::failure(size_t plan) const { return impl_->failures.at(plan); }

std::string EventScan::ExplainExtraction() const {
  std::string out = "extracted from events: " + impl_->shared.extract.Describe() + "\n";
  out += impl_->prefilter_explain;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace trailhound
