#include "io/gzip.hpp"

#include <algorithm>
#include <cstring>

#include <libdeflate.h>
#include <zlib.h>

namespace trailhound {

bool LooksLikeGzipMagic(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

bool LooksLikeGzip(std::string_view head) {
  return head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b && head[2] == 8;
}

namespace {

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

}  // namespace

bool GunzipWhole(std::string_view compressed, PaddedBuffer& out, std::string* error, size_t max_output) {
  std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> decompressor(libdeflate_alloc_decompressor());
  if (!decompressor) {
    *error = "out of memory";
    return false;
  }
  out.Clear();
  // The last member's trailer holds its size mod 2^32: a good first guess for one-member files.
  size_t guess = compressed.size() * 4;
  if (compressed.size() >= 18) {
    const auto* tail = reinterpret_cast<const unsigned char*>(compressed.data() + compressed.size() - 4);
    uint32_t isize = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (static_cast<uint32_t>(tail[3]) << 24);
    guess = std::max<size_t>(guess, isize);
  }
  // The trailer can lie (a gzip bomb says what it likes): never trust it past max_output.
  out.Reserve(std::min(guess, max_output) + 1);

  size_t in_pos = 0;
  while (in_pos < compressed.size()) {
    std::string_view rest = compressed.substr(in_pos);
    // gzip(1) also ignores what follows the last member (often zero padding).
    if (in_pos > 0 && !LooksLikeGzip(rest)) break;
    for (;;) {
      size_t in_used = 0, out_used = 0;
      libdeflate_result result = libdeflate_gzip_decompress_ex(decompressor.get(), rest.data(), rest.size(),
                                                               out.data() + out.size(), out.free_space(),
                                                               &in_used, &out_used);
      if (result == LIBDEFLATE_SUCCESS) {
        out.Commit(out_used);
        in_pos += in_used;
        break;
      }
      if (result == LIBDEFLATE_INSUFFICIENT_SPACE) {
        if (out.size() + out.free_space() >= max_output) {
          *error = "larger than the limit for inflating in one go";
          return false;
        }
        out.Reserve(std::min(out.size() + std::max<size_t>(out.free_space() * 2, 1 << 20), max_output));
        continue;
      }
      *error = "damaged or truncated gzip data";
      return false;
    }
  }
  return true;
}

struct GzipStreamSource::State {
  z_stream zs{};
  bool initialized = false;
  bool input_eof = false;
  bool finished = false;
  bool in_member = false;  // inside a member (its end not yet seen)
  uint64_t members_in = 0;  // compressed bytes of the members before the current one
  std::unique_ptr<char[]> in = std::make_unique<char[]>(kInSize);
  static constexpr size_t kInSize = 1 << 18;
};

GzipStreamSource::GzipStreamSource(std::unique_ptr<ByteSource> compressed)
    : compressed_(std::move(compressed)), state_(std::make_unique<State>()) {
  // 16 + MAX_WBITS: expect a gzip header and trailer.
  if (inflateInit2(&state_->zs, 16 + MAX_WBITS) != Z_OK) {
    Fail(Failure::kCorrupt, "zlib initialisation failed");
    return;
  }
  state_->initialized = true;
}

GzipStreamSource::~GzipStreamSource() {
  if (state_->initialized) inflateEnd(&state_->zs);
}

size_t GzipStreamSource::Read(char* dst, size_t n) {
  State& s = *state_;
  if (failure() != Failure::kNone || s.finished || n == 0) return 0;
  z_stream& zs = s.zs;
  zs.next_out = reinterpret_cast<Bytef*>(dst);
  zs.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
  const uInt asked = zs.avail_out;

  // Keeps at least `min` unread input bytes available when the input has them.
  auto ensure_input = [&](size_t min) {
    while (zs.avail_in < min && !s.input_eof) {
      if (zs.avail_in > 0) std::memmove(s.in.get(), zs.next_in, zs.avail_in);
      size_t got = compressed_->Read(s.in.get() + zs.avail_in, State::kInSize - zs.avail_in);
      zs.next_in = reinterpret_cast<Bytef*>(s.in.get());
      if (got == 0) {
        s.input_eof = true;
        if (compressed_->failure() != Failure::kNone) Fail(compressed_->failure(), compressed_->error());
      }
      zs.avail_in += static_cast<uInt>(got);
    }
  };

  while (zs.avail_out == asked) {
    ensure_input(1);
    if (failure() != Failure::kNone) break;
    if (zs.avail_in == 0) {
      if (s.in_member) Fail(Failure::kCorrupt, "truncated at byte " + std::to_string(s.members_in + zs.total_in));
      s.finished = true;
      break;
    }
    int ret = inflate(&zs, Z_NO_FLUSH);
    if (ret == Z_OK || ret == Z_BUF_ERROR) {
      s.in_member = true;
      continue;
    }
    if (ret == Z_STREAM_END) {
      s.in_member = false;
      // Another member may follow; anything else after the last member is ignored, as gzip(1) does.
      ensure_input(3);
      std::string_view rest(reinterpret_cast<const char*>(zs.next_in), zs.avail_in);
      if (LooksLikeGzip(rest)) {
        s.members_in += zs.total_in;
        inflateReset(&zs);
        continue;
      }
      s.finished = true;
      break;
    }
    const std::string msg = zs.msg != nullptr ? zs.msg : "";
    if (msg == "incorrect data check") {
      Fail(Failure::kCorrupt, "CRC mismatch", /*cut_short=*/false);
    } else if (msg == "incorrect length check") {
      Fail(Failure::kCorrupt, "length mismatch", /*cut_short=*/false);
    } else {
      Fail(Failure::kCorrupt, "invalid data at byte " + std::to_string(s.members_in + zs.total_in) +
                                  (msg.empty() ? std::string() : " (zlib: " + msg + ")"));
    }
    break;
  }
  return asked - zs.avail_out;
}

}  // namespace trailhound
