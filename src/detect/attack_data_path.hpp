#pragma once
// Where a security_content test's dataset lives in a local copy of splunk/attack_data. Tests name
// datasets by URL (https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/
// attack_techniques/T1580/x/y.json); a clone of attack_data holds the same file at the path after
// `master/` (datasets/attack_techniques/T1580/x/y.json).
#include <optional>
#include <string>
#include <string_view>

namespace trailhound {

// The path below the attack_data root: the part of `url` after "/attack_data/master/" (or
// "/attack_data/raw/master/", GitHub's raw form), query and fragment removed. nullopt when the
// URL does not point into attack_data's master branch, or when the path would climb out of the
// root ("..").
std::optional<std::string> AttackDataRelativePath(std::string_view url);

}  // namespace trailhound
