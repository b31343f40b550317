#pragma once
// One parse function per command; the table in pipeline_parser.cpp maps names to them.
#include <string_view>

#include "spl/arg_lexer.hpp"
#include "spl/command_ast.hpp"

namespace trailhound {

// `args` is the text after the command name; `base` is its offset in the query.
CommandPtr ParseSearchCommand(std::string_view args, size_t base);
CommandPtr ParseWhereCommand(std::string_view args, size_t base);
CommandPtr ParseEvalCommand(std::string_view args, size_t base);
CommandPtr ParseBinCommand(std::string_view args, size_t base);
CommandPtr ParseStatsCommand(std::string_view args, size_t base);
CommandPtr ParseConvertCommand(std::string_view args, size_t base);
CommandPtr ParseRenameCommand(std::string_view args, size_t base);
CommandPtr ParseTableCommand(std::string_view args, size_t base);
CommandPtr ParseFieldsCommand(std::string_view args, size_t base);
CommandPtr ParseSortCommand(std::string_view args, size_t base);
CommandPtr ParseHeadCommand(std::string_view args, size_t base);
// Multi-row commands, subsearches and lookups (parse_subsearch.cpp, parse_eventstats.cpp,
// parse_anomalydetection.cpp, parse_lookup.cpp).
CommandPtr ParseJoinCommand(std::string_view args, size_t base);
CommandPtr ParseAppendCommand(std::string_view args, size_t base);
CommandPtr ParseEventstatsCommand(std::string_view args, size_t base);
CommandPtr ParseAnomalyDetectionCommand(std::string_view args, size_t base);
CommandPtr ParseLookupCommand(std::string_view args, size_t base);
CommandPtr ParseInputlookupCommand(std::string_view args, size_t base);
CommandPtr ParseOutputlookupCommand(std::string_view args, size_t base);
// Extraction and reshaping commands.
CommandPtr ParseSpathCommand(std::string_view args, size_t base);
CommandPtr ParseRexCommand(std::string_view args, size_t base);
CommandPtr ParseMvexpandCommand(std::string_view args, size_t base);
CommandPtr ParseFillnullCommand(std::string_view args, size_t base);

// Helpers shared by the command parsers.
// The stats grammar (aggregates, AS names, by clause), shared by stats and eventstats; `command`
// names the command in error messages.
std::unique_ptr<StatsCommand> ParseStatsArguments(std::string_view args, size_t base, const std::string& command);
bool IsKeyword(const ArgToken& t, const char* keyword);  // a word, case-insensitive
// Field names separated by spaces and/or commas, starting at tokens[i]; stops at a non-word.
std::vector<std::string> ParseFieldList(const std::vector<ArgToken>& tokens, size_t& i);
// When tokens[i] starts a `name=value` option, its value (a word or a quoted string); nullptr when
// tokens[i] is not an option. Throws "<command>: missing value for 'name='" when the value is absent.
const ArgToken* OptionValue(const std::vector<ArgToken>& tokens, size_t i, const std::string& command);
// A boolean option value as Splunk spells it: t/true/1 or f/false/0 (any case).
bool ParseBoolOption(const ArgToken& value, const std::string& command);
// A non-negative integer option value.
size_t ParseCountOption(const ArgToken& value, const std::string& command);

}  // namespace trailhound
