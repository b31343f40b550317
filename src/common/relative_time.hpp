#pragma once
// Splunk relative time modifiers (`-7d@d`, `@w1`, `-1d@d+3h`, `now`), applied to an epoch time.
// Offsets of seconds, minutes and hours are exact durations; days, weeks, months, quarters and
// years move the calendar in the user's timezone; `@unit` snaps down to the start of that unit in
// the user's timezone.
#include <optional>
#include <string>
#include <string_view>

namespace trailhound {

// nullopt when `spec` is not a relative time modifier. Throws Error(kUsage) for an unknown timezone.
std::optional<double> ApplyRelativeTime(double epoch, std::string_view spec, const std::string& timezone);

}  // namespace trailhound
