#pragma once
// A plain-text table for terminals: a header, a rule of dashes, and rows of cells padded to the
// column width (two spaces between columns, no trailing spaces). Only this format renders `_time`
// as a date (ISO 8601 in UTC, "2026-01-15T10:00:00Z"); multivalues are shown as "a, b"; tabs and
// line breaks inside a cell become spaces; cells wider than the limit are cut with "...". Widths
// count UTF-8 characters, not bytes.
#include <string>
#include <vector>

#include "output/output_format.hpp"

namespace trailhound {

// `header` and every row of `cells` have the same number of entries. Writes "(no results)\n"
// when there are no rows.
void AppendTextTable(std::string& out, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& cells, const TableOptions& options);

// The text a table shows for a value of `field`.
std::string TableCellText(FieldId field, const Value* value);

// Epoch seconds as "YYYY-MM-DDTHH:MM:SSZ" (with ".mmm" when there are fractional milliseconds).
std::string FormatUtcIsoTime(double epoch_seconds);

}  // namespace trailhound
