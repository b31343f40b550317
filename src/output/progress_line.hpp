#pragma once
// The text of the progress line: a pure function of the counters, the time since the scan
// started and the terminal width, so that it is tested with exact strings.
//   trailhound  45% [======>        ] 1.2/2.7 GB  120/300 files  850 MB/s  ETA 0:02     (80 columns)
//   trailhound  1.2 GB  3/3 files  850 MB/s                      (total bytes unknown: stdin)
#include <cstddef>
#include <cstdint>
#include <string>

namespace trailhound {

struct ProgressCounts {
  uint64_t bytes_done = 0;
  uint64_t total_bytes = 0;  // 0: unknown (no percent, bar or ETA)
  uint64_t files_done = 0;
  uint64_t total_files = 0;  // 0: unknown ("120 files")
};

// The line for a terminal `width` columns wide: at most width - 1 characters (the last column
// stays empty so that no terminal wraps the line). Units are decimal (MB = 10^6 bytes, as in
// BENCHMARKS.md); the rate is the average since the start. As the width shrinks, the bar narrows
// (at most 30 cells), then goes, then the rate, the files and the ETA go, in that order.
std::string RenderProgressLine(const ProgressCounts& counts, double elapsed_seconds, size_t width);

// "1.2/2.7 GB" (both in the unit of the larger), "850 MB/s" pieces, and the ETA as M:SS or H:MM:SS.
std::string FormatByteAmounts(uint64_t done, uint64_t total);
std::string FormatRate(double bytes_per_second);
std::string FormatEta(double seconds);

}  // namespace trailhound
