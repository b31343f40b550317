#define PCRE2_CODE_UNIT_WIDTH 8
#include "functions/regex.hpp"

#include <pcre2.h>

#include "common/string_map.hpp"
#include "common/error.hpp"

namespace trailhound {

namespace {

// pcre2_match's result as "matched?"; a value that is not valid UTF-8 does not match; hitting
// PCRE2's match or depth limit (catastrophic backtracking) is an error, never a silent "no".
bool Matched(int rc, const std::string& pattern) {
  if (rc >= 0) return true;
  if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL) return false;
  if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) return false;
  PCRE2_UCHAR buf[256];
  pcre2_get_error_message(rc, buf, sizeof(buf));
  throw Error(ErrorKind::kQuery, "regular expression \"" + pattern + "\" failed on a value: " +
                                     reinterpret_cast<char*>(buf) + " (simplify the pattern)");
}

// Options for a match that resumes at `start` in a subject an earlier call (from 0) found valid
// UTF-8: PCRE2 would otherwise re-check the whole subject on every call, which makes "every
// match" loops quadratic. Only at a character boundary, where skipping the check is defined.
uint32_t ResumeOptions(std::string_view text, size_t start) {
  bool boundary = start >= text.size() || (static_cast<unsigned char>(text[start]) & 0xC0) != 0x80;
  return start > 0 && boundary ? PCRE2_NO_UTF_CHECK : 0;
}

}  // namespace

Regex::Regex(std::string_view pattern) : pattern_(pattern) {
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF,
                                   &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(error_code, buf, sizeof(buf));
    throw Error(ErrorKind::kQuery, "invalid regular expression \"" + std::string(pattern) + "\" at offset " +
                                       std::to_string(error_offset) + ": " + reinterpret_cast<char*>(buf));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // best effort: falls back to the interpreter
  code_ = code;
  match_data_ = pcre2_match_data_create_from_pattern(code, nullptr);
}

Regex::~Regex() {
  pcre2_match_data_free(static_cast<pcre2_match_data*>(match_data_));
  pcre2_code_free(static_cast<pcre2_code*>(code_));
}

bool Regex::Search(std::string_view text) const {
  int rc = pcre2_match(static_cast<pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                       0, static_cast<pcre2_match_data*>(match_data_), nullptr);
  return Matched(rc, pattern_);
}

std::vector<std::optional<std::string>> Regex::Match(std::string_view text, size_t start, size_t* match_end) const {
  std::vector<std::optional<std::string>> groups;
  auto* md = static_cast<pcre2_match_data*>(match_data_);
  int rc = pcre2_match(static_cast<pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start,
                       ResumeOptions(text, start), md, nullptr);
  if (!Matched(rc, pattern_)) return groups;
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
  uint32_t count = pcre2_get_ovector_count(md);
  uint32_t capture_count = 0;
  pcre2_pattern_info(static_cast<pcre2_code*>(code_), PCRE2_INFO_CAPTURECOUNT, &capture_count);
  for (uint32_t i = 0; i <= capture_count && i < count; ++i) {
    if (ov[2 * i] == PCRE2_UNSET) {
      groups.emplace_back(std::nullopt);
    } else {
      groups.emplace_back(std::string(text.substr(ov[2 * i], ov[2 * i + 1] - ov[2 * i])));
    }
  }
  if (match_end) *match_end = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
  return groups;
}

std::vector<std::pair<size_t, size_t>> Regex::MatchSpans(std::string_view text, size_t start) const {
  std::vector<std::pair<size_t, size_t>> spans;
  auto* md = static_cast<pcre2_match_data*>(match_data_);
  int rc = pcre2_match(static_cast<pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start,
                       ResumeOptions(text, start), md, nullptr);
  if (!Matched(rc, pattern_)) return spans;
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
  uint32_t count = pcre2_get_ovector_count(md);
  uint32_t capture_count = 0;
  pcre2_pattern_info(static_cast<pcre2_code*>(code_), PCRE2_INFO_CAPTURECOUNT, &capture_count);
  for (uint32_t i = 0; i <= capture_count; ++i) {
    if (i >= count || ov[2 * i] == PCRE2_UNSET) {
      spans.emplace_back(std::string_view::npos, std::string_view::npos);
    } else {
      spans.emplace_back(ov[2 * i], ov[2 * i + 1]);
    }
  }
  return spans;
}

std::string Regex::ReplaceAll(std::string_view text, std::string_view replacement) const {
  std::string out;
  size_t pos = 0;
  while (pos <= text.size()) {
    auto* md = static_cast<pcre2_match_data*>(match_data_);
    int rc = pcre2_match(static_cast<pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), pos,
                         ResumeOptions(text, pos), md, nullptr);
    if (!Matched(rc, pattern_)) break;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    uint32_t count = pcre2_get_ovector_count(md);
    out.append(text.substr(pos, ov[0] - pos));
    for (size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c == '\\' && i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
        uint32_t g = static_cast<uint32_t>(replacement[++i] - '0');
        if (g < count && ov[2 * g] != PCRE2_UNSET) out.append(text.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
      } else {
        out += c;
      }
    }
    if (ov[1] == ov[0]) {
      // Empty match: copy one (UTF-8) character and move on, so the loop always advances.
      size_t next = ov[0] + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      if (ov[0] < text.size()) out.append(text.substr(ov[0], next - ov[0]));
      pos = next;
    } else {
      pos = ov[1];
    }
  }
  if (pos < text.size()) out.append(text.substr(pos));
  return out;
}

std::vector<std::string> Regex::GroupNames() const {
  auto* code = static_cast<pcre2_code*>(code_);
  uint32_t capture_count = 0, name_count = 0, entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &capture_count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &name_count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  std::vector<std::string> names(capture_count + 1);
  for (uint32_t i = 0; i < name_count; ++i) {
    PCRE2_SPTR entry = table + i * entry_size;
    uint32_t group = (static_cast<uint32_t>(entry[0]) << 8) | entry[1];
    if (group < names.size()) names[group] = reinterpret_cast<const char*>(entry + 2);
  }
  return names;
}

const Regex& CachedRegex(std::string_view pattern) {
  thread_local StringMap<std::unique_ptr<Regex>> cache;
  auto it = cache.find(pattern);
  if (it != cache.end()) return *it->second;
  auto re = std::make_unique<Regex>(pattern);
  const Regex& ref = *re;
  cache.emplace(std::string(pattern), std::move(re));
  return ref;
}

}  // namespace trailhound
