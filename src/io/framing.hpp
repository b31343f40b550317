#pragma once
// Splits a (decompressed) byte stream into top-level JSON values.
//
// If the first non-blank line is one complete JSON value, the stream is JSON lines: it is read in
// chunks and each line is parsed in place, so memory stays bounded by the longest line whatever
// the file size (a one-line Records file is simply one long line). Otherwise the stream is one
// document (pretty-printed, or several values one after another): it is read whole, held once,
// and split into its top-level values. A value cut short (a truncated file) is cut back to its
// last complete element, so that the events before the damage are still read.
#include <cstdint>
#include <string>

#include "io/byte_source.hpp"
#include "io/envelope.hpp"
#include "io/padded_buffer.hpp"

namespace trailhound {

enum class StreamContent : uint8_t { kEmpty, kNotJson, kJson };

struct StreamResult {
  StreamContent content = StreamContent::kEmpty;
  uint64_t last_line = 0;  // the last line reached (where a read error is reported)
};

// Reads the stream made of `buffer`'s content followed by what `source` still has (source may be
// null when `buffer` already holds everything). Values go to `envelope`.
StreamResult ReadJsonStream(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary);

}  // namespace trailhound
