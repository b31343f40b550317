// Date and time eval functions: now, time, strftime, strptime, relative_time.
#include <chrono>
#include <cmath>

#include "common/relative_time.hpp"
#include "common/time_format.hpp"
#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"

namespace trailhound {

namespace {

Value Now(const ScalarFunctionCall& c) { return Value::Num(c.evaluator.settings().now); }

Value Time(const ScalarFunctionCall&) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch());
  return Value::Num(static_cast<double>(us.count()) / 1e6);
}

Value StrFTime(const ScalarFunctionCall& c) {
  auto t = c.Arg(0).AsNumber();
  Value f = c.Arg(1);
  if (!t || f.IsNull()) return Value::Null();
  return Value::Str(FormatTime(*t, f.AsString(), c.evaluator.settings().timezone));
}

Value StrPTime(const ScalarFunctionCall& c) {
  Value s = c.Arg(0);
  Value f = c.Arg(1);
  if (s.IsNull() || f.IsNull()) return Value::Null();
  auto t = ParseTime(s.At(0).AsString(), f.AsString(), c.evaluator.settings().timezone);
  return t ? Value::Num(*t) : Value::Null();
}

Value RelativeTime(const ScalarFunctionCall& c) {
  auto t = c.Arg(0).AsNumber();
  Value spec = c.Arg(1);
  if (!t || spec.IsNull()) return Value::Null();
  auto out = ApplyRelativeTime(*t, spec.At(0).AsString(), c.evaluator.settings().timezone);
  return out ? Value::Num(*out) : Value::Null();
}

}  // namespace

void RegisterTimeFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"now", 0, 0, Now, "now(): the search start time (set with --now), epoch seconds"});
  t.push_back({"time", 0, 0, Time, "time(): wall-clock time when the expression runs"});
  t.push_back({"strftime", 2, 2, StrFTime, "strftime(t, format): epoch to text in the --tz timezone"});
  t.push_back({"relative_time", 2, 2, RelativeTime,
               "relative_time(t, \"-7d@d\"): t moved by a Splunk relative time modifier, snapped in the --tz timezone"});
  t.push_back({"strptime", 2, 2, StrPTime, "strptime(s, format): text to epoch; null when it does not parse"});
}

}  // namespace trailhound
