#pragma once
// Writes a query's result rows in one of the output formats, with an explicit column order.
//
//   jsonl  one object per row: {"col":value,...} in column order, fields absent from a row left
//          out; numbers as JSON numbers (integers without ".0"), strings as strings (extracted
//          fields stay strings, as in Splunk), multivalues as arrays, `_time` as a number.
//   json   the same objects in one array: "[\n" + objects joined by ",\n" + "\n]\n" ("[]\n" if none).
//   csv    a header row of column names, then one line per row; multivalues are one cell with the
//          values on separate lines; RFC 4180 quoting; lines end in "\n".
//   table  see table_format.hpp.
#include <ostream>
#include <string>
#include <vector>

#include "common/row.hpp"
#include "output/output_format.hpp"

namespace trailhound {

// Appends the formatted rows to `out`. Pass DefaultColumns(rows) for the usual column order.
void AppendResults(std::string& out, OutputFormat format, const std::vector<Row>& rows,
                   const std::vector<FieldId>& columns, const TableOptions& options = {});

std::string FormatResults(OutputFormat format, const std::vector<Row>& rows, const std::vector<FieldId>& columns,
                          const TableOptions& options = {});

// Streams the same text to `out` (jsonl and csv row by row, without building it all first).
void WriteResults(std::ostream& out, OutputFormat format, const std::vector<Row>& rows,
                  const std::vector<FieldId>& columns, const TableOptions& options = {});

}  // namespace trailhound
