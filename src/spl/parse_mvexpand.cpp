// mvexpand <field> (limit=<int>)?
#include <cctype>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"

namespace trailhound {

CommandPtr ParseMvexpandCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<MvexpandCommand>();
  auto t = LexArguments(args, base);
  bool have_field = false;
  for (size_t i = 0; i < t.size();) {
    const ArgToken& tok = t[i];
    if (IsKeyword(tok, "limit") && i + 2 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals) {
      const std::string& n = t[i + 2].text;
      if (n.empty() || n.size() > 18 || n.find_first_not_of("0123456789") != std::string::npos) {
        throw QueryError("mvexpand: limit expects a number", t[i + 2].position);
      }
      cmd->limit = static_cast<size_t>(std::stoull(n));
      i += 3;
      continue;
    }
    if ((tok.kind == ArgToken::Kind::kWord || tok.kind == ArgToken::Kind::kString) && !have_field &&
        !(i + 1 < t.size() && t[i + 1].kind == ArgToken::Kind::kEquals)) {
      if (tok.text.find('*') != std::string::npos) throw QueryError("mvexpand: wildcard fields are not supported", tok.position);
      if (!tok.text.empty() && tok.text[0] == '_') {
        throw QueryError("mvexpand cannot expand the internal field '" + tok.text + "'", tok.position);
      }
      cmd->field = FieldNames::Intern(tok.text);
      have_field = true;
      ++i;
      continue;
    }
    throw QueryError("unexpected '" + tok.text + "' in mvexpand (expected: mvexpand <field> [limit=<n>])", tok.position);
  }
  if (!have_field) throw QueryError("mvexpand needs a field", base);
  return cmd;
}

}  // namespace trailhound
