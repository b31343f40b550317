#pragma once
// A growable byte buffer that always keeps kJsonPadding readable (zeroed) bytes after its content,
// so that simdjson can parse any slice of it in place.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace trailhound {

inline constexpr size_t kJsonPadding = 64;

class PaddedBuffer {
 public:
  PaddedBuffer() = default;
  PaddedBuffer(const PaddedBuffer&) = delete;
  PaddedBuffer& operator=(const PaddedBuffer&) = delete;
  PaddedBuffer(PaddedBuffer&&) noexcept = default;
  PaddedBuffer& operator=(PaddedBuffer&&) noexcept = default;

  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  // Bytes that may be written after size() before the padding (see Reserve).
  size_t free_space() const { return capacity_ - size_; }
  std::string_view view() const { return {data_.get(), size_}; }
  // Bytes readable from `p` (a pointer into this buffer) to the end of the allocation.
  size_t readable_from(const char* p) const { return capacity_ + kJsonPadding - static_cast<size_t>(p - data_.get()); }

  // Makes room for `n` content bytes in total, keeping the content.
  void Reserve(size_t n);
  // Marks `n` more bytes (written into data() + size()) as content and re-zeroes the padding.
  void Commit(size_t n);
  void Append(std::string_view bytes);
  void Assign(std::string_view bytes) {
    size_ = 0;
    Append(bytes);
  }
  // Drops the first `n` bytes (moving the rest to the front).
  void Consume(size_t n);
  void Clear() { Resize(0); }
  void Resize(size_t n);

 private:
  void ZeroPadding() {
    if (data_) std::memset(data_.get() + size_, 0, kJsonPadding);
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;  // content capacity; the allocation is capacity_ + kJsonPadding
};

}  // namespace trailhound
