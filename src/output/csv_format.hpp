#pragma once
// CSV cells and lines (RFC 4180 quoting; lines end in "\n").
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"

namespace trailhound {

// Appends one cell: quoted (with '"' doubled) when it holds ',', '"', '\r' or '\n', else as is.
void AppendCsvCell(std::string& out, std::string_view text);

// Appends cells separated by ',' and a final "\n".
void AppendCsvLine(std::string& out, const std::vector<std::string>& cells);

// A value as a CSV cell's text: a multivalue's values joined with "\n" (one cell, as Splunk
// exports it), numbers as Splunk prints them, a missing field as "".
std::string CsvCellText(const Value* value);

}  // namespace trailhound
