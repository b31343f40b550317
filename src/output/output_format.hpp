#pragma once
// The output formats of `run` and `hunt`, and the default column order.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "common/row.hpp"

namespace trailhound {

enum class OutputFormat {
  kJsonl,  // one JSON object per row
  kJson,   // one JSON array of those objects
  kCsv,    // RFC 4180, header row
  kTable,  // aligned columns for a terminal
};

// "jsonl", "json", "csv", "table"; nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);
std::string_view OutputFormatName(OutputFormat format);

struct TableOptions {
  // Cells longer than this many characters are cut, ending in "...".
  size_t max_cell_width = 60;
};

// The union of the rows' fields, in the order they are first seen (row by row, each row's fields
// in their own order).
std::vector<FieldId> DefaultColumns(const std::vector<Row>& rows);

}  // namespace trailhound
