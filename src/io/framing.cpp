#include "io/framing.hpp"

#include <algorithm>
#include <cstring>

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

  void ReadAll() {
    if (source_ != nullptr && source_->size_hint() > buffer_.size()) buffer_.Reserve(source_->size_hint() + 1);
    while (ReadMore()) {
    }
  }

 private:
  ByteSource* source_;
  PaddedBuffer& buffer_;
  InputSummary& summary_;
  bool eof_;
};

size_t SkipBom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

uint64_t CountLines(std::string_view text) { return static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n')); }

StreamResult ReadLines(StreamReader& reader, PaddedBuffer& buffer, size_t pos, uint64_t line,
                       EnvelopeReader& envelope) {
  size_t search_from = pos;
  for (;;) {
    const char* base = buffer.data();
    const void* nl = std::memchr(base + search_from, '\n', buffer.size() - search_from);
    size_t line_end;
    if (nl != nullptr) {
      line_end = static_cast<size_t>(static_cast<const char*>(nl) - base);
    } else if (!reader.eof()) {
      // Keep the partial line at the front and read more behind it.
      size_t partial = buffer.size() - pos;
      buffer.Consume(pos);
      pos = 0;
      search_from = partial;
      reader.ReadMore();
      continue;
    } else if (pos < buffer.size()) {
      line_end = buffer.size();
    } else {
      return {StreamContent::kJson, line};
    }
    std::string_view text(base + pos, line_end - pos);
    size_t start = SkipJsonWhitespace(text, 0);
    if (start < text.size()) {
      size_t end = text.size();
      while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\r' || text[end - 1] == '\t')) --end;
      const char* value = text.data() + start;
      envelope.ReadTopLevel(value, end - start, buffer.readable_from(value), line);
    }
    if (line_end == buffer.size()) return {StreamContent::kJson, line};
    pos = search_from = line_end + 1;
    ++line;
  }
}

StreamResult ReadDocument(StreamReader& reader, PaddedBuffer& buffer, size_t pos, EnvelopeReader& envelope) {
  reader.ReadAll();
  std::string_view text = buffer.view();
  uint64_t line = 1 + CountLines(text.substr(0, pos));
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
    if (scan.salvage_end > pos) {
      // Read the whole elements before the damage from a repaired copy of them.
      repaired.Assign(text.substr(pos, scan.salvage_end - pos));
      repaired.Append(scan.salvage_closers);
      envelope.ReadTopLevel(repaired.data(), repaired.size(), repaired.readable_from(repaired.data()), line_at(pos));
    }
    envelope.Fail(line_at(std::min(scan.error_offset, text.size())), scan.reason);
    break;
  }
  return {StreamContent::kJson, line_at(text.size())};
}

}  // namespace

StreamResult ReadJsonStream(ByteSource* source, PaddedBuffer& buffer, EnvelopeReader& envelope, InputSummary& summary) {
  StreamReader reader(source, buffer, summary);
  // Read until the first non-blank line is complete (or the stream ends).
  size_t first = 0;
  size_t line_end = std::string_view::npos;
  size_t searched = 0;  // no newline after `first` before this offset
  for (;;) {
    std::string_view text = buffer.view();
    first = SkipJsonWhitespace(text, SkipBom(text));
    if (first < text.size()) {
      line_end = text.find('\n', std::max(first, searched));
      if (line_end != std::string_view::npos) break;
      searched = text.size();
    }
    if (!reader.ReadMore()) break;
  }
  std::string_view text = buffer.view();
  if (first >= text.size()) return {StreamContent::kEmpty, CountLines(text) + 1};
  if (text[first] != '{' && text[first] != '[') return {StreamContent::kNotJson, 1};

  std::string_view first_line = text.substr(0, line_end == std::string_view::npos ? text.size() : line_end);
  JsonScan scan = ScanJsonValue(first_line, first);
  bool lines = scan.status == JsonScan::Status::kComplete && SkipJsonWhitespace(first_line, scan.end) == first_line.size();
  if (lines) return ReadLines(reader, buffer, first, 1 + CountLines(text.substr(0, first)), envelope);
  return ReadDocument(reader, buffer, first, envelope);
}

}  // namespace trailhound
