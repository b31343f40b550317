#include "io/framing.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

#include "io/json_scanner.hpp"

namespace trailhound {

namespace {

// Read size for JSON lines; a line longer than this grows the buffer.
constexpr size_t kChunkSize = 1 << 20;

class StreamReader {
 public:
  StreamReader(ByteSource* source, PaddedBuffer& buffer, InputSummary& summary)
      : source_(source), buffer_(buffer), summary_(summary), eof_(source == nullptr) {
    summary_.bytes_read += buffer_.size();
  }

  bool eof() const { return eof_; }
  // The source failed part way: what it handed out ends at the damage, not at a value's end.
  bool cut_short() const { return source_ != nullptr && source_->cut_short(); }

  // Appends up to one chunk; returns false at the end of the stream.
  bool ReadMore() {
    if (eof_) return false;
    if (buffer_.free_space() < kChunkSize / 2) buffer_.Reserve(buffer_.size() + kChunkSize);
    size_t got = source_->Read(buffer_.data() + buffer_.size(), buffer_.free_space());
    if (got == 0) {
      eof_ = true;
      return false;
    }
    buffer_.Commit(got);
    summary_.bytes_read += got;
    return true;
  }

  // Reads until the buffer holds at least `n` bytes or the stream ends.
  void Fill(size_t n) {
    while (buffer_.size() < n && ReadMore()) {
    }
  }

  // Reads the rest of the stream; false (having stopped) once the buffer would exceed `max` bytes.
  bool ReadAll(uint64_t max) {
    const uint64_t hint = source_ != nullptr ? source_->size_hint() : 0;
    if (hint > max) return false;
    if (hint > buffer_.size()) buffer_.Reserve(hint + 1);
    while (buffer_.size() <= max && ReadMore()) {
    }
    return buffer_.size() <= max;
  }

 private:
  ByteSource* source_;
  PaddedBuffer& buffer_;
  InputSummary& summary_;
  bool eof_;
};

size_t SkipBom(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

uint64_t CountLines(std::string_view text) { return CountNewlines(text); }

std::string LimitText(uint64_t max) {
  if (max >= (1ull << 30)) return fmt::format("{} GiB", (max + (1ull << 29)) >> 30);
  return fmt::format("{}-byte", max);
}

std::string_view Trim(std::string_view s) {
  size_t b = SkipJsonWhitespace(s, 0);
  s.remove_prefix(b);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What one line (without its newline) says about the framing.
enum class LineShape : uint8_t {
  kBlank,
  kValue,          // one complete object or array, nothing but blanks after it
  kConcatenated,   // a complete object or array followed by another one on the same line
  kDocumentStart,  // opens an object or array and ends at a structural point ("{", "[{", `"a": [`)
  kBad,            // anything else: garbage, a scalar, a value cut inside a string, ...
};

LineShape ClassifyLine(std::string_view line) {
  const size_t start = SkipJsonWhitespace(line, 0);
  if (start >= line.size()) return LineShape::kBlank;
  if (line[start] != '{' && line[start] != '[') return LineShape::kBad;
  JsonScan scan = ScanJsonValue(line, start);
  if (scan.status == JsonScan::Status::kComplete) {
    const size_t after = SkipJsonWhitespace(line, scan.end);
    if (after == line.size()) return LineShape::kValue;
    return line[after] == '{' || line[after] == '[' ? LineShape::kConcatenated : LineShape::kBad;
  }
  if (scan.status == JsonScan::Status::kTruncated && !scan.in_string) return LineShape::kDocumentStart;
  return LineShape::kBad;
}

// "JSON number", "JSON string", ... when `text` is exactly one valid JSON scalar, else empty.
std::string_view ScalarName(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kSniffSize) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(text.data(), text.size(), true).get(element) != simdjson::SUCCESS) return {};
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT: return {};
    case simdjson::dom::element_type::STRING: return "JSON string";
    case simdjson::dom::element_type::BOOL: return "JSON boolean";
    case simdjson::dom::element_type::NULL_VALUE: return "JSON null";
    default: return "JSON number";
  }
}

// Archives and compressed formats that are certainly not JSON, by their magic bytes.
struct ArchiveKind {
  std::string_view name;
  std::string_view hint;
};

std::optional<ArchiveKind> ArchiveName(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("PK\x03\x04") || starts("PK\x05\x06") || starts("PK\x07\x08")) return ArchiveKind{"zip", "unzip it first"};
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return ArchiveKind{"tar", "extract it first"};
  if (starts("7z\xBC\xAF\x27\x1C")) return ArchiveKind{"7z", "extract it first"};
  if (starts("BZh")) return ArchiveKind{"bzip2", "bunzip2 it first"};
  if (starts("\x28\xB5\x2F\xFD")) return ArchiveKind{"zstd", "unzstd it first"};
  if (starts(std::string_view("\xFD" "7zXZ\x00", 6))) return ArchiveKind{"xz", "unxz it first"};
  return std::nullopt;
}

StreamResult Result(StreamContent content, uint64_t last_line) {
  StreamResult r;
  r.content = content;
  r.last_line = last_line;
  return r;
}

StreamResult NotJson(SkipReason reason, std::string_view detail = {}, std::string_view hint = {}) {
  StreamResult r;
  r.content = StreamContent::kNotJson;
  r.last_line = 1;
  r.skip = reason;
  r.detail = std::string(detail);
  r.hint = std::string(hint);
  return r;
}

// Offset of the '\n' that ends the line starting at `from` (buffer.size() when the stream ends
// first), reading more as needed; npos once the line is longer than `max` bytes.
size_t LineEnd(StreamReader& reader, PaddedBuffer& buffer, size_t from, uint64_t max) {
  size_t searched = from;
  for (;;) {
    const void* nl = std::memchr(buffer.data() + searched, '\n', buffer.size() - searched);
    if (nl != nullptr) return static_cast<size_t>(static_cast<const char*>(nl) - buffer.data());
    searched = buffer.size();
    if (searched - from > max) return std::string_view::npos;
    if (!reader.ReadMore()) return buffer.size();
  }
}

// The shape of the first non-blank line after offset `from`, reading more as needed.
LineShape NextLineShape(StreamReader& reader, PaddedBuffer& buffer, size_t from, uint64_t max) {
  size_t pos = from;
  for (;;) {
    pos = SkipJsonWhitespace(buffer.view(), pos);
    if (pos < buffer.size()) break;
    if (!reader.ReadMore()) return LineShape::kBlank;
  }
  size_t end = LineEnd(reader, buffer, pos, max);
  if (end == std::string_view::npos) return LineShape::kBad;
  return ClassifyLine(buffer.view().substr(pos, end - pos));
}

StreamResult ReadLines(StreamReader& reader, PaddedBuffer& buffer, size_t pos, uint64_t line,
                       EnvelopeReader& envelope, const FramingLimits& limits) {
  size_t search_from = pos;
  bool skipping = false;  // inside a line too long to hold: dropped up to its newline
  auto too_long = [&](uint64_t at) {
    envelope.Fail(at, fmt::format("JSON line larger than the {} limit", LimitText(limits.max_value_bytes)));
  };
  // One line [b, e) of the buffer (e: its newline, or the end of the stream), on line `n`.
  auto handle_line = [&](size_t b, size_t e, uint64_t n) {
    if (e - b > limits.max_value_bytes) {
      too_long(n);
      return;
    }
    std::string_view text(buffer.data() + b, e - b);
    size_t start = SkipJsonWhitespace(text, 0);
    if (start >= text.size()) return;
    size_t end = text.size();
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\r' || text[end - 1] == '\t')) --end;
    const char* value = text.data() + start;
    envelope.ReadTopLevel(value, end - start, buffer.readable_from(value), n);
  };
  // Whole lines [from, to): `to` is just past a newline, or the end of the stream's last line.
  // Afterwards `line` is the line after them.
  EventSelector* selector = envelope.selector();
  auto handle_lines = [&](size_t from, size_t to) {
    if (selector == nullptr) {
      for (size_t p = from; p < to;) {
        const void* nl = std::memchr(buffer.data() + p, '\n', to - p);
        const size_t e = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buffer.data()) : to;
        handle_line(p, e, line);
        if (nl == nullptr) break;
        ++line;
        p = e + 1;
      }
      return;
    }
    // The prefilter looks at the whole block at once; only the lines it selects are parsed.
    const std::string_view block(buffer.data() + from, to - from);
    const uint64_t first_line = line;
    size_t counted = 0;
    uint64_t selected = 0;
    selector->SelectLines(block, [&](size_t b, size_t e) {
      line += CountLines(block.substr(counted, b - counted));
      counted = b;
      ++selected;
      handle_line(from + b, from + e, line);
    });
    line += CountLines(block.substr(counted));
    // Lines in the block: its newlines, plus a last line without one.
    const uint64_t total = line - first_line + (block.empty() || block.back() == '\n' ? 0 : 1);
    envelope.RuledOut(total - selected);
  };
  for (;;) {
    const char* base = buffer.data();
    if (skipping) {
      const void* nl = std::memchr(base + search_from, '\n', buffer.size() - search_from);
      if (nl != nullptr) {
        skipping = false;
        pos = search_from = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
        ++line;
        continue;
      }
    } else {
      const void* nl = search_from < buffer.size() ? memrchr(base + search_from, '\n', buffer.size() - search_from) : nullptr;
      if (nl != nullptr) {
        const size_t last = static_cast<size_t>(static_cast<const char*>(nl) - base);
        handle_lines(pos, last + 1);
        pos = search_from = last + 1;
        continue;
      }
    }
    // No newline after `pos`: read more, or the stream ends here.
    if (!reader.eof()) {
      const size_t partial = buffer.size() - pos;
      if (skipping || partial > limits.max_value_bytes) {
        if (!skipping) too_long(line);
        skipping = true;
        buffer.Consume(buffer.size());
        pos = search_from = 0;
      } else {
        // Keep the partial line at the front and read more behind it.
        buffer.Consume(pos);
        pos = 0;
        search_from = partial;
      }
      reader.ReadMore();
      continue;
    }
    // The last line has no newline. If the stream was cut short it is half a line: the caller
    // reports the damage, and the half line is neither parsed nor counted again.
    if (pos < buffer.size() && !skipping && !reader.cut_short()) handle_lines(pos, buffer.size());
    return Result(StreamContent::kJson, line);
  }
}

// `base_line` is the line of the buffer's first byte. With `lines_fallback`, a first value broken
// beyond salvage, followed by a line that is a complete value, makes the stream JSON lines.
StreamResult ReadDocument(StreamReader& reader, PaddedBuffer& buffer, size_t pos, uint64_t base_line,
                          EnvelopeReader& envelope, const FramingLimits& limits, bool lines_fallback) {
  const size_t first = pos;
  if (!reader.ReadAll(limits.max_value_bytes)) {
    envelope.Fail(base_line + CountLines(buffer.view().substr(0, pos)),
                  fmt::format("JSON document larger than the {} limit: split it (one event per line, e.g. with "
                              "jq -c '.Records[]')",
                              LimitText(limits.max_value_bytes)));
    return Result(StreamContent::kJson, base_line + CountLines(buffer.view()));
  }
  std::string_view text = buffer.view();
  uint64_t line = base_line + CountLines(text.substr(0, pos));
  size_t counted_to = pos;
  auto line_at = [&](size_t offset) {
    if (offset > counted_to) {
      line += CountLines(text.substr(counted_to, offset - counted_to));
      counted_to = offset;
    }
    return line;
  };
  PaddedBuffer repaired;
  for (;;) {
    pos = SkipJsonWhitespace(text, pos);
    if (pos >= text.size()) break;
    if (text[pos] != '{' && text[pos] != '[') {
      envelope.Fail(line_at(pos), "unexpected content after the JSON value");
      break;
    }
    JsonScan scan = ScanJsonValue(text, pos);
    if (scan.status == JsonScan::Status::kComplete) {
      const char* value = text.data() + pos;
      envelope.ReadTopLevel(value, scan.end - pos, buffer.readable_from(value), line_at(pos));
      pos = scan.end;
      continue;
    }
    if (lines_fallback && pos == first && scan.salvage_end <= pos) {
      // Not a document after all if the next non-blank line is a value of its own: JSON lines
      // whose first line is broken (e.g. cut after a comma).
      size_t nl = text.find('\n', pos);
      if (nl != std::string_view::npos) {
        size_t next = SkipJsonWhitespace(text, nl);
        size_t next_end = std::min(text.find('\n', next), text.size());
        if (next < text.size() && ClassifyLine(text.substr(next, next_end - next)) == LineShape::kValue) {
          return ReadLines(reader, buffer, first, line_at(first), envelope, limits);
        }
      }
    }
    if (scan.salvage_end > pos) {
      // Read the whole elements before the damage from a repaired copy of them.
      repaired.Assign(text.substr(pos, scan.salvage_end - pos));
      repaired.Append(scan.salvage_closers);
      envelope.ReadTopLevel(repaired.data(), repaired.size(), repaired.readable_from(repaired.data()), line_at(pos));
    }
    // A value cut by a damaged stream: the caller reports the damage itself, once.
    if (!(scan.status == JsonScan::Status::kTruncated && reader.cut_short())) {
      envelope.Fail(line_at(std::min(scan.error_offset, text.size())), scan.reason);
    }
    break;
  }
  return Result(StreamContent::kJson, line_at(text.size()));
}

}  // namespace

std::optional<StreamResult> RejectFromPrefix(std::string_view prefix, bool complete) {
  if (std::optional<ArchiveKind> archive = ArchiveName(prefix)) {
    return NotJson(SkipReason::kUnsupportedArchive, archive->name, archive->hint);
  }
  if (prefix.substr(0, 4) == "PAR1") return NotJson(SkipReason::kNotJson, "parquet file");
  const size_t first = SkipJsonWhitespace(prefix, SkipBom(prefix));
  if (first >= prefix.size()) return std::nullopt;  // blank so far
  const bool binary = prefix.find('\0') != std::string_view::npos;
  const size_t nl = prefix.find('\n', first);
  if (prefix[first] == '{' || prefix[first] == '[') {
    // A first line longer than the window is fine (a one-line Records file), unless it holds
    // bytes that no JSON text has.
    if (nl == std::string_view::npos && !complete && binary) return NotJson(SkipReason::kNotJson, "binary data");
    return std::nullopt;
  }
  // The first line is not an object or array: events can only follow on later lines.
  auto reject = [&] {
    if (nl != std::string_view::npos || complete) {
      std::string_view scalar = ScalarName(prefix.substr(first, nl == std::string_view::npos ? nl : nl - first));
      if (!scalar.empty()) return NotJson(SkipReason::kNotEvent, scalar);
    }
    return NotJson(SkipReason::kNotJson, binary ? "binary data" : "");
  };
  if (nl == std::string_view::npos) return reject();
  const size_t next = SkipJsonWhitespace(prefix, nl);
  if (next >= prefix.size()) return complete ? std::optional<StreamResult>(reject()) : std::nullopt;
  if (prefix[next] != '{' && prefix[next] != '[') return reject();
  return std::nullopt;
}

bool StartsAsJsonLines(std::string_view prefix) {
  const size_t first = SkipJsonWhitespace(prefix, SkipBom(prefix));
  const size_t nl = prefix.find('\n', first);
  return nl != std::string_view::npos && ClassifyLine(prefix.substr(first, nl - first)) == LineShape::kValue;
}

StreamResult ReadJsonStream(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary,
                            const FramingLimits& limits) {
  StreamReader reader(source, buffer, summary);
  // Look at the first kSniffSize bytes; leading blank space is dropped as it is read.
  uint64_t base_line = 1;  // the line of buffer offset 0
  bool at_start = true;
  size_t first = 0;
  for (;;) {
    reader.Fill(kSniffSize);
    std::string_view text = buffer.view();
    first = SkipJsonWhitespace(text, at_start ? SkipBom(text) : 0);
    if (first < text.size()) break;
    base_line += CountLines(text);
    if (reader.eof()) return Result(StreamContent::kEmpty, base_line);
    buffer.Consume(text.size());
    at_start = false;
  }
  if (std::optional<StreamResult> rejected = RejectFromPrefix(buffer.view(), reader.eof())) {
    rejected->last_line = base_line + CountLines(buffer.view().substr(0, first));
    return *std::move(rejected);
  }
  const uint64_t first_line = base_line + CountLines(buffer.view().substr(0, first));

  const size_t end1 = LineEnd(reader, buffer, first, limits.max_value_bytes);
  if (end1 == std::string_view::npos) return ReadLines(reader, buffer, first, first_line, envelope, limits);
  const LineShape shape = ClassifyLine(buffer.view().substr(first, end1 - first));
  if (shape == LineShape::kValue) return ReadLines(reader, buffer, first, first_line, envelope, limits);
  if (shape == LineShape::kDocumentStart || shape == LineShape::kConcatenated) {
    return ReadDocument(reader, buffer, first, base_line, envelope, limits, shape == LineShape::kDocumentStart);
  }
  // A bad first line: still JSON lines when the next non-blank line is a complete value.
  const LineShape next = NextLineShape(reader, buffer, end1, limits.max_value_bytes);
  if (next == LineShape::kValue || next == LineShape::kConcatenated) {
    return ReadLines(reader, buffer, first, first_line, envelope, limits);
  }
  if (buffer.data()[first] == '{' || buffer.data()[first] == '[') {
    return ReadDocument(reader, buffer, first, base_line, envelope, limits, /*lines_fallback=*/false);
  }
  StreamResult result = NotJson(SkipReason::kNotJson);
  result.last_line = first_line;
  std::string_view scalar = ScalarName(buffer.view().substr(first, end1 - first));
  if (!scalar.empty()) {
    result.skip = SkipReason::kNotEvent;
    result.detail = std::string(scalar);
  }
  return result;
}

StreamResult ReadJsonLines(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary,
                           const FramingLimits& limits) {
  StreamReader reader(source, buffer, summary);
  return ReadLines(reader, buffer, 0, 1, envelope, limits);
}

}  // namespace trailhound
