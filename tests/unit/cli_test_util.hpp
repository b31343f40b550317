#pragma once
// Running the trailhound binary from tests: exit code, stdout and stderr of one command line, and
// a scratch directory. TRAILHOUND_BINARY and TRAILHOUND_SOURCE_DIR come from CMake.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace trailhound::cli_test {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the binary with `args` (already shell-quoted) from the source directory.
inline CliRun Trailhound(const std::string& args) {
  static int counter = 0;
  std::filesystem::path err = std::filesystem::temp_directory_path() /
                              ("trailhound_cli_err_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::string cmd = std::string("cd '") + TRAILHOUND_SOURCE_DIR + "' && '" + TRAILHOUND_BINARY + "' " + args + " 2>'" +
                    err.string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  CliRun r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, Slurp(err)};
  std::filesystem::remove(err);
  return r;
}

// A scratch directory, removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "cli")
      : path_(std::filesystem::temp_directory_path() /
              ("trailhound_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path Write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace trailhound::cli_test
