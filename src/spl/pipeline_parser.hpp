#pragma once
// Splits a (macro-expanded) query into commands at top-level '|' and parses each with the parser
// registered for its name. The first segment is an implicit `search`.
#include <string>
#include <string_view>

#include "spl/command_ast.hpp"

namespace trailhound {

// Throws QueryError (unknown command, bad arguments) with a position into `query`.
Pipeline ParsePipeline(const std::string& query);

// The commands this build can parse, sorted (for error messages and `trailhound commands`).
std::vector<std::string> SupportedCommands();

}  // namespace trailhound
