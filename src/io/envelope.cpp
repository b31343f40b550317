#include "io/envelope.hpp"

#include <algorithm>
#include <string>

#include "io/json_scanner.hpp"
#include "json/json_error.hpp"

namespace trailhound {

namespace od = simdjson::ondemand;

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING, "readers must pad as much as simdjson reads ahead");

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string_view TrimTrailingSpace(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

// What the keys of an object say about it. Values of wrapper keys are kept as slices.
struct ObjectShape {
  bool event_version = false;
  bool event_name = false;
  bool event_source = false;
  bool digest_start = false;
  bool digest_end = false;
  bool log_files = false;
  bool detail_type = false;
  bool message_type = false;
  bool control_message = false;
  bool records = false;
  bool cloudtrail_event = false;  // a CloudTrailEvent string (copied into the owned buffer)
  std::string_view detail;        // the detail object
  std::string_view log_events;    // the logEvents array
  std::string_view events;        // the Events array

  bool cloudtrail_shaped() const { return event_version || (event_name && event_source); }
  bool digest() const { return digest_start && (log_files || digest_end); }
};

// Whether the whole document was consumed (nothing but whitespace after the value).
bool AtEnd(od::document& doc) {
  const char* location = nullptr;
  return doc.current_location().get(location) == simdjson::OUT_OF_BOUNDS;
}

// Why a top-level scalar is not read: "not an event (JSON number)", or why it is not even that.
std::string ScalarReason(od::document& doc, od::json_type type) {
  simdjson::error_code error = simdjson::SUCCESS;
  std::string_view name;
  switch (type) {
    case od::json_type::number: {
      od::number n;
      error = doc.get_number().get(n);
      name = "JSON number";
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      error = doc.get_string().get(s);
      name = "JSON string";
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      error = doc.get_bool().get(b);
      name = "JSON boolean";
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      error = doc.is_null().get(is_null);
      if (!error && !is_null) error = simdjson::N_ATOM_ERROR;
      name = "JSON null";
      break;
    }
    default: return "not a JSON object or array";
  }
  if (error) return std::string(JsonErrorReason(error));
  if (!AtEnd(doc)) return "unexpected content after the JSON value";
  return "not an event (" + std::string(name) + ")";
}

}  // namespace

uint64_t EnvelopeReader::LineCounter::At(const char* p) {
  if (p > pos) {
    line += CountNewlines(std::string_view(pos, static_cast<size_t>(p - pos)));
  } else if (p < pos) {
    line -= CountNewlines(std::string_view(p, static_cast<size_t>(pos - p)));
  }
  pos = p;
  return line;
}

FileKind EnvelopeReader::file_kind() const {
  if (!first_kind_) return ruled_out_ ? FileKind::kJsonLines : FileKind::kUnparseable;
  switch (*first_kind_) {
    case ValueKind::kPlainEvent: return top_values_ > 1 ? FileKind::kJsonLines : FileKind::kSingleEvent;
    case ValueKind::kRecords: return FileKind::kRecords;
    case ValueKind::kArray: return FileKind::kArray;
    case ValueKind::kCloudWatch: return FileKind::kCloudWatch;
    case ValueKind::kEventBridge: return FileKind::kEventBridge;
    case ValueKind::kLookupEvents: return FileKind::kLookupEvents;
    case ValueKind::kDigest: return FileKind::kDigest;
    case ValueKind::kFailed: break;
  }
  return FileKind::kUnparseable;
}

void EnvelopeReader::FailIteration(simdjson::error_code error, const char* fallback) {
  broken_ = true;
  const char* at = fallback;
  if (top_doc_ != nullptr) {
    const char* loc = nullptr;
    if (top_doc_->current_location().get(loc) == simdjson::SUCCESS && loc >= top_text_ &&
        loc < top_text_ + top_readable_) {
      at = loc;
    }
  }
  Fail(lines_.At(at), JsonErrorReason(error));
}

void EnvelopeReader::ReadTopLevel(const char* text, size_t len, size_t readable, uint64_t line) {
  ++top_values_;
  top_text_ = text;
  top_readable_ = readable;
  broken_ = false;
  end_checked_ = false;
  lines_ = LineCounter{text, line};

  od::document doc;
  simdjson::error_code error = top_parser_.iterate(simdjson::padded_string_view(text, len, readable)).get(doc);
  if (error) {
    Fail(line, JsonErrorReason(error));
    return;
  }
  top_doc_ = &doc;
  ValueKind kind = ValueKind::kFailed;
  od::json_type type;
  if ((error = doc.type().get(type))) {
    FailIteration(error, text);
  } else if (type == od::json_type::object) {
    od::object object;
    if ((error = doc.get_object().get(object))) {
      FailIteration(error, text);
    } else {
      kind = ReadObject(object, text, text + len, EventWrapper::kNone);
    }
  } else if (type == od::json_type::array) {
    od::array array;
    if ((error = doc.get_array().get(array))) {
      FailIteration(error, text);
    } else {
      kind = ReadArray(array);
    }
  } else {
    Fail(line, ScalarReason(doc, type));
  }
  if (!broken_ && kind != ValueKind::kFailed && !end_checked_ && !AtEnd(doc)) {
    Fail(line, "unexpected content after the JSON value");
  }
  top_doc_ = nullptr;
  if (kind != ValueKind::kFailed && !first_kind_) first_kind_ = kind;
}

const char* EnvelopeReader::EndOfConsumed(const char* start) {
  const char* loc = nullptr;
  if (top_doc_->current_location().get(loc) != simdjson::SUCCESS || loc < start) {
    return nullptr;
  }
  // current_location() is the next token (',' or ']'); the object ends before the spaces.
  while (loc > start && IsJsonSpace(loc[-1])) --loc;
  return loc;
}

EnvelopeReader::ValueKind EnvelopeReader::ReadObject(od::object object, const char* start, const char* known_end,
                                                     EventWrapper wrapper) {
  ObjectShape shape;
  simdjson::error_code error;
  for (auto field_result : object) {
    od::field field;
    if ((error = std::move(field_result).get(field))) {
      FailIteration(error, start);
      return ValueKind::kFailed;
    }
    od::raw_json_string key = field.key();
    // Most keys of an event say nothing about its shape: one look at the first byte skips them.
    switch (*key.raw()) {
      case 'e': case 'R': case 'd': case 'l': case 'm': case 'E': case 'C': break;
      default: continue;
    }
    od::value value = field.value();
    if (key == "eventVersion") {
      shape.event_version = true;
    } else if (key == "eventName") {
      shape.event_name = true;
    } else if (key == "eventSource") {
      shape.event_source = true;
    } else if (key == "Records") {
      od::array records;
      if (value.get_array().get(records) == simdjson::SUCCESS) {
        // Streamed right away: this is the large case, and the key alone decides the shape.
        shape.records = true;
        ReadRecords(records);
        if (broken_) return ValueKind::kRecords;
      }
    } else if (key == "digestStartTime") {
      shape.digest_start = true;
    } else if (key == "digestEndTime") {
      shape.digest_end = true;
    } else if (key == "logFiles") {
      shape.log_files = true;
    } else if (key == "messageType") {
      std::string_view message_type;
      if (value.get_string().get(message_type) == simdjson::SUCCESS) {
        shape.message_type = true;
        shape.control_message = message_type == "CONTROL_MESSAGE";
      }
    } else if (key == "logEvents") {
      od::array array;
      std::string_view raw;
      if (value.get_array().get(array) == simdjson::SUCCESS && array.raw_json().get(raw) == simdjson::SUCCESS) {
        shape.log_events = TrimTrailingSpace(raw);
      }
    } else if (key == "detail-type") {
      shape.detail_type = true;
    } else if (key == "detail") {
      od::object detail;
      std::string_view raw;
      if (value.get_object().get(detail) == simdjson::SUCCESS && detail.raw_json().get(raw) == simdjson::SUCCESS) {
        shape.detail = TrimTrailingSpace(raw);
      }
    } else if (key == "Events") {
      od::array array;
      std::string_view raw;
      if (value.get_array().get(array) == simdjson::SUCCESS && array.raw_json().get(raw) == simdjson::SUCCESS) {
        shape.events = TrimTrailingSpace(raw);
      }
    } else if (key == "CloudTrailEvent") {
      std::string_view event;
      if (value.get_string().get(event) == simdjson::SUCCESS) {
        shape.cloudtrail_event = true;
        owned_.Assign(event);
      }
    }
  }

  if (shape.records) return ValueKind::kRecords;
  const uint64_t line = lines_.At(start);
  if (shape.digest()) return ValueKind::kDigest;
  if (shape.message_type && !shape.log_events.empty()) {
    if (shape.control_message) {
      ++summary_.control_messages_skipped;
    } else {
      ReadLogEvents(shape.log_events);
    }
    return ValueKind::kCloudWatch;
  }
  if (shape.detail_type && !shape.detail.empty()) {
    EmitCheckedSlice(shape.detail, EventWrapper::kEventBridge, lines_.At(shape.detail.data()));
    return ValueKind::kEventBridge;
  }
  if (!shape.cloudtrail_shaped()) {
    if (shape.cloudtrail_event) {
      EmitOwned(EventWrapper::kLookupEvents, line, "CloudTrailEvent");
      return ValueKind::kLookupEvents;
    }
    if (!shape.events.empty()) {
      ReadLookupEvents(shape.events);
      return ValueKind::kLookupEvents;
    }
  }

  const char* end = known_end != nullptr ? known_end : EndOfConsumed(start);
  if (end == nullptr) {
    Fail(line, "could not locate the end of the event");
    return ValueKind::kFailed;
  }
  const std::string_view event(start, static_cast<size_t>(end - start));
  if (start == top_text_ && wrapper == EventWrapper::kNone && top_doc_ != nullptr) {
    // The whole top-level value is the event (a JSON line): check what follows it first, then
    // hand out this parse of it, rewound, so that the event is not parsed a second time.
    end_checked_ = true;
    if (!AtEnd(*top_doc_)) Fail(line, "unexpected content after the JSON value");
    top_doc_->rewind();
    Emit(event, wrapper, line, shape.cloudtrail_shaped(), top_doc_);
    return ValueKind::kPlainEvent;
  }
  Emit(event, wrapper, line, shape.cloudtrail_shaped());
  return ValueKind::kPlainEvent;
}

EnvelopeReader::ValueKind EnvelopeReader::ReadArray(od::array array) {
  simdjson::error_code error;
  for (auto element_result : array) {
    od::value element;
    od::json_type type;
    if ((error = element_result.get(element)) || (error = element.type().get(type))) {
      FailIteration(error, top_text_);
      break;
    }
    const char* start = element.raw_json_token().data();
    if (type != od::json_type::object) {
      Fail(lines_.At(start), "array element is not an object");
      continue;
    }
    od::object object;
    if ((error = element.get_object().get(object))) {
      FailIteration(error, start);
      break;
    }
    ReadObject(object, start, nullptr, EventWrapper::kArray);
    if (broken_) break;
  }
  return ValueKind::kArray;
}

void EnvelopeReader::ReadRecords(od::array records) {
  simdjson::error_code error;
  for (auto element_result : records) {
    od::value element;
    od::json_type type;
    if ((error = element_result.get(element)) || (error = element.type().get(type))) {
      FailIteration(error, top_text_);
      return;
    }
    const char* start = element.raw_json_token().data();
    if (type != od::json_type::object) {
      Fail(lines_.At(start), "Records element is not an object");
      continue;
    }
    od::object object;
    if ((error = element.get_object().get(object))) {
      FailIteration(error, start);
      return;
    }
    // Walk the top-level keys only (values are skipped, not parsed) to learn the shape.
    ObjectShape shape;
    for (auto field_result : object) {
      od::field field;
      if ((error = std::move(field_result).get(field))) {
        FailIteration(error, start);
        return;
      }
      od::raw_json_string key = field.key();
      if (key == "eventVersion") {
        shape.event_version = true;
      } else if (key == "eventName") {
        shape.event_name = true;
      } else if (key == "eventSource") {
        shape.event_source = true;
      }
    }
    const char* end = EndOfConsumed(start);
    if (end == nullptr) {
      FailIteration(simdjson::INCOMPLETE_ARRAY_OR_OBJECT, start);
      return;
    }
    Emit(std::string_view(start, static_cast<size_t>(end - start)), EventWrapper::kRecords, lines_.At(start),
         shape.cloudtrail_shaped());
  }
}

void EnvelopeReader::ReadLogEvents(std::string_view log_events) {
  ReadStringMembers(log_events, "message", EventWrapper::kCloudWatch, "logEvents entry without a message string",
                    "logEvents message");
}

void EnvelopeReader::ReadLookupEvents(std::string_view events) {
  ReadStringMembers(events, "CloudTrailEvent", EventWrapper::kLookupEvents,
                    "Events entry without a CloudTrailEvent string", "CloudTrailEvent");
}

// CloudWatch payloads and LookupEvents output both hold each event as a JSON string member of
// the elements of an array: unescape it into owned_ and emit it.
void EnvelopeReader::ReadStringMembers(std::string_view array_text, std::string_view key, EventWrapper wrapper,
                                       const char* missing_message, const char* what) {
  od::document doc;
  od::array array;
  simdjson::error_code error =
      inner_parser_.iterate(simdjson::padded_string_view(array_text.data(), array_text.size(),
                                                         ReadableFrom(array_text.data())))
          .get(doc);
  if (error || (error = doc.get_array().get(array))) {
    Fail(lines_.At(array_text.data()), JsonErrorReason(error));
    return;
  }
  for (auto element_result : array) {
    od::value element;
    od::object object;
    if ((error = element_result.get(element)) || (error = element.get_object().get(object))) {
      Fail(lines_.At(array_text.data()), JsonErrorReason(error));
      return;
    }
    const uint64_t line = lines_.At(element.raw_json_token().data());
    bool found = false;
    for (auto field_result : object) {
      od::field field;
      if ((error = std::move(field_result).get(field))) {
        Fail(line, JsonErrorReason(error));
        return;
      }
      std::string_view text;
      if (field.key() == key && field.value().get_string().get(text) == simdjson::SUCCESS) {
        owned_.Assign(text);
        found = true;
        break;  // The rest of the element is skipped by the array iteration.
      }
    }
    if (!found) {
      Fail(line, missing_message);
      continue;
    }
    EmitOwned(wrapper, line, what);
  }
}

simdjson::error_code EnvelopeReader::CheckEventShape(std::string_view json, size_t readable, bool* cloudtrail_shaped) {
  od::document doc;
  od::object object;
  simdjson::error_code error =
      event_parser_.iterate(simdjson::padded_string_view(json.data(), json.size(), readable)).get(doc);
  if (error || (error = doc.get_object().get(object))) return error;
  ObjectShape shape;
  for (auto field_result : object) {
    od::field field;
    if ((error = std::move(field_result).get(field))) return error;
    od::raw_json_string key = field.key();
    if (key == "eventVersion") {
      shape.event_version = true;
    } else if (key == "eventName") {
      shape.event_name = true;
    } else if (key == "eventSource") {
      shape.event_source = true;
    }
  }
  if (!AtEnd(doc)) return simdjson::TRAILING_CONTENT;
  *cloudtrail_shaped = shape.cloudtrail_shaped();
  return simdjson::SUCCESS;
}

void EnvelopeReader::EmitOwned(EventWrapper wrapper, uint64_t line, std::string_view what) {
  std::string_view json = TrimTrailingSpace(owned_.view());
  bool shaped = false;
  simdjson::error_code error = CheckEventShape(json, owned_.readable_from(owned_.data()), &shaped);
  if (error) {
    Fail(line, std::string(what) + (error == simdjson::INCORRECT_TYPE ? " is not a JSON object"
                                                                      : ": " + std::string(JsonErrorReason(error))));
    return;
  }
  Emit(json, wrapper, line, shaped);
}

void EnvelopeReader::EmitCheckedSlice(std::string_view json, EventWrapper wrapper, uint64_t line) {
  bool shaped = false;
  simdjson::error_code error = CheckEventShape(json, ReadableFrom(json.data()), &shaped);
  if (error) {
    Fail(line, JsonErrorReason(error));
    return;
  }
  Emit(json, wrapper, line, shaped);
}

void EnvelopeReader::Emit(std::string_view json, EventWrapper wrapper, uint64_t line, bool cloudtrail_shaped,
                          od::document* parsed) {
  // Asked again for an event on a JSON line it selected: it then learns which queries may want
  // this very event (and a line may hold a whole Records document).
  if (selector_ != nullptr && !selector_->Wanted(json)) {
    ++summary_.events_prefiltered;
    return;
  }
  summary_.AddEvent(wrapper, cloudtrail_shaped);
  RawEvent event{json, &path_, line, cloudtrail_shaped, parsed};
  sink_(event);
}

}  // namespace trailhound
