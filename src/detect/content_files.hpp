#pragma once
// Finding and reading content files (detections, macros) on disk, shared by the detection and the
// macro loaders so that `-r DIR`, `--macros DIR` and `--content DIR` walk folders the same way.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

// `path` itself when it is a file; for a directory every *.yml / *.yaml below it, recursively,
// sorted by path. Entries whose name starts with '.' (.git, editor files) are skipped. Throws
// Error(kUsage) naming `what` (e.g. "--macros") when the path does not exist.
std::vector<std::filesystem::path> ListYamlFiles(const std::filesystem::path& path, std::string_view what);

// The whole file; Error(kInput) when it cannot be read.
std::string ReadTextFile(const std::filesystem::path& path);

}  // namespace trailhound
