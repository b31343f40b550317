#pragma once
// Which fields an extraction must produce. Plans compute it from the fields a query reads (plus
// what the sourcetype profile needs to derive them), so that everything else stays unparsed.
#include <string>
#include <string_view>
#include <vector>

#include "common/string_map.hpp"

namespace trailhound {

class Projection {
 public:
  // A projection that wants every field (e.g. `search` with no table/stats, `table *`).
  static Projection All();

  void AddField(std::string_view name);      // an exact Splunk field name, e.g. "resources{}.ARN"
  void AddPrefix(std::string_view prefix);   // every field whose name starts with prefix ("requestParameters.")
  void SetAll() { all_ = true; }
  void Merge(const Projection& other);

  bool wants_all() const { return all_; }
  bool Wants(std::string_view name) const;
  // Whether some wanted field lies under the JSON path `path` (a Splunk name prefix such as
  // "userIdentity" or "resources{}"): the extractor skips subtrees for which this is false.
  bool WantsUnder(std::string_view path) const;

  // "all fields", or the wanted names and prefixes (as `prefix*`), sorted and comma-separated.
  std::string Describe() const;

  const StringSet& names() const { return names_; }
  const std::vector<std::string>& prefixes() const { return prefixes_; }

 private:
  bool all_ = false;
  StringSet names_;
  StringSet name_paths_;  // every ancestor path of every wanted name
  std::vector<std::string> prefixes_;
};

}  // namespace trailhound
