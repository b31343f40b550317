#include "exec/lookup_registry.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <system_error>

#include "common/error.hpp"
#include "detect/content_files.hpp"

namespace trailhound {

namespace {

std::string Scalar(const YAML::Node& doc, const char* key) {
  YAML::Node n = doc[key];
  return n && n.IsScalar() ? n.as<std::string>() : std::string();
}

std::string Trim(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

size_t Count(const std::string& text, const std::string& key, const std::string& origin) {
  auto n = ParseNumber(text);
  if (!n || *n < 0 || *n > 1e15 || *n != std::floor(*n)) {
    throw Error(ErrorKind::kQuery, origin + ": " + key + " must be a whole number, not '" + text + "'");
  }
  return static_cast<size_t>(*n);
}

// The `name:` of a definition that does not parse as a whole, or "".
std::string DefinitionName(const std::string& yaml_text) {
  try {
    YAML::Node doc = YAML::Load(yaml_text);
    return doc.IsMap() ? Trim(Scalar(doc, "name")) : std::string();
  } catch (const YAML::Exception&) {
    return "";
  }
}

bool IsWithin(const std::filesystem::path& inner, const std::filesystem::path& outer) {
  std::filesystem::path relative = inner.lexically_normal().lexically_relative(outer.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

LookupDefinition ParseLookupDefinition(const std::string& yaml_text, const std::string& origin) {
  YAML::Node doc;
  try {
    doc = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw Error(ErrorKind::kQuery, origin + ": invalid YAML: " + e.what());
  }
  if (!doc.IsMap()) throw Error(ErrorKind::kQuery, origin + ": a lookup definition must be a YAML mapping");
  LookupDefinition def;
  def.origin = origin;
  def.name = Trim(Scalar(doc, "name"));
  def.filename = Trim(Scalar(doc, "filename"));
  def.collection = Trim(Scalar(doc, "collection"));
  if (def.name.empty()) throw Error(ErrorKind::kQuery, origin + ": lookup definition has no name");
  if (def.filename.empty() && def.collection.empty()) {
    throw Error(ErrorKind::kQuery, origin + ": lookup definition " + def.name + " has neither filename nor collection");
  }
  // match_type: WILDCARD(a), WILDCARD(b) ... (comma- or space-separated).
  std::string match_type = Scalar(doc, "match_type");
  size_t pos = 0;
  while (pos < match_type.size()) {
    size_t open = match_type.find('(', pos);
    if (open == std::string::npos) {
      if (!Trim(match_type.substr(pos)).empty()) {
        throw Error(ErrorKind::kQuery, origin + ": cannot read match_type '" + match_type + "'");
      }
      break;
    }
    size_t close = match_type.find(')', open);
    if (close == std::string::npos) throw Error(ErrorKind::kQuery, origin + ": cannot read match_type '" + match_type + "'");
    std::string kind = Trim(match_type.substr(pos, open - pos));
    if (!kind.empty() && kind[0] == ',') kind = Trim(kind.substr(1));
    std::string column = Trim(match_type.substr(open + 1, close - open - 1));
    for (auto& c : kind) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kind == "WILDCARD") {
      def.options.wildcard_columns.push_back(column);
    } else if (kind == "CIDR") {
      def.options.cidr_columns.push_back(column);
    } else if (kind != "EXACT") {
      throw Error(ErrorKind::kQuery, origin + ": match_type " + kind + "(" + column + ") is not supported (WILDCARD, CIDR, EXACT)");
    }
    pos = close + 1;
  }
  std::string case_sensitive = Scalar(doc, "case_sensitive_match");
  for (auto& c : case_sensitive) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!case_sensitive.empty()) def.options.case_sensitive = !(case_sensitive == "false" || case_sensitive == "0" || case_sensitive == "f");
  if (std::string v = Scalar(doc, "max_matches"); !v.empty()) def.options.max_matches = Count(v, "max_matches", origin);
  if (std::string v = Scalar(doc, "min_matches"); !v.empty()) def.options.min_matches = Count(v, "min_matches", origin);
  def.options.default_match = Scalar(doc, "default_match");
  return def;
}

void LookupRegistry::AddDirectory(const std::filesystem::path& dir) {
  for (const auto& file : ListYamlFiles(dir, "--lookups")) {
    LookupDefinition def;
    std::string text;
    try {
      text = ReadTextFile(file);
      def = ParseLookupDefinition(text, file.string());
    } catch (const Error& e) {
      // Kept, not thrown: a search that does not use this lookup must still run.
      def = LookupDefinition{};
      def.name = DefinitionName(text);
      if (def.name.empty()) def.name = file.stem().string();
      def.origin = file.string();
      def.problem = e.what();
    }
    def.directory = file.parent_path();
    AddDefinition(std::move(def));
  }
  directories_.push_back(dir);
}

void LookupRegistry::AddDefinition(LookupDefinition definition) {
  tables_.erase(definition.name);
  std::string name = definition.name;
  definitions_[name] = std::move(definition);
}

std::optional<std::filesystem::path> LookupRegistry::FindFile(const std::string& filename,
                                                              const std::filesystem::path* own_dir) const {
  std::error_code ec;
  auto has = [&](const std::filesystem::path& dir) { return std::filesystem::is_regular_file(dir / filename, ec); };
  bool own_dir_tried = own_dir == nullptr;
  // Later directories take precedence, as later --lookups override earlier ones (and --content).
  for (auto it = directories_.rbegin(); it != directories_.rend(); ++it) {
    if (!own_dir_tried && IsWithin(*own_dir, *it)) {
      own_dir_tried = true;
      if (has(*own_dir)) return *own_dir / filename;
    }
    if (has(*it)) return *it / filename;
  }
  if (!own_dir_tried && has(*own_dir)) return *own_dir / filename;
  return std::nullopt;
}

std::shared_ptr<const LookupTable> LookupRegistry::Load(const std::filesystem::path& path, const std::string& name,
                                                        const LookupMatchOptions& options, size_t position) const {
  try {
    auto table = LookupTable::FromFile(path.string(), options);
    tables_[name] = table;
    return table;
  } catch (const QueryError&) {
    throw;
  } catch (const Error& e) {
    throw QueryError("lookup '" + name + "': " + e.what(), position);
  }
}

std::shared_ptr<const LookupTable> LookupRegistry::Resolve(const std::string& name, size_t position) const {
  if (auto it = tables_.find(name); it != tables_.end()) return it->second;
  if (auto it = definitions_.find(name); it != definitions_.end()) {
    const LookupDefinition& def = it->second;
    if (!def.problem.empty()) throw QueryError("lookup '" + name + "' cannot be used: " + def.problem, position);
    std::string filename = def.filename.empty() ? def.name + ".csv" : def.filename;
    auto path = FindFile(filename, &def.directory);
    if (!path) {
      if (def.filename.empty()) {
        throw QueryError("lookup '" + name + "' is the KV-store collection '" + def.collection + "' (" + def.origin +
                             "): export it to " + filename + " in a --lookups directory",
                         position);
      }
      throw QueryError("lookup '" + name + "': its file " + filename + " was not found next to " + def.origin +
                           " or in a --lookups directory",
                       position);
    }
    return Load(*path, name, def.options, position);
  }
  bool file_name = name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
  if (file_name) {
    if (auto path = FindFile(name, nullptr)) return Load(*path, name, {}, position);
    throw QueryError("lookup file '" + name + "' was not found in any lookup directory (--lookups DIR, --content DIR)",
                     position);
  }
  throw QueryError("unknown lookup '" + name + "': no lookup definition of that name" +
                       (empty() ? std::string(" (no lookups loaded: use --lookups DIR or --content DIR)")
                                : std::string(" in the lookup directories")),
                   position);
}

}  // namespace trailhound
