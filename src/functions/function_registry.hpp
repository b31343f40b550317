#pragma once
// Each family of eval functions adds its entries to the table; function_registry.cpp collects them.
#include <vector>

#include "functions/scalar_function.hpp"

namespace trailhound {

void RegisterConditionalFunctions(std::vector<ScalarFunction>& table);
void RegisterTextFunctions(std::vector<ScalarFunction>& table);
void RegisterMathFunctions(std::vector<ScalarFunction>& table);
void RegisterMultivalueFunctions(std::vector<ScalarFunction>& table);
void RegisterTimeFunctions(std::vector<ScalarFunction>& table);
void RegisterNetworkFunctions(std::vector<ScalarFunction>& table);
void RegisterJsonFunctions(std::vector<ScalarFunction>& table);

}  // namespace trailhound
