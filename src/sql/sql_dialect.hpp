#pragma once
// The SQL dialects trailhound compiles to, and how each one spells the building blocks the
// compiler uses (identifiers, literals, LIKE, regexes, arrays and lambdas, JSON extraction, time).
// The compiler never writes dialect-specific text itself: everything that differs goes through
// SqlSpelling, so a new engine is one more case in sql_dialect.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

enum class SqlDialect { kDuckDb, kTrino, kAthena, kSpark };

std::optional<SqlDialect> ParseSqlDialect(std::string_view name);
const char* SqlDialectName(SqlDialect dialect);

// A JSON path below a JSON value, one key per element (no array steps: those are
// SqlSpelling::JsonArray).
using JsonKeys = std::vector<std::string>;

class SqlSpelling {
 public:
  explicit SqlSpelling(SqlDialect dialect) : dialect_(dialect) {}
  SqlDialect dialect() const { return dialect_; }
  // Trino and Athena share the Trino language.
  bool trino() const { return dialect_ == SqlDialect::kTrino || dialect_ == SqlDialect::kAthena; }
  bool spark() const { return dialect_ == SqlDialect::kSpark; }
  bool duckdb() const { return dialect_ == SqlDialect::kDuckDb; }

  std::string Ident(std::string_view name) const;  // a quoted identifier
  std::string Str(std::string_view text) const;    // a string literal
  std::string Num(double value) const;             // a numeric literal

  // `x LIKE pattern` with `pattern` a LIKE pattern (% and _ live, ! escapes).
  std::string Like(const std::string& x, std::string_view like_pattern) const;
  // The LIKE pattern for a Splunk `*` wildcard pattern: * becomes %, % _ and ! are escaped.
  static std::string WildcardToLike(std::string_view pattern);
  std::string RegexMatch(const std::string& x, const std::string& regex) const;
  // Replaces every match; `replacement` uses \1-style group references (Splunk's), rewritten here.
  std::string RegexReplace(const std::string& x, const std::string& regex, std::string_view replacement) const;
  std::string TryDouble(const std::string& x) const;
  // A number as Splunk writes it: integers without a fraction.
  std::string NumberText(const std::string& x) const;

  // Arrays. `var` is the lambda variable.
  std::string ArrayOf(const std::vector<std::string>& elements) const;
  std::string Transform(const std::string& array, const std::string& var, const std::string& body) const;
  std::string Filter(const std::string& array, const std::string& var, const std::string& condition) const;
  std::string AnyMatch(const std::string& array, const std::string& var, const std::string& condition) const;
  std::string Length(const std::string& array) const;
  // 0-based index, negative from the end (Splunk's mvindex); null when out of range.
  std::string ElementAt(const std::string& array, long long index0) const;
  std::string Join(const std::string& array, const std::string& separator) const;
  std::string Split(const std::string& x, std::string_view separator) const;
  std::string Flatten(const std::string& array_of_arrays) const;
  std::string Concat(const std::string& a, const std::string& b) const;  // array || array
  std::string SortDistinct(const std::string& array) const;
  std::string Distinct(const std::string& array) const;
  // Null for an empty array, else the array.
  std::string NullIfEmpty(const std::string& array) const;
  // The aggregate of every non-null value of `x` into an array.
  std::string CollectList(const std::string& x) const;
  std::string CountDistinct(const std::string& x) const { return "count(DISTINCT " + x + ")"; }

  // JSON. `json` is a JSON text (a string column or an element of JsonArray).
  // The scalar at `keys` as text, as Splunk's KV_MODE=json names it: strings, numbers and
  // booleans as written, JSON null as the text "null", objects and arrays as no value.
  std::string JsonScalar(const std::string& json, const JsonKeys& keys) const;
  // The elements of the array at `keys`, each as a JSON text; null when it is not an array.
  std::string JsonArray(const std::string& json, const JsonKeys& keys) const;
  // The JSON value at `keys` as JSON text (objects and arrays too); for spath-style paths.
  std::string JsonValue(const std::string& json, const JsonKeys& keys) const;
  // spath's `{}`: the elements of the array at `keys`, or the node itself when it is not an array
  // (each a JSON value; null when nothing is there).
  std::string JsonNodes(const std::string& json, const JsonKeys& keys) const;
  // spath's text of one such node: a string unquoted, anything else as JSON text.
  std::string JsonNodeText(const std::string& node) const;
  // Whether a text is well-formed JSON (DuckDB's JSON functions fail on anything else).
  std::string JsonValid(const std::string& text) const;
  // A JSON text that is a scalar, as text ("abc" for "\"abc\""); null for objects and arrays.
  std::string JsonElementScalar(const std::string& element) const;

  // Epoch seconds of a CloudTrail eventTime ("2026-01-15T10:00:00Z", optional fraction).
  std::string EventTimeEpoch(const std::string& event_time) const;
  // Formats epoch seconds in UTC with a strftime format; nullopt when the format has a
  // specifier this dialect cannot write.
  std::optional<std::string> FormatEpoch(const std::string& epoch, std::string_view strftime_format) const;
  // A timestamp (UTC) from epoch seconds, for date parts.
  std::string EpochTimestamp(const std::string& epoch) const;
  // Calendar parts of epoch seconds in UTC, as Splunk's date_* fields write them.
  std::string DatePart(const std::string& epoch, std::string_view part) const;

  // A FROM-clause item that joins each row with the elements of `array` as column `column` of
  // relation `alias` (rows with an empty or null array vanish, like mvexpand).
  std::string UnnestJoin(const std::string& array, const std::string& alias, const std::string& column) const;
  // The full name of the column UnnestJoin adds.
  std::string UnnestColumn(const std::string& alias, const std::string& column) const;

 private:
  std::string JsonPath(const JsonKeys& keys) const;
  SqlDialect dialect_;
};

}  // namespace trailhound
