#pragma once
// Short, user-facing reasons for simdjson errors (its own messages are long and generic).
#include <string_view>

#include <simdjson.h>

namespace trailhound {

std::string_view JsonErrorReason(simdjson::error_code error);

}  // namespace trailhound
