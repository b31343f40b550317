#include "profile/profile_registry.hpp"

#include <memory>
#include <string>

#include "common/builtin_files.hpp"
#include "common/error.hpp"
#include "profile/profile_yaml.hpp"

namespace trailhound {

namespace {

constexpr std::string_view kProfileDirectory = "profiles/";

std::vector<std::unique_ptr<Profile>> LoadBuiltinProfiles() {
  ProfileFileReader read_builtin = [](std::string_view name) -> std::optional<ProfileFile> {
    std::string path = std::string(kProfileDirectory) + std::string(name);
    std::optional<std::string_view> content = FindBuiltinFile(path);
    if (!content) return std::nullopt;
    return ProfileFile{path, std::string(*content)};
  };
  std::vector<std::unique_ptr<Profile>> profiles;
  for (const BuiltinFile& file : BuiltinFilesUnder(kProfileDirectory)) {
    if (file.path.size() < 4 || file.path.substr(file.path.size() - 4) != ".yml") continue;
    try {
      auto profile = std::make_unique<Profile>(ParseProfileYaml(file.content, std::string(file.path), read_builtin));
      for (const auto& existing : profiles) {
        if (existing->sourcetype() == profile->sourcetype()) {
          throw Error(ErrorKind::kInternal, std::string(file.path) + ": sourcetype '" + profile->sourcetype() +
                                                "' already has the built-in profile " + existing->origin());
        }
      }
      profiles.push_back(std::move(profile));
    } catch (const Error& e) {
      throw Error(ErrorKind::kInternal, std::string("built-in profile does not load: ") + e.what());
    }
  }
  return profiles;
}

const std::vector<std::unique_ptr<Profile>>& Registry() {
  static const std::vector<std::unique_ptr<Profile>> profiles = LoadBuiltinProfiles();
  return profiles;
}

}  // namespace

const Profile* FindBuiltinProfile(std::string_view sourcetype) {
  for (const auto& profile : Registry()) {
    if (profile->sourcetype() == sourcetype) return profile.get();
  }
  return nullptr;
}

std::vector<const Profile*> BuiltinProfiles() {
  std::vector<const Profile*> out;
  for (const auto& profile : Registry()) out.push_back(profile.get());
  return out;
}

}  // namespace trailhound
