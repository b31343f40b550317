#pragma once
// Decoding a JSON string token that simdjson refuses because of a lone UTF-16 surrogate escape
// (`"\ud800"`): valid JSON grammar, but not valid Unicode. Dropping such an event would let one
// crafted character hide it from every detection, so the bad escape becomes U+FFFD instead.
// (simdjson 3.2+ offers get_string(allow_replacement); Debian 12 ships 3.0.1.)
#include <optional>
#include <string>
#include <string_view>

namespace trailhound {

// `token` is the raw JSON string token, quotes included (trailing whitespace allowed). Returns
// nullopt when it is not a well-formed JSON string for other reasons.
std::optional<std::string> DecodeJsonStringLenient(std::string_view token);

}  // namespace trailhound
