#include "output/hunt_writer.hpp"

#include <fmt/format.h>

#include "absl/container/flat_hash_set.h"
#include "detect/risk_event.hpp"
#include "output/csv_format.hpp"
#include "output/json_format.hpp"
#include "output/risk_event_format.hpp"
#include "output/table_format.hpp"

namespace trailhound {

namespace {

std::vector<FieldId> ColumnsOf(const DetectionResults& results) {
  return results.columns.empty() ? DefaultColumns(results.rows) : results.columns;
}

void AppendEnvelope(std::string& out, const Detection& detection, const Row& row, const std::vector<FieldId>& columns,
                    const RiskEventBuilder& risk) {
  out += "{\"detection\":";
  AppendJsonString(out, detection.name);
  out += ",\"detection_id\":";
  AppendJsonString(out, detection.id);
  out += ",\"result\":";
  AppendJsonRow(out, row, columns);
  out += ",\"risk\":[";
  std::vector<RiskEvent> events = risk.Build(row);
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out += ',';
    AppendRiskEventJson(out, events[i]);
  }
  out += "]}";
}

void AppendJsonHunt(std::string& out, bool as_array, const std::vector<DetectionResults>& results) {
  bool first = true;
  if (as_array) out += "[";
  for (const auto& entry : results) {
    std::vector<FieldId> columns = ColumnsOf(entry);
    RiskEventBuilder risk(*entry.detection);
    for (const auto& row : entry.rows) {
      if (as_array) out += first ? "\n" : ",\n";
      first = false;
      AppendEnvelope(out, *entry.detection, row, columns, risk);
      if (!as_array) out += '\n';
    }
  }
  if (as_array) out += first ? "]\n" : "\n]\n";
}

// One line per event, joined, for a CSV cell.
template <typename Getter>
std::string JoinEvents(const std::vector<RiskEvent>& events, Getter get) {
  std::string out;
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out += '\n';
    out += get(events[i]);
  }
  return out;
}

void AppendCsvHunt(std::string& out, const std::vector<DetectionResults>& results) {
  std::vector<std::vector<FieldId>> columns_by_detection;
  std::vector<FieldId> all_columns;
  absl::flat_hash_set<FieldId> seen;
  for (const auto& entry : results) {
    columns_by_detection.push_back(ColumnsOf(entry));
    for (FieldId column : columns_by_detection.back()) {
      if (seen.insert(column).second) all_columns.push_back(column);
    }
  }
  std::vector<std::string> header = {"detection", "detection_id"};
  for (FieldId column : all_columns) header.push_back(FieldNames::Name(column));
  for (const char* name : {"risk_object", "risk_object_type", "risk_score", "risk_message"}) header.push_back(name);
  AppendCsvLine(out, header);

  for (size_t detection_idx = 0; detection_idx < results.size(); ++detection_idx) {
    const DetectionResults& entry = results[detection_idx];
    const auto& own_columns = columns_by_detection[detection_idx];
    absl::flat_hash_set<FieldId> own(own_columns.begin(), own_columns.end());
    RiskEventBuilder risk(*entry.detection);
    for (const auto& row : entry.rows) {
      std::vector<std::string> cells = {entry.detection->name, entry.detection->id};
      for (FieldId column : all_columns) cells.push_back(own.contains(column) ? CsvCellText(row.Get(column)) : "");
      std::vector<RiskEvent> events = risk.Build(row);
      cells.push_back(JoinEvents(events, [](const RiskEvent& e) { return e.risk_object; }));
      cells.push_back(JoinEvents(events, [](const RiskEvent& e) { return e.risk_object_type; }));
      cells.push_back(JoinEvents(events, [](const RiskEvent& e) { return std::to_string(e.risk_score); }));
      cells.push_back(JoinEvents(events, [](const RiskEvent& e) { return e.risk_message; }));
      AppendCsvLine(out, cells);
    }
  }
}

void AppendTableHunt(std::string& out, const std::vector<DetectionResults>& results, const TableOptions& options) {
  for (size_t detection_idx = 0; detection_idx < results.size(); ++detection_idx) {
    const DetectionResults& entry = results[detection_idx];
    const Detection& detection = *entry.detection;
    if (detection_idx) out += '\n';
    size_t count = entry.rows.size();
    out += fmt::format("{} ({}): {} result{}\n", detection.name, detection.id, count, count == 1 ? "" : "s");
    if (entry.rows.empty()) continue;

    std::vector<FieldId> columns = ColumnsOf(entry);
    std::vector<std::string> header;
    for (FieldId column : columns) header.push_back(FieldNames::Name(column));
    std::vector<std::vector<std::string>> cells;
    std::vector<std::vector<std::string>> risk_cells;
    RiskEventBuilder risk(detection);
    for (const auto& row : entry.rows) {
      std::vector<std::string> line;
      for (FieldId column : columns) line.push_back(TableCellText(column, row.Get(column)));
      cells.push_back(std::move(line));
      for (const auto& event : risk.Build(row)) {
        risk_cells.push_back({event.risk_object, event.risk_object_type, std::to_string(event.risk_score),
                              event.threat_object.value_or(""), event.risk_message});
      }
    }
    AppendTextTable(out, header, cells, options);
    if (!risk_cells.empty()) {
      out += "risk events:\n";
      TableOptions risk_options = options;
      risk_options.max_cell_width = std::max<size_t>(options.max_cell_width, 200);  // keep messages readable
      AppendTextTable(out, {"risk_object", "risk_object_type", "risk_score", "threat_object", "risk_message"},
                      risk_cells, risk_options);
    }
  }
}

}  // namespace

void AppendHuntResults(std::string& out, OutputFormat format, const std::vector<DetectionResults>& results,
                       const TableOptions& options) {
  switch (format) {
    case OutputFormat::kJsonl: AppendJsonHunt(out, false, results); return;
    case OutputFormat::kJson: AppendJsonHunt(out, true, results); return;
    case OutputFormat::kCsv: AppendCsvHunt(out, results); return;
    case OutputFormat::kTable: AppendTableHunt(out, results, options); return;
  }
}

std::string FormatHuntResults(OutputFormat format, const std::vector<DetectionResults>& results,
                              const TableOptions& options) {
  std::string out;
  AppendHuntResults(out, format, results, options);
  return out;
}

void WriteHuntResults(std::ostream& out, OutputFormat format, const std::vector<DetectionResults>& results,
                      const TableOptions& options) {
  out << FormatHuntResults(format, results, options);
}

}  // namespace trailhound
