#include "output/table_format.hpp"

#include <cmath>
#include <fmt/format.h>

namespace trailhound {

namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (char c : text) width += IsContinuationByte(c) ? 0 : 1;
  return width;
}

// The first `width` characters of `text` (never splitting a UTF-8 sequence).
std::string TakeCharacters(const std::string& text, size_t width) {
  size_t taken = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsContinuationByte(text[i])) {
      if (taken == width) break;
      ++taken;
    }
    ++i;
  }
  return text.substr(0, i);
}

std::string FitCell(std::string text, size_t max_width) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (DisplayWidth(text) <= max_width) return text;
  constexpr std::string_view kEllipsis = "...";
  if (max_width <= kEllipsis.size()) return TakeCharacters(text, max_width);
  return TakeCharacters(text, max_width - kEllipsis.size()) + std::string(kEllipsis);
}

void AppendPadded(std::string& out, const std::string& text, size_t width, bool last) {
  out += text;
  if (last) return;
  out.append(width - DisplayWidth(text) + 2, ' ');
}

std::string ScalarTableText(FieldId field, const Value& value) {
  if (field == fields::Time()) {
    if (auto epoch = value.AsNumber()) return FormatUtcIsoTime(*epoch);
  }
  return value.AsString();
}

}  // namespace

std::string FormatUtcIsoTime(double epoch_seconds) {
  if (!std::isfinite(epoch_seconds)) return FormatNumber(epoch_seconds);
  long long total_ms = std::llround(epoch_seconds * 1000.0);
  long long seconds = total_ms >= 0 ? total_ms / 1000 : -((-total_ms + 999) / 1000);
  long long millis = total_ms - seconds * 1000;
  long long days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  long long second_of_day = seconds - days * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long year = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long day = doy - (153 * mp + 2) / 5 + 1;
  long long month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) ++year;
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", year, month, day, second_of_day / 3600,
                                second_of_day / 60 % 60, second_of_day % 60);
  if (millis != 0) out += fmt::format(".{:03d}", millis);
  out += 'Z';
  return out;
}

std::string TableCellText(FieldId field, const Value* value) {
  if (value == nullptr) return "";
  if (!value->IsMulti()) return ScalarTableText(field, *value);
  std::string out;
  for (size_t i = 0; i < value->Count(); ++i) {
    if (i) out += ", ";
    out += ScalarTableText(field, value->At(i));
  }
  return out;
}

void AppendTextTable(std::string& out, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& cells, const TableOptions& options) {
  if (cells.empty()) {
    out += "(no results)\n";
    return;
  }
  size_t column_count = header.size();
  std::vector<std::string> shown_header;
  std::vector<std::vector<std::string>> shown_cells;
  std::vector<size_t> widths(column_count, 0);
  for (size_t column_idx = 0; column_idx < column_count; ++column_idx) {
    shown_header.push_back(FitCell(header[column_idx], options.max_cell_width));
    widths[column_idx] = DisplayWidth(shown_header.back());
  }
  for (const auto& row : cells) {
    std::vector<std::string> shown;
    for (size_t column_idx = 0; column_idx < column_count; ++column_idx) {
      shown.push_back(FitCell(column_idx < row.size() ? row[column_idx] : "", options.max_cell_width));
      widths[column_idx] = std::max(widths[column_idx], DisplayWidth(shown.back()));
    }
    shown_cells.push_back(std::move(shown));
  }
  auto append_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (size_t column_idx = 0; column_idx < column_count; ++column_idx) {
      AppendPadded(text, line[column_idx], widths[column_idx], column_idx + 1 == column_count);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  append_line(shown_header);
  std::vector<std::string> rule;
  for (size_t width : widths) rule.push_back(std::string(width, '-'));
  append_line(rule);
  for (const auto& row : shown_cells) append_line(row);
}

}  // namespace trailhound
