#include "json/field_extractor.hpp"

#include <algorithm>

#include "absl/strings/string_view.h"

#include "io/padded_buffer.hpp"
#include "json/json_error.hpp"
#include "json/lenient_string.hpp"

namespace trailhound {

namespace od = simdjson::ondemand;

FieldExtractor::FieldExtractor(const Projection& projection)
    : projection_(projection), all_(projection.wants_all()) {}

void FieldExtractor::StartEvent() {
  used_slots_ = 0;
  if (++event_stamp_ == 0) {  // wrapped: forget every old stamp
    std::fill(stamp_.begin(), stamp_.end(), 0);
    event_stamp_ = 1;
  }
}

FieldId FieldExtractor::IdFor(std::string_view name) {
  // Debian's Abseil has its own string_view type.
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it != ids_.end()) return it->second;
  FieldId id = FieldNames::Intern(name);
  ids_.emplace(std::string(name), id);
  return id;
}

void FieldExtractor::AddLeaf(std::string_view text) {
  const FieldId id = IdFor(path_);
  if (id >= stamp_.size()) {
    stamp_.resize(std::max<size_t>(id + 1, stamp_.size() * 2), 0);
    slot_of_.resize(stamp_.size(), 0);
  }
  if (stamp_[id] != event_stamp_) {
    stamp_[id] = event_stamp_;
    slot_of_[id] = static_cast<uint32_t>(used_slots_);
    if (used_slots_ == slots_.size()) slots_.emplace_back();
    Slot& fresh = slots_[used_slots_++];
    fresh.id = id;
    fresh.count = 0;
  }
  Slot& slot = slots_[slot_of_[id]];
  if (slot.count == slot.values.size()) slot.values.emplace_back();
  slot.values[slot.count++].assign(text);
}

namespace {

// Counts one level of nesting for the duration of a walk.
class DepthGuard {
 public:
  explicit DepthGuard(size_t& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  size_t& depth_;
};

}  // namespace

simdjson::error_code FieldExtractor::WalkObject(od::object object) {
  DepthGuard guard(depth_);
  if (depth_ > kMaxDepth) return simdjson::DEPTH_ERROR;
  simdjson::error_code error;
  for (auto field_result : object) {
    od::field field;
    if ((error = std::move(field_result).get(field))) return error;
    std::string_view key;
    if ((error = field.unescaped_key().get(key))) return error;
    const size_t mark = path_.size();
    if (mark != 0) path_ += '.';
    path_ += key;
    // A key repeated in one object lands in the same slot, so its values become one multivalue
    // field (in document order), the same as values from several array elements.
    error = WalkValue(field.value());
    path_.resize(mark);
    if (error) return error;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code FieldExtractor::WalkArray(od::array array) {
  DepthGuard guard(depth_);
  if (depth_ > kMaxDepth) return simdjson::DEPTH_ERROR;
  simdjson::error_code error;
  for (auto element_result : array) {
    od::value element;
    if ((error = element_result.get(element))) return error;
    if ((error = WalkValue(element))) return error;  // elements carry the array's name ("x{}")
  }
  return simdjson::SUCCESS;
}

bool FieldExtractor::PastCutoff(od::value& value) const {
  if (leaf_cutoff_ == SIZE_MAX) return false;
  return static_cast<size_t>(value.raw_json_token().data() - json_begin_) >= leaf_cutoff_;
}

simdjson::error_code FieldExtractor::WalkValue(od::value value) {
  od::json_type type;
  simdjson::error_code error = value.type().get(type);
  if (error) return error;
  // Values that are not wanted are left alone: the iterator skips them on its next step.
  switch (type) {
    case od::json_type::object: {
      if (!WantsSubtree()) return simdjson::SUCCESS;
      od::object object;
      if ((error = value.get_object().get(object))) return error;
      return WalkObject(object);
    }
    case od::json_type::array: {
      const size_t mark = path_.size();
      path_ += "{}";
      if (WantsSubtree()) {
        od::array array;
        if (!(error = value.get_array().get(array))) error = WalkArray(array);
      }
      path_.resize(mark);
      return error;
    }
    case od::json_type::string: {
      if (!WantsLeaf() || PastCutoff(value)) return simdjson::SUCCESS;
      std::string_view text;
      std::string_view token = value.raw_json_token();  // peeks: the string is still unread
      if ((error = value.get_string().get(text))) {
        // A lone surrogate escape: keep the event, with U+FFFD for the bad escape.
        if (error != simdjson::STRING_ERROR) return error;
        auto lenient = DecodeJsonStringLenient(token);
        if (!lenient) return error;
        AddLeaf(*lenient);
        return simdjson::SUCCESS;
      }
      AddLeaf(text);
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      if (!WantsLeaf() || PastCutoff(value)) return simdjson::SUCCESS;
      // Splunk keeps the number as written (1.0 stays "1.0", 1e3 stays "1e3").
      std::string_view token = value.raw_json_token();
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                                token.back() == '\t')) {
        token.remove_suffix(1);
      }
      AddLeaf(token);
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      if (!WantsLeaf() || PastCutoff(value)) return simdjson::SUCCESS;
      bool b = false;
      if ((error = value.get_bool().get(b))) return error;
      AddLeaf(b ? "true" : "false");
      return simdjson::SUCCESS;
    }
    case od::json_type::null: {
      if (!WantsLeaf() || PastCutoff(value)) return simdjson::SUCCESS;
      bool is_null = false;
      if ((error = value.is_null().get(is_null))) return error;
      if (!is_null) return simdjson::N_ATOM_ERROR;
      AddLeaf("null");
      return simdjson::SUCCESS;
    }
  }
  return simdjson::SUCCESS;
}

bool FieldExtractor::Extract(std::string_view json, od::document* parsed, Row& row, std::string* error) {
  StartEvent();
  json_begin_ = json.data();
  path_.clear();
  depth_ = 0;
  od::document own;
  simdjson::error_code code = simdjson::SUCCESS;
  if (parsed == nullptr) {
    code = parser_.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + kJsonPadding)).get(own);
  }
  od::document& doc = parsed != nullptr ? *parsed : own;
  od::json_type type = od::json_type::null;
  if (!code) code = doc.type().get(type);
  if (!code) {
    if (type == od::json_type::object) {
      od::object object;
      if (!(code = doc.get_object().get(object))) code = WalkObject(object);
    } else if (type == od::json_type::array) {
      // A top-level array: its elements are named "{}", "{}.key", as spath names them.
      od::array array;
      path_ = "{}";
      if (!(code = doc.get_array().get(array))) code = WalkArray(array);
    }
    // A top-level scalar has no fields.
  }
  if (!code) {
    const char* location = nullptr;
    if (doc.current_location().get(location) != simdjson::OUT_OF_BOUNDS) code = simdjson::TRAILING_CONTENT;
  }
  if (code) {
    if (error != nullptr) *error = std::string(JsonErrorReason(code));
    return false;
  }
  for (size_t i = 0; i < used_slots_; ++i) {
    Slot& slot = slots_[i];
    if (slot.count == 1) {
      row.Append(slot.id, Value::Str(std::move(slot.values[0])));
      continue;
    }
    std::vector<Value> values;
    values.reserve(slot.count);
    for (size_t j = 0; j < slot.count; ++j) values.push_back(Value::Str(std::move(slot.values[j])));
    row.Append(slot.id, Value::Multi(std::move(values)));
  }
  return true;
}

}  // namespace trailhound
