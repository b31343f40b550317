#pragma once
// The width of the terminal on `fd`, for the progress line: TIOCGWINSZ, else $COLUMNS, else 80.
#include <cstddef>

namespace trailhound {

size_t TerminalWidth(int fd);

}  // namespace trailhound
