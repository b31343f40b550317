#include "io/read_progress.hpp"

namespace trailhound {

namespace {
thread_local ScanProgress* thread_progress = nullptr;
}  // namespace

void SetThreadReadProgress(ScanProgress* progress) { thread_progress = progress; }

void CountBytesRead(uint64_t bytes) {
  if (thread_progress != nullptr && bytes > 0) thread_progress->AddBytes(bytes);
}

}  // namespace trailhound
