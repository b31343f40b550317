// spath: values at a JSON path of a field (default _raw) become a field; without a path, every
// leaf of the JSON becomes a field (from the first 5000 characters, Splunk's extraction_cutoff).
// A missing input, input that is not JSON, or a path that matches nothing leaves the row as it is.
// A multivalue input is read value by value and the results are combined.
#include <algorithm>

#include "exec/operators.hpp"
#include "json/json_path.hpp"

namespace trailhound {

namespace {

constexpr size_t kExtractAllCutoff = 5000;  // limits.conf [spath] extraction_cutoff

class SpathOperator : public Operator {
 public:
  explicit SpathOperator(const SpathCommand& cmd) : cmd_(cmd) {
    if (cmd.path) {
      path_ = ParseJsonPath(*cmd.path, cmd.position);
      output_ = cmd.output ? *cmd.output : FieldNames::Intern(*cmd.path);
    }
  }

  void Push(Row& row) override {
    inputs_.clear();
    if (cmd_.input == fields::Raw() && row.GetMutable(fields::Raw()) == nullptr) {
      // The event text itself, without materialising it as a value.
      if (row.raw().data() != nullptr) inputs_.emplace_back(row.raw());
    } else if (const Value* v = row.Get(cmd_.input)) {
      for (size_t i = 0; i < v->Count(); ++i) inputs_.push_back(v->At(i).AsString());
    }
    if (!inputs_.empty()) {
      if (cmd_.path) {
        ExtractPath(row);
      } else {
        ExtractAll(row);
      }
    }
    Emit(row);
  }

 private:
  void ExtractPath(Row& row) {
    std::vector<Value> found;
    for (const auto& text : inputs_) ExtractJsonPath(text, path_, found);
    if (!found.empty()) row.Set(output_, Value::Multi(std::move(found)));
  }

  void ExtractAll(Row& row) {
    // Fields in first-seen order over all input values; values of a name accumulate.
    std::vector<std::pair<FieldId, std::vector<Value>>> merged;
    for (const auto& text : inputs_) {
      Row extracted;
      if (!ExtractAllJsonFields(text, kExtractAllCutoff, extracted)) continue;
      for (auto& [id, value] : extracted.mutable_entries()) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == id; });
        if (it == merged.end()) it = merged.insert(merged.end(), {id, {}});
        for (size_t i = 0; i < value.Count(); ++i) it->second.push_back(value.At(i));
      }
    }
    for (auto& [id, values] : merged) row.Set(id, Value::Multi(std::move(values)));
  }

  const SpathCommand& cmd_;
  JsonPath path_;
  FieldId output_ = 0;
  std::vector<std::string> inputs_;
};

}  // namespace

OperatorPtr MakeSpathOperator(const SpathCommand& cmd) { return std::make_unique<SpathOperator>(cmd); }

}  // namespace trailhound
