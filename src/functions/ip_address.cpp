#include "functions/ip_address.hpp"

#include <arpa/inet.h>

#include <string>

namespace trailhound {

namespace {

bool ParseAddress(std::string_view text, bool& v6, std::array<unsigned char, 16>& out) {
  std::string s(text);
  out.fill(0);
  if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
    v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) {
    v6 = true;
    return true;
  }
  return false;
}

}  // namespace

std::optional<CidrBlock> ParseCidr(std::string_view text) {
  CidrBlock b;
  size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  if (!ParseAddress(addr, b.v6, b.bytes)) return std::nullopt;
  int max = b.v6 ? 128 : 32;
  b.prefix = max;
  if (slash != std::string_view::npos) {
    std::string p(text.substr(slash + 1));
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    b.prefix = std::stoi(p);
    if (b.prefix > max) return std::nullopt;
  }
  return b;
}

bool CidrContains(const CidrBlock& block, std::string_view ip) {
  bool v6 = false;
  std::array<unsigned char, 16> bytes;
  if (!ParseAddress(ip, v6, bytes) || v6 != block.v6) return false;
  int full = block.prefix / 8;
  for (int i = 0; i < full; ++i) {
    if (bytes[i] != block.bytes[i]) return false;
  }
  int rest = block.prefix % 8;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (bytes[full] & mask) == (block.bytes[full] & mask);
}

bool LooksLikeCidr(std::string_view text) {
  return text.find('/') != std::string_view::npos && ParseCidr(text).has_value();
}

}  // namespace trailhound
