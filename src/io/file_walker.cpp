// ListInputFiles: expands the command line's paths into the files to read.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/input_reader.hpp"

namespace trailhound {

namespace fs = std::filesystem;

namespace {

// Appends every regular file under `dir` (following symlinks to files, not to directories, so a
// link loop cannot trap the walk). Unlistable subdirectories are recorded and skipped.
void WalkDirectory(const fs::path& dir, std::vector<std::string>& found, InputSummary& summary) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    summary.AddSkip(dir.string(), SkipReason::kUnreadable, ec.message());
    return;
  }
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      summary.AddSkip(dir.string(), SkipReason::kUnreadable, ec.message());
      break;
    }
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      subdirs.push_back(entry.path());
    } else if (entry.is_regular_file(type_ec)) {
      found.push_back(entry.path().string());
    }
  }
  for (const auto& sub : subdirs) WalkDirectory(sub, found, summary);
}

}  // namespace

std::vector<InputFile> ListInputFiles(const std::vector<std::string>& paths, InputSummary& summary) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({path});
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
        summary.AddSkip(path, SkipReason::kUnreadable, ec.message());
      } else {
        summary.AddSkip(path, SkipReason::kPathMissing);
      }
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      WalkDirectory(path, found, summary);
      // Byte-wise order of the whole path: stable across file systems and locales.
      std::sort(found.begin(), found.end());
      for (auto& f : found) files.push_back({std::move(f)});
    } else {
      files.push_back({path});
    }
  }
  return files;
}

}  // namespace trailhound
