#pragma once
// Git LFS pointer files: what a clone of splunk/attack_data holds in place of each dataset until
// `git lfs pull` fetches it. Replaying one would give "no rows", so the test runner skips it.
#include <filesystem>

namespace trailhound {

// Whether the file at `path` is a Git LFS pointer (text starting with
// "version https://git-lfs.github.com/spec/v1"). False when it cannot be read.
bool IsGitLfsPointer(const std::filesystem::path& path);

}  // namespace trailhound
