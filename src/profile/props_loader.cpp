#include "profile/props_loader.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "common/error.hpp"
#include "profile/conf_file.hpp"

namespace trailhound {

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits a FIELDALIAS/LOOKUP value into words: whitespace and commas separate, double quotes
// group (the quotes are dropped).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_quotes = false;
  bool has_word = false;
  for (char c : text) {
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      else word.push_back(c);
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      has_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      if (has_word) words.push_back(std::move(word));
      word.clear();
      has_word = false;
    } else {
      word.push_back(c);
      has_word = true;
    }
  }
  if (has_word) words.push_back(std::move(word));
  return words;
}

bool ParseConfBool(const ConfSetting& setting, const std::string& key) {
  std::string text = Lower(setting.value);
  if (text == "true" || text == "1" || text == "t" || text == "yes" || text == "y") return true;
  if (text == "false" || text == "0" || text == "f" || text == "no" || text == "n") return false;
  throw Error(ErrorKind::kQuery, setting.origin + ": " + key + ": expected a boolean, got '" + setting.value + "'");
}

size_t ParseConfCount(const ConfSetting& setting, const std::string& key) {
  const std::string& text = setting.value;
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9) {
    throw Error(ErrorKind::kQuery, setting.origin + ": " + key + ": expected a non-negative integer, got '" + text + "'");
  }
  return std::stoul(text);
}

// The settings of `stanza` laid over those of [default].
std::map<std::string, ConfSetting> StanzaSettings(const ConfStanzas& conf, const std::string& stanza) {
  std::map<std::string, ConfSetting> settings;
  if (auto it = conf.find("default"); it != conf.end()) settings = it->second;
  if (auto it = conf.find(stanza); it != conf.end()) {
    for (const auto& [key, value] : it->second) settings[key] = value;
  }
  return settings;
}

// "WILDCARD(errorCode), EXACT(x)" -> the WILDCARD columns.
std::vector<std::string> WildcardColumns(const ConfSetting& setting) {
  std::vector<std::string> columns;
  std::string_view text = setting.value;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('(', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find(')', open);
    if (close == std::string_view::npos) {
      throw Error(ErrorKind::kQuery, setting.origin + ": match_type: missing ')' in '" + setting.value + "'");
    }
    std::vector<std::string> kind_words = Words(text.substr(pos, open - pos));
    std::string kind = kind_words.empty() ? "" : Lower(kind_words.back());
    std::vector<std::string> fields = Words(text.substr(open + 1, close - open - 1));
    if (kind == "wildcard") {
      columns.insert(columns.end(), fields.begin(), fields.end());
    } else if (kind != "exact") {
      throw Error(ErrorKind::kQuery, setting.origin + ": match_type: '" + (kind_words.empty() ? "" : kind_words.back()) +
                                         "' is not supported (only WILDCARD and EXACT)");
    }
    pos = close + 1;
  }
  return columns;
}

std::optional<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class PropsLoader {
 public:
  PropsLoader(std::string directory, std::string_view sourcetype)
      : directory_(std::move(directory)), sourcetype_(sourcetype) {}

  Profile Load() {
    fs::path root(directory_);
    std::error_code ec;
    bool layered = fs::is_directory(root / "default", ec) || fs::is_directory(root / "local", ec);
    std::vector<fs::path> layers = layered ? std::vector<fs::path>{root / "default", root / "local"}
                                           : std::vector<fs::path>{root};
    bool found_props = false;
    for (const auto& layer : layers) {
      found_props = found_props || fs::exists(layer / "props.conf", ec);
      OverlayConf(props_, ReadConfFile((layer / "props.conf").string()));
      OverlayConf(transforms_, ReadConfFile((layer / "transforms.conf").string()));
      OverlayConf(app_, ReadConfFile((layer / "app.conf").string()));
    }
    if (!found_props) throw Error(ErrorKind::kInput, "no props.conf in " + directory_ + " (nor in its default/ or local/)");
    lookup_directories_ = {root / "lookups"};
    if (!layered) lookup_directories_.push_back(root);

    Profile profile(sourcetype_, directory_);
    SetMetadata(profile);
    std::map<std::string, ConfSetting> settings = StanzaSettings(props_, sourcetype_);
    for (const auto& [key, setting] : settings) {
      if (setting.value.empty()) continue;  // an empty value switches a setting off
      if (key.rfind("FIELDALIAS-", 0) == 0) AddAliases(profile, key, setting);
    }
    for (const auto& [key, setting] : settings) {
      if (setting.value.empty()) continue;
      if (key.rfind("EVAL-", 0) == 0) profile.AddCalculatedField(key.substr(5), setting.value, setting.origin + ": " + key);
    }
    for (const auto& [key, setting] : settings) {
      if (setting.value.empty()) continue;
      if (key.rfind("LOOKUP-", 0) == 0) AddLookup(profile, key, setting);
    }
    return profile;
  }

 private:
  void SetMetadata(Profile& profile) {
    std::map<std::string, ConfSetting> launcher = StanzaSettings(app_, "launcher");
    std::map<std::string, ConfSetting> id = StanzaSettings(app_, "id");
    std::map<std::string, ConfSetting> ui = StanzaSettings(app_, "ui");
    if (auto it = ui.find("label"); it != ui.end()) profile.set_name(it->second.value);
    else profile.set_name(fs::path(directory_).filename().string());
    if (auto it = id.find("version"); it != id.end()) profile.set_version(it->second.value);
    else if (auto it2 = launcher.find("version"); it2 != launcher.end()) profile.set_version(it2->second.value);

    std::map<std::string, ConfSetting> settings = StanzaSettings(props_, sourcetype_);
    TimeSpec time;
    if (auto it = settings.find("TIME_FORMAT"); it != settings.end()) time.format = it->second.value;
    if (auto it = settings.find("TIME_PREFIX"); it != settings.end()) {
      // TIME_PREFIX = \"eventTime\"\s*\:\s*\"  ->  eventTime
      const std::string& prefix = it->second.value;
      size_t quote = prefix.find('"');
      if (quote != std::string::npos) {
        size_t end = quote + 1;
        while (end < prefix.size() && (std::isalnum(static_cast<unsigned char>(prefix[end])) || prefix[end] == '_' ||
                                       prefix[end] == '.')) {
          ++end;
        }
        time.field = prefix.substr(quote + 1, end - quote - 1);
      }
    }
    profile.set_time(std::move(time));
  }

  void AddAliases(Profile& profile, const std::string& key, const ConfSetting& setting) {
    std::vector<std::string> words = Words(setting.value);
    if (words.size() % 3 != 0) {
      throw Error(ErrorKind::kQuery, setting.origin + ": " + key + ": expected '<field> AS <new field>' pairs, got '" +
                                         setting.value + "'");
    }
    for (size_t i = 0; i < words.size(); i += 3) {
      std::string keyword = Lower(words[i + 1]);
      if (keyword != "as" && keyword != "asnew") {
        throw Error(ErrorKind::kQuery, setting.origin + ": " + key + ": expected AS or ASNEW after '" + words[i] +
                                           "', got '" + words[i + 1] + "'");
      }
      profile.AddAlias(words[i], words[i + 2], keyword == "asnew", setting.origin + ": " + key);
    }
  }

  void AddLookup(Profile& profile, const std::string& key, const ConfSetting& setting) {
    std::string where = setting.origin + ": " + key;
    std::vector<std::string> words = Words(setting.value);
    if (words.size() < 2) throw Error(ErrorKind::kQuery, where + ": expected '<lookup> <field> ... [OUTPUT|OUTPUTNEW ...]'");
    std::shared_ptr<const LookupTable> table = Table(words[0], where);

    std::vector<LookupFieldBinding> inputs, outputs;
    LookupOutputMode mode = LookupOutputMode::kOutput;
    bool in_outputs = false;
    for (size_t i = 1; i < words.size(); ++i) {
      std::string keyword = Lower(words[i]);
      if (keyword == "output" || keyword == "outputnew") {
        if (in_outputs) throw Error(ErrorKind::kQuery, where + ": OUTPUT/OUTPUTNEW given twice");
        in_outputs = true;
        mode = keyword == "outputnew" ? LookupOutputMode::kOutputNew : LookupOutputMode::kOutput;
        continue;
      }
      LookupFieldBinding binding;
      binding.column = words[i];
      binding.field = words[i];
      if (i + 2 < words.size() && Lower(words[i + 1]) == "as") {
        binding.field = words[i + 2];
        i += 2;
      }
      (in_outputs ? outputs : inputs).push_back(std::move(binding));
    }
    if (in_outputs && outputs.empty()) throw Error(ErrorKind::kQuery, where + ": no field after OUTPUT/OUTPUTNEW");
    profile.AddLookup(key.substr(7), std::move(table), std::move(inputs), std::move(outputs), mode, where);
  }

  // The table of a lookup definition in transforms.conf (or, without one, a file in lookups/).
  std::shared_ptr<const LookupTable> Table(const std::string& name, const std::string& where) {
    if (auto it = tables_.find(name); it != tables_.end()) return it->second;
    LookupMatchOptions options;
    std::string filename;
    auto stanza = transforms_.find(name);
    if (stanza != transforms_.end()) {
      std::map<std::string, ConfSetting> settings = StanzaSettings(transforms_, name);
      auto get = [&](const char* key) -> const ConfSetting* {
        auto it = settings.find(key);
        return it == settings.end() || it->second.value.empty() ? nullptr : &it->second;
      };
      const ConfSetting* file = get("filename");
      if (file == nullptr) {
        throw Error(ErrorKind::kQuery, where + ": lookup '" + name +
                                           "' is not a CSV lookup (no filename in transforms.conf); only CSV lookups are supported");
      }
      filename = file->value;
      if (const ConfSetting* s = get("match_type")) options.wildcard_columns = WildcardColumns(*s);
      if (const ConfSetting* s = get("max_matches")) options.max_matches = ParseConfCount(*s, "max_matches");
      if (const ConfSetting* s = get("min_matches")) options.min_matches = ParseConfCount(*s, "min_matches");
      if (const ConfSetting* s = get("default_match")) options.default_match = s->value;
      if (const ConfSetting* s = get("case_sensitive_match")) options.case_sensitive = ParseConfBool(*s, "case_sensitive_match");
    } else {
      filename = name;
    }
    for (const auto& directory : lookup_directories_) {
      fs::path path = directory / filename;
      if (std::optional<std::string> text = ReadText(path)) {
        std::shared_ptr<const LookupTable> table = LookupTable::FromCsv(*text, path.string(), std::move(options));
        tables_[name] = table;
        return table;
      }
    }
    throw Error(ErrorKind::kQuery, where + ": lookup '" + name + "': file '" + filename + "' not found in " +
                                       lookup_directories_.front().string());
  }

  std::string directory_;
  std::string sourcetype_;
  ConfStanzas props_, transforms_, app_;
  std::vector<fs::path> lookup_directories_;
  std::map<std::string, std::shared_ptr<const LookupTable>> tables_;
};

}  // namespace

Profile LoadPropsProfile(const std::string& directory, std::string_view sourcetype) {
  return PropsLoader(directory, sourcetype).Load();
}

}  // namespace trailhound
