#pragma once
// The search macros a query may call, loaded from security_content-format YAML files
// (`name`, `definition`, optional `arguments: [..]`, one macro per file).
//
// Like Splunk's macros.conf, a macro is keyed by its name and its argument count: the stanza
// `security_content_ctime(1)` and a zero-argument `security_content_ctime` are different macros.
// Sources are layered: whatever is loaded later replaces an earlier macro with the same key, so
// the CLI loads the built-ins first, then `--content DIR`, then each `--macros DIR` in order.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailhound {

struct MacroDefinition {
  std::string name;
  // Parameter names, substituted as `$name$` in the definition.
  std::vector<std::string> arguments;
  std::string definition;
  std::string description;
  // Where it came from ("macros/cloudtrail.yml" for a built-in, else the file path), for messages.
  std::string origin;
};

class MacroTable {
 public:
  // Adds a macro, replacing any macro with the same name and argument count.
  void Define(MacroDefinition macro);

  // The macro called `name` with `argument_count` arguments, or nullptr.
  const MacroDefinition* Find(std::string_view name, size_t argument_count) const;
  // The argument counts `name` is defined with (to say "defined with 1 argument" in errors).
  std::vector<size_t> ArgumentCountsOf(std::string_view name) const;

  // Parses one macro YAML document; `origin` names the file in errors (Error kQuery).
  void LoadYaml(std::string_view yaml_text, const std::string& origin);
  // Loads a file, or every *.yml / *.yaml under a directory recursively (sorted by path, so the
  // result does not depend on directory order; hidden entries are skipped). A path that does not
  // exist is Error kUsage, a bad file Error kQuery.
  void LoadPath(const std::filesystem::path& path);
  // Loads `<content_dir>/macros` (a security_content checkout); kUsage if it has no macros folder.
  void LoadContentDirectory(const std::filesystem::path& content_dir);
  // Like LoadPath / LoadContentDirectory, but a bad or unreadable file is skipped and its error
  // message (naming the file) returned, one per file, so that the other files still load. A
  // missing path or macros folder still throws kUsage.
  std::vector<std::string> LoadPathCollectingErrors(const std::filesystem::path& path);
  std::vector<std::string> LoadContentDirectoryCollectingErrors(const std::filesystem::path& content_dir);
  // Whether a security_content checkout was loaded (so error messages do not suggest --content).
  bool content_loaded() const { return content_loaded_; }
  // Loads the macros compiled into the binary (macros/*.yml of this repository).
  void LoadBuiltins();

  // A table holding just the built-in macros.
  static MacroTable WithBuiltins();

  size_t size() const { return macros_.size(); }
  // All macros, ordered by name then argument count.
  std::vector<const MacroDefinition*> All() const;

 private:
  using Key = std::pair<std::string, size_t>;
  std::vector<std::string> LoadFiles(const std::vector<std::filesystem::path>& files, bool collect_errors);
  static std::filesystem::path ContentMacrosDirectory(const std::filesystem::path& content_dir);

  std::map<Key, MacroDefinition> macros_;
  bool content_loaded_ = false;
};

// The key Splunk writes in macros.conf: `name` for no arguments, otherwise `name(N)`.
std::string MacroStanzaName(std::string_view name, size_t argument_count);

}  // namespace trailhound
