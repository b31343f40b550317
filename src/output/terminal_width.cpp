#include "output/terminal_width.hpp"

#include <sys/ioctl.h>

#include <cstdlib>
#include <string>

namespace trailhound {

size_t TerminalWidth(int fd) {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long n = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0 && n < 10000) return static_cast<size_t>(n);
  }
  return 80;
}

}  // namespace trailhound
