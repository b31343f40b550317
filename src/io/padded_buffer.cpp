#include "io/padded_buffer.hpp"

#include <algorithm>

namespace trailhound {

void PaddedBuffer::Reserve(size_t n) {
  if (n <= capacity_ && data_) return;
  size_t new_capacity = std::max(n, capacity_ + capacity_ / 2);
  auto fresh = std::make_unique_for_overwrite<char[]>(new_capacity + kJsonPadding);
  if (size_) std::memcpy(fresh.get(), data_.get(), size_);
  data_ = std::move(fresh);
  capacity_ = new_capacity;
  ZeroPadding();
}

void PaddedBuffer::Commit(size_t n) {
  size_ += n;
  ZeroPadding();
}

void PaddedBuffer::Append(std::string_view bytes) {
  Reserve(size_ + bytes.size());
  if (!bytes.empty()) std::memcpy(data_.get() + size_, bytes.data(), bytes.size());
  Commit(bytes.size());
}

void PaddedBuffer::Consume(size_t n) {
  n = std::min(n, size_);
  if (n == 0) return;
  std::memmove(data_.get(), data_.get() + n, size_ - n);
  size_ -= n;
  ZeroPadding();
}

void PaddedBuffer::Resize(size_t n) {
  Reserve(n);
  if (n > size_) std::memset(data_.get() + size_, 0, n - size_);
  size_ = n;
  ZeroPadding();
}

}  // namespace trailhound
