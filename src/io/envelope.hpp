#pragma once
// Classifies each top-level JSON value of a file and unwraps the events in it:
//   {"Records":[e, ...]}                         S3 delivery file: each element is an event
//   {"messageType":..,"logEvents":[{"message":"<json>"}]}  CloudWatch Logs subscription payload
//                                                (CONTROL_MESSAGE payloads are skipped, counted)
//   {"detail-type":..,"detail":{e}}              EventBridge envelope
//   {"Events":[{"CloudTrailEvent":"<json>"}]}    LookupEvents output (also one such entry alone)
//   {"digestStartTime":..,"logFiles":[..]}       CloudTrail digest: skipped
//   [v, ...]                                     each element classified as above
//   any other object                             one event
// Events found inside the file buffer are handed out as slices of it (no copy); events held in
// JSON strings are unescaped into one reused buffer.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "io/event_selector.hpp"
#include "io/input_reader.hpp"
#include "io/padded_buffer.hpp"

namespace trailhound {

class EnvelopeReader {
 public:
  // With a selector, events inside documents that it does not want are counted, not emitted
  // (and ReadJsonStream asks it which JSON lines to read at all).
  EnvelopeReader(const std::string& path, InputSummary& summary, const EventSink& sink,
                 EventSelector* selector = nullptr)
      : path_(path), summary_(summary), sink_(sink), selector_(selector) {}

  EventSelector* selector() const { return selector_; }
  InputSummary& summary() const { return summary_; }

  // Reads one top-level value: text[0, len), with `readable` bytes readable from `text`
  // (at least len + kJsonPadding). `line` is the line on which the value starts.
  void ReadTopLevel(const char* text, size_t len, size_t readable, uint64_t line);

  // `n` JSON lines of the file were ruled out by the selector, unparsed: counted, and they make
  // the file JSON lines even if no line was classified.
  void RuledOut(uint64_t n) {
    summary_.lines_prefiltered += n;
    top_values_ += n;
    ruled_out_ = ruled_out_ || n > 0;
  }

  // Records a problem with the file at `line`.
  void Fail(uint64_t line, std::string_view reason) { summary_.AddParseFailure(path_, line, reason); }

  // The file's kind, from the first top-level value that could be classified.
  FileKind file_kind() const;

 private:
  enum class ValueKind : uint8_t { kFailed, kPlainEvent, kRecords, kArray, kCloudWatch, kEventBridge, kLookupEvents, kDigest };

  // Maps pointers inside the current top-level value to line numbers.
  struct LineCounter {
    const char* pos = nullptr;
    uint64_t line = 1;
    uint64_t At(const char* p);
  };

  ValueKind ReadObject(simdjson::ondemand::object object, const char* start, const char* known_end,
                       EventWrapper wrapper);
  ValueKind ReadArray(simdjson::ondemand::array array);
  void ReadRecords(simdjson::ondemand::array records);
  void ReadLogEvents(std::string_view log_events);
  void ReadLookupEvents(std::string_view events);
  void ReadStringMembers(std::string_view array_text, std::string_view key, EventWrapper wrapper,
                         const char* missing_message, const char* what);
  // Emits an event held in owned_ (after checking it is an object), or counts why not.
  void EmitOwned(EventWrapper wrapper, uint64_t line, std::string_view what);
  // Emits an event that is a slice of the current top-level text, checking its shape first.
  void EmitCheckedSlice(std::string_view json, EventWrapper wrapper, uint64_t line);
  void Emit(std::string_view json, EventWrapper wrapper, uint64_t line, bool cloudtrail_shaped,
            simdjson::ondemand::document* parsed = nullptr);
  // Whether `json` (padded) is an object, and whether it looks like a CloudTrail event.
  simdjson::error_code CheckEventShape(std::string_view json, size_t readable, bool* cloudtrail_shaped);
  // After an object inside the current value was consumed: where it ended.
  const char* EndOfConsumed(const char* start);
  size_t ReadableFrom(const char* p) const { return static_cast<size_t>(top_text_ + top_readable_ - p); }
  void FailIteration(simdjson::error_code error, const char* fallback);

  const std::string& path_;
  InputSummary& summary_;
  const EventSink& sink_;
  EventSelector* selector_;

  // One parser per nesting level in use at the same time: the top-level value, a wrapper's
  // array re-read from its slice, and an unwrapped event checked before it is emitted.
  simdjson::ondemand::parser top_parser_;
  simdjson::ondemand::parser inner_parser_;
  simdjson::ondemand::parser event_parser_;
  simdjson::ondemand::document* top_doc_ = nullptr;
  const char* top_text_ = nullptr;
  size_t top_readable_ = 0;
  bool broken_ = false;  // the top-level iteration hit an error it cannot continue from
  bool end_checked_ = false;  // the top-level value was an event, and what follows it was checked
  LineCounter lines_;
  PaddedBuffer owned_;  // an event unescaped from a JSON string

  std::optional<ValueKind> first_kind_;
  bool ruled_out_ = false;  // some lines were never classified
  uint64_t top_values_ = 0;
};

}  // namespace trailhound
