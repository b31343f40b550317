#include "common/error.hpp"

#include <algorithm>

namespace trailhound {

int Error::exit_code() const {
  switch (kind_) {
    case ErrorKind::kUsage: return kExitUsage;
    case ErrorKind::kQuery: return kExitQuery;
    case ErrorKind::kInput: return kExitInput;
    case ErrorKind::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

std::string RenderQueryError(const std::string& query, const QueryError& error) {
  constexpr size_t kWindow = 100;  // characters shown around the error in a long query
  size_t pos = std::min(error.position(), query.size());
  size_t begin = pos > kWindow / 2 ? pos - kWindow / 2 : 0;
  size_t end = std::min(query.size(), begin + kWindow);
  std::string shown = query.substr(begin, end - begin);
  std::replace(shown.begin(), shown.end(), '\n', ' ');
  std::string prefix = begin > 0 ? "..." : "";
  std::string suffix = end < query.size() ? "..." : "";
  std::string out = std::string(error.what()) + " (at position " + std::to_string(pos) + ")\n  " + prefix + shown +
                    suffix + "\n  " + std::string(prefix.size() + (pos - begin), ' ') + "^";
  return out;
}

}  // namespace trailhound
