#include "detect/git_lfs_pointer.hpp"

#include <fstream>
#include <string_view>

namespace trailhound {

bool IsGitLfsPointer(const std::filesystem::path& path) {
  static constexpr std::string_view kHeader = "version https://git-lfs.github.com/spec/v1";
  std::ifstream in(path, std::ios::binary);
  char buffer[kHeader.size()];
  if (!in.read(buffer, static_cast<std::streamsize>(sizeof buffer))) return false;
  return std::string_view(buffer, sizeof buffer) == kHeader;
}

}  // namespace trailhound
