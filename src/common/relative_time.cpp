#include "common/relative_time.hpp"

#include <cctype>
#include <cmath>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/error.hpp"

namespace trailhound {

namespace {

enum class Unit { kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear };

std::optional<Unit> ParseUnit(std::string_view u) {
  struct Name {
    const char* text;
    Unit unit;
  };
  static const Name kNames[] = {
      {"s", Unit::kSecond},   {"sec", Unit::kSecond},    {"secs", Unit::kSecond},     {"second", Unit::kSecond},
      {"seconds", Unit::kSecond}, {"m", Unit::kMinute},  {"min", Unit::kMinute},      {"mins", Unit::kMinute},
      {"minute", Unit::kMinute}, {"minutes", Unit::kMinute}, {"h", Unit::kHour},      {"hr", Unit::kHour},
      {"hrs", Unit::kHour},   {"hour", Unit::kHour},     {"hours", Unit::kHour},      {"d", Unit::kDay},
      {"day", Unit::kDay},    {"days", Unit::kDay},      {"w", Unit::kWeek},          {"week", Unit::kWeek},
      {"weeks", Unit::kWeek}, {"mon", Unit::kMonth},     {"month", Unit::kMonth},     {"months", Unit::kMonth},
      {"q", Unit::kQuarter},  {"qtr", Unit::kQuarter},   {"qtrs", Unit::kQuarter},    {"quarter", Unit::kQuarter},
      {"quarters", Unit::kQuarter}, {"y", Unit::kYear},  {"yr", Unit::kYear},         {"yrs", Unit::kYear},
      {"year", Unit::kYear},  {"years", Unit::kYear},
  };
  for (const auto& n : kNames) {
    if (u == n.text) return n.unit;
  }
  return std::nullopt;
}

absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone tz;
  if (name.empty() || name == "UTC") return absl::UTCTimeZone();
  if (!absl::LoadTimeZone(name, &tz)) {
    throw Error(ErrorKind::kUsage, "unknown timezone '" + name + "' (use an IANA name such as UTC or Europe/Paris)");
  }
  return tz;
}

// Time as whole seconds plus a fraction, so that calendar moves keep sub-second parts.
struct Instant {
  int64_t seconds;
  double fraction;
};

Instant Split(double epoch) {
  double whole = std::floor(epoch);
  return {static_cast<int64_t>(whole), epoch - whole};
}

double Join(int64_t seconds, double fraction) { return static_cast<double>(seconds) + fraction; }

double Offset(double epoch, long long n, Unit unit, const absl::TimeZone& tz) {
  switch (unit) {
    case Unit::kSecond: return epoch + static_cast<double>(n);
    case Unit::kMinute: return epoch + 60.0 * static_cast<double>(n);
    case Unit::kHour: return epoch + 3600.0 * static_cast<double>(n);
    default: break;
  }
  Instant i = Split(epoch);
  absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(i.seconds), tz);
  long long days = unit == Unit::kDay ? n : unit == Unit::kWeek ? 7 * n : 0;
  long long months = unit == Unit::kMonth ? n : unit == Unit::kQuarter ? 3 * n : unit == Unit::kYear ? 12 * n : 0;
  // CivilSecond normalises out-of-range fields (Jan 31 + 1 month = Mar 3 or 2).
  absl::CivilSecond moved(cs.year(), cs.month() + months, cs.day() + days, cs.hour(), cs.minute(), cs.second());
  return Join(absl::ToUnixSeconds(absl::FromCivil(moved, tz)), i.fraction);
}

// Snaps down to the start of the unit; `weekday` (0..7, 0 and 7 = Sunday) for @wN.
double Snap(double epoch, Unit unit, int weekday, const absl::TimeZone& tz) {
  Instant i = Split(epoch);
  absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(i.seconds), tz);
  absl::CivilSecond start;
  switch (unit) {
    case Unit::kSecond: return static_cast<double>(i.seconds);
    case Unit::kMinute: start = absl::CivilMinute(cs); break;
    case Unit::kHour: start = absl::CivilHour(cs); break;
    case Unit::kDay: start = absl::CivilDay(cs); break;
    case Unit::kWeek: {
      absl::CivilDay day(cs);
      int today = 0;  // 0 = Sunday
      switch (absl::GetWeekday(day)) {
        case absl::Weekday::sunday: today = 0; break;
        case absl::Weekday::monday: today = 1; break;
        case absl::Weekday::tuesday: today = 2; break;
        case absl::Weekday::wednesday: today = 3; break;
        case absl::Weekday::thursday: today = 4; break;
        case absl::Weekday::friday: today = 5; break;
        case absl::Weekday::saturday: today = 6; break;
      }
      int back = (today - weekday % 7 + 7) % 7;
      start = absl::CivilSecond(day - back);
      break;
    }
    case Unit::kMonth: start = absl::CivilMonth(cs); break;
    case Unit::kQuarter: {
      absl::CivilMonth m(cs);
      start = absl::CivilMonth(m.year(), m.month() - (m.month() - 1) % 3);
      break;
    }
    case Unit::kYear: start = absl::CivilYear(cs); break;
  }
  return static_cast<double>(absl::ToUnixSeconds(absl::FromCivil(start, tz)));
}

}  // namespace

std::optional<double> ApplyRelativeTime(double epoch, std::string_view spec, const std::string& timezone) {
  while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.front()))) spec.remove_prefix(1);
  while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.back()))) spec.remove_suffix(1);
  if (spec.empty()) return std::nullopt;
  if (spec == "now") return epoch;
  const absl::TimeZone tz = Zone(timezone);
  double t = epoch;
  bool snapped = false;
  size_t i = 0;
  auto read_unit = [&](size_t& j) {
    size_t b = j;
    while (j < spec.size() && std::isalpha(static_cast<unsigned char>(spec[j]))) ++j;
    return spec.substr(b, j - b);
  };
  while (i < spec.size()) {
    char c = spec[i];
    if (c == '+' || c == '-') {
      ++i;
      size_t b = i;
      while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) ++i;
      if (i - b > 9) return std::nullopt;
      long long n = i == b ? 1 : std::stoll(std::string(spec.substr(b, i - b)));  // "-h" = "-1h"
      auto unit = ParseUnit(read_unit(i));
      if (!unit) return std::nullopt;
      t = Offset(t, c == '-' ? -n : n, *unit, tz);
    } else if (c == '@') {
      if (snapped) return std::nullopt;
      snapped = true;
      ++i;
      std::string_view name = read_unit(i);
      int weekday = 0;
      if (name == "w" && i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
        weekday = spec[i] - '0';
        ++i;
        if (weekday > 7) return std::nullopt;
      }
      auto unit = ParseUnit(name);
      if (!unit) return std::nullopt;
      t = Snap(t, *unit, weekday, tz);
    } else if (std::isdigit(static_cast<unsigned char>(c)) && i == 0) {
      // "7d" without a sign is read as "+7d".
      size_t b = i;
      while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) ++i;
      if (i - b > 9) return std::nullopt;
      long long n = std::stoll(std::string(spec.substr(b, i - b)));
      auto unit = ParseUnit(read_unit(i));
      if (!unit) return std::nullopt;
      t = Offset(t, n, *unit, tz);
    } else {
      return std::nullopt;
    }
  }
  return t;
}

}  // namespace trailhound
