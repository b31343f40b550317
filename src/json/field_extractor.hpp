#pragma once
// Turns one event's JSON into Splunk fields, named as KV_MODE=json names them:
//   {"a":{"b":"x"}}              -> a.b=x
//   {"r":[{"ARN":"1"},{"ARN":"2"}]} -> r{}.ARN=[1,2]   (multivalue, document order)
//   {"h":["x","y"]}              -> h{}=[x,y]
//   {"m":[[1,2],[3]]}            -> m{}{}=[1,2,3]
//   null -> "null"; true/false -> "true"/"false"; numbers -> their text as written;
//   {} and [] -> no field; strings unescaped (UTF-8). Only leaves become fields.
// Fields are appended in order of first appearance. Subtrees the projection does not want are
// skipped by the parser without being materialised (and, being skipped, are not validated).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "absl/container/flat_hash_map.h"
#include "common/row.hpp"
#include "json/projection.hpp"

namespace trailhound {

class FieldExtractor {
 public:
  // Objects and arrays nested deeper than this (the event object itself is level 1) make Extract
  // fail with "nesting too deep" rather than recurse without bound. CloudTrail events nest a few
  // levels; simdjson's own default limit is 1024.
  static constexpr size_t kMaxDepth = 512;

  explicit FieldExtractor(const Projection& projection);

  // Parses `json`, which must be followed by at least kJsonPadding (64) readable bytes (as every
  // RawEvent::json is), and appends its fields to `row`. On malformed JSON (or nesting deeper than
  // kMaxDepth in a part that is walked) returns false, sets *error (if not null) and leaves the
  // row as it was.
  bool Extract(std::string_view json, Row& row, std::string* error) { return Extract(json, nullptr, row, error); }
  // The same, walking `parsed` (the reader's parse of `json`, rewound) when it is not null.
  bool Extract(std::string_view json, simdjson::ondemand::document* parsed, Row& row, std::string* error);

  // Leaves whose value starts `cutoff` or more bytes into the text are left out (spath's
  // extract-all mode reads only the first 5000 characters). Default: no cutoff.
  void set_leaf_cutoff(size_t cutoff) { leaf_cutoff_ = cutoff; }

 private:
  // Values collected for one field name in the current event.
  struct Slot {
    FieldId id = 0;
    size_t count = 0;
    std::vector<std::string> values;  // [0, count) in use; kept allocated across events
  };

  simdjson::error_code WalkObject(simdjson::ondemand::object object);
  simdjson::error_code WalkArray(simdjson::ondemand::array array);
  // The value is named by path_.
  simdjson::error_code WalkValue(simdjson::ondemand::value value);
  bool WantsLeaf() const { return all_ || projection_.Wants(path_); }
  bool PastCutoff(simdjson::ondemand::value& value) const;
  bool WantsSubtree() const { return all_ || projection_.WantsUnder(path_) || projection_.Wants(path_); }
  void AddLeaf(std::string_view text);
  FieldId IdFor(std::string_view name);
  void StartEvent();

  const Projection projection_;
  const bool all_;
  simdjson::ondemand::parser parser_;
  std::string path_;  // the Splunk name of the value being walked
  size_t depth_ = 0;  // objects and arrays open around the value being walked
  absl::flat_hash_map<std::string, FieldId> ids_;  // avoids the global intern table's lock
  std::vector<Slot> slots_;
  size_t used_slots_ = 0;
  // Per field id: its slot in this event, valid when stamp_[id] == event_stamp_.
  std::vector<uint32_t> slot_of_;
  std::vector<uint32_t> stamp_;
  uint32_t event_stamp_ = 0;
  size_t leaf_cutoff_ = SIZE_MAX;
  const char* json_begin_ = nullptr;
};

}  // namespace trailhound
