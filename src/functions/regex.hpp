#pragma once
// PCRE2 regular expressions (SPL's match, replace, rex and the add-on's EVALs are PCRE), compiled
// once per pattern and cached per thread.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailhound {

class Regex {
 public:
  // Throws Error(kQuery) naming the pattern when it does not compile.
  explicit Regex(std::string_view pattern);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool Search(std::string_view text) const;  // unanchored
  // Replaces every match; \1..\9 in `replacement` are groups.
  std::string ReplaceAll(std::string_view text, std::string_view replacement) const;
  // Match and MatchSpans with start > 0 resume a scan of the same text begun at 0 (whose UTF-8 is
  // then known to be valid: it is not checked again).
  // Capture groups of the first match at or after `start`: group 0 first; nullopt for groups
  // that did not take part. Empty when there is no match.
  std::vector<std::optional<std::string>> Match(std::string_view text, size_t start = 0, size_t* match_end = nullptr) const;
  // Byte spans [begin, end) of group 0..N of the first match at or after `start`; groups that did
  // not take part are {npos, npos}. Empty when there is no match.
  std::vector<std::pair<size_t, size_t>> MatchSpans(std::string_view text, size_t start = 0) const;
  std::vector<std::string> GroupNames() const;  // indexed by group number; "" for unnamed
  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  void* code_ = nullptr;        // pcre2_code*
  mutable void* match_data_ = nullptr;  // pcre2_match_data*, reused
};

// The cached compiled regex for `pattern` (per thread).
const Regex& CachedRegex(std::string_view pattern);

}  // namespace trailhound
