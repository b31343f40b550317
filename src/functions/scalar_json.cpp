// JSON eval functions: spath(input, path), the same extraction as the spath command.
#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "json/json_path.hpp"

namespace trailhound {

namespace {

Value Spath(const ScalarFunctionCall& c) {
  Value input = c.Arg(0);
  Value path = c.Arg(1);
  if (input.IsNull() || path.IsNull()) return Value::Null();
  JsonPath parsed = ParseJsonPath(path.At(0).AsString());
  std::vector<Value> found;
  for (size_t i = 0; i < input.Count(); ++i) ExtractJsonPath(input.At(i).AsString(), parsed, found);
  return Value::Multi(std::move(found));
}

}  // namespace

void RegisterJsonFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"spath", 2, 2, Spath,
               "spath(json, path): the value(s) at a data path such as a.b{}.c (multivalue for {}), null when none"});
}

}  // namespace trailhound
