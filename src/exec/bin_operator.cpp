// bin/bucket: replaces a value by the start of its bin. Time spans under a day align to epoch 0
// (UTC); spans of a day or more align to midnight in the user's timezone; months are calendar
// months. A numeric span on another field gives a "lo-hi" range string. Rows without the field
// pass through unchanged.
#include <cmath>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/error.hpp"
#include "exec/operators.hpp"

namespace trailhound {

namespace {

class BinOperator : public Operator {
 public:
  BinOperator(const BinCommand& cmd, const EvalSettings& settings) : cmd_(cmd) {
    if (settings.timezone != "UTC" && !settings.timezone.empty() && !absl::LoadTimeZone(settings.timezone, &tz_)) {
      throw Error(ErrorKind::kUsage, "unknown timezone '" + settings.timezone + "'");
    }
    if (settings.timezone == "UTC" || settings.timezone.empty()) tz_ = absl::UTCTimeZone();
  }

  void Push(Row& row) override {
    const Value* v = row.Get(cmd_.field);
    if (v != nullptr) {
      std::vector<Value> out;
      for (size_t i = 0; i < v->Count(); ++i) {
        auto n = v->At(i).AsNumber();
        out.push_back(n ? Bin(*n) : v->At(i));
      }
      row.Set(cmd_.as.value_or(cmd_.field), Value::Multi(std::move(out)));
    }
    Emit(row);
  }

 private:
  Value Bin(double x) const {
    if (!cmd_.time_span) {
      double lo = std::floor(x / cmd_.numeric_span) * cmd_.numeric_span;
      return Value::Str(FormatNumber(lo) + "-" + FormatNumber(lo + cmd_.numeric_span));
    }
    if (cmd_.span_months > 0) {
      absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(static_cast<int64_t>(std::floor(x))), tz_);
      long long months = cs.year() * 12LL + (cs.month() - 1);
      months -= ((months % cmd_.span_months) + cmd_.span_months) % cmd_.span_months;
      absl::CivilMonth start(months / 12, static_cast<int>(months % 12) + 1);
      return Value::Num(static_cast<double>(absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(start), tz_))));
    }
    double span = cmd_.span_seconds;
    if (span >= 86400) {
      // Align to local midnight: shift by the zone offset, floor, shift back.
      int64_t secs = static_cast<int64_t>(std::floor(x));
      double offset = tz_.At(absl::FromUnixSeconds(secs)).offset;
      return Value::Num(std::floor((x + offset) / span) * span - offset);
    }
    double align = cmd_.aligntime.value_or(0);
    return Value::Num(align + std::floor((x - align) / span) * span);
  }

  const BinCommand& cmd_;
  absl::TimeZone tz_;
};

}  // namespace

OperatorPtr MakeBinOperator(const BinCommand& cmd, const EvalSettings& settings) {
  return std::make_unique<BinOperator>(cmd, settings);
}

}  // namespace trailhound
