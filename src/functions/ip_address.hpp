#pragma once
// IP addresses and CIDR blocks (IPv4 and IPv6), for eval cidrmatch() and search field=a.b.c.d/n.
#include <array>
#include <optional>
#include <string_view>

namespace trailhound {

struct CidrBlock {
  bool v6 = false;
  std::array<unsigned char, 16> bytes{};
  int prefix = 0;
};

std::optional<CidrBlock> ParseCidr(std::string_view text);  // "10.0.0.0/8", "2001:db8::/32", or a bare address
bool CidrContains(const CidrBlock& block, std::string_view ip);
bool LooksLikeCidr(std::string_view text);  // an address followed by /prefix

}  // namespace trailhound
