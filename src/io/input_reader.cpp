#include "io/input_reader.hpp"

#include "io/byte_source.hpp"
#include "io/envelope.hpp"
#include "io/framing.hpp"
#include "io/gzip.hpp"

namespace trailhound {

namespace {

// Gzip files up to this size are inflated in one go (fast); larger ones are streamed.
constexpr uint64_t kWholeGzipLimit = 64ull << 20;
// Enough bytes to recognise any format by its magic number.
constexpr size_t kSniffSize = 64 << 10;

// A name for a binary format that is certainly not JSON, or empty.
std::string_view BinaryFormatName(std::string_view head) {
  if (head.substr(0, 4) == "PK\x03\x04" || head.substr(0, 4) == "PK\x05\x06") return "zip archive";
  if (head.substr(0, 3) == "BZh") return "bzip2 data";
  if (head.substr(0, 4) == "\x28\xB5\x2F\xFD") return "zstd data";
  if (head.substr(0, 5) == "\xFD" "7zXZ") return "xz data";
  if (head.substr(0, 4) == "PAR1") return "parquet file";
  return {};
}

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
                const EventSink& sink) {
  EnvelopeReader envelope(file.path, summary, sink);
  StreamResult result = ReadJsonStream(source, buffer, envelope, summary);
  if (source != nullptr && source->failure() != ByteSource::Failure::kNone) {
    envelope.Fail(result.last_line, source->failure() == ByteSource::Failure::kIo ? "read error: " + source->error()
                                                                                   : source->error());
  }
  switch (result.content) {
    case StreamContent::kEmpty: summary.AddFile(FileKind::kEmpty); break;
    case StreamContent::kNotJson:
      summary.AddFile(FileKind::kUnparseable);
      summary.AddSkip(file.path, SkipReason::kNotJson);
      break;
    case StreamContent::kJson: {
      FileKind kind = envelope.file_kind();
      summary.AddFile(kind);
      if (kind == FileKind::kDigest) summary.AddSkip(file.path, SkipReason::kDigest);
      break;
    }
  }
}

}  // namespace

bool IsDigestPath(std::string_view path) { return path.find("CloudTrail-Digest") != std::string_view::npos; }

void ReadInputFile(const InputFile& file, InputSummary& summary, const EventSink& sink) {
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
      if (LooksLikeGzip(head.view())) {
        const uint64_t size = source->size_hint();
        if (size != 0 && size <= kWholeGzipLimit) {
          PaddedBuffer compressed = std::move(head);
          ReadAtLeast(*source, compressed, size + 1);  // + 1: notice a file that grew
          PaddedBuffer plain;
          std::string gzip_error;
          if (source->failure() == ByteSource::Failure::kNone && GunzipWhole(compressed.view(), plain, &gzip_error)) {
            ReadStream(file, nullptr, plain, summary, sink);
          } else {
            // Stream it instead: zlib hands out the data before the damage, then reports it.
            GzipStreamSource gzip(std::make_unique<MemorySource>(compressed.view()));
            PaddedBuffer buffer;
            ReadStream(file, &gzip, buffer, summary, sink);
            if (source->failure() != ByteSource::Failure::kNone) {
              summary.AddParseFailure(file.path, 0, "read error: " + source->error());
            }
          }
        } else {
          GzipStreamSource gzip(std::make_unique<PrefixedSource>(std::string(head.view()), std::move(source)));
          PaddedBuffer buffer;
          ReadStream(file, &gzip, buffer, summary, sink);
        }
      } else if (std::string_view binary = BinaryFormatName(head.view()); !binary.empty()) {
        summary.AddFile(FileKind::kUnparseable);
        summary.AddSkip(file.path, SkipReason::kNotJson, binary);
      } else {
        ReadStream(file, source.get(), head, summary, sink);
      }
      return;
    }
  }
  summary.AddFile(FileKind::kUnreadable);
  summary.AddSkip(file.path, SkipReason::kUnreadable, error);
}

}  // namespace trailhound
