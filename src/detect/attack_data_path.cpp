#include "detect/attack_data_path.hpp"

#include <array>

namespace trailhound {

std::optional<std::string> AttackDataRelativePath(std::string_view url) {
  static constexpr std::array<std::string_view, 2> kMarkers = {"/attack_data/master/", "/attack_data/raw/master/"};
  for (std::string_view marker : kMarkers) {
    size_t at = url.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = url.substr(at + marker.size());
    rest = rest.substr(0, rest.find_first_of("?#"));
    if (rest.empty() || rest.front() == '/') return std::nullopt;
    // Refuse any ".." segment: the result is joined to a directory the user named.
    for (size_t start = 0; start <= rest.size();) {
      size_t end = rest.find('/', start);
      if (end == std::string_view::npos) end = rest.size();
      if (rest.substr(start, end - start) == "..") return std::nullopt;
      start = end + 1;
    }
    return std::string(rest);
  }
  return std::nullopt;
}

}  // namespace trailhound
