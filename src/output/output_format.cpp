#include "output/output_format.hpp"

#include "absl/container/flat_hash_set.h"

namespace trailhound {

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "jsonl") return OutputFormat::kJsonl;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "table") return OutputFormat::kTable;
  return std::nullopt;
}

std::string_view OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kJsonl: return "jsonl";
    case OutputFormat::kJson: return "json";
    case OutputFormat::kCsv: return "csv";
    case OutputFormat::kTable: return "table";
  }
  return "jsonl";
}

std::vector<FieldId> DefaultColumns(const std::vector<Row>& rows) {
  std::vector<FieldId> columns;
  absl::flat_hash_set<FieldId> seen;
  for (const auto& row : rows) {
    for (const auto& [field, value] : row.entries()) {
      if (seen.insert(field).second) columns.push_back(field);
    }
  }
  return columns;
}

}  // namespace trailhound
