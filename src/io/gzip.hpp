#pragma once
// gzip, recognised by its magic bytes (never by file name). Small and medium files are inflated
// in one call with libdeflate; very large ones, standard input and damaged ones are streamed with
// zlib (which also recovers the data before a damaged spot). Both handle multi-member files
// (concatenated gzip streams, as written by `cat a.gz b.gz` or by some log shippers).
#include <memory>
#include <string>
#include <string_view>

#include "io/byte_source.hpp"
#include "io/padded_buffer.hpp"

namespace trailhound {

// Whether `head` (the first bytes of a file) starts a gzip member: 1f 8b, method 8 (deflate).
bool LooksLikeGzip(std::string_view head);
// Whether `head` starts with the gzip magic bytes 1f 8b (even if cut right after them): such a
// file is a gzip, damaged or not, and is reported as one rather than as "not JSON".
bool LooksLikeGzipMagic(std::string_view head);

// Inflates every member of `compressed` into `out` (replacing its content). Trailing zero bytes
// after the last member are ignored. Returns false with `error` set on damaged or truncated data,
// or when the output would exceed `max_output` bytes.
bool GunzipWhole(std::string_view compressed, PaddedBuffer& out, std::string* error,
                 size_t max_output = static_cast<size_t>(-1));

// Streams the inflated bytes of `compressed`. On damaged data Read() returns what could be
// inflated before the damage, then fails with Failure::kCorrupt and an error that says where:
// "truncated at byte N", "CRC mismatch", "length mismatch" (these two: every byte was decoded,
// cut_short() is false), or "invalid data at byte N (zlib's reason)"; N counts compressed bytes.
class GzipStreamSource : public ByteSource {
 public:
  explicit GzipStreamSource(std::unique_ptr<ByteSource> compressed);
  ~GzipStreamSource() override;
  size_t Read(char* dst, size_t n) override;

 private:
  struct State;
  std::unique_ptr<ByteSource> compressed_;
  std::unique_ptr<State> state_;
};

}  // namespace trailhound
