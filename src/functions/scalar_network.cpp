// Network eval functions: cidrmatch. Values that are not IP addresses (CloudTrail's
// sourceIPAddress is often a service name such as "support.amazonaws.com") never match.
#include "exec/evaluator.hpp"
#include "functions/function_registry.hpp"
#include "functions/ip_address.hpp"

namespace trailhound {

namespace {

Value CidrMatch(const ScalarFunctionCall& c) {
  Value cidr = c.Arg(0);
  Value ip = c.Arg(1);
  if (cidr.IsNull() || ip.IsNull()) return Value::Null();
  auto net = ParseCidr(cidr.AsString());
  if (!net) return Value::Bool(false);
  for (size_t i = 0; i < ip.Count(); ++i) {
    if (CidrContains(*net, ip.At(i).AsString())) return Value::Bool(true);
  }
  return Value::Bool(false);
}

}  // namespace

void RegisterNetworkFunctions(std::vector<ScalarFunction>& t) {
  t.push_back({"cidrmatch", 2, 2, CidrMatch, "cidrmatch(cidr, ip): true when ip (IPv4 or IPv6) is in the subnet"});
}

}  // namespace trailhound
