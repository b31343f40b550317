#pragma once
// Helpers for tests that walk the shared security_content checkout.
#include <algorithm>
#include <string>

#include "detect/spl_usage_scan.hpp"
#include "spl/macro_expander.hpp"
#include "spl/macro_table.hpp"

namespace trailhound::content_test {

// As `trailhound lint` tells production raw-CloudTrail detections: no tstats command.
inline bool UsesTstats(const std::string& search, const MacroTable& macros) {
  auto commands = ScanSplUsage(ExpandMacros(search, macros)).commands;
  return std::find(commands.begin(), commands.end(), "tstats") != commands.end();
}

}  // namespace trailhound::content_test
