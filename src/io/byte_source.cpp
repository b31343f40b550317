#include "io/byte_source.hpp"

#include "io/read_progress.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trailhound {

std::unique_ptr<FileSource> FileSource::Open(const std::string& path, std::string* error) {
  if (path == "-") return std::unique_ptr<FileSource>(new FileSource(STDIN_FILENO, false, 0));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    *error = std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  if (S_ISDIR(st.st_mode)) {
    *error = "is a directory";
    ::close(fd);
    return nullptr;
  }
  uint64_t size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<FileSource>(new FileSource(fd, true, size));
}

FileSource::~FileSource() {
  if (owned_) ::close(fd_);
}

size_t FileSource::Read(char* dst, size_t n) {
  if (failure() != Failure::kNone) return 0;
  // One read: a short read just means "more may come" (pipes deliver what they have).
  for (;;) {
    ssize_t got = ::read(fd_, dst, n);
    if (got >= 0) {
      CountBytesRead(static_cast<uint64_t>(got));
      return static_cast<size_t>(got);
    }
    if (errno == EINTR) continue;
    Fail(Failure::kIo, std::strerror(errno));
    return 0;
  }
}

std::unique_ptr<FileRangeSource> FileRangeSource::Open(const std::string& path, uint64_t begin, uint64_t end,
                                                       std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return nullptr;
  }
  auto source = std::unique_ptr<FileRangeSource>(new FileRangeSource(fd, begin, end));
  if (begin == 0) return source;
  // Start after the first newline at or after begin - 1: the line holding byte begin - 1 belongs
  // to the range before.
  char buf[64 << 10];
  uint64_t at = begin - 1;
  for (;;) {
    size_t got = 0;
    if (!source->ReadAt(buf, sizeof buf, at, &got)) return source;
    if (got == 0) {
      source->done_ = true;  // no line starts in the range
      return source;
    }
    if (const void* nl = std::memchr(buf, '\n', got)) {
      source->pos_ = at + static_cast<uint64_t>(static_cast<const char*>(nl) - buf) + 1;
      if (source->pos_ >= end) source->done_ = true;
      return source;
    }
    at += got;
  }
}

FileRangeSource::~FileRangeSource() { ::close(fd_); }

bool FileRangeSource::ReadAt(char* dst, size_t n, uint64_t at, size_t* got) {
  for (;;) {
    ssize_t r = ::pread(fd_, dst, n, static_cast<off_t>(at));
    if (r >= 0) {
      *got = static_cast<size_t>(r);
      return true;
    }
    if (errno == EINTR) continue;
    Fail(Failure::kIo, std::strerror(errno));
    done_ = true;
    return false;
  }
}

size_t FileRangeSource::Read(char* dst, size_t n) {
  if (done_ || n == 0) return 0;
  size_t got = 0;
  if (pos_ < end_) {
    // Up to the range's end first.
    if (!ReadAt(dst, static_cast<size_t>(std::min<uint64_t>(n, end_ - pos_)), pos_, &got)) return 0;
    if (got == 0) {
      done_ = true;  // the file ended (or shrank)
      return 0;
    }
    pos_ += got;
    // A range ending right after a newline is complete.
    if (pos_ == end_ && dst[got - 1] == '\n') done_ = true;
  } else {
    // Past the end: only the rest of the line that straddles it.
    if (!ReadAt(dst, n, pos_, &got)) return 0;
    if (got == 0) {
      done_ = true;
      return 0;
    }
    if (const void* nl = std::memchr(dst, '\n', got)) {
      got = static_cast<size_t>(static_cast<const char*>(nl) - dst) + 1;
      done_ = true;
    }
    pos_ += got;
  }
  CountBytesRead(got);
  return got;
}

size_t MemorySource::Read(char* dst, size_t n) {
  size_t k = std::min(n, bytes_.size());
  if (k) std::memcpy(dst, bytes_.data(), k);
  bytes_.remove_prefix(k);
  return k;
}

size_t PrefixedSource::Read(char* dst, size_t n) {
  if (prefix_pos_ < prefix_.size()) {
    size_t k = std::min(n, prefix_.size() - prefix_pos_);
    std::memcpy(dst, prefix_.data() + prefix_pos_, k);
    prefix_pos_ += k;
    return k;
  }
  size_t got = rest_->Read(dst, n);
  if (got == 0 && rest_->failure() != Failure::kNone) Fail(rest_->failure(), rest_->error(), rest_->cut_short());
  return got;
}

}  // namespace trailhound
