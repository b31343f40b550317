#include "profile/profile_yaml.hpp"

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "common/error.hpp"
#include "yaml-cpp/yaml.h"

namespace trailhound {

namespace {

// Builds messages of the form "file:line: setting: problem".
class YamlContext {
 public:
  explicit YamlContext(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& setting, const std::string& problem) const {
    throw Error(ErrorKind::kQuery, Where(node, setting) + ": " + problem);
  }
  std::string Where(const YAML::Node& node, const std::string& setting) const {
    std::string where = origin_;
    if (node.IsDefined() && node.Mark().line >= 0) where += ":" + std::to_string(node.Mark().line + 1);
    return where + ": " + setting;
  }
  const std::string& origin() const { return origin_; }

  std::string String(const YAML::Node& node, const std::string& setting) const {
    if (!node.IsScalar()) Fail(node, setting, "expected a text value");
    return node.Scalar();
  }
  bool Bool(const YAML::Node& node, const std::string& setting) const {
    std::string text = String(node, setting);
    if (text == "true" || text == "yes") return true;
    if (text == "false" || text == "no") return false;
    Fail(node, setting, "expected true or false, got '" + text + "'");
  }
  size_t Count(const YAML::Node& node, const std::string& setting) const {
    std::string text = String(node, setting);
    size_t value = 0;
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9) {
      Fail(node, setting, "expected a non-negative integer, got '" + text + "'");
    }
    value = std::stoul(text);
    return value;
  }
  void CheckKeys(const YAML::Node& map, const std::string& setting, std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) Fail(map, setting, "expected a mapping");
    for (const auto& entry : map) {
      std::string key = entry.first.Scalar();
      bool known = false;
      for (const char* name : allowed) known = known || key == name;
      if (!known) Fail(entry.first, setting.empty() ? key : setting + "." + key, "unknown setting");
    }
  }

 private:
  std::string origin_;
};

// An input or output of a lookup: "name" (field and column alike) or {field: f, column: c}.
LookupFieldBinding ReadBinding(const YamlContext& context, const YAML::Node& node, const std::string& setting) {
  LookupFieldBinding binding;
  if (node.IsScalar()) {
    binding.field = node.Scalar();
    binding.column = node.Scalar();
    return binding;
  }
  context.CheckKeys(node, setting, {"field", "column"});
  if (!node["field"] || !node["column"]) context.Fail(node, setting, "needs both 'field' and 'column'");
  binding.field = context.String(node["field"], setting + ".field");
  binding.column = context.String(node["column"], setting + ".column");
  return binding;
}

std::vector<LookupFieldBinding> ReadBindings(const YamlContext& context, const YAML::Node& node,
                                             const std::string& setting) {
  std::vector<LookupFieldBinding> bindings;
  if (!node) return bindings;
  if (!node.IsSequence()) context.Fail(node, setting, "expected a list");
  for (size_t i = 0; i < node.size(); ++i) {
    bindings.push_back(ReadBinding(context, node[i], setting + "[" + std::to_string(i) + "]"));
  }
  return bindings;
}

std::vector<std::string> ReadStringList(const YamlContext& context, const YAML::Node& node, const std::string& setting) {
  std::vector<std::string> values;
  if (!node) return values;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) context.Fail(node, setting, "expected a list");
  for (size_t i = 0; i < node.size(); ++i) {
    values.push_back(context.String(node[i], setting + "[" + std::to_string(i) + "]"));
  }
  return values;
}

void ReadAliases(const YamlContext& context, const YAML::Node& node, Profile& profile) {
  if (!node) return;
  if (!node.IsSequence()) context.Fail(node, "aliases", "expected a list of {from, to}");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string setting = "aliases[" + std::to_string(i) + "]";
    const YAML::Node& alias = node[i];
    context.CheckKeys(alias, setting, {"from", "to", "keep_existing"});
    if (!alias["from"] || !alias["to"]) context.Fail(alias, setting, "needs both 'from' and 'to'");
    bool keep_existing = alias["keep_existing"] ? context.Bool(alias["keep_existing"], setting + ".keep_existing") : false;
    profile.AddAlias(context.String(alias["from"], setting + ".from"), context.String(alias["to"], setting + ".to"),
                     keep_existing, context.Where(alias, setting));
  }
}

void ReadEvals(const YamlContext& context, const YAML::Node& node, Profile& profile) {
  if (!node) return;
  if (!node.IsMap()) context.Fail(node, "evals", "expected a mapping of field: expression");
  std::vector<std::string> seen;
  for (const auto& entry : node) {
    std::string field = entry.first.Scalar();
    std::string setting = "evals." + field;
    for (const auto& name : seen) {
      if (name == field) context.Fail(entry.first, setting, "defined twice");
    }
    seen.push_back(field);
    profile.AddCalculatedField(field, context.String(entry.second, setting), context.Where(entry.second, setting));
  }
}

void ReadLookups(const YamlContext& context, const YAML::Node& node, const ProfileFileReader& read_file,
                 Profile& profile) {
  if (!node) return;
  if (!node.IsSequence()) context.Fail(node, "lookups", "expected a list");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string setting = "lookups[" + std::to_string(i) + "]";
    const YAML::Node& lookup = node[i];
    context.CheckKeys(lookup, setting,
                      {"name", "table", "inputs", "outputs", "mode", "wildcard", "case_sensitive", "max_matches",
                       "min_matches", "default_match"});
    if (!lookup["table"]) context.Fail(lookup, setting, "needs a 'table'");
    std::string table_name = context.String(lookup["table"], setting + ".table");
    std::string name = lookup["name"] ? context.String(lookup["name"], setting + ".name") : table_name;

    LookupMatchOptions options;
    options.wildcard_columns = ReadStringList(context, lookup["wildcard"], setting + ".wildcard");
    if (lookup["case_sensitive"]) options.case_sensitive = context.Bool(lookup["case_sensitive"], setting + ".case_sensitive");
    if (lookup["max_matches"]) options.max_matches = context.Count(lookup["max_matches"], setting + ".max_matches");
    if (lookup["default_match"]) {
      options.default_match = context.String(lookup["default_match"], setting + ".default_match");
      options.min_matches = 1;  // a default only means something with min_matches >= 1
    }
    if (lookup["min_matches"]) options.min_matches = context.Count(lookup["min_matches"], setting + ".min_matches");

    LookupOutputMode mode = LookupOutputMode::kOutput;
    if (lookup["mode"]) {
      std::string text = context.String(lookup["mode"], setting + ".mode");
      if (text == "output") {
        mode = LookupOutputMode::kOutput;
      } else if (text == "outputnew") {
        mode = LookupOutputMode::kOutputNew;
      } else {
        context.Fail(lookup["mode"], setting + ".mode", "expected output or outputnew, got '" + text + "'");
      }
    }
    std::vector<LookupFieldBinding> inputs = ReadBindings(context, lookup["inputs"], setting + ".inputs");
    if (inputs.empty()) context.Fail(lookup, setting + ".inputs", "a lookup needs at least one input");
    std::vector<LookupFieldBinding> outputs = ReadBindings(context, lookup["outputs"], setting + ".outputs");

    std::optional<ProfileFile> file = read_file(table_name);
    if (!file) context.Fail(lookup["table"], setting + ".table", "lookup table '" + table_name + "' not found");
    std::shared_ptr<const LookupTable> table;
    try {
      table = LookupTable::FromCsv(file->content, file->origin, std::move(options));
    } catch (const Error& e) {
      context.Fail(lookup["table"], setting + ".table", e.what());
    }
    profile.AddLookup(std::move(name), std::move(table), std::move(inputs), std::move(outputs), mode,
                      context.Where(lookup, setting));
  }
}

}  // namespace

Profile ParseProfileYaml(std::string_view text, std::string origin, const ProfileFileReader& read_file) {
  YamlContext context(origin);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw Error(ErrorKind::kQuery, origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) throw Error(ErrorKind::kQuery, origin + ": a profile is a YAML mapping");
  context.CheckKeys(root, "", {"sourcetype", "name", "version", "description", "time", "aliases", "evals", "lookups"});
  if (!root["sourcetype"]) throw Error(ErrorKind::kQuery, origin + ": sourcetype: missing");
  Profile profile(context.String(root["sourcetype"], "sourcetype"), origin);
  if (root["name"]) profile.set_name(context.String(root["name"], "name"));
  if (root["version"]) profile.set_version(context.String(root["version"], "version"));
  if (root["description"]) profile.set_description(context.String(root["description"], "description"));
  if (const YAML::Node time = root["time"]) {
    context.CheckKeys(time, "time", {"field", "format"});
    TimeSpec spec;
    if (time["field"]) spec.field = context.String(time["field"], "time.field");
    if (time["format"]) spec.format = context.String(time["format"], "time.format");
    profile.set_time(std::move(spec));
  }
  try {
    ReadAliases(context, root["aliases"], profile);
    ReadEvals(context, root["evals"], profile);
    ReadLookups(context, root["lookups"], read_file, profile);
  } catch (const YAML::Exception& e) {
    throw Error(ErrorKind::kQuery, origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return profile;
}

Profile LoadProfileFile(const std::string& path) {
  auto read = [](const std::filesystem::path& file) -> std::optional<std::string> {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::optional<std::string> text = read(path);
  if (!text) throw Error(ErrorKind::kInput, "cannot read profile " + path);
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  ProfileFileReader read_file = [&](std::string_view name) -> std::optional<ProfileFile> {
    std::filesystem::path file = directory / std::string(name);
    std::optional<std::string> content = read(file);
    if (!content) return std::nullopt;
    return ProfileFile{file.string(), std::move(*content)};
  };
  return ParseProfileYaml(*text, path, read_file);
}

}  // namespace trailhound
