// anomalydetection, histogram method (Splunk's default), as Splunk documents it:
//   - an event's probability is the product over the chosen fields of the frequency of its value
//     (fields treated as independent); frequency = events with that value / all events;
//   - a numeric field (every present value a number, and not all equal) is binned first, bin width
//     by Scott's rule 3.49 * stdev * n^(-1/3), bins starting at the smallest value; the frequency
//     is that of the value's bin;
//   - a missing value is one more value with its own frequency;
//   - log_event_prob = the natural log of the probability; an event is anomalous when it is
//     below the threshold: log(pthresh) when given, else Q1 - k * IQR of the log-probabilities
//     (quartiles interpolated between closest ranks), k = 1.5 with cutoff=false; trailhound's
//     choice for cutoff=true (Splunk's exact formula is not documented) is k = 3, Tukey's "far
//     out" fence, which flags fewer events as the documentation says.
// Anomalous events get log_event_prob, probable_cause (the field of the rarest value),
// probable_cause_freq and max_freq, in the documented order. action=filter keeps only them, annotate keeps every row,
// summary gives one row of statistics.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "common/string_map.hpp"
#include "exec/operators.hpp"

namespace trailhound {

namespace {

double Quantile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  std::sort(sorted.begin(), sorted.end());
  double pos = p * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

class AnomalyDetectionOperator : public Operator {
 public:
  explicit AnomalyDetectionOperator(const AnomalyDetectionCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    row.OwnRaw();
    rows_.push_back(std::move(row));
  }

  void Finish() override {
    std::vector<FieldId> fields = cmd_.fields.empty() ? AllFields() : cmd_.fields;
    size_t n = rows_.size();
    // freq[f][r]: the frequency of row r's value of field f.
    std::vector<std::vector<double>> freq(fields.size(), std::vector<double>(n, 1.0));
    for (size_t f = 0; f < fields.size(); ++f) Frequencies(fields[f], freq[f]);
    std::vector<double> logp(n, 0.0);
    for (size_t r = 0; r < n; ++r) {
      for (size_t f = 0; f < fields.size(); ++f) logp[r] += std::log(freq[f][r]);
    }
    double q1 = Quantile(logp, 0.25), q3 = Quantile(logp, 0.75);
    double threshold = cmd_.pthresh ? std::log(*cmd_.pthresh) : q1 - (cmd_.cutoff ? 3.0 : 1.5) * (q3 - q1);
    size_t anomalies = 0;
    for (size_t r = 0; r < n; ++r) {
      bool anomalous = !fields.empty() && logp[r] < threshold;
      anomalies += anomalous ? 1 : 0;
      if (cmd_.action == AnomalyDetectionCommand::Action::kSummary || Done()) continue;
      if (!anomalous) {
        if (cmd_.action == AnomalyDetectionCommand::Action::kAnnotate) Emit(rows_[r]);
        continue;
      }
      size_t cause = 0;
      double max_freq = 0;
      for (size_t f = 0; f < fields.size(); ++f) {
        if (freq[f][r] < freq[cause][r]) cause = f;
        max_freq = std::max(max_freq, freq[f][r]);
      }
      Row& row = rows_[r];
      const Value added[] = {Value::Num(logp[r]), Value::Str(FieldNames::Name(fields[cause])), Value::Num(freq[cause][r]),
                             Value::Num(max_freq)};
      static_assert(std::size(added) == std::size(kAnomalyAnnotationFields));
      for (size_t k = 0; k < std::size(added); ++k) row.Set(FieldNames::Intern(kAnomalyAnnotationFields[k]), added[k]);
      Emit(row);
    }
    if (cmd_.action == AnomalyDetectionCommand::Action::kSummary) {
      Row summary;
      summary.Set(FieldNames::Intern("num_anomalies"), Value::Num(static_cast<double>(anomalies)));
      if (n > 0) {
        summary.Set(FieldNames::Intern("thresh"), Value::Num(threshold));
        summary.Set(FieldNames::Intern("max_logprob"), Value::Num(*std::max_element(logp.begin(), logp.end())));
        summary.Set(FieldNames::Intern("min_logprob"), Value::Num(*std::min_element(logp.begin(), logp.end())));
        summary.Set(FieldNames::Intern("1st_quartile"), Value::Num(q1));
        summary.Set(FieldNames::Intern("3rd_quartile"), Value::Num(q3));
      }
      Emit(summary);
    }
    rows_.clear();
    Operator::Finish();
  }

 private:
  // Without a field list: every field of the rows except internal ones (_time, _raw ...).
  std::vector<FieldId> AllFields() const {
    std::vector<FieldId> out;
    absl::flat_hash_set<FieldId> seen;
    for (const Row& row : rows_) {
      for (const auto& e : row.entries()) {
        const std::string& name = FieldNames::Name(e.first);
        if (!name.empty() && name[0] != '_' && seen.insert(e.first).second) out.push_back(e.first);
      }
    }
    return out;
  }

  void Frequencies(FieldId field, std::vector<double>& freq) const {
    size_t n = rows_.size();
    // The numeric view of each present value; a field is numeric when all present values are.
    std::vector<std::optional<double>> numbers(n);
    size_t present = 0;
    bool numeric = true;
    for (size_t r = 0; r < n; ++r) {
      const Value* v = rows_[r].Get(field);
      if (v == nullptr || v->Count() == 0) continue;
      ++present;
      numbers[r] = v->Count() == 1 ? v->At(0).AsNumber() : std::nullopt;
      if (!numbers[r]) numeric = false;
    }
    double width = 0, lowest = 0;
    if (numeric && present >= 2) {
      double sum = 0;
      lowest = INFINITY;
      for (const auto& x : numbers) {
        if (x) {
          sum += *x;
          lowest = std::min(lowest, *x);
        }
      }
      double mean = sum / static_cast<double>(present), squares = 0;
      for (const auto& x : numbers) {
        if (x) squares += (*x - mean) * (*x - mean);
      }
      double stdev = std::sqrt(squares / static_cast<double>(present - 1));
      width = 3.49 * stdev * std::pow(static_cast<double>(present), -1.0 / 3.0);
    }
    // The category of each row: its bin, its value's text, or "missing".
    std::vector<std::string> category(n);
    StringMap<size_t> counts;
    for (size_t r = 0; r < n; ++r) {
      const Value* v = rows_[r].Get(field);
      if (v == nullptr || v->Count() == 0) {
        category[r] = std::string(1, '\0');  // the missing value
      } else if (width > 0) {
        category[r] = "bin:" + std::to_string(static_cast<long long>(std::floor((*numbers[r] - lowest) / width)));
      } else {
        category[r] = "v:" + v->AsString();
      }
      ++counts[category[r]];
    }
    for (size_t r = 0; r < n; ++r) freq[r] = static_cast<double>(counts[category[r]]) / static_cast<double>(n);
  }

  const AnomalyDetectionCommand& cmd_;
  std::vector<Row> rows_;
};

}  // namespace

OperatorPtr MakeAnomalyDetectionOperator(const AnomalyDetectionCommand& cmd) {
  return std::make_unique<AnomalyDetectionOperator>(cmd);
}

}  // namespace trailhound
