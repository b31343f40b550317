#include "io/json_scanner.hpp"

#include <cstring>

namespace trailhound {

namespace {

// simdjson refuses deeper documents anyway.
constexpr size_t kMaxDepth = 1024;

// Whether the quote at `q` is escaped: preceded by an odd number of backslashes.
bool IsEscaped(const char* begin, const char* q) {
  size_t backslashes = 0;
  while (q > begin && q[-1] == '\\') {
    --q;
    ++backslashes;
  }
  return backslashes % 2 == 1;
}

}  // namespace

size_t SkipJsonWhitespace(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) {
    ++pos;
  }
  return pos;
}

JsonScan ScanJsonValue(std::string_view text, size_t start) {
  JsonScan scan;
  char stack[kMaxDepth];
  size_t depth = 0;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin + start;

  auto fail = [&](JsonScan::Status status, const char* at, const char* reason) {
    scan.status = status;
    scan.error_offset = static_cast<size_t>(at - begin);
    scan.reason = reason;
    return scan;
  };

  while (p < end) {
    switch (*p) {
      case '"': {
        const char* q = p + 1;
        for (;;) {
          q = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
          if (q == nullptr) return fail(JsonScan::Status::kTruncated, p, "unterminated string");
          if (!IsEscaped(p + 1, q)) break;
          ++q;
        }
        p = q + 1;
        break;
      }
      case '{':
      case '[':
        if (depth == kMaxDepth) return fail(JsonScan::Status::kMalformed, p, "nesting too deep");
        stack[depth++] = *p++;
        break;
      case '}':
      case ']': {
        if (depth == 0) return fail(JsonScan::Status::kMalformed, p, "unexpected closing bracket");
        char expected = stack[depth - 1] == '{' ? '}' : ']';
        if (*p != expected) return fail(JsonScan::Status::kMalformed, p, "mismatched bracket");
        --depth;
        ++p;
        if (depth == 0) {
          scan.end = static_cast<size_t>(p - begin);
          return scan;
        }
        if (depth == 1 && stack[0] == '[') {
          scan.salvage_end = static_cast<size_t>(p - begin);
          scan.salvage_closers = "]";
        } else if (depth == 2 && stack[0] == '{' && stack[1] == '[') {
          scan.salvage_end = static_cast<size_t>(p - begin);
          scan.salvage_closers = "]}";
        }
        break;
      }
      default:
        ++p;
    }
    if (depth == 0) return fail(JsonScan::Status::kMalformed, p, "not a JSON object or array");
  }
  return fail(JsonScan::Status::kTruncated, end, "truncated (unclosed object or array)");
}

}  // namespace trailhound
