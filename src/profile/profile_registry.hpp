#pragma once
// The built-in profiles: profiles/*.yml compiled into the binary (common/builtin_files.hpp),
// loaded once on first use. Running without a profile (`--profile none`) is the caller's choice:
// it simply applies none.
#include <string_view>
#include <vector>

#include "profile/profile.hpp"

namespace trailhound {

// The built-in profile for `sourcetype`, or nullptr when there is none. Throws Error(kInternal)
// if a built-in profile does not load (a bug in the shipped data).
const Profile* FindBuiltinProfile(std::string_view sourcetype);

// Every built-in profile, in file path order.
std::vector<const Profile*> BuiltinProfiles();

}  // namespace trailhound
