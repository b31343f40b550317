#include "json/projection.hpp"

#include <algorithm>

namespace trailhound {

Projection Projection::All() {
  Projection p;
  p.all_ = true;
  return p;
}

void Projection::AddField(std::string_view name) {
  if (!names_.emplace(name).second) return;
  // Record each ancestor path: "a.b{}.c" has ancestors "a", "a.b{}" (and "a.b" for the array key).
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '.' || name[i] == '{') name_paths_.emplace(name.substr(0, i));
    if (name[i] == '}') name_paths_.emplace(name.substr(0, i + 1));
  }
}

void Projection::AddPrefix(std::string_view prefix) {
  if (prefix.empty()) {
    all_ = true;
    return;
  }
  prefixes_.emplace_back(prefix);
}

void Projection::Merge(const Projection& other) {
  if (other.all_) all_ = true;
  for (const auto& n : other.names_) AddField(n);
  for (const auto& p : other.prefixes_) AddPrefix(p);
}

bool Projection::Wants(std::string_view name) const {
  if (all_ || names_.contains(name)) return true;
  for (const auto& p : prefixes_) {
    if (name.substr(0, p.size()) == p) return true;
  }
  return false;
}

bool Projection::WantsUnder(std::string_view path) const {
  if (all_ || name_paths_.contains(path)) return true;
  for (const auto& p : prefixes_) {
    // Either the subtree is inside the prefix, or the prefix is inside the subtree.
    if (path.substr(0, p.size()) == p || std::string_view(p).substr(0, path.size()) == path) return true;
  }
  return false;
}

std::string Projection::Describe() const {
  if (all_) return "all fields";
  std::vector<std::string> shown(names_.begin(), names_.end());
  for (const auto& p : prefixes_) shown.push_back(p + "*");
  std::sort(shown.begin(), shown.end());
  std::string out;
  for (size_t i = 0; i < shown.size(); ++i) out += (i ? ", " : "") + shown[i];
  return out;
}

}  // namespace trailhound
