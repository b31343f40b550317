#include "output/progress_bar.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "output/terminal_width.hpp"

namespace trailhound {

namespace {

constexpr std::string_view kClearToEnd = "\x1b[K";

void WriteStderr(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed or broken stderr: the bar is not worth an error
    text.remove_prefix(static_cast<size_t>(n));
  }
}

ProgressBar::Config Defaults(ProgressBar::Config c) {
  if (!c.now) c.now = [] { return ProgressBar::Clock::now(); };
  if (!c.write) c.write = WriteStderr;
  if (!c.width) c.width = [] { return TerminalWidth(STDERR_FILENO); };
  return c;
}

}  // namespace

ProgressBar::ProgressBar() : ProgressBar(Config{}) {}

ProgressBar::ProgressBar(Config config) : config_(Defaults(std::move(config))) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Start(uint64_t total_bytes, uint64_t total_files) {
  std::lock_guard lock(mutex_);
  if (started_ || finished_) return;
  total_bytes_.store(total_bytes, std::memory_order_relaxed);
  total_files_.store(total_files, std::memory_order_relaxed);
  try {
    start_ = config_.now();
    started_ = true;
    if (config_.ticker) ticker_ = std::thread([this] { TickerLoop(); });
  } catch (...) {
    // No thread (or no clock): no bar. The scan goes on.
  }
}

void ProgressBar::AddBytes(uint64_t bytes) { bytes_done_.fetch_add(bytes, std::memory_order_relaxed); }

void ProgressBar::FileDone() { files_done_.fetch_add(1, std::memory_order_relaxed); }

ProgressCounts ProgressBar::counts() const {
  return {bytes_done_.load(std::memory_order_relaxed), total_bytes_.load(std::memory_order_relaxed),
          files_done_.load(std::memory_order_relaxed), total_files_.load(std::memory_order_relaxed)};
}

void ProgressBar::Tick() {
  std::lock_guard lock(mutex_);
  if (!started_ || finished_) return;
  try {
    Clock::time_point now = config_.now();
    if (now - start_ < config_.quiet_start) return;
    if (drawn_ && now - last_draw_ < config_.interval) return;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    std::string line = RenderProgressLine(counts(), elapsed, config_.width());
    last_draw_ = now;
    if (drawn_ && line == last_line_) return;
    config_.write("\r" + line + std::string(kClearToEnd));
    drawn_ = true;
    last_line_ = std::move(line);
  } catch (...) {
    // Out of memory while drawing a progress line: skip this frame.
  }
}

void ProgressBar::TickerLoop() {
  std::unique_lock lock(mutex_);
  while (!finished_) {
    wake_.wait_for(lock, config_.interval, [this] { return finished_; });
    if (finished_) break;
    lock.unlock();
    Tick();
    lock.lock();
  }
}

void ProgressBar::Finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  std::lock_guard lock(mutex_);
  if (!drawn_) return;
  drawn_ = false;
  try {
    config_.write("\r" + std::string(kClearToEnd));
  } catch (...) {
  }
}

bool WantProgressBar(bool quiet, bool no_progress) {
  if (quiet || no_progress || !::isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

}  // namespace trailhound
