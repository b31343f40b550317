#pragma once
// The lookup tables SPL `lookup` and `inputlookup` can name: definitions in security_content
// format (<content>/lookups/*.yml: name, filename or collection, match_type, case_sensitive_match,
// min_matches, max_matches, default_match) with their CSV beside them, and bare `x.csv` file names
// found in the lookup directories. Tables are loaded on first use and shared. A definition that
// cannot be used is remembered with its problem, so that only a search naming it fails.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/lookup_table.hpp"

namespace trailhound {

struct LookupDefinition {
  std::string name;
  std::string filename;    // the CSV, relative to `directory`; empty for a KV-store collection
  std::string collection;  // a KV-store collection name (no file upstream)
  LookupMatchOptions options;
  std::filesystem::path directory;  // where the definition was found
  std::string origin;               // the definition file, for messages
  std::string problem;              // why it cannot be used (reported when a search names it), or ""
};

class LookupRegistry {
 public:
  // Reads every *.yml/*.yaml definition under `dir` and remembers `dir` for file names.
  // A later definition of the same name replaces an earlier one. Throws Error(kUsage) when `dir`
  // does not exist. A definition that cannot be used is kept with its problem, under its name
  // (or, when the file has none, the file's stem, as security_content names its files).
  void AddDirectory(const std::filesystem::path& dir);
  void AddDefinition(LookupDefinition definition);

  // The table `name` names. A definition's file is looked up in every lookup directory, the
  // last one added that has it winning (a directory's definitions also see their own
  // subfolder first). For a KV-store collection, `<name>.csv` stands for its exported contents.
  // Throws QueryError at `position` naming the lookup when it has no definition, its definition
  // cannot be used, its CSV is missing, or the CSV cannot be read.
  std::shared_ptr<const LookupTable> Resolve(const std::string& name, size_t position) const;

  bool empty() const { return directories_.empty() && definitions_.empty(); }

 private:
  std::shared_ptr<const LookupTable> Load(const std::filesystem::path& path, const std::string& name,
                                          const LookupMatchOptions& options, size_t position) const;
  // `filename` in the lookup directories, the last one that has it winning; `own_dir` (a
  // definition's folder) is tried just before the lookup directory it lies in, or last.
  std::optional<std::filesystem::path> FindFile(const std::string& filename,
                                                const std::filesystem::path* own_dir) const;

  std::vector<std::filesystem::path> directories_;
  std::map<std::string, LookupDefinition> definitions_;
  mutable std::map<std::string, std::shared_ptr<const LookupTable>> tables_;  // by name
};

// Parses one definition file's text (security_content format). Throws Error(kQuery) naming
// `origin` when it is not a mapping, has no name, or has neither filename nor collection.
LookupDefinition ParseLookupDefinition(const std::string& yaml_text, const std::string& origin);

}  // namespace trailhound
