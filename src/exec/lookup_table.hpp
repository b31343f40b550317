#pragma once
// A CSV lookup table with Splunk's transforms.conf matching rules: exact, WILDCARD or CIDR match
// per column, optional case-insensitivity, max_matches / min_matches / default_match. Used by the
// automatic lookups of sourcetype profiles, and meant for the SPL `lookup` command too.
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/value.hpp"
#include "functions/ip_address.hpp"

namespace trailhound {

// Parses CSV text (RFC 4180): fields separated by commas, records by LF or CRLF; a field in double
// quotes may hold commas, newlines and doubled quotes (""). A leading UTF-8 BOM is dropped and
// blank lines are skipped. Throws Error(kQuery) naming `origin` on an unterminated quote.
std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text, std::string_view origin);

// How a table matches, i.e. the transforms.conf settings of a lookup definition.
struct LookupMatchOptions {
  // Columns whose table values are patterns where `*` matches any run of characters
  // (transforms.conf `match_type = WILDCARD(column)`). Other columns match exactly.
  std::vector<std::string> wildcard_columns;
  // Columns whose table values are IPv4/IPv6 subnets ("10.0.0.0/8", a bare address is one host)
  // that an event's address falls in (`match_type = CIDR(column)`). A cell that is not a subnet
  // matches nothing.
  std::vector<std::string> cidr_columns;
  bool case_sensitive = true;  // case_sensitive_match; applies to exact and wildcard columns
  size_t max_matches = 100;    // per input value combination; Splunk's default without time_field
  size_t min_matches = 0;      // fewer matches than this are padded with default_match
  std::string default_match;
};

class LookupTable {
 public:
  // `origin` names the table in messages (a file path or "profiles/x.csv"). The first record is
  // the header. Throws Error(kQuery) when the text is not valid CSV, the header is empty or has
  // duplicate names, or a wildcard or CIDR column is not in the header.
  static std::shared_ptr<const LookupTable> FromCsv(std::string_view text, std::string origin,
                                                    LookupMatchOptions options = {});
  // Reads the file at `path` (Error(kInput) if it cannot be read), then as FromCsv.
  static std::shared_ptr<const LookupTable> FromFile(const std::string& path, LookupMatchOptions options = {});

  const std::string& origin() const { return origin_; }
  const LookupMatchOptions& options() const { return options_; }
  const std::vector<std::string>& columns() const { return columns_; }
  std::optional<size_t> ColumnIndex(std::string_view name) const;
  size_t row_count() const { return rows_.size(); }
  const std::string& Cell(size_t row, size_t column) const { return rows_[row][column]; }

  // The rows that match one value per input column, in file order, at most max_matches.
  std::vector<size_t> MatchRows(const std::vector<size_t>& input_columns,
                                const std::vector<std::string_view>& input_values) const;

  // A whole lookup for one event. `inputs[i]` is the event's value for input_columns[i] (not
  // null). Each value of a multivalue input is looked up separately (all combinations when several
  // inputs are multivalue), as Splunk does; matched rows (padded with default_match up to
  // min_matches) contribute their non-empty cells. Returns one Value per output column: null when
  // nothing was found, a string for one value, a multivalue for several.
  std::vector<Value> Lookup(const std::vector<size_t>& input_columns, const std::vector<const Value*>& inputs,
                            const std::vector<size_t>& output_columns) const;

 private:
  LookupTable() = default;
  bool CellMatches(size_t row, size_t column, std::string_view value) const;
  std::string IndexKey(std::string_view value) const;
  // Rows by (case-folded) cell value of an exact-match column, built on first use.
  const absl::flat_hash_map<std::string, std::vector<size_t>>& ExactIndex(size_t column) const;

  std::string origin_;
  LookupMatchOptions options_;
  std::vector<std::string> columns_;
  enum class MatchKind { kExact, kWildcard, kCidr };
  std::vector<MatchKind> kinds_;  // per column
  std::vector<std::vector<std::string>> rows_;  // each padded to columns_.size()
  // The subnets of the CIDR columns' cells, parsed once: [column][row], empty for other columns.
  std::vector<std::vector<std::optional<CidrBlock>>> subnets_;

  struct ColumnIndexCache {
    std::once_flag built;
    absl::flat_hash_map<std::string, std::vector<size_t>> rows_by_value;
  };
  std::unique_ptr<ColumnIndexCache[]> exact_indexes_;  // one per column
};

// Whether `text` matches the lookup pattern `pattern`, where `*` matches any run (also empty).
bool LookupWildcardMatch(std::string_view pattern, std::string_view text, bool case_sensitive);

}  // namespace trailhound
