#include "exec/scan_worker.hpp"

#include "common/error.hpp"
#include "common/time_format.hpp"
#include "exec/date_fields.hpp"
#include "exec/plan_selector.hpp"
#include "json/field_extractor.hpp"
#include "profile/bound_profile.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {

std::string DetectSourcetype(const RawEvent& event) { return event.cloudtrail_shaped ? "aws:cloudtrail" : "_json"; }

// The end of a worker's copy of a plan prefix: keeps the rows for the scan to pass on.
class ScanWorker::Capture : public Operator {
 public:
  void Push(Row& row) override {
    row.OwnRaw();
    out->rows.push_back(std::move(row));
    out->row_lines.push_back(line);
  }
  void Finish() override {}
  bool Done() const override { return false; }
  void Notes(std::vector<std::string>&) const override {}

  PlanOutput* out = nullptr;
  uint64_t line = 0;  // of the event being pushed
};

ScanWorker::ScanWorker(const ScanShared& shared)
    : shared_(shared), event_time_(FieldNames::Intern("eventTime")), at_timestamp_(FieldNames::Intern("@timestamp")) {
  for (QueryPlan* plan : shared.plans) {
    std::unique_ptr<QueryPlan> copy = plan->Replan();
    auto capture = std::make_unique<Capture>();
    const size_t prefix = copy->parallel_prefix();
    Operator* entry = capture.get();
    Operator* mergeable = nullptr;
    if (copy->mergeable_after_prefix()) {
      entry = &copy->first();
      mergeable = &copy->operator_at(prefix);
    } else if (prefix > 0) {
      copy->operator_at(prefix - 1).set_next(capture.get());
      entry = &copy->first();
    }
    entries_.push_back(entry);
    mergeable_.push_back(mergeable);
    captures_.push_back(std::move(capture));
    copies_.push_back(std::move(copy));
  }
  // Profiles are bound up front for the sourcetypes we know, as the scan did to project extraction.
  extractor_ = std::make_unique<FieldExtractor>(shared.extract);
  if (shared.prefilter != nullptr) selector_ = std::make_unique<PlanSelector>(*shared.prefilter);
  host_ = Value::Str(shared.options.host);
  index_ = Value::Str(shared.options.index);
}

ScanWorker::~ScanWorker() = default;

const Profile* ProfileFor(const ScanOptions& options, const std::string& sourcetype) {
  if (!options.apply_profiles) return nullptr;
  const Profile* p = nullptr;
  for (const Profile* up : options.user_profiles) {
    if (up->sourcetype() == sourcetype) p = up;
  }
  return p != nullptr ? p : FindBuiltinProfile(sourcetype);
}

const BoundProfile* ScanWorker::Bound(const std::string& sourcetype) {
  for (const auto& [st, b] : bound_) {
    if (st == sourcetype) return b.get();
  }
  const Profile* p = ProfileFor(shared_.options, sourcetype);
  std::unique_ptr<BoundProfile> b = p ? std::make_unique<BoundProfile>(*p, shared_.wanted) : nullptr;
  const BoundProfile* raw = b.get();
  bound_.emplace_back(sourcetype, std::move(b));
  return raw;
}

void ScanWorker::Run(const WorkUnit& unit, UnitResult& out) {
  out_ = &out;
  out.plans.resize(copies_.size());
  for (size_t i = 0; i < captures_.size(); ++i) captures_[i]->out = &out.plans[i];
  const InputFile& file = shared_.files[unit.file];
  auto sink = [this](const RawEvent& ev) { OnEvent(ev); };
  if (unit.range) {
    if (unit.first_of_file) {
      ++out.summary.files_read;
      out.summary.AddFile(FileKind::kJsonLines);
    }
    ReadJsonLinesRange(file, unit.begin, unit.end, out.summary, sink, selector_.get(), &out.lines);
  } else {
    ReadInputFile(file, out.summary, sink, selector_.get());
  }
  for (size_t i = 0; i < mergeable_.size(); ++i) {
    if (mergeable_[i] != nullptr) out.plans[i].partial = mergeable_[i]->TakePartial();
  }
  out_ = nullptr;
}

void ScanWorker::OnEvent(const RawEvent& ev) {
  Row& row = row_;
  row.Clear();
  row.set_raw(ev.json);
  // _time goes first so that it leads the columns of raw-event output.
  row.Append(fields::Time(), Value());
  error_.clear();
  if (!extractor_->Extract(ev.json, ev.parsed, row, &error_)) {
    out_->summary.AddParseFailure(*ev.source, ev.line, error_.empty() ? "invalid JSON event" : error_);
    return;
  }
  // _time: Splunk reads the first "eventTime" (UTC); a record without one (e.g. shipped through
  // Logstash) falls back to @timestamp, else it has no _time.
  std::optional<double> t;
  if (const Value* et = row.Get(event_time_)) t = ParseIsoTime(et->At(0).AsString());
  if (!t) {
    if (const Value* ts = row.Get(at_timestamp_)) t = ParseIsoTime(ts->At(0).AsString());
  }
  if (t) {
    row.Set(fields::Time(), Value::Num(*t));
    if (shared_.date_fields) SetDateFields(row, *t);
  } else {
    row.Remove(fields::Time());
  }
  if (ev.source != last_source_) {
    source_value_ = Value::Str(*ev.source);
    last_source_ = ev.source;
  }
  std::string sourcetype = shared_.options.sourcetype ? *shared_.options.sourcetype : DetectSourcetype(ev);
  row.Set(fields::Source(), source_value_);
  row.Set(fields::SourceType(), Value::Str(sourcetype));
  row.Set(fields::Host(), host_);
  row.Set(fields::Index(), index_);
  if (const BoundProfile* b = Bound(sourcetype)) b->Apply(row);
  // The last plan that wants the row gets it; the others get copies.
  size_t last = copies_.size();
  for (size_t i = copies_.size(); i-- > 0;) {
    if (!out_->plans[i].failure_line && (selector_ == nullptr || selector_->MayMatch(i))) {
      last = i;
      break;
    }
  }
  for (size_t i = 0; i <= last && i < copies_.size(); ++i) {
    PlanOutput& po = out_->plans[i];
    if (po.failure_line || (selector_ != nullptr && !selector_->MayMatch(i))) continue;
    captures_[i]->line = ev.line;
    try {
      if (i == last) {
        entries_[i]->Push(row);
      } else {
        Row copy = row;
        entries_[i]->Push(copy);
      }
    } catch (const Error& e) {
      po.failure_line = ev.line;
      po.failure = e.what();
    }
  }
}

}  // namespace trailhound
