#include "io/input_reader.hpp"

#include "io/byte_source.hpp"
#include "io/envelope.hpp"
#include "io/framing.hpp"
#include "io/gzip.hpp"

namespace trailhound {

namespace {

// Gzip files up to this size are read whole, and when their first inflated bytes show a document
// (which is held whole anyway) inflated in one go with libdeflate (fast). JSON lines, larger
// files and standard input are streamed with zlib, in bounded memory.
constexpr uint64_t kWholeGzipLimit = 64ull << 20;
// Inflating in one go stops at this much output; a larger document is streamed into memory instead
// (up to the document limit, kMaxJsonValueBytes), so that a gzip bomb costs no more than that.
constexpr size_t kWholeGzipMaxOutput = 256u << 20;
// JSON lines are inflated in one go too when the gzip is this small (libdeflate is about twice
// as fast as zlib); larger ones are streamed so that memory stays bounded.
constexpr uint64_t kWholeGzipJsonLinesLimit = 8u << 20;

// Reads from `source` into `buffer` until it holds `n` bytes or the source ends.
void ReadAtLeast(ByteSource& source, PaddedBuffer& buffer, size_t n) {
  buffer.Reserve(n);
  while (buffer.size() < n) {
    size_t got = source.Read(buffer.data() + buffer.size(), buffer.free_space());
    if (got == 0) break;
    buffer.Commit(got);
  }
}

// Reads the decompressed or plain stream and records what the file turned out to be.
void ReadStream(const InputFile& file, ByteSource* source, PaddedBuffer& buffer, InputSummary& summary,
                const EventSink& sink, EventSelector* selector) {
  EnvelopeReader envelope(file.path, summary, sink, selector);
  StreamResult result = ReadJsonStream(source, buffer, envelope, summary);
  if (source != nullptr && source->failure() == ByteSource::Failure::kCorrupt) {
    // Once, as its own reason; the events decoded before the damage were kept.
    summary.AddSkip(file.path, SkipReason::kDamagedGzip, source->error());
  } else if (source != nullptr && source->failure() == ByteSource::Failure::kIo) {
    envelope.Fail(result.last_line, "read error: " + source->error());
  }
  switch (result.content) {
    case StreamContent::kEmpty: summary.AddFile(FileKind::kEmpty); break;
    case StreamContent::kNotJson:
      summary.AddFile(FileKind::kUnparseable);
      summary.AddSkip(file.path, result.skip, result.detail, result.hint);
      break;
    case StreamContent::kJson: {
      FileKind kind = envelope.file_kind();
      summary.AddFile(kind);
      if (kind == FileKind::kDigest) summary.AddSkip(file.path, SkipReason::kDigest);
      break;
    }
  }
}

// A gzip file small enough to read whole (`compressed` holds all of it).
void ReadWholeGzip(const InputFile& file, PaddedBuffer& compressed, InputSummary& summary, const EventSink& sink,
                   EventSelector* selector) {
  // Inflate the first bytes only, and look at them before inflating everything.
  GzipStreamSource gzip(std::make_unique<MemorySource>(compressed.view()));
  PaddedBuffer head;
  ReadAtLeast(gzip, head, kSniffSize);
  if (gzip.failure() == ByteSource::Failure::kNone && head.size() == kSniffSize &&
      !RejectFromPrefix(head.view(), /*complete=*/false) &&
      (compressed.size() <= kWholeGzipJsonLinesLimit || !StartsAsJsonLines(head.view()))) {
    PaddedBuffer plain;
    std::string gzip_error;
    if (GunzipWhole(compressed.view(), plain, &gzip_error, kWholeGzipMaxOutput)) {
      compressed = PaddedBuffer();  // hold the file once, not twice
      ReadStream(file, nullptr, plain, summary, sink, selector);
      return;
    }
  }
  // Small, rejected, JSON lines, damaged (zlib hands out the data before the damage, then reports
  // it), or too large to inflate in one go: go on streaming from where the look stopped.
  ReadStream(file, &gzip, head, summary, sink, selector);
}

}  // namespace

bool SplittableJsonLines(const InputFile& file, uint64_t* size) {
  std::string error;
  std::unique_ptr<FileSource> source = FileSource::Open(file.path, &error);
  if (source == nullptr || source->size_hint() == 0 || IsDigestPath(file.path)) return false;
  PaddedBuffer head;
  ReadAtLeast(*source, head, kSniffSize);
  *size = source->size_hint();
  std::string_view text = head.view();
  // No byte-order mark (the ranges would not skip it), not gzip, and a first line that is a value.
  return source->failure() == ByteSource::Failure::kNone && text.substr(0, 3) != "\xEF\xBB\xBF" &&
         !LooksLikeGzipMagic(text) && !RejectFromPrefix(text, head.size() < kSniffSize) && StartsAsJsonLines(text);
}

void ReadJsonLinesRange(const InputFile& file, uint64_t begin, uint64_t end, InputSummary& summary,
                        const EventSink& sink, EventSelector* selector, uint64_t* lines) {
  *lines = 0;
  std::string error;
  std::unique_ptr<FileRangeSource> source = FileRangeSource::Open(file.path, begin, end, &error);
  EnvelopeReader envelope(file.path, summary, sink, selector);
  if (source == nullptr) {
    envelope.Fail(1, "read error: " + error);
    return;
  }
  PaddedBuffer buffer;
  StreamResult result = ReadJsonLines(source.get(), buffer, envelope, summary);
  if (source->failure() != ByteSource::Failure::kNone) envelope.Fail(result.last_line, "read error: " + source->error());
  // last_line is the line after the last newline (a range ends at one, but for the file's last).
  *lines = result.last_line - 1;
}

bool IsDigestPath(std::string_view path) { return path.find("CloudTrail-Digest") != std::string_view::npos; }

void ReadInputFile(const InputFile& file, InputSummary& summary, const EventSink& sink, EventSelector* selector) {
  if (IsDigestPath(file.path)) {
    summary.AddFile(FileKind::kDigest);
    summary.AddSkip(file.path, SkipReason::kDigest);
    return;
  }
  std::string error;
  std::unique_ptr<FileSource> source = FileSource::Open(file.path, &error);
  if (source != nullptr) {
    PaddedBuffer head;
    ReadAtLeast(*source, head, kSniffSize);
    if (head.size() == 0 && source->failure() != ByteSource::Failure::kNone) {
      error = source->error();
      source.reset();
    } else {
      ++summary.files_read;
      if (LooksLikeGzipMagic(head.view())) {
        const uint64_t size = source->size_hint();
        if (size != 0 && size <= kWholeGzipLimit) {
          PaddedBuffer compressed = std::move(head);
          ReadAtLeast(*source, compressed, size + 1);  // + 1: notice a file that grew
          ReadWholeGzip(file, compressed, summary, sink, selector);
          if (source->failure() != ByteSource::Failure::kNone) {
            summary.AddParseFailure(file.path, 0, "read error: " + source->error());
          }
        } else {
          GzipStreamSource gzip(std::make_unique<PrefixedSource>(std::string(head.view()), std::move(source)));
          PaddedBuffer buffer;
          ReadStream(file, &gzip, buffer, summary, sink, selector);
        }
      } else {
        ReadStream(file, source.get(), head, summary, sink, selector);
      }
      return;
    }
  }
  summary.AddFile(FileKind::kUnreadable);
  summary.AddSkip(file.path, SkipReason::kUnreadable, error);
}

}  // namespace trailhound
