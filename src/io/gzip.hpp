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

// Inflates every member of `compressed` into `out` (replacing its content). Trailing zero bytes
// after the last member are ignored. Returns false with `error` set on damaged or truncated data.
bool GunzipWhole(std::string_view compressed, PaddedBuffer& out, std::string* error);

// Streams the inflated bytes of `compressed`. On damaged data Read() returns what could be
// inflated before the damage, then fails with Failure::kCorrupt.
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
