#include "exec/plan_selector.hpp"

namespace trailhound {

void PlanSelector::SelectLines(std::string_view block, absl::FunctionRef<void(size_t, size_t)> on_line) {
  // Which plans a selected line may feed is decided again per event (Wanted), since a line may
  // hold a whole document of events.
  scanner_.SelectLines(block, [&](size_t begin, size_t end, const PlanMask&) { on_line(begin, end); });
}

}  // namespace trailhound
