#pragma once
// The prefilter as the readers see it (an EventSelector), for one worker thread: it selects the
// lines and events some plan may match, and remembers for the last event which plans those are,
// so that the worker pushes the event into those plans only.
#include "exec/raw_prefilter.hpp"
#include "io/event_selector.hpp"

namespace trailhound {

class PlanSelector : public EventSelector {
 public:
  explicit PlanSelector(const RawPrefilter& prefilter) : scanner_(prefilter) {}

  void SelectLines(std::string_view block, absl::FunctionRef<void(size_t, size_t)> on_line) override;
  bool Wanted(std::string_view event) override;
  // After Wanted(event) returned true: whether plan `i` may match that event.
  bool MayMatch(size_t i) const { return mask_.Test(i); }

 private:
  RawPrefilter::Scanner scanner_;
  PlanMask mask_;
  // The line being handed out by SelectLines, without its surrounding blanks: an event that is
  // exactly this text takes the line's mask instead of being scanned again.
  std::string_view line_;
};

}  // namespace trailhound
