#include "json/json_error.hpp"

namespace trailhound {

std::string_view JsonErrorReason(simdjson::error_code error) {
  switch (error) {
    case simdjson::UNCLOSED_STRING: return "unterminated string";
    case simdjson::TAPE_ERROR: return "malformed JSON (missing comma, colon, brace or key)";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "truncated (unclosed object or array)";
    case simdjson::DEPTH_ERROR: return "nesting too deep";
    case simdjson::STRING_ERROR: return "bad string escape";
    case simdjson::UNESCAPED_CHARS: return "control character inside a string";
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::T_ATOM_ERROR: return "bad literal (expected true)";
    case simdjson::F_ATOM_ERROR: return "bad literal (expected false)";
    case simdjson::N_ATOM_ERROR: return "bad literal (expected null)";
    case simdjson::NUMBER_ERROR: return "bad number";
    case simdjson::INCORRECT_TYPE: return "unexpected JSON type";
    case simdjson::EMPTY: return "empty";
    case simdjson::CAPACITY: return "too large for the JSON parser (over 4 GB)";
    case simdjson::MEMALLOC: return "out of memory";
    case simdjson::TRAILING_CONTENT: return "unexpected content after the JSON value";
    default: return simdjson::error_message(error);
  }
}

}  // namespace trailhound
