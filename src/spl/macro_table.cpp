#include "spl/macro_table.hpp"

#include <yaml-cpp/yaml.h>

#include "common/builtin_files.hpp"
#include "common/error.hpp"
#include "detect/content_files.hpp"

namespace trailhound {

namespace {

[[noreturn]] void ThrowBadMacroFile(const std::string& origin, const std::string& problem) {
  throw Error(ErrorKind::kQuery, "macro file " + origin + ": " + problem);
}

// A macro name may not contain what the expander uses as syntax.
bool IsValidMacroName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == '`' || c == '(' || c == ')' || c == ',' || c == '$' || c == '"' || c == ' ' || c == '\t' ||
        c == '\n' || c == '\r') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string MacroStanzaName(std::string_view name, size_t argument_count) {
  std::string out(name);
  if (argument_count > 0) out += "(" + std::to_string(argument_count) + ")";
  return out;
}

void MacroTable::Define(MacroDefinition macro) {
  Key key(macro.name, macro.arguments.size());
  macros_.insert_or_assign(std::move(key), std::move(macro));
}

const MacroDefinition* MacroTable::Find(std::string_view name, size_t argument_count) const {
  auto it = macros_.find(Key(std::string(name), argument_count));
  return it == macros_.end() ? nullptr : &it->second;
}

std::vector<size_t> MacroTable::ArgumentCountsOf(std::string_view name) const {
  std::vector<size_t> counts;
  for (auto it = macros_.lower_bound(Key(std::string(name), 0)); it != macros_.end() && it->first.first == name; ++it) {
    counts.push_back(it->first.second);
  }
  return counts;
}

std::vector<const MacroDefinition*> MacroTable::All() const {
  std::vector<const MacroDefinition*> out;
  out.reserve(macros_.size());
  for (const auto& entry : macros_) out.push_back(&entry.second);
  return out;
}

void MacroTable::LoadYaml(std::string_view yaml_text, const std::string& origin) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    ThrowBadMacroFile(origin, "invalid YAML at line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!doc.IsMap()) ThrowBadMacroFile(origin, "expected a mapping with 'name' and 'definition'");

  MacroDefinition macro;
  macro.origin = origin;
  YAML::Node name = doc["name"];
  if (!name) ThrowBadMacroFile(origin, "missing key 'name'");
  if (!name.IsScalar()) ThrowBadMacroFile(origin, "key 'name' must be a string");
  macro.name = name.Scalar();
  if (!IsValidMacroName(macro.name)) {
    ThrowBadMacroFile(origin, "invalid macro name '" + macro.name + "' (no spaces, quotes, backticks, $, commas or parentheses)");
  }

  YAML::Node definition = doc["definition"];
  if (!definition) ThrowBadMacroFile(origin, "missing key 'definition'");
  // `definition: ''` is a valid empty macro; a bare `definition:` (YAML null) is a mistake.
  if (!definition.IsScalar()) ThrowBadMacroFile(origin, "key 'definition' must be a string");
  macro.definition = definition.Scalar();

  if (YAML::Node description = doc["description"]; description && description.IsScalar()) {
    macro.description = description.Scalar();
  }

  if (YAML::Node arguments = doc["arguments"]; arguments && !arguments.IsNull()) {
    if (!arguments.IsSequence()) ThrowBadMacroFile(origin, "key 'arguments' must be a list of names");
    for (size_t i = 0; i < arguments.size(); ++i) {
      const YAML::Node& argument = arguments[i];
      if (!argument.IsScalar() || argument.Scalar().empty() || !IsValidMacroName(argument.Scalar())) {
        ThrowBadMacroFile(origin, "invalid entry arguments[" + std::to_string(i) + "] (expected a plain name)");
      }
      for (const auto& seen : macro.arguments) {
        if (seen == argument.Scalar()) ThrowBadMacroFile(origin, "argument '" + seen + "' is listed twice");
      }
      macro.arguments.push_back(argument.Scalar());
    }
  }
  Define(std::move(macro));
}

std::vector<std::string> MacroTable::LoadFiles(const std::vector<std::filesystem::path>& files, bool collect_errors) {
  std::vector<std::string> errors;
  for (const auto& file : files) {
    try {
      LoadYaml(ReadTextFile(file), file.string());
    } catch (const Error& e) {
      if (!collect_errors || e.kind() == ErrorKind::kUsage) throw;
      errors.emplace_back(e.what());
    }
  }
  return errors;
}

std::filesystem::path MacroTable::ContentMacrosDirectory(const std::filesystem::path& content_dir) {
  std::filesystem::path macros_dir = content_dir / "macros";
  std::error_code ec;
  if (!std::filesystem::is_directory(macros_dir, ec)) {
    throw Error(ErrorKind::kUsage, "--content: " + content_dir.string() + " has no macros/ folder");
  }
  return macros_dir;
}

void MacroTable::LoadPath(const std::filesystem::path& path) { LoadFiles(ListYamlFiles(path, "--macros"), false); }

std::vector<std::string> MacroTable::LoadPathCollectingErrors(const std::filesystem::path& path) {
  return LoadFiles(ListYamlFiles(path, "--macros"), true);
}

void MacroTable::LoadContentDirectory(const std::filesystem::path& content_dir) {
  LoadFiles(ListYamlFiles(ContentMacrosDirectory(content_dir), "--content"), false);
  content_loaded_ = true;
}

std::vector<std::string> MacroTable::LoadContentDirectoryCollectingErrors(const std::filesystem::path& content_dir) {
  auto errors = LoadFiles(ListYamlFiles(ContentMacrosDirectory(content_dir), "--content"), true);
  content_loaded_ = true;
  return errors;
}

void MacroTable::LoadBuiltins() {
  for (const auto& file : BuiltinFilesUnder("macros/")) {
    std::string_view path = file.path;
    if (!path.ends_with(".yml") && !path.ends_with(".yaml")) continue;
    LoadYaml(file.content, std::string(path));
  }
}

MacroTable MacroTable::WithBuiltins() {
  MacroTable table;
  table.LoadBuiltins();
  return table;
}

}  // namespace trailhound
