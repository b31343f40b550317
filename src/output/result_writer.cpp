#include "output/result_writer.hpp"

#include "output/csv_format.hpp"
#include "output/json_format.hpp"
#include "output/table_format.hpp"

namespace trailhound {

namespace {

std::vector<std::string> ColumnNames(const std::vector<FieldId>& columns) {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (FieldId column : columns) names.push_back(FieldNames::Name(column));
  return names;
}

void AppendCsvRow(std::string& out, const Row& row, const std::vector<FieldId>& columns) {
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  for (FieldId column : columns) cells.push_back(CsvCellText(row.Get(column)));
  AppendCsvLine(out, cells);
}

void AppendTable(std::string& out, const std::vector<Row>& rows, const std::vector<FieldId>& columns,
                 const TableOptions& options) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (FieldId column : columns) line.push_back(TableCellText(column, row.Get(column)));
    cells.push_back(std::move(line));
  }
  AppendTextTable(out, ColumnNames(columns), cells, options);
}

}  // namespace

void AppendResults(std::string& out, OutputFormat format, const std::vector<Row>& rows,
                   const std::vector<FieldId>& columns, const TableOptions& options) {
  switch (format) {
    case OutputFormat::kJsonl:
      for (const auto& row : rows) {
        AppendJsonRow(out, row, columns);
        out += '\n';
      }
      return;
    case OutputFormat::kJson:
      if (rows.empty()) {
        out += "[]\n";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < rows.size(); ++i) {
        if (i) out += ",\n";
        AppendJsonRow(out, rows[i], columns);
      }
      out += "\n]\n";
      return;
    case OutputFormat::kCsv:
      AppendCsvLine(out, ColumnNames(columns));
      for (const auto& row : rows) AppendCsvRow(out, row, columns);
      return;
    case OutputFormat::kTable:
      AppendTable(out, rows, columns, options);
      return;
  }
}

std::string FormatResults(OutputFormat format, const std::vector<Row>& rows, const std::vector<FieldId>& columns,
                          const TableOptions& options) {
  std::string out;
  AppendResults(out, format, rows, columns, options);
  return out;
}

void WriteResults(std::ostream& out, OutputFormat format, const std::vector<Row>& rows,
                  const std::vector<FieldId>& columns, const TableOptions& options) {
  if (format != OutputFormat::kJsonl && format != OutputFormat::kCsv) {
    out << FormatResults(format, rows, columns, options);
    return;
  }
  std::string buffer;
  if (format == OutputFormat::kCsv) AppendCsvLine(buffer, ColumnNames(columns));
  for (const auto& row : rows) {
    if (format == OutputFormat::kCsv) {
      AppendCsvRow(buffer, row, columns);
    } else {
      AppendJsonRow(buffer, row, columns);
      buffer += '\n';
    }
    if (buffer.size() >= (1 << 16)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace trailhound
