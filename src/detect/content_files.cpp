#include "detect/content_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "common/error.hpp"

namespace trailhound {

namespace {

bool IsYamlFile(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  return ext == ".yml" || ext == ".yaml";
}

bool IsHidden(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

std::vector<std::filesystem::path> ListYamlFiles(const std::filesystem::path& path, std::string_view what) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw Error(ErrorKind::kUsage, std::string(what) + ": no such file or directory: " + path.string());
  }
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(status)) {
    files.push_back(path);
    return files;
  }
  auto options = std::filesystem::directory_options::follow_directory_symlink;
  std::filesystem::recursive_directory_iterator it(path, options, ec);
  if (ec) throw Error(ErrorKind::kInput, std::string(what) + ": cannot read directory " + path.string() + ": " + ec.message());
  for (auto end = std::filesystem::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) throw Error(ErrorKind::kInput, std::string(what) + ": cannot read directory " + path.string() + ": " + ec.message());
    const auto& entry = *it;
    if (IsHidden(entry.path())) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(ec) && IsYamlFile(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInput, "cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::kInput, "cannot read " + path.string());
  return buffer.str();
}

}  // namespace trailhound
