#pragma once
// Files compiled into the binary: the built-in profiles, detections and macros (see CMakeLists.txt).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

struct BuiltinFile {
  std::string_view path;     // relative to the source tree, e.g. "profiles/aws_cloudtrail.yml"
  std::string_view content;
};

const std::vector<BuiltinFile>& BuiltinFiles();

// The content of the built-in file at `path`, if there is one.
std::optional<std::string_view> FindBuiltinFile(std::string_view path);

// Every built-in file whose path starts with `prefix` (e.g. "detections/"), in path order.
std::vector<BuiltinFile> BuiltinFilesUnder(std::string_view prefix);

}  // namespace trailhound
