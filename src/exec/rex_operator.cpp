// rex: PCRE extraction into named-group fields, or mode=sed rewriting of a field in place.
// Extraction: up to max_match matches (0 = all) over the field's values in order; a group with
// several values becomes a multivalue field. No match leaves the row as it is (existing fields
// keep their values), as does a missing input field.
#include <algorithm>

#include "exec/operators.hpp"
#include "functions/regex.hpp"

namespace trailhound {

namespace {

constexpr size_t kNone = std::string_view::npos;

// The next search position after a match: past it, or one character on after an empty match.
size_t NextStart(std::string_view text, size_t begin, size_t end) {
  if (end > begin) return end;
  size_t next = end + 1;
  while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
  return next;
}

class RexOperator : public Operator {
 public:
  explicit RexOperator(const RexCommand& cmd) : cmd_(cmd) {
    if (!cmd.sed_transliterate) re_ = std::make_unique<Regex>(cmd.regex);
  }

  void Push(Row& row) override {
    const Value* v = row.Get(cmd_.field);
    if (v != nullptr) {
      if (cmd_.sed) {
        Rewrite(row, *v);
      } else {
        Extract(row, *v);
      }
    }
    Emit(row);
  }

 private:
  void Extract(Row& row, const Value& input) {
    std::vector<std::vector<Value>> captured(cmd_.group_fields.size());
    std::string offsets;
    size_t matches = 0;
    for (size_t vi = 0; vi < input.Count(); ++vi) {
      const std::string text = input.At(vi).AsString();
      size_t pos = 0;
      while (pos <= text.size() && (cmd_.max_match == 0 || matches < cmd_.max_match)) {
        auto spans = re_->MatchSpans(text, pos);
        if (spans.empty()) break;
        ++matches;
        for (size_t g = 1; g < spans.size() && g - 1 < captured.size(); ++g) {
          if (!cmd_.group_fields[g - 1] || spans[g].first == kNone) continue;
          captured[g - 1].push_back(Value::Str(text.substr(spans[g].first, spans[g].second - spans[g].first)));
          if (cmd_.offset_field && spans[g].second > spans[g].first) {
            // name=start-end, end inclusive, zero-based (Splunk's offset_field format).
            offsets += (offsets.empty() ? "" : "&") + FieldNames::Name(*cmd_.group_fields[g - 1]) + "=" +
                       std::to_string(spans[g].first) + "-" + std::to_string(spans[g].second - 1);
          }
        }
        pos = NextStart(text, spans[0].first, spans[0].second);
      }
      if (cmd_.max_match != 0 && matches >= cmd_.max_match) break;
    }
    if (matches == 0) return;
    // Groups that share a name (with (?J)) feed one field.
    std::vector<std::pair<FieldId, std::vector<Value>>> out;
    for (size_t g = 0; g < captured.size(); ++g) {
      if (!cmd_.group_fields[g] || captured[g].empty()) continue;
      FieldId id = *cmd_.group_fields[g];
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& o) { return o.first == id; });
      if (it == out.end()) it = out.insert(out.end(), {id, {}});
      for (auto& value : captured[g]) it->second.push_back(std::move(value));
    }
    for (auto& [id, values] : out) row.Set(id, Value::Multi(std::move(values)));
    if (cmd_.offset_field && !offsets.empty()) row.Set(*cmd_.offset_field, Value::Str(offsets));
  }

  void Rewrite(Row& row, const Value& input) {
    std::vector<Value> rewritten;
    for (size_t i = 0; i < input.Count(); ++i) rewritten.push_back(Value::Str(RewriteText(input.At(i).AsString())));
    row.Set(cmd_.field, Value::Multi(std::move(rewritten)));
  }

  std::string RewriteText(const std::string& text) const {
    if (cmd_.sed_transliterate) {
      std::string out = text;
      for (auto& c : out) {
        size_t k = cmd_.regex.find(c);
        if (k != std::string::npos) c = cmd_.sed_replacement[k];
      }
      return out;
    }
    if (cmd_.sed_global) return re_->ReplaceAll(text, cmd_.sed_replacement);
    // Only the Nth match (default the first).
    size_t pos = 0;
    for (size_t n = 1; pos <= text.size(); ++n) {
      auto spans = re_->MatchSpans(text, pos);
      if (spans.empty()) break;
      if (n == cmd_.sed_occurrence) {
        return text.substr(0, spans[0].first) + Expand(text, spans) + text.substr(spans[0].second);
      }
      pos = NextStart(text, spans[0].first, spans[0].second);
    }
    return text;
  }

  // The replacement with \0..\9 standing for groups.
  std::string Expand(const std::string& text, const std::vector<std::pair<size_t, size_t>>& spans) const {
    const std::string& r = cmd_.sed_replacement;
    std::string out;
    for (size_t i = 0; i < r.size(); ++i) {
      if (r[i] == '\\' && i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9') {
        size_t g = static_cast<size_t>(r[++i] - '0');
        if (g < spans.size() && spans[g].first != kNone) out += text.substr(spans[g].first, spans[g].second - spans[g].first);
      } else {
        out += r[i];
      }
    }
    return out;
  }

  const RexCommand& cmd_;
  std::unique_ptr<Regex> re_;  // the operator's own compiled copy (match data is not shared); none for y///
};

}  // namespace

OperatorPtr MakeRexOperator(const RexCommand& cmd) { return std::make_unique<RexOperator>(cmd); }

}  // namespace trailhound
