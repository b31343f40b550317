#pragma once
// Splunk's default date_* fields (date_hour, date_wday, ...), taken from the event's timestamp.
#include "common/row.hpp"
#include "json/projection.hpp"

namespace trailhound {

// Whether a query names any date_* field (explicitly or by a `date_*`-style prefix). Raw-event
// output ("every field") does not list them, so they are only made when a query asks.
bool WantsDateFields(const Projection& wanted);

// Sets date_second, date_minute, date_hour, date_mday, date_month, date_year, date_wday and
// date_zone from epoch seconds. Splunk takes them from the timestamp as written; CloudTrail
// writes eventTime in UTC ("...Z"), so they are the UTC calendar fields and date_zone is 0.
void SetDateFields(Row& row, double epoch_seconds);

}  // namespace trailhound
