#include "output/progress_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <tuple>

namespace trailhound {

namespace {

constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB"};
constexpr size_t kMaxBarCells = 30;
constexpr size_t kMinBarCells = 10;

// The unit `bytes` is shown in: the largest whose value does not round to 1000 or more.
size_t UnitOf(double bytes) {
  size_t unit = 0;
  while (bytes >= 999.5 && unit + 1 < std::size(kUnits)) {
    bytes /= 1000;
    ++unit;
  }
  return unit;
}

// `bytes` in `unit`: whole bytes as integers, else one decimal below 10 and none from there.
std::string InUnit(double bytes, size_t unit) {
  char buf[32];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%.0f", bytes);
  } else {
    double v = bytes / std::pow(1000.0, static_cast<double>(unit));
    std::snprintf(buf, sizeof buf, v < 9.95 ? "%.1f" : "%.0f", v);
  }
  return buf;
}

}  // namespace

std::string FormatByteAmounts(uint64_t done, uint64_t total) {
  if (total == 0) {
    size_t unit = UnitOf(static_cast<double>(done));
    return InUnit(static_cast<double>(done), unit) + " " + kUnits[unit];
  }
  size_t unit = UnitOf(static_cast<double>(std::max(done, total)));
  return InUnit(static_cast<double>(done), unit) + "/" + InUnit(static_cast<double>(total), unit) + " " + kUnits[unit];
}

std::string FormatRate(double bytes_per_second) {
  if (!(bytes_per_second > 0) || !std::isfinite(bytes_per_second)) bytes_per_second = 0;
  size_t unit = UnitOf(bytes_per_second);
  return InUnit(bytes_per_second, unit) + " " + kUnits[unit] + "/s";
}

std::string FormatEta(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "-:--";
  double whole = std::ceil(seconds);
  if (whole >= 100.0 * 3600) return ">99h";
  auto s = static_cast<unsigned>(whole);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%u:%02u", s / 60, s % 60);
  return buf;
}

std::string RenderProgressLine(const ProgressCounts& c, double elapsed_seconds, size_t width) {
  if (width < 2) return "";
  const size_t limit = width - 1;
  const bool known = c.total_bytes > 0;
  const double rate = elapsed_seconds > 0 ? static_cast<double>(c.bytes_done) / elapsed_seconds : 0;
  const double fraction = known ? std::min(1.0, static_cast<double>(c.bytes_done) / static_cast<double>(c.total_bytes)) : 0;

  std::string percent;
  std::string eta;
  if (known) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%3u%%", static_cast<unsigned>(fraction * 100));  // 100% only when done
    percent = buf;
    double remaining = static_cast<double>(c.total_bytes > c.bytes_done ? c.total_bytes - c.bytes_done : 0);
    eta = "ETA " + (remaining == 0 ? FormatEta(0) : rate > 0 ? FormatEta(remaining / rate) : FormatEta(-1));
  }
  // Done counts are padded to the width of their totals, and the rate to 8 characters, so that
  // the bar does not change width as the numbers grow.
  auto pad = [](std::string s, size_t n) { return s.size() < n ? std::string(n - s.size(), ' ') + s : s; };
  std::string bytes = FormatByteAmounts(c.bytes_done, c.total_bytes);
  if (known) {
    size_t slash = bytes.find('/');
    size_t total_len = bytes.find(' ', slash) - slash - 1;
    bytes = pad(bytes.substr(0, slash), total_len) + bytes.substr(slash);
  }
  const std::string files = c.total_files > 0
                                ? pad(std::to_string(c.files_done), std::to_string(c.total_files).size()) + "/" + std::to_string(c.total_files) + " files"
                                : std::to_string(c.files_done) + " files";
  const std::string rate_text = elapsed_seconds > 0 ? pad(FormatRate(rate), 8) : "";

  // Everything but the bar, with some of the optional pieces.
  auto compose = [&](bool with_files, bool with_rate, bool with_eta, size_t bar_cells) {
    std::string line = "trailhound";
    if (known) {
      line += " " + percent;
      if (bar_cells > 0) {
        auto filled = static_cast<size_t>(fraction * static_cast<double>(bar_cells));
        line += " [" + std::string(filled, '=');
        if (filled < bar_cells) line += ">" + std::string(bar_cells - filled - 1, ' ');
        line += "]";
      } else {
        line += " ";
      }
      line += " " + bytes;
    } else {
      line += "  " + bytes;
    }
    if (with_files) line += "  " + files;
    if (with_rate && !rate_text.empty()) line += "  " + rate_text;
    if (with_eta && known) line += "  " + eta;
    return line;
  };

  std::string line = compose(true, true, true, 0);
  if (known) {
    // The bar, " [" + cells + "]", takes the place of one space.
    size_t spare = limit > line.size() ? limit - line.size() : 0;
    if (spare >= kMinBarCells + 2) return compose(true, true, true, std::min(kMaxBarCells, spare - 2));
  }
  if (line.size() <= limit) return line;
  for (auto [files, rate, eta] : {std::tuple{true, false, true}, std::tuple{false, false, true}, std::tuple{false, false, false}}) {
    line = compose(files, rate, eta, 0);
    if (line.size() <= limit) return line;
  }
  return line.substr(0, limit);
}

}  // namespace trailhound
