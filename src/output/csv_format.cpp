#include "output/csv_format.hpp"

namespace trailhound {

void AppendCsvCell(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvLine(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCsvCell(out, cells[i]);
  }
  out += '\n';
}

std::string CsvCellText(const Value* value) { return value == nullptr ? std::string() : value->AsString(); }

}  // namespace trailhound
