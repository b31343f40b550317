#pragma once
// Bytes read from files, told to the progress display as they are read (so that standard
// input, a FIFO or one large file move the bar too). Each scan thread names its display.
#include <cstdint>

#include "io/scan_progress.hpp"

namespace trailhound {

// The display this thread's reads are counted into (null: none).
void SetThreadReadProgress(ScanProgress* progress);
// Called by the file sources with the bytes each read returned.
void CountBytesRead(uint64_t bytes);

}  // namespace trailhound
