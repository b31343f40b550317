#include "json/lenient_string.hpp"

namespace trailhound {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Four hex digits at text[i..i+4), or nullopt.
std::optional<uint32_t> Hex4(std::string_view text, size_t i) {
  if (i + 4 > text.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    char c = text[k];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

}  // namespace

std::optional<std::string> DecodeJsonStringLenient(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t')) {
    token.remove_suffix(1);
  }
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  std::string_view body = token.substr(1, token.size() - 2);
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;  // raw control character
      out += c;
      continue;
    }
    if (++i >= body.size()) return std::nullopt;
    switch (body[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto hi = Hex4(body, i + 1);
        if (!hi) return std::nullopt;
        i += 4;
        if (*hi >= 0xD800 && *hi <= 0xDBFF) {
          // A high surrogate must be followed by \u and a low surrogate.
          auto lo = (i + 2 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') ? Hex4(body, i + 3) : std::nullopt;
          if (lo && *lo >= 0xDC00 && *lo <= 0xDFFF) {
            AppendUtf8(out, 0x10000 + ((*hi - 0xD800) << 10) + (*lo - 0xDC00));
            i += 6;
          } else {
            out += kReplacement;
          }
        } else if (*hi >= 0xDC00 && *hi <= 0xDFFF) {
          out += kReplacement;  // a low surrogate on its own
        } else {
          AppendUtf8(out, *hi);
        }
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

}  // namespace trailhound
