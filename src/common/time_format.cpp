#include "common/time_format.hpp"

#include <cmath>
#include <mutex>

#include "common/string_map.hpp"
#include "absl/time/time.h"
#include "common/error.hpp"

namespace trailhound {

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

absl::TimeZone LoadZone(const std::string& name) {
  static std::mutex mu;
  static StringMap<absl::TimeZone> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  absl::TimeZone tz;
  if (name == "UTC" || name.empty()) {
    tz = absl::UTCTimeZone();
  } else if (!absl::LoadTimeZone(name, &tz)) {
    throw Error(ErrorKind::kUsage, "unknown timezone '" + name + "' (use an IANA name such as UTC or Europe/Paris)");
  }
  cache.emplace(name, tz);
  return tz;
}

// Rewrites Splunk-only variables (%N, %3N, %Q, %6Q, %f) into literal digits for `epoch`, so the
// rest can go to absl's strftime-compatible formatter.
std::string ExpandSubseconds(std::string_view format, double epoch) {
  // Round to the microsecond first: a double near 1.6e9 holds .123 as .12299990654.
  double frac = std::round((epoch - std::floor(epoch)) * 1e6) / 1e6;
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out += format[i];
      continue;
    }
    size_t j = i + 1;
    int width = -1;
    if (format[j] >= '0' && format[j] <= '9') {
      width = format[j] - '0';
      ++j;
    }
    if (j < format.size() && (format[j] == 'N' || format[j] == 'Q' || (format[j] == 'f' && width < 0))) {
      int digits = width >= 0 ? width : (format[j] == 'N' ? 9 : format[j] == 'Q' ? 3 : 6);
      long long scaled = static_cast<long long>(std::floor(frac * std::pow(10.0, digits) + 1e-6));
      std::string d = std::to_string(scaled);
      if (static_cast<int>(d.size()) < digits) d.insert(0, static_cast<size_t>(digits) - d.size(), '0');
      out += d;
      i = j;
      continue;
    }
    out += format[i];
    out += format[i + 1];
    ++i;
  }
  return out;
}

}  // namespace

std::optional<double> ParseIsoTime(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  double frac = 0;
  if (pos < s.size() && s[pos] == '.') {
    double scale = 0.1;
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      frac += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  long long offset = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int oh, om = 0;
      int sign = s[pos] == '-' ? -1 : 1;
      if (!Digits(s, pos + 1, 2, oh)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && Digits(s, pos, 2, om)) pos += 2;
      offset = sign * (oh * 3600LL + om * 60LL);
    }
  }
  if (pos != s.size()) return std::nullopt;
  long long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  double epoch = static_cast<double>(days * 86400LL + h * 3600LL + mi * 60LL + sec - offset);
  // Splunk's TIME_FORMAT for CloudTrail (%Y-%m-%dT%H:%M:%S%Z) keeps whole seconds.
  (void)frac;
  return epoch;
}

std::string FormatTime(double epoch, std::string_view format, const std::string& timezone) {
  absl::TimeZone tz = LoadZone(timezone);
  absl::Time t = absl::FromUnixSeconds(static_cast<int64_t>(std::floor(epoch)));
  return absl::FormatTime(ExpandSubseconds(format, epoch), t, tz);
}

std::optional<double> ParseTime(std::string_view text, std::string_view format, const std::string& timezone) {
  absl::TimeZone tz = LoadZone(timezone);
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(std::string(format), std::string(text), tz, &t, &err)) return std::nullopt;
  return static_cast<double>(absl::ToUnixSeconds(t));
}

void ValidateTimezone(const std::string& timezone) { (void)LoadZone(timezone); }

}  // namespace trailhound
