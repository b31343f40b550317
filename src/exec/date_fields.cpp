#include "exec/date_fields.hpp"

#include <cmath>
#include <ctime>

namespace trailhound {

namespace {

struct DateFieldIds {
  FieldId second = FieldNames::Intern("date_second");
  FieldId minute = FieldNames::Intern("date_minute");
  FieldId hour = FieldNames::Intern("date_hour");
  FieldId mday = FieldNames::Intern("date_mday");
  FieldId month = FieldNames::Intern("date_month");
  FieldId year = FieldNames::Intern("date_year");
  FieldId wday = FieldNames::Intern("date_wday");
  FieldId zone = FieldNames::Intern("date_zone");
};

const DateFieldIds& Ids() {
  static const DateFieldIds ids;
  return ids;
}

constexpr const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                   "july",    "august",   "september", "october", "november", "december"};
constexpr const char* kWeekdays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

}  // namespace

bool WantsDateFields(const Projection& wanted) {
  for (const auto& name : wanted.names()) {
    if (name.rfind("date_", 0) == 0) return true;
  }
  for (const auto& prefix : wanted.prefixes()) {
    if (!prefix.empty() && (prefix.rfind("date_", 0) == 0 || std::string("date_").rfind(prefix, 0) == 0)) return true;
  }
  return false;
}

void SetDateFields(Row& row, double epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(std::floor(epoch_seconds));
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return;
  const DateFieldIds& id = Ids();
  row.Set(id.second, Value::Str(std::to_string(tm.tm_sec)));
  row.Set(id.minute, Value::Str(std::to_string(tm.tm_min)));
  row.Set(id.hour, Value::Str(std::to_string(tm.tm_hour)));
  row.Set(id.mday, Value::Str(std::to_string(tm.tm_mday)));
  row.Set(id.month, Value::Str(kMonths[tm.tm_mon]));
  row.Set(id.year, Value::Str(std::to_string(tm.tm_year + 1900)));
  row.Set(id.wday, Value::Str(kWeekdays[tm.tm_wday]));
  row.Set(id.zone, Value::Str("0"));
}

}  // namespace trailhound
