// spath (output=<field>)? (path=<datapath> | <datapath>)? (input=<field>)?
#include "common/error.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

CommandPtr ParseSpathCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<SpathCommand>();
  cmd->input = fields::Raw();
  auto t = LexArguments(args, base);
  for (size_t i = 0; i < t.size();) {
    const ArgToken& tok = t[i];
    if (tok.kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (const ArgToken* option = OptionValue(t, i, "spath")) {
      const std::string& value = option->text;
      if (IsKeyword(tok, "input")) {
        cmd->input = FieldNames::Intern(value);
      } else if (IsKeyword(tok, "output")) {
        cmd->output = FieldNames::Intern(value);
      } else if (IsKeyword(tok, "path")) {
        if (cmd->path) throw QueryError("spath: the path is given twice", tok.position);
        cmd->path = value;
      } else {
        throw QueryError("spath: unsupported option '" + tok.text + "' (supported: input, output, path)", tok.position);
      }
      i += 3;
      continue;
    }
    if (tok.kind == ArgToken::Kind::kWord || tok.kind == ArgToken::Kind::kString) {
      if (cmd->path) throw QueryError("spath: unexpected '" + tok.text + "' (the path is already given)", tok.position);
      cmd->path = tok.text;  // a positional data path
      ++i;
      continue;
    }
    throw QueryError("unexpected '" + tok.text + "' in spath", tok.position);
  }
  if (cmd->path && cmd->path->empty()) throw QueryError("spath: empty path", base);
  return cmd;
}

}  // namespace trailhound
