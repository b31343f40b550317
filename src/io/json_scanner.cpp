#include "io/json_scanner.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trailhound {

namespace {

// simdjson refuses deeper documents anyway.
constexpr size_t kMaxDepth = 1024;

// Bytes the scan stops at: string quotes and brackets.
constexpr auto kStructural = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'"', '{', '}', '[', ']'}) table[c] = true;
  return table;
}();

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

uint64_t CountNewlines(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t count = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: each '\n' adds one to its byte's counter (cmpeq gives -1); the
  // counters are summed (psadbw) before 255 blocks could overflow them. No popcount needed,
  // which the baseline x86-64 target lacks.
  const __m128i newline = _mm_set1_epi8('\n');
  while (n >= 16) {
    const size_t blocks = std::min<size_t>(n / 16, 255);
    __m128i counters = _mm_setzero_si128();
    for (size_t b = 0; b < blocks; ++b, p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(v, newline));
    }
    n -= blocks * 16;
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += static_cast<uint64_t>(_mm_cvtsi128_si32(sums)) + static_cast<uint64_t>(_mm_extract_epi16(sums, 4));
  }
#else
  // Eight bytes at a time: a byte of x is zero exactly where the text has '\n'.
  constexpr uint64_t kNewlines = 0x0A0A0A0A0A0A0A0Aull;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    uint64_t x = word ^ kNewlines;
    uint64_t nonzero = ((x & kLow7) + kLow7) | x;  // high bit set in every non-zero byte
    count += static_cast<uint64_t>(std::popcount(~nonzero & ~kLow7));
  }
#endif
  for (; n > 0; ++p, --n) count += *p == '\n';
  return count;
}

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

  // The last string seen directly inside the top-level object (its latest key), and whether the
  // array open at depth 2 is the value of a wrapper key whose elements are events.
  std::string_view last_top_string;
  bool event_array = false;

  if (p >= end || (*p != '{' && *p != '[')) return fail(JsonScan::Status::kMalformed, p, "not a JSON object or array");
  while (p < end) {
    switch (*p) {
      case '"': {
        const char* q = p + 1;
        for (;;) {
          q = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
          if (q == nullptr) {
            scan.in_string = true;
            return fail(JsonScan::Status::kTruncated, p, "unterminated string");
          }
          if (!IsEscaped(p + 1, q)) break;
          ++q;
        }
        if (depth == 1) last_top_string = std::string_view(p + 1, static_cast<size_t>(q - p - 1));
        p = q + 1;
        break;
      }
      case '{':
      case '[':
        if (depth == kMaxDepth) return fail(JsonScan::Status::kMalformed, p, "nesting too deep");
        if (depth == 1 && *p == '[' && stack[0] == '{') {
          event_array = last_top_string == "Records" || last_top_string == "logEvents" || last_top_string == "Events";
        }
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
        } else if (depth == 2 && stack[0] == '{' && stack[1] == '[' && event_array) {
          scan.salvage_end = static_cast<size_t>(p - begin);
          scan.salvage_closers = "]}";
        }
        break;
      }
      default:
        ++p;
        // Skip to the next byte that matters.
        while (p < end && !kStructural[static_cast<unsigned char>(*p)]) ++p;
    }
  }
  return fail(JsonScan::Status::kTruncated, end, "truncated (unclosed object or array)");
}

}  // namespace trailhound
