#include "exec/plan_selector.hpp"

namespace trailhound {

namespace {

std::string_view TrimBlanks(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

void PlanSelector::SelectLines(std::string_view block, absl::FunctionRef<void(size_t, size_t)> on_line) {
  scanner_.SelectLines(block, [&](size_t begin, size_t end, const PlanMask& mask) {
    mask_ = mask;
    line_ = TrimBlanks(block.substr(begin, end - begin));
    on_line(begin, end);
    line_ = {};
  });
}

bool PlanSelector::Wanted(std::string_view event) {
  // A plain event on its own line was scanned with the block. Events inside a line (a one-line
  // Records document) or a document are scanned on their own text.
  if (!line_.empty() && event.data() == line_.data() && event.size() == line_.size()) return mask_.Any();
  return scanner_.MayMatch(event, mask_);
}

}  // namespace trailhound
