#pragma once
// The detections `test` and `lint` look at: every -r FILE|DIR in order, else all detections of
// --content DIR, else the built-in ones. Files that do not load are returned as errors (one per
// file, naming it), so that a bad file is a row of the report, not the end of the run.
#include <string>
#include <vector>

#include "detect/detection_yaml.hpp"

namespace trailhound {

DetectionLoad LoadSelectedDetections(const std::vector<std::string>& rules, const std::string& content_dir);

// The file an error from LoadSelectedDetections names (the text before ": "), for the report's
// detection column.
std::string ErrorFileName(const std::string& load_error);

}  // namespace trailhound
