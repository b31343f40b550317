#include "io/byte_source.hpp"

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
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    Fail(Failure::kIo, std::strerror(errno));
    return 0;
  }
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
