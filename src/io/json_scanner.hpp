#pragma once
// A quick structural scan of JSON text: where a value ends, and whether it is complete. It only
// tracks strings and bracket nesting (simdjson validates the rest), which is enough to split
// concatenated documents, to decide the framing of a file, and to cut a truncated file back to
// the last complete element so that the events before the damage can still be read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace trailhound {

struct JsonScan {
  enum class Status { kComplete, kTruncated, kMalformed };
  Status status = Status::kComplete;
  size_t end = 0;           // kComplete: offset just past the value
  size_t error_offset = 0;  // otherwise: where the problem was seen
  const char* reason = "";  // otherwise: a short description ("unterminated string", ...)
  // Otherwise, if non-zero: text[start, salvage_end) + salvage_closers is a complete value that
  // keeps every whole element of the outer array (a top-level array, or the "Records",
  // "logEvents" or "Events" array of the top-level object) seen before the damage. Other cut
  // objects have no salvage: half an event must not pass for a whole one.
  size_t salvage_end = 0;
  std::string salvage_closers;
  // kTruncated inside a string (which no pretty-printed document does at a line's end).
  bool in_string = false;
};

// Scans the object or array starting at text[start] (which must be '{' or '[').
JsonScan ScanJsonValue(std::string_view text, size_t start);

// Number of '\n' bytes in text (fast: documents are counted through to place events on lines).
uint64_t CountNewlines(std::string_view text);

// Offset of the first byte at or after `pos` that is not JSON whitespace (text.size() if none).
size_t SkipJsonWhitespace(std::string_view text, size_t pos);

}  // namespace trailhound
