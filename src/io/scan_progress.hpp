#pragma once
// How far a scan has got, for a progress display. The scan calls these from any of its threads,
// so implementations must be thread-safe (atomics); none of them may throw.
#include <cstdint>

namespace trailhound {

class ScanProgress {
 public:
  virtual ~ScanProgress() = default;
  // Once, before any input is read: the total on-disk bytes of the listed files (0 when unknown,
  // e.g. standard input or a FIFO) and how many files there are.
  virtual void Start(uint64_t total_bytes, uint64_t total_files) = 0;
  // `bytes` more on-disk input bytes have been consumed (compressed bytes for a gzip file).
  virtual void AddBytes(uint64_t bytes) = 0;
  // One more file has been read to its end (or skipped).
  virtual void FileDone() = 0;
  // After the last input: the display is removed (or left final); no call follows.
  virtual void Finish() = 0;
};

}  // namespace trailhound
