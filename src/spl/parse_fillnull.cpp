// fillnull (value=<string>)? (<field-list>)?
#include "common/error.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

CommandPtr ParseFillnullCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<FillnullCommand>();
  auto t = LexArguments(args, base);
  for (size_t i = 0; i < t.size();) {
    const ArgToken& tok = t[i];
    if (tok.kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (const ArgToken* option = OptionValue(t, i, "fillnull")) {
      if (!IsKeyword(tok, "value")) throw QueryError("fillnull: unsupported option '" + tok.text + "' (supported: value)", tok.position);
      cmd->value = option->text;
      i += 3;
      continue;
    }
    if (tok.kind == ArgToken::Kind::kWord || tok.kind == ArgToken::Kind::kString) {
      if (tok.text.find('*') != std::string::npos) throw QueryError("fillnull: wildcard fields are not supported", tok.position);
      cmd->fields.push_back(FieldNames::Intern(tok.text));
      ++i;
      continue;
    }
    throw QueryError("unexpected '" + tok.text + "' in fillnull", tok.position);
  }
  return cmd;
}

}  // namespace trailhound
