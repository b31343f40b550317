#pragma once
// The readers' hook for a raw-text prefilter: which lines or events are worth parsing. The
// others are counted (InputSummary::events_prefiltered) and never parsed.
#include <cstddef>
#include <string_view>

#include <absl/functional/function_ref.h>

namespace trailhound {

class EventSelector {
 public:
  virtual ~EventSelector() = default;
  // Calls on_line(begin, end) for each line of `block` that may hold a wanted event, in order;
  // `block` is whole lines (each ends in '\n' but the last may not), offsets are into it and
  // `end` excludes the newline. Blank lines are never selected.
  virtual void SelectLines(std::string_view block, absl::FunctionRef<void(size_t, size_t)> on_line) = 0;
  // Whether one event found inside a document (a Records element, an unwrapped message) may be
  // wanted.
  virtual bool Wanted(std::string_view event) = 0;
};

}  // namespace trailhound
