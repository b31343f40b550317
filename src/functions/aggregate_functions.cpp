// The stats aggregate functions. Values are Splunk strings or numbers: count/dc/values/list/
// first/last/earliest/latest treat them as strings, the numeric functions skip values that are
// not numbers, min/max are numeric when they can be.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/string_map.hpp"
#include "functions/aggregate_function.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

template <typename Derived>
class StateBase : public AggregateState {
 public:
  void Merge(const AggregateState& other) override { static_cast<Derived*>(this)->MergeFrom(static_cast<const Derived&>(other)); }
};

class CountState : public StateBase<CountState> {
 public:
  void Add(const Value&, double) override { ++n_; }
  void MergeFrom(const CountState& o) { n_ += o.n_; }
  Value Finalize() const override { return Value::Num(static_cast<double>(n_)); }

 private:
  uint64_t n_ = 0;
};

class DistinctState : public StateBase<DistinctState> {
 public:
  void Add(const Value& v, double) override {
    if (!v.IsNull()) seen_.insert(v.AsString());
  }
  void MergeFrom(const DistinctState& o) { seen_.insert(o.seen_.begin(), o.seen_.end()); }
  Value Finalize() const override { return Value::Num(static_cast<double>(seen_.size())); }

 private:
  StringSet seen_;
};

class ValuesState : public StateBase<ValuesState> {
 public:
  void Add(const Value& v, double) override {
    if (!v.IsNull()) seen_.insert(v.AsString());
  }
  void MergeFrom(const ValuesState& o) { seen_.insert(o.seen_.begin(), o.seen_.end()); }
  Value Finalize() const override {
    std::vector<Value> out;
    for (const auto& s : seen_) out.push_back(Value::Str(s));  // std::set: byte-wise sorted
    return Value::Multi(std::move(out));
  }

 private:
  std::set<std::string> seen_;
};

class ListState : public StateBase<ListState> {
 public:
  static constexpr size_t kMax = 100;  // limits.conf [stats] list_maxsize
  void Add(const Value& v, double) override {
    if (!v.IsNull() && items_.size() < kMax) items_.push_back(v);
  }
  void MergeFrom(const ListState& o) {
    for (const auto& v : o.items_) {
      if (items_.size() < kMax) items_.push_back(v);
    }
  }
  Value Finalize() const override { return Value::Multi(items_); }

 private:
  std::vector<Value> items_;
};

// min/max: numbers compare numerically and below strings; strings compare byte-wise.
template <bool kMax>
class MinMaxState : public StateBase<MinMaxState<kMax>> {
 public:
  void Add(const Value& v, double) override {
    if (v.IsNull()) return;
    if (auto n = v.AsNumber()) {
      if (!have_num_ || (kMax ? *n > num_ : *n < num_)) num_ = *n;
      have_num_ = true;
    } else {
      std::string s = v.AsString();
      if (!have_str_ || (kMax ? s > str_ : s < str_)) str_ = std::move(s);
      have_str_ = true;
    }
  }
  void MergeFrom(const MinMaxState& o) {
    if (o.have_num_) Add(Value::Num(o.num_), 0);
    if (o.have_str_) Add(Value::Str(o.str_), 0);
  }
  Value Finalize() const override {
    if (kMax) {
      if (have_str_) return Value::Str(str_);
      if (have_num_) return Value::Num(num_);
    } else {
      if (have_num_) return Value::Num(num_);
      if (have_str_) return Value::Str(str_);
    }
    return Value::Null();
  }

 private:
  bool have_num_ = false, have_str_ = false;
  double num_ = 0;
  std::string str_;
};

// Sum, mean, variance via Welford's algorithm (merges with Chan's formula).
class MomentsState : public StateBase<MomentsState> {
 public:
  enum class Output { kSum, kAvg, kStdev, kStdevp, kVar, kVarp, kSumsq, kRange };
  explicit MomentsState(Output out) : out_(out) {}
  void Add(const Value& v, double) override {
    auto x = v.AsNumber();
    if (!x) return;
    ++n_;
    sum_ += *x;
    sumsq_ += *x * *x;
    double delta = *x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (*x - mean_);
    min_ = n_ == 1 ? *x : std::min(min_, *x);
    max_ = n_ == 1 ? *x : std::max(max_, *x);
  }
  void MergeFrom(const MomentsState& o) {
    if (o.n_ == 0) return;
    if (n_ == 0) {
      *this = o;
      return;
    }
    double n = static_cast<double>(n_ + o.n_);
    double delta = o.mean_ - mean_;
    m2_ += o.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(o.n_) / n;
    mean_ += delta * static_cast<double>(o.n_) / n;
    n_ += o.n_;
    sum_ += o.sum_;
    sumsq_ += o.sumsq_;
    min_ = std::min(min_, o.min_);
    max_ = std::max(max_, o.max_);
  }
  Value Finalize() const override {
    if (n_ == 0) return Value::Null();
    double n = static_cast<double>(n_);
    switch (out_) {
      case Output::kSum: return Value::Num(sum_);
      case Output::kAvg: return Value::Num(sum_ / n);
      case Output::kSumsq: return Value::Num(sumsq_);
      case Output::kRange: return Value::Num(max_ - min_);
      case Output::kVar: return n_ < 2 ? Value::Num(0) : Value::Num(m2_ / (n - 1));
      case Output::kVarp: return Value::Num(m2_ / n);
      case Output::kStdev: return n_ < 2 ? Value::Num(0) : Value::Num(std::sqrt(m2_ / (n - 1)));
      case Output::kStdevp: return Value::Num(std::sqrt(m2_ / n));
    }
    return Value::Null();
  }

 private:
  Output out_;
  uint64_t n_ = 0;
  double sum_ = 0, sumsq_ = 0, mean_ = 0, m2_ = 0, min_ = 0, max_ = 0;
};

// Percentiles over the exact list of numeric values (Splunk's digest is exact for small inputs).
// Rank rule: linear interpolation between closest ranks, as exactperc does.
class PercentileState : public StateBase<PercentileState> {
 public:
  explicit PercentileState(double p) : p_(p) {}
  void Add(const Value& v, double) override {
    if (auto x = v.AsNumber()) xs_.push_back(*x);
  }
  void MergeFrom(const PercentileState& o) { xs_.insert(xs_.end(), o.xs_.begin(), o.xs_.end()); }
  Value Finalize() const override {
    if (xs_.empty()) return Value::Null();
    std::vector<double> s = xs_;
    std::sort(s.begin(), s.end());
    double rank = p_ / 100.0 * static_cast<double>(s.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(rank));
    size_t hi = std::min(lo + 1, s.size() - 1);
    double frac = rank - static_cast<double>(lo);
    return Value::Num(s[lo] + (s[hi] - s[lo]) * frac);
  }

 private:
  double p_;
  std::vector<double> xs_;
};

// first/last in input order; earliest/latest by _time (ties: the first seen).
class PickState : public StateBase<PickState> {
 public:
  enum class Mode { kFirst, kLast, kEarliest, kLatest, kEarliestTime, kLatestTime };
  explicit PickState(Mode m) : mode_(m) {}
  void Add(const Value& v, double time) override {
    if (v.IsNull()) return;
    bool take = !have_;
    switch (mode_) {
      case Mode::kFirst: break;
      case Mode::kLast: take = true; break;
      case Mode::kEarliest: case Mode::kEarliestTime: take = take || time < time_; break;
      case Mode::kLatest: case Mode::kLatestTime: take = take || time > time_; break;
    }
    if (take) {
      value_ = v;
      time_ = time;
      have_ = true;
    }
  }
  void MergeFrom(const PickState& o) {
    if (o.have_) Add(o.value_, o.time_);
  }
  Value Finalize() const override {
    if (!have_) return Value::Null();
    if (mode_ == Mode::kEarliestTime || mode_ == Mode::kLatestTime) return Value::Num(time_);
    return value_;
  }

 private:
  Mode mode_;
  bool have_ = false;
  Value value_;
  double time_ = 0;
};

class ModeState : public StateBase<ModeState> {
 public:
  void Add(const Value& v, double) override {
    if (v.IsNull()) return;
    std::string s = v.AsString();
    auto [it, inserted] = counts_.try_emplace(s, 0);
    if (inserted) order_.push_back(s);
    ++it->second;
  }
  void MergeFrom(const ModeState& o) {
    for (const auto& s : o.order_) {
      auto [it, inserted] = counts_.try_emplace(s, 0);
      if (inserted) order_.push_back(s);
      it->second += o.counts_.at(s);
    }
  }
  Value Finalize() const override {
    const std::string* best = nullptr;
    uint64_t best_n = 0;
    for (const auto& s : order_) {
      uint64_t n = counts_.at(s);
      if (n > best_n) {
        best = &s;
        best_n = n;
      }
    }
    return best ? Value::Str(*best) : Value::Null();
  }

 private:
  StringMap<uint64_t> counts_;
  std::vector<std::string> order_;
};

template <typename S, auto... kArgs>
std::unique_ptr<AggregateState> Make(double) {
  return std::make_unique<S>(kArgs...);
}

std::unique_ptr<AggregateState> MakePercentile(double p) { return std::make_unique<PercentileState>(p); }

using O = MomentsState::Output;
using P = PickState::Mode;

struct Entry {
  const char* name;
  const char* canonical;
  bool takes_field;
  std::unique_ptr<AggregateState> (*make)(double);
  const char* description;
};

const Entry kEntries[] = {
    {"count", "count", false, Make<CountState>, "count: rows in the group; count(x): values of x"},
    {"c", "count", false, Make<CountState>, "alias of count"},
    {"dc", "dc", true, Make<DistinctState>, "dc(x): number of distinct values (exact)"},
    {"distinct_count", "dc", true, Make<DistinctState>, "alias of dc"},
    {"estdc", "dc", true, Make<DistinctState>, "estdc(x): distinct count (computed exactly here)"},
    {"values", "values", true, Make<ValuesState>, "values(x): distinct values, sorted"},
    {"list", "list", true, Make<ListState>, "list(x): values in input order, at most 100"},
    {"min", "min", true, Make<MinMaxState<false>>, "min(x): smallest value, numeric when possible"},
    {"max", "max", true, Make<MinMaxState<true>>, "max(x): largest value, numeric when possible"},
    {"sum", "sum", true, Make<MomentsState, O::kSum>, "sum(x)"},
    {"avg", "avg", true, Make<MomentsState, O::kAvg>, "avg(x): mean of the numeric values"},
    {"mean", "avg", true, Make<MomentsState, O::kAvg>, "alias of avg"},
    {"stdev", "stdev", true, Make<MomentsState, O::kStdev>, "stdev(x): sample standard deviation"},
    {"stdevp", "stdevp", true, Make<MomentsState, O::kStdevp>, "stdevp(x): population standard deviation"},
    {"var", "var", true, Make<MomentsState, O::kVar>, "var(x): sample variance"},
    {"varp", "varp", true, Make<MomentsState, O::kVarp>, "varp(x): population variance"},
    {"sumsq", "sumsq", true, Make<MomentsState, O::kSumsq>, "sumsq(x): sum of squares"},
    {"range", "range", true, Make<MomentsState, O::kRange>, "range(x): max - min"},
    {"median", "median", true, MakePercentile, "median(x): 50th percentile"},
    {"first", "first", true, Make<PickState, P::kFirst>, "first(x): first value in input order"},
    {"last", "last", true, Make<PickState, P::kLast>, "last(x): last value in input order"},
    {"earliest", "earliest", true, Make<PickState, P::kEarliest>, "earliest(x): value at the smallest _time"},
    {"latest", "latest", true, Make<PickState, P::kLatest>, "latest(x): value at the largest _time"},
    {"earliest_time", "earliest_time", true, Make<PickState, P::kEarliestTime>, "earliest_time(x): smallest _time with x"},
    {"latest_time", "latest_time", true, Make<PickState, P::kLatestTime>, "latest_time(x): largest _time with x"},
    {"mode", "mode", true, Make<ModeState>, "mode(x): most frequent value"},
};

}  // namespace

bool FindAggregateFunction(std::string_view name, AggregateFunction& out) {
  for (const auto& e : kEntries) {
    if (name == e.name) {
      out = {e.canonical, e.takes_field, e.description, e.make, name == "median" ? 50.0 : 0.0,
             (std::string_view(e.canonical) == "count" || std::string_view(e.canonical) == "dc") ? Value::Num(0) : Value::Null()};
      return true;
    }
  }
  // perc<N>, p<N>, exactperc<N>, upperperc<N>
  for (std::string_view prefix : {"exactperc", "upperperc", "perc", "p"}) {
    if (name.substr(0, prefix.size()) == prefix && name.size() > prefix.size()) {
      auto n = ParseNumber(name.substr(prefix.size()));
      if (!n || *n < 0 || *n > 100) return false;
      out = {std::string(name), true, "percentile", MakePercentile, *n, Value::Null()};
      return true;
    }
  }
  return false;
}

std::vector<std::string> AggregateFunctionNames() {
  std::vector<std::string> out;
  for (const auto& e : kEntries) out.emplace_back(e.name);
  out.emplace_back("perc<N>");
  out.emplace_back("exactperc<N>");
  out.emplace_back("upperperc<N>");
  return out;
}

}  // namespace trailhound
