#pragma once
// Sequential byte streams the readers pull from: a file (or standard input), a buffer in memory,
// or a decompressing stream on top of another source (see gzip.hpp).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace trailhound {

class ByteSource {
 public:
  enum class Failure : uint8_t { kNone, kIo, kCorrupt };  // kCorrupt: bad compressed data

  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `dst`. Returns 0 at the end of the stream or after a failure.
  virtual size_t Read(char* dst, size_t n) = 0;
  // The total size if known in advance (regular files), else 0.
  virtual uint64_t size_hint() const { return 0; }

  Failure failure() const { return failure_; }
  const std::string& error() const { return error_; }
  // After a failure: whether the bytes handed out stop short of where they should (a read error,
  // a truncated or undecodable stream), so that a partial last line must not be parsed. False for
  // a gzip whose data was all decoded but whose trailer check (CRC or length) failed.
  bool cut_short() const { return failure_ != Failure::kNone && cut_short_; }

 protected:
  void Fail(Failure failure, std::string error, bool cut_short = true) {
    failure_ = failure;
    error_ = std::move(error);
    cut_short_ = cut_short;
  }

 private:
  Failure failure_ = Failure::kNone;
  bool cut_short_ = true;
  std::string error_;
};

// A file descriptor opened on a path, or standard input for "-".
class FileSource : public ByteSource {
 public:
  // Returns nullptr and sets `error` when the path cannot be opened (or is a directory).
  static std::unique_ptr<FileSource> Open(const std::string& path, std::string* error);
  ~FileSource() override;
  size_t Read(char* dst, size_t n) override;
  uint64_t size_hint() const override { return size_; }

 private:
  FileSource(int fd, bool owned, uint64_t size) : fd_(fd), owned_(owned), size_(size) {}
  int fd_;
  bool owned_;
  uint64_t size_;
};

// The lines of a regular file that start in the byte range [begin, end): from the first line
// start at or after `begin` up to and including the newline that ends the line holding byte
// end - 1 (or the end of the file).
class FileRangeSource : public ByteSource {
 public:
  static std::unique_ptr<FileRangeSource> Open(const std::string& path, uint64_t begin, uint64_t end, std::string* error);
  ~FileRangeSource() override;
  size_t Read(char* dst, size_t n) override;

 private:
  FileRangeSource(int fd, uint64_t pos, uint64_t end) : fd_(fd), pos_(pos), end_(end) {}
  // pread with EINTR retried; false (failed) on an error.
  bool ReadAt(char* dst, size_t n, uint64_t at, size_t* got);
  int fd_;
  uint64_t pos_;
  uint64_t end_;
  bool done_ = false;
};

// Bytes already in memory (not owned).
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  size_t Read(char* dst, size_t n) override;
  uint64_t size_hint() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
};

// Bytes already read from `rest` (e.g. while sniffing the format), followed by the rest of it.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  size_t Read(char* dst, size_t n) override;
  uint64_t size_hint() const override { return rest_->size_hint(); }

 private:
  std::string prefix_;
  size_t prefix_pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

}  // namespace trailhound
