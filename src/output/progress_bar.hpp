#pragma once
// The scan's progress as one line on stderr (ScanProgress): bytes and files done of the total,
// percent, rate and ETA, redrawn in place at most 10 times a second.
//
// The scan's threads only add to atomic counters; a small ticker thread, started by Start() and
// joined by Finish(), draws the line. A ticker (rather than drawing from whichever worker happens
// to cross the 100 ms mark) keeps the rate and ETA moving while the workers sit in one long
// chunk or a slow gzip member, keeps the writes to stderr on one thread, and leaves the workers'
// hot path at one relaxed fetch_add. Nothing is drawn in the first 0.5 s, so short runs stay
// silent; Finish() erases the line ("\r" + clear to end of line) so that the summary that
// follows starts at column 0 on a clean line.
//
// The CLI creates one only when stderr is a terminal (see WantProgressBar); the clock, the
// writer and the width are injectable so that tests drive it with a fake clock and no thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "io/scan_progress.hpp"
#include "output/progress_line.hpp"

namespace trailhound {

class ProgressBar final : public ScanProgress {
 public:
  using Clock = std::chrono::steady_clock;

  struct Config {
    std::function<Clock::time_point()> now;             // default: steady_clock::now
    std::function<void(std::string_view)> write;        // default: write(2) to stderr
    std::function<size_t()> width;                      // default: TerminalWidth(stderr)
    bool ticker = true;                                 // false: only Tick() draws (tests)
    Clock::duration quiet_start = std::chrono::milliseconds(500);
    Clock::duration interval = std::chrono::milliseconds(100);
  };

  ProgressBar();
  explicit ProgressBar(Config config);
  ~ProgressBar() override;  // Finish() if it was not called
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Start(uint64_t total_bytes, uint64_t total_files) override;
  void AddBytes(uint64_t bytes) override;
  void FileDone() override;
  void Finish() override;  // idempotent

  // Draws the line if the quiet start is over and the last drawing is at least one interval old;
  // the ticker calls it, and tests call it directly. Never throws.
  void Tick();

  ProgressCounts counts() const;

 private:
  void TickerLoop();

  Config config_;
  std::atomic<uint64_t> bytes_done_{0};
  std::atomic<uint64_t> files_done_{0};
  std::atomic<uint64_t> total_bytes_{0};
  std::atomic<uint64_t> total_files_{0};

  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  std::thread ticker_;
  bool started_ = false;
  bool finished_ = false;
  bool drawn_ = false;  // a line is on the terminal
  Clock::time_point start_;
  Clock::time_point last_draw_;
  std::string last_line_;
};

// Whether the CLI should show a progress bar: stderr is a terminal that understands "\r" and
// clear-to-end-of-line (TERM is not "dumb"), and neither --quiet nor --no-progress was given.
bool WantProgressBar(bool quiet, bool no_progress);

}  // namespace trailhound
