#include "common/builtin_files.hpp"

#include <algorithm>

namespace trailhound {

std::optional<std::string_view> FindBuiltinFile(std::string_view path) {
  for (const auto& f : BuiltinFiles()) {
    if (f.path == path) return f.content;
  }
  return std::nullopt;
}

std::vector<BuiltinFile> BuiltinFilesUnder(std::string_view prefix) {
  std::vector<BuiltinFile> out;
  for (const auto& f : BuiltinFiles()) {
    if (f.path.substr(0, prefix.size()) == prefix) out.push_back(f);
  }
  std::sort(out.begin(), out.end(), [](const BuiltinFile& a, const BuiltinFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace trailhound
