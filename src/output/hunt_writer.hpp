#pragma once
// Output of `hunt`: the results of several detections, each row with the risk events ES would
// write for it.
//
//   jsonl  one line per result row:
//          {"detection":NAME,"detection_id":ID,"result":{columns...},"risk":[risk events]}
//          (risk events as in risk_event_format.hpp; [] when the detection makes none).
//   json   the same objects in one array, laid out as result_writer.hpp's json.
//   csv    one line per result row: detection, detection_id, then the union of all detections'
//          result columns (first-seen order), then risk_object, risk_object_type, risk_score,
//          risk_message; a row with several risk events has one line per event inside each of
//          those cells; cells of columns a detection lacks are empty.
//   table  per detection a heading "NAME (ID): N results", its results table, then (if any) a
//          "risk events:" table of risk_object, risk_object_type, risk_score, threat_object,
//          risk_message; detections are separated by a blank line.
#include <ostream>
#include <string>
#include <vector>

#include "common/row.hpp"
#include "detect/detection.hpp"
#include "output/output_format.hpp"

namespace trailhound {

struct DetectionResults {
  const Detection* detection = nullptr;  // must not be null
  std::vector<Row> rows;
  std::vector<FieldId> columns;  // empty: DefaultColumns(rows)
};

void AppendHuntResults(std::string& out, OutputFormat format, const std::vector<DetectionResults>& results,
                       const TableOptions& options = {});

std::string FormatHuntResults(OutputFormat format, const std::vector<DetectionResults>& results,
                              const TableOptions& options = {});

void WriteHuntResults(std::ostream& out, OutputFormat format, const std::vector<DetectionResults>& results,
                      const TableOptions& options = {});

}  // namespace trailhound
