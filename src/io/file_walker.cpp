// ListInputFiles: expands the command line's paths into the files to read.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

#include "io/input_reader.hpp"

namespace trailhound {

namespace fs = std::filesystem;

namespace {

// A file's identity: two paths with the same one name the same file (links, "a/./b", hard links).
using FileIdentity = std::pair<uint64_t, uint64_t>;  // device, inode

FileIdentity IdentityOf(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

std::string_view SpecialFileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISSOCK(mode)) return "socket";
  if (S_ISBLK(mode)) return "block device";
  if (S_ISCHR(mode)) return "character device";
  return "special file";
}

class Lister {
 public:
  Lister(InputSummary& summary, std::vector<InputFile>& files) : summary_(summary), files_(files) {}

  void AddPath(const std::string& path) {
    if (path == "-") {
      AddStandardInput();
      return;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT || err == ENOTDIR) {
        summary_.AddSkip(path, SkipReason::kPathMissing);
      } else {
        summary_.AddSkip(path, SkipReason::kUnreadable, std::strerror(err));
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      Walk(path, st);
    } else if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
      // Named explicitly, a FIFO or a character device (/dev/stdin, a process substitution) is
      // read as a stream.
      AddFile(path, IdentityOf(st));
    } else {
      summary_.AddSkip(path, SkipReason::kNotRegularFile, SpecialFileKind(st.st_mode));
    }
  }

 private:
  struct Found {
    std::string path;
    FileIdentity id;
  };
  struct Dir {
    fs::path path;
    FileIdentity id;
    size_t parent;  // index in dirs_, or npos for the walk's root
  };
  static constexpr size_t kNoParent = static_cast<size_t>(-1);

  void AddStandardInput() {
    struct stat st;
    if (::fstat(STDIN_FILENO, &st) == 0) {
      AddFile("-", IdentityOf(st));
    } else if (stdin_listed_) {
      summary_.AddSkip("-", SkipReason::kDuplicate, "standard input is read once");
    } else {
      files_.push_back({"-"});
    }
    stdin_listed_ = true;
  }

  void AddFile(const std::string& path, FileIdentity id) {
    auto [it, fresh] = seen_.emplace(id, path);
    if (fresh) {
      files_.push_back({path});
    } else {
      summary_.AddSkip(path, SkipReason::kDuplicate,
                       path == "-" ? "standard input is read once" : "same file as " + it->second);
    }
  }

  // Whether directory `id` is `index` or one of its ancestors in this walk.
  bool OnChain(size_t index, FileIdentity id) const {
    for (size_t i = index; i != kNoParent; i = dirs_[i].parent) {
      if (dirs_[i].id == id) return true;
    }
    return false;
  }

  // Every regular file under `root`, in byte-wise sorted order of the whole path (stable across
  // file systems and locales). Symbolic links are followed, to files and to directories; a link
  // back to a directory being walked is a loop, and a directory reached twice is walked once.
  // Nothing is passed over silently: every other entry is counted in the summary with its reason.
  // Iterative, so that the depth of the tree cannot exhaust the stack.
  void Walk(const std::string& root, const struct stat& root_st) {
    dirs_.clear();
    dirs_.push_back({fs::path(root), IdentityOf(root_st), kNoParent});
    walked_dirs_.emplace(IdentityOf(root_st), root);
    std::vector<Found> found;
    std::vector<size_t> pending = {0};
    while (!pending.empty()) {
      const size_t index = pending.back();
      pending.pop_back();
      const fs::path dir = dirs_[index].path;
      std::error_code ec;
      fs::directory_iterator it(dir, ec);
      if (ec) {
        summary_.AddSkip(dir.string(), SkipReason::kUnreadable, ec.message());
        continue;
      }
      for (fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
          summary_.AddSkip(dir.string(), SkipReason::kUnreadable, ec.message());
          break;
        }
        const fs::path& entry = it->path();
        const std::string name = entry.string();
        struct stat lst;
        if (::lstat(entry.c_str(), &lst) != 0) {
          summary_.AddSkip(name, SkipReason::kUnreadable, std::strerror(errno));
          continue;
        }
        struct stat st = lst;
        if (S_ISLNK(lst.st_mode) && ::stat(entry.c_str(), &st) != 0) {
          const int err = errno;
          if (err == ENOENT || err == ENOTDIR) {
            std::error_code link_ec;
            fs::path target = fs::read_symlink(entry, link_ec);
            summary_.AddSkip(name, SkipReason::kDanglingLink, link_ec ? "" : "to " + target.string());
          } else if (err == ELOOP) {
            summary_.AddSkip(name, SkipReason::kLinkLoop);
          } else {
            summary_.AddSkip(name, SkipReason::kUnreadable, std::strerror(err));
          }
          continue;
        }
        if (S_ISDIR(st.st_mode)) {
          const FileIdentity id = IdentityOf(st);
          if (OnChain(index, id)) {
            summary_.AddSkip(name, SkipReason::kLinkLoop, "back to " + dir.string());
          } else if (auto walked = walked_dirs_.find(id); walked != walked_dirs_.end()) {
            summary_.AddSkip(name, SkipReason::kDuplicate, "same directory as " + walked->second);
          } else {
            walked_dirs_.emplace(id, name);
            dirs_.push_back({entry, id, index});
            pending.push_back(dirs_.size() - 1);
          }
        } else if (S_ISREG(st.st_mode)) {
          found.push_back({name, IdentityOf(st)});
        } else {
          summary_.AddSkip(name, SkipReason::kNotRegularFile, SpecialFileKind(st.st_mode));
        }
      }
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.path < b.path; });
    for (const Found& f : found) AddFile(f.path, f.id);
  }

  InputSummary& summary_;
  std::vector<InputFile>& files_;
  std::map<FileIdentity, std::string> seen_;         // files listed, by identity: the first path
  std::map<FileIdentity, std::string> walked_dirs_;  // directories walked: the first path
  std::vector<Dir> dirs_;                            // the current walk's directories
  bool stdin_listed_ = false;
};

}  // namespace

std::vector<InputFile> ListInputFiles(const std::vector<std::string>& paths, InputSummary& summary) {
  std::vector<InputFile> files;
  Lister lister(summary, files);
  for (const std::string& path : paths) lister.AddPath(path);
  return files;
}

}  // namespace trailhound
