#pragma once
// Time parsing and formatting with Splunk's format variables and a user timezone (default UTC).
#include <optional>
#include <string>
#include <string_view>

namespace trailhound {

// Parses an ISO 8601 timestamp as CloudTrail writes it ("2023-08-26T20:35:56Z", optionally with
// fractional seconds and a +hh:mm offset; no zone means UTC). Returns epoch seconds.
std::optional<double> ParseIsoTime(std::string_view text);

// Formats epoch seconds with Splunk/strftime variables (%Y %m %d %H %M %S %b %a %j %z %Z %s %N %Q
// %3N ... %F %T) in the named IANA timezone. Throws Error(kUsage) for an unknown timezone.
std::string FormatTime(double epoch, std::string_view format, const std::string& timezone);

// Parses text with the same variables; a text without a zone is read in `timezone`.
std::optional<double> ParseTime(std::string_view text, std::string_view format, const std::string& timezone);

// Throws Error(kUsage) if the timezone name is not known (for --tz validation).
void ValidateTimezone(const std::string& timezone);

}  // namespace trailhound
