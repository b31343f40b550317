#pragma once
// Splits a (decompressed) byte stream into top-level JSON values.
//
// The first kSniffSize bytes are looked at before anything else: a stream that cannot start JSON
// (binary data, an archive, text with no line that could be JSON) is rejected from them at once,
// however long it is.
//
// Then the framing is decided from the first lines:
//  - the first non-blank line is one complete JSON value: JSON lines;
//  - it opens an object or array and ends at a structural point (`{`, `{"Records": [`, ...): one
//    document (pretty-printed, or several values one after another);
//  - it is bad (garbage, cut inside a string, ...) but the next non-blank line is a complete value:
//    JSON lines, the bad line counted as a parse failure at its line.
// JSON lines are read in chunks and each line is parsed in place, so memory stays bounded by the
// longest line whatever the stream's size. A document is read whole, held once (up to
// FramingLimits::max_value_bytes), and split into its top-level values. A value cut short (a
// truncated file) is cut back to its last complete element, so that the events before the damage
// are still read. A document whose first value is broken beyond salvage, but whose second line is a
// complete value, is read as JSON lines after all.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "io/byte_source.hpp"
#include "io/envelope.hpp"
#include "io/padded_buffer.hpp"

namespace trailhound {

// Bytes looked at before committing to read a stream (decompressed bytes, for gzip).
inline constexpr size_t kSniffSize = 64 << 10;

// The largest JSON value held in memory: one document, or one JSON line. simdjson cannot parse
// more than 4 GiB (minus its padding) in one go; a larger value is reported, not read.
inline constexpr uint64_t kMaxJsonValueBytes = 0xFFFFFFFFull - kJsonPadding;

struct FramingLimits {
  uint64_t max_value_bytes = kMaxJsonValueBytes;
};

enum class StreamContent : uint8_t { kEmpty, kNotJson, kJson };

struct StreamResult {
  StreamContent content = StreamContent::kEmpty;
  uint64_t last_line = 0;  // the last line reached (where a read error is reported)
  // kNotJson: why (kNotJson, kNotEvent or kUnsupportedArchive), what it is ("zip", "JSON number",
  // "binary data") and what to do ("unzip it first"); detail and hint may be empty.
  SkipReason skip = SkipReason::kNotJson;
  std::string detail;
  std::string hint;
};

// Whether the first bytes of a stream already show that it holds no JSON events. `prefix` is the
// start of the stream (kSniffSize bytes, or all of it when `complete`). Returns the kNotJson result
// to report, or nothing when the stream may hold JSON (ReadJsonStream then decides).
std::optional<StreamResult> RejectFromPrefix(std::string_view prefix, bool complete);

// Whether `prefix` (the start of a stream) already shows JSON lines: its first non-blank line ends
// within it and is one complete JSON value. Such a stream is best streamed, not held whole.
bool StartsAsJsonLines(std::string_view prefix);

// Reads the stream made of `buffer`'s content followed by what `source` still has (source may be
// null when `buffer` already holds everything). Values go to `envelope`. When the source fails
// part way (a damaged gzip, a read error), the caller reports that; the partial last line or the
// truncated document it leaves behind is not reported again (and a half line is never parsed).
StreamResult ReadJsonStream(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary,
                            const FramingLimits& limits = {});

// Reads a stream known to be JSON lines (a byte range of a file), from its first line as line 1.
StreamResult ReadJsonLines(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary,
                           const FramingLimits& limits = {});

}  // namespace trailhound
