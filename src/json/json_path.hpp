#pragma once
// spath's data paths over a JSON text: `a.b{}.c{0}.d`. Steps are separated by '.'; a step is a
// key followed by any number of array selectors, `{}` (every element, in document order) or `{N}`
// (0-based element N). The value at a path is the scalar as text (strings unescaped, numbers as
// written, true/false/null as words) or, for an object or array, its JSON text as written.
// Used by the spath command and the spath() eval function.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/row.hpp"
#include "common/value.hpp"

namespace trailhound {

struct JsonPathStep {
  std::optional<std::string> key;              // none: the step only selects (a leading "{}")
  std::vector<std::optional<size_t>> selectors;  // nullopt = {} (all elements), N = {N}
};

using JsonPath = std::vector<JsonPathStep>;

// Parses a data path; throws QueryError (at `position`) for XML forms ({@attr}) and bad selectors.
JsonPath ParseJsonPath(std::string_view path, size_t position = 0);

// Appends the values at `path` in `json` to `out`. Returns false (and appends nothing) when `json`
// is not one well-formed JSON value. `{}` on a node that is not an array selects the node itself
// (so `requestParameters{}.x` works on an object, as production detections expect).
bool ExtractJsonPath(std::string_view json, const JsonPath& path, std::vector<Value>& out);

// spath's auto-extract mode: every leaf of `json`, named as KV_MODE=json names fields
// (`a.b`, `items{}.id`), leaves that start past `cutoff` bytes left out. Multivalue fields for
// repeated names. Returns false (and adds nothing) when `json` is not well-formed JSON.
bool ExtractAllJsonFields(std::string_view json, size_t cutoff, Row& out);

}  // namespace trailhound
