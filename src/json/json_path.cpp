#include "json/json_path.hpp"

#include <simdjson.h>

#include "common/error.hpp"
#include "json/field_extractor.hpp"

namespace trailhound {

namespace od = simdjson::ondemand;

namespace {

// A padded copy of the input (simdjson reads up to 64 bytes past the end), reused per thread.
const simdjson::padded_string& Padded(std::string_view json) {
  thread_local simdjson::padded_string buffer;
  buffer = simdjson::padded_string(json);
  return buffer;
}

bool WellFormed(const simdjson::padded_string& json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  return !parser.parse(json).get(root);
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

class PathWalker {
 public:
  PathWalker(const JsonPath& path, std::vector<Value>& out) : path_(path), out_(out) {}

  // `step`: index in the path; `selector`: the next selector of that step to apply, or -1 when
  // the step's key is still to be looked up.
  simdjson::error_code Walk(od::value value, size_t step, long selector) {
    if (step == path_.size()) return Emit(value);
    const JsonPathStep& s = path_[step];
    if (selector < 0) {
      if (!s.key) return Walk(value, step, 0);
      od::json_type type;
      if (auto e = value.type().get(type)) return e;
      if (type != od::json_type::object) return simdjson::SUCCESS;
      od::object object;
      if (auto e = value.get_object().get(object)) return e;
      for (auto field_result : object) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return e;
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (key != *s.key) continue;
        if (auto e = Walk(field.value(), step, 0)) return e;
      }
      return simdjson::SUCCESS;
    }
    if (static_cast<size_t>(selector) == s.selectors.size()) return Walk(value, step + 1, -1);
    const std::optional<size_t>& index = s.selectors[static_cast<size_t>(selector)];
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type != od::json_type::array) {
      // {} on an object or scalar selects the node itself; {N} selects nothing.
      return index ? simdjson::SUCCESS : Walk(value, step, selector + 1);
    }
    od::array array;
    if (auto e = value.get_array().get(array)) return e;
    size_t i = 0;
    for (auto element_result : array) {
      od::value element;
      if (auto e = element_result.get(element)) return e;
      if (!index || *index == i) {
        if (auto e = Walk(element, step, selector + 1)) return e;
        if (index) break;
      }
      ++i;
    }
    return simdjson::SUCCESS;
  }

 private:
  simdjson::error_code Emit(od::value value) {
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    std::string_view text;
    switch (type) {
      case od::json_type::object: {
        od::object object;
        if (auto e = value.get_object().get(object)) return e;
        if (auto e = object.raw_json().get(text)) return e;
        out_.push_back(Value::Str(std::string(TrimRight(text))));
        return simdjson::SUCCESS;
      }
      case od::json_type::array: {
        od::array array;
        if (auto e = value.get_array().get(array)) return e;
        if (auto e = array.raw_json().get(text)) return e;
        out_.push_back(Value::Str(std::string(TrimRight(text))));
        return simdjson::SUCCESS;
      }
      case od::json_type::string:
        if (auto e = value.get_string().get(text)) return e;
        out_.push_back(Value::Str(std::string(text)));
        return simdjson::SUCCESS;
      case od::json_type::number:
      case od::json_type::boolean:
      case od::json_type::null:
        // Numbers as written (1.0 stays "1.0"); true, false and null as their words.
        out_.push_back(Value::Str(std::string(TrimRight(value.raw_json_token()))));
        return simdjson::SUCCESS;
    }
    return simdjson::SUCCESS;
  }

  const JsonPath& path_;
  std::vector<Value>& out_;
};

}  // namespace

JsonPath ParseJsonPath(std::string_view path, size_t position) {
  JsonPath out;
  size_t i = 0;
  while (i <= path.size()) {
    JsonPathStep step;
    size_t key_end = i;
    while (key_end < path.size() && path[key_end] != '.' && path[key_end] != '{') ++key_end;
    if (key_end > i) step.key = std::string(path.substr(i, key_end - i));
    i = key_end;
    while (i < path.size() && path[i] == '{') {
      size_t close = path.find('}', i);
      if (close == std::string_view::npos) throw QueryError("spath: unclosed '{' in path '" + std::string(path) + "'", position);
      std::string_view inside = path.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside[0] == '@') {
        throw QueryError("spath: XML attribute paths ({@...}) are not supported", position);
      }
      if (inside.empty()) {
        step.selectors.emplace_back(std::nullopt);
      } else if (inside.size() <= 9 && inside.find_first_not_of("0123456789") == std::string_view::npos) {
        step.selectors.emplace_back(static_cast<size_t>(std::stoul(std::string(inside))));
      } else {
        throw QueryError("spath: unsupported array index '{" + std::string(inside) + "}' in path (use {} or {N})", position);
      }
      i = close + 1;
    }
    if (!step.key && step.selectors.empty()) throw QueryError("spath: empty step in path '" + std::string(path) + "'", position);
    out.push_back(std::move(step));
    if (i == path.size()) break;
    if (path[i] != '.') throw QueryError("spath: unexpected '" + std::string(1, path[i]) + "' in path", position);
    ++i;
    if (i == path.size()) throw QueryError("spath: path ends with '.'", position);
  }
  return out;
}

bool ExtractJsonPath(std::string_view json, const JsonPath& path, std::vector<Value>& out) {
  const simdjson::padded_string& padded = Padded(json);
  if (!WellFormed(padded)) return false;
  thread_local od::parser parser;
  od::document doc;
  if (parser.iterate(padded).get(doc)) return false;
  od::json_type type;
  if (doc.type().get(type)) return false;
  if (type != od::json_type::object && type != od::json_type::array) return true;  // a scalar has no paths
  od::value root;
  if (doc.get_value().get(root)) return false;
  std::vector<Value> found;
  PathWalker walker(path, found);
  if (walker.Walk(root, 0, -1)) return false;
  for (auto& v : found) out.push_back(std::move(v));
  return true;
}

bool ExtractAllJsonFields(std::string_view json, size_t cutoff, Row& out) {
  const simdjson::padded_string& padded = Padded(json);
  thread_local FieldExtractor extractor(Projection::All());
  extractor.set_leaf_cutoff(cutoff);
  return extractor.Extract(std::string_view(padded.data(), padded.size()), out, nullptr);
}

}  // namespace trailhound
