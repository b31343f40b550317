// anomalydetection [method=histogram] [action=filter|annotate|summary] [pthresh=P] [cutoff=bool]
// [field ...]; field names may be double-quoted.
#include <string>

#include "common/error.hpp"
#include "spl/command_parsers.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

CommandPtr ParseAnomalyDetectionCommand(std::string_view args, size_t base) {
  auto cmd = std::make_unique<AnomalyDetectionCommand>();
  auto t = LexArguments(args, base);
  for (size_t i = 0; i < t.size();) {
    if (t[i].kind == ArgToken::Kind::kComma) {
      ++i;
      continue;
    }
    if (t[i].kind != ArgToken::Kind::kWord && t[i].kind != ArgToken::Kind::kString) {
      throw QueryError("unexpected '" + t[i].text + "' in anomalydetection", t[i].position);
    }
    if (const ArgToken* option = OptionValue(t, i, "anomalydetection")) {
      const std::string& opt = t[i].text;
      const ArgToken& value = *option;
      if (opt == "method") {
        if (value.text != "histogram") {
          throw QueryError("anomalydetection method=" + value.text + " is not supported (only histogram)", value.position);
        }
      } else if (opt == "action") {
        if (value.text == "filter") {
          cmd->action = AnomalyDetectionCommand::Action::kFilter;
        } else if (value.text == "annotate") {
          cmd->action = AnomalyDetectionCommand::Action::kAnnotate;
        } else if (value.text == "summary") {
          cmd->action = AnomalyDetectionCommand::Action::kSummary;
        } else {
          throw QueryError("anomalydetection action=" + value.text + " is not supported with method=histogram (filter, annotate, summary)",
                           value.position);
        }
      } else if (opt == "cutoff") {
        cmd->cutoff = ParseBoolOption(value, "anomalydetection cutoff");
      } else if (opt == "pthresh") {
        auto p = ParseNumber(value.text);
        if (!p || *p <= 0 || *p > 1) throw QueryError("anomalydetection pthresh must be a probability in (0, 1]", value.position);
        cmd->pthresh = *p;
      } else {
        throw QueryError("unsupported anomalydetection option '" + opt + "' (supported: method, action, pthresh, cutoff)", t[i].position);
      }
      i += 3;
      continue;
    }
    cmd->fields.push_back(FieldNames::Intern(t[i].text));
    ++i;
  }
  return cmd;
}

}  // namespace trailhound
