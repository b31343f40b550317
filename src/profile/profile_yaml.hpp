#pragma once
// Reads trailhound's own profile format (YAML; see docs/profiles.md).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "profile/profile.hpp"

namespace trailhound {

// A file a profile refers to (a lookup table), as found by a ProfileFileReader.
struct ProfileFile {
  std::string origin;   // how messages name it, e.g. "profiles/x.csv" or a path
  std::string content;
};

// Finds a file named in a profile (relative to the profile); nullopt when there is none.
using ProfileFileReader = std::function<std::optional<ProfileFile>(std::string_view name)>;

// Parses profile YAML. `origin` names the file in messages. Throws Error(kQuery) naming the file,
// the line and the setting (e.g. "x.yml:40: lookups[2].mode: ...") on any problem, including
// unknown settings, eval expressions that do not parse and lookup tables that cannot be found.
Profile ParseProfileYaml(std::string_view text, std::string origin, const ProfileFileReader& read_file);

// Reads a profile file from disk; its lookup tables are looked up next to it.
Profile LoadProfileFile(const std::string& path);

}  // namespace trailhound
