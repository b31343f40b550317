#include <algorithm>

#include "common/string_map.hpp"
#include "functions/function_registry.hpp"

namespace trailhound {

namespace {

struct Registry {
  std::vector<ScalarFunction> table;
  StringMap<size_t> by_name;
  Registry() {
    RegisterConditionalFunctions(table);
    RegisterTextFunctions(table);
    RegisterMathFunctions(table);
    RegisterMultivalueFunctions(table);
    RegisterTimeFunctions(table);
    RegisterNetworkFunctions(table);
    RegisterJsonFunctions(table);
    for (size_t i = 0; i < table.size(); ++i) by_name.emplace(table[i].name, i);
  }
};

const Registry& GetRegistry() {
  static const Registry* registry = new Registry();
  return *registry;
}

}  // namespace

const ScalarFunction* FindScalarFunction(std::string_view name) {
  const Registry& r = GetRegistry();
  auto it = r.by_name.find(name);
  return it == r.by_name.end() ? nullptr : &r.table[it->second];
}

std::vector<const ScalarFunction*> AllScalarFunctions() {
  std::vector<const ScalarFunction*> out;
  for (const auto& f : GetRegistry().table) out.push_back(&f);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
  return out;
}

}  // namespace trailhound
