#include "cli/detection_sources.hpp"

namespace trailhound {

DetectionLoad LoadSelectedDetections(const std::vector<std::string>& rules, const std::string& content_dir) {
  DetectionLoad all;
  auto take = [&all](DetectionLoad load) {
    for (auto& d : load.detections) all.detections.push_back(std::move(d));
    all.errors.insert(all.errors.end(), load.errors.begin(), load.errors.end());
  };
  for (const auto& r : rules) take(LoadDetectionsCollectingErrors(r));
  if (rules.empty() && !content_dir.empty()) take(LoadContentDetectionsCollectingErrors(content_dir));
  if (rules.empty() && content_dir.empty()) all.detections = LoadBuiltinDetections();
  return all;
}

std::string ErrorFileName(const std::string& load_error) {
  std::string text = load_error;
  const std::string prefix = "detection file ";
  if (text.rfind(prefix, 0) == 0) text = text.substr(prefix.size());
  size_t colon = text.find(": ");
  return colon == std::string::npos ? text : text.substr(0, colon);
}

}  // namespace trailhound
