#pragma once
// contentctl's unit-test pass rule, applied to the rows a detection returned over its dataset
// (see /work/shared/reference/testing.md, section 4):
//  * at least one result row;
//  * every risk-object field is present, and not the string "null", in every row;
//  * each threat-object field is filled (present, not "null") in at least one row.
// No values are compared. Hunting detections (no risk action) pass on rows >= 1 alone.
#include <string>
#include <vector>

#include "common/row.hpp"
#include "detect/detection.hpp"

namespace trailhound {

struct TestVerdict {
  bool pass = false;
  std::string reason;  // why it failed (empty on a pass)
};

TestVerdict JudgeUnitTest(const Detection& detection, const std::vector<Row>& rows);

}  // namespace trailhound
