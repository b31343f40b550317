#include "exec/event_scan.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/string_map.hpp"
#include "common/time_format.hpp"
#include "exec/date_fields.hpp"
#include "json/field_extractor.hpp"
#include "profile/bound_profile.hpp"
#include "profile/profile_registry.hpp"

namespace trailhound {

std::string DetectSourcetype(const RawEvent& event) { return event.cloudtrail_shaped ? "aws:cloudtrail" : "_json"; }

struct EventScan::Impl {
  std::vector<QueryPlan*> plans;
  ScanOptions options;
  Projection wanted;    // union of what the plans read
  Projection extract;   // wanted + what the profiles need to derive it + eventTime
  std::unique_ptr<FieldExtractor> extractor;
  // Bound profiles by sourcetype; nullptr when the sourcetype has none.
  StringMap<std::unique_ptr<BoundProfile>> bound;
  StringMap<const Profile*> profile_of;
  FieldId event_time = FieldNames::Intern("eventTime");
  FieldId at_timestamp = FieldNames::Intern("@timestamp");
  Value host, index;
  std::vector<std::optional<std::string>> failures;  // per plan: why it stopped
  bool date_fields = false;  // a query names date_hour, date_wday, ...

  const Profile* FindProfile(const std::string& sourcetype) {
    auto it = profile_of.find(sourcetype);
    if (it != profile_of.end()) return it->second;
    const Profile* p = nullptr;
    if (options.apply_profiles) {
      for (const Profile* up : options.user_profiles) {
        if (up->sourcetype() == sourcetype) p = up;
      }
      if (p == nullptr) p = FindBuiltinProfile(sourcetype);
    }
    profile_of.emplace(sourcetype, p);
    return p;
  }

  const BoundProfile* Bound(const std::string& sourcetype) {
    auto it = bound.find(sourcetype);
    if (it != bound.end()) return it->second.get();
    const Profile* p = FindProfile(sourcetype);
    std::unique_ptr<BoundProfile> b = p ? std::make_unique<BoundProfile>(*p, wanted) : nullptr;
    const BoundProfile* raw = b.get();
    bound.emplace(sourcetype, std::move(b));
    return raw;
  }
};

EventScan::EventScan(std::vector<QueryPlan*> plans, ScanOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.plans = std::move(plans);
  s.failures.resize(s.plans.size());
  s.options = std::move(options);
  for (QueryPlan* p : s.plans) s.wanted.Merge(p->needed_fields());
  s.date_fields = WantsDateFields(s.wanted);
  s.extract = s.wanted;
  s.extract.AddField("eventTime");
  s.extract.AddField("@timestamp");
  // Profiles are bound up front for the sourcetypes we know, so that their inputs are extracted.
  std::vector<std::string> sourcetypes = {"aws:cloudtrail", "_json"};
  if (s.options.sourcetype) sourcetypes.push_back(*s.options.sourcetype);
  for (const Profile* up : s.options.user_profiles) sourcetypes.push_back(up->sourcetype());
  for (const auto& st : sourcetypes) {
    if (const BoundProfile* b = s.Bound(st)) b->AddInputs(s.extract);
  }
  s.extractor = std::make_unique<FieldExtractor>(s.extract);
  s.host = Value::Str(s.options.host);
  s.index = Value::Str(s.options.index);
}

EventScan::~EventScan() = default;

void EventScan::Run(const std::vector<InputFile>& files, InputSummary& summary) {
  Impl& s = *impl_;
  Row row;
  std::string error;
  Value source_value;
  const std::string* last_source = nullptr;
  auto stopped = [&](size_t i) { return s.failures[i].has_value() || s.plans[i]->first().Done(); };
  auto all_done = [&] {
    for (size_t i = 0; i < s.plans.size(); ++i) {
      if (!stopped(i)) return false;
    }
    return true;
  };
  for (const auto& file : files) {
    if (all_done()) break;
    ReadInputFile(file, summary, [&](const RawEvent& ev) {
      row.Clear();
      row.set_raw(ev.json);
      // _time goes first so that it leads the columns of raw-event output.
      row.Append(fields::Time(), Value());
      error.clear();
      if (!s.extractor->Extract(ev.json, row, &error)) {
        summary.AddParseFailure(*ev.source, ev.line, error.empty() ? "invalid JSON event" : error);
        return;
      }
      // _time: Splunk reads the first "eventTime" (UTC); a record without one (e.g. shipped
      // through Logstash) falls back to @timestamp, else it has no _time.
      std::optional<double> t;
      if (const Value* et = row.Get(s.event_time)) t = ParseIsoTime(et->At(0).AsString());
      if (!t) {
        if (const Value* ts = row.Get(s.at_timestamp)) t = ParseIsoTime(ts->At(0).AsString());
      }
      if (t) {
        row.Set(fields::Time(), Value::Num(*t));
        if (s.date_fields) SetDateFields(row, *t);
      } else {
        row.Remove(fields::Time());
      }
      if (ev.source != last_source) {
        source_value = Value::Str(*ev.source);
        last_source = ev.source;
      }
      std::string sourcetype = s.options.sourcetype ? *s.options.sourcetype : DetectSourcetype(ev);
      row.Set(fields::Source(), source_value);
      row.Set(fields::SourceType(), Value::Str(sourcetype));
      row.Set(fields::Host(), s.host);
      row.Set(fields::Index(), s.index);
      if (const BoundProfile* b = s.Bound(sourcetype)) b->Apply(row);
      for (size_t i = 0; i < s.plans.size(); ++i) {
        if (stopped(i)) continue;
        Operator& first = s.plans[i]->first();
        try {
          if (i + 1 == s.plans.size()) {
            first.Push(row);
          } else {
            Row copy = row;
            first.Push(copy);
          }
        } catch (const Error& e) {
          s.failures[i] = *ev.source + ":" + std::to_string(ev.line) + ": " + e.what();
        }
      }
    });
  }
  for (size_t i = 0; i < s.plans.size(); ++i) {
    if (s.failures[i]) continue;
    try {
      s.plans[i]->first().Finish();
    } catch (const Error& e) {
      s.failures[i] = std::string("at the end of the input: ") + e.what();
    }
  }
}

const std::optional<std::string>& EventScan::failure(size_t plan) const { return impl_->failures.at(plan); }

std::string EventScan::ExplainExtraction() const {
  return "extracted from events: " + impl_->extract.Describe() + "\n";
}

}  // namespace trailhound
