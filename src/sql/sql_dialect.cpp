#include "sql/sql_dialect.hpp"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace trailhound {

std::optional<SqlDialect> ParseSqlDialect(std::string_view name) {
  if (name == "duckdb") return SqlDialect::kDuckDb;
  if (name == "trino") return SqlDialect::kTrino;
  if (name == "athena") return SqlDialect::kAthena;
  if (name == "spark") return SqlDialect::kSpark;
  return std::nullopt;
}

const char* SqlDialectName(SqlDialect dialect) {
  switch (dialect) {
    case SqlDialect::kDuckDb: return "duckdb";
    case SqlDialect::kTrino: return "trino";
    case SqlDialect::kAthena: return "athena";
    case SqlDialect::kSpark: return "spark";
  }
  return "?";
}

std::string SqlSpelling::Ident(std::string_view name) const {
  char q = spark() ? '`' : '"';
  std::string out(1, q);
  for (char c : name) {
    if (c == q) out += q;
    out += c;
  }
  out += q;
  return out;
}

std::string SqlSpelling::Str(std::string_view text) const {
  std::string out = "'";
  for (char c : text) {
    if (spark()) {
      // Spark reads backslash escapes inside string literals.
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    } else {
      if (c == '\'') out += '\'';
      out += c;
    }
  }
  out += "'";
  return out;
}

std::string SqlSpelling::Num(double value) const {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

std::string SqlSpelling::WildcardToLike(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    if (c == '*') {
      out += '%';
      continue;
    }
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out;
}

std::string SqlSpelling::Like(const std::string& x, std::string_view like_pattern) const {
  return x + " LIKE " + Str(like_pattern) + " ESCAPE '!'";
}

std::string SqlSpelling::RegexMatch(const std::string& x, const std::string& regex) const {
  if (duckdb()) return "regexp_matches(" + x + ", " + regex + ")";
  if (trino()) return "regexp_like(" + x + ", " + regex + ")";
  return "(" + x + " RLIKE " + regex + ")";
}

std::string SqlSpelling::RegexReplace(const std::string& x, const std::string& regex, std::string_view replacement) const {
  if (duckdb()) return "regexp_replace(" + x + ", " + regex + ", " + Str(replacement) + ", 'g')";
  // Java's replacement syntax: $1 for groups, \$ for a dollar sign.
  std::string java;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\' && i + 1 < replacement.size() && std::isdigit(static_cast<unsigned char>(replacement[i + 1]))) {
      java += '$';
      continue;
    }
    if (c == '$') java += '\\';
    java += c;
  }
  return "regexp_replace(" + x + ", " + regex + ", " + Str(java) + ")";
}

std::string SqlSpelling::TryDouble(const std::string& x) const {
  // SPL's numbers only (common/value ParseNumber): no spaces, no inf/nan, which the engines'
  // casts would take.
  static const std::string kNumber = "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'";
  return "CASE WHEN " + RegexMatch(x, kNumber) + " THEN CAST(" + x + " AS DOUBLE) END";
}

std::string SqlSpelling::NumberText(const std::string& x) const {
  std::string text = spark() ? "STRING" : "VARCHAR";
  std::string fraction = trino() ? "regexp_replace(format('%.15f', " + x + "), '\\.?0+$', '')"
                                 : "CAST(" + x + " AS " + text + ")";
  return "CASE WHEN " + x + " = floor(" + x + ") AND abs(" + x + ") < 1e15 THEN CAST(CAST(" + x + " AS BIGINT) AS " +
         text + ") ELSE " + fraction + " END";
}

std::string SqlSpelling::ArrayOf(const std::vector<std::string>& elements) const {
  std::string out = duckdb() ? "[" : (trino() ? "ARRAY[" : "array(");
  for (size_t i = 0; i < elements.size(); ++i) out += (i ? ", " : "") + elements[i];
  out += spark() ? ")" : "]";
  return out;
}

std::string SqlSpelling::Transform(const std::string& array, const std::string& var, const std::string& body) const {
  return std::string(duckdb() ? "list_transform(" : "transform(") + array + ", " + var + " -> " + body + ")";
}

std::string SqlSpelling::Filter(const std::string& array, const std::string& var, const std::string& condition) const {
  return std::string(duckdb() ? "list_filter(" : "filter(") + array + ", " + var + " -> " + condition + ")";
}

std::string SqlSpelling::AnyMatch(const std::string& array, const std::string& var, const std::string& condition) const {
  if (duckdb()) return "(len(list_filter(" + array + ", " + var + " -> " + condition + ")) > 0)";
  if (trino()) return "any_match(" + array + ", " + var + " -> " + condition + ")";
  return "exists(" + array + ", " + var + " -> " + condition + ")";
}

std::string SqlSpelling::Length(const std::string& array) const {
  if (duckdb()) return "len(" + array + ")";
  if (trino()) return "cardinality(" + array + ")";
  // size(NULL) is -1 under Spark's legacy setting: keep null a null.
  return "CASE WHEN " + array + " IS NOT NULL THEN size(" + array + ") END";
}

std::string SqlSpelling::ElementAt(const std::string& array, long long index0) const {
  long long k = index0 >= 0 ? index0 + 1 : index0;  // SQL arrays are 1-based and count negatives from the end
  if (duckdb()) return "(" + array + ")[" + std::to_string(k) + "]";
  if (trino()) return "element_at(" + array + ", " + std::to_string(k) + ")";
  return "try_element_at(" + array + ", " + std::to_string(k) + ")";
}

std::string SqlSpelling::Join(const std::string& array, const std::string& separator) const {
  return std::string(duckdb() ? "array_to_string(" : "array_join(") + array + ", " + separator + ")";
}

std::string SqlSpelling::Split(const std::string& x, std::string_view separator) const {
  if (duckdb()) return "string_split(" + x + ", " + Str(separator) + ")";
  if (trino()) return "split(" + x + ", " + Str(separator) + ")";
  // Spark's split takes a regular expression: quote every character.
  std::string regex;
  for (char c : separator) {
    if (!std::isalnum(static_cast<unsigned char>(c))) regex += '\\';
    regex += c;
  }
  return "split(" + x + ", " + Str(regex) + ", -1)";
}

std::string SqlSpelling::Flatten(const std::string& array_of_arrays) const { return "flatten(" + array_of_arrays + ")"; }

std::string SqlSpelling::Concat(const std::string& a, const std::string& b) const {
  return std::string(duckdb() ? "list_concat(" : "concat(") + a + ", " + b + ")";
}

std::string SqlSpelling::SortDistinct(const std::string& array) const {
  if (duckdb()) return "list_sort(list_distinct(" + array + "))";
  return "array_sort(array_distinct(" + array + "))";
}

std::string SqlSpelling::Distinct(const std::string& array) const {
  return std::string(duckdb() ? "list_distinct(" : "array_distinct(") + array + ")";
}

std::string SqlSpelling::NullIfEmpty(const std::string& array) const {
  if (spark()) return "CASE WHEN size(" + array + ") > 0 THEN " + array + " END";
  return "CASE WHEN " + Length(array) + " > 0 THEN " + array + " END";
}

std::string SqlSpelling::CollectList(const std::string& x) const {
  if (duckdb()) return "list(" + x + ") FILTER (WHERE " + x + " IS NOT NULL)";
  if (trino()) return "array_agg(" + x + ") FILTER (WHERE " + x + " IS NOT NULL)";
  return "collect_list(" + x + ")";
}

namespace {

bool IsPlainKey(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

std::string SqlSpelling::JsonPath(const JsonKeys& keys) const {
  std::string path = "$";
  for (const auto& key : keys) {
    if (IsPlainKey(key)) {
      path += "." + key;
    } else if (duckdb()) {
      path += ".\"" + key + "\"";
    } else if (trino()) {
      path += "[\"" + key + "\"]";
    } else {
      path += "['" + key + "']";
    }
  }
  return Str(path);
}

std::string SqlSpelling::JsonScalar(const std::string& json, const JsonKeys& keys) const {
  std::string p = JsonPath(keys);
  if (duckdb()) {
    return "CASE json_type(" + json + ", " + p + ") WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string(" +
           json + ", " + p + ") END";
  }
  if (trino()) {
    return "CASE json_format(json_extract(" + json + ", " + p + ")) WHEN 'null' THEN 'null' ELSE json_extract_scalar(" + json + ", " + p +
           ") END";
  }
  return "get_json_object(" + json + ", " + p + ")";
}

std::string SqlSpelling::JsonArray(const std::string& json, const JsonKeys& keys) const {
  std::string p = JsonPath(keys);
  if (duckdb()) return "TRY_CAST(json_extract(" + json + ", " + p + ") AS JSON[])";
  if (trino()) return "TRY_CAST(json_extract(" + json + ", " + p + ") AS ARRAY(JSON))";
  return "from_json(get_json_object(" + json + ", " + p + "), 'array<string>')";
}

std::string SqlSpelling::JsonValue(const std::string& json, const JsonKeys& keys) const {
  std::string p = JsonPath(keys);
  if (duckdb()) {
    return "CASE json_type(" + json + ", " + p + ") WHEN 'VARCHAR' THEN json_extract_string(" + json + ", " + p +
           ") ELSE CAST(json_extract(" + json + ", " + p + ") AS VARCHAR) END";
  }
  if (trino()) {
    return "COALESCE(json_extract_scalar(" + json + ", " + p + "), json_format(json_extract(" + json + ", " + p + ")))";
  }
  return "get_json_object(" + json + ", " + p + ")";
}

std::string SqlSpelling::JsonNodes(const std::string& json, const JsonKeys& keys) const {
  std::string p = JsonPath(keys);
  std::string node = (spark() ? "get_json_object(" : "json_extract(") + json + ", " + p + ")";
  if (duckdb()) {
    return "CASE json_type(" + json + ", " + p + ") WHEN 'ARRAY' THEN CAST(" + node + " AS JSON[]) ELSE [" + node + "] END";
  }
  if (trino()) {
    return "CASE WHEN json_array_length(" + node + ") IS NOT NULL THEN CAST(" + node + " AS ARRAY(JSON)) WHEN " + node +
           " IS NOT NULL THEN ARRAY[" + node + "] END";
  }
  return "COALESCE(from_json(" + node + ", 'array<string>'), CASE WHEN " + node + " IS NOT NULL THEN array(" + node + ") END)";
}

std::string SqlSpelling::JsonNodeText(const std::string& node) const {
  if (duckdb()) return "CASE json_type(" + node + ") WHEN 'VARCHAR' THEN json_extract_string(" + node + ", '$') ELSE CAST(" + node + " AS VARCHAR) END";
  if (trino()) return "COALESCE(json_extract_scalar(" + node + ", '$'), json_format(" + node + "))";
  return node;
}

std::string SqlSpelling::JsonValid(const std::string& text) const {
  // Trino's json_extract and Spark's get_json_object give null for malformed text themselves.
  return duckdb() ? "json_valid(" + text + ")" : "TRUE";
}

std::string SqlSpelling::JsonElementScalar(const std::string& element) const {
  if (duckdb()) {
    return "CASE json_type(" + element + ") WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string(" +
           element + ", '$') END";
  }
  if (trino()) {
    return "CASE json_format(" + element + ") WHEN 'null' THEN 'null' ELSE json_extract_scalar(" + element + ", '$') END";
  }
  return element;
}

std::string SqlSpelling::EventTimeEpoch(const std::string& event_time) const {
  // What trailhound reads (common/time_format): yyyy-mm-dd, 'T' or a space, hh:mm:ss, an optional
  // fraction (dropped: Splunk's CloudTrail TIME_FORMAT keeps whole seconds) and an optional Z.
  const std::string shape = Str("^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$");
  std::string civil = "substr(" + event_time + ", 1, 10) || ' ' || substr(" + event_time + ", 12, 8)";
  std::string epoch;
  if (duckdb()) epoch = "epoch(try_strptime(" + civil + ", '%Y-%m-%d %H:%M:%S'))";
  else if (trino()) epoch = "to_unixtime(with_timezone(try(date_parse(" + civil + ", '%Y-%m-%d %H:%i:%s')), 'UTC'))";
  else epoch = "CAST(unix_timestamp(" + civil + ", 'yyyy-MM-dd HH:mm:ss') AS DOUBLE)";
  return "CASE WHEN " + RegexMatch(event_time, shape) + " THEN CAST(" + epoch + " AS BIGINT) END";
}

namespace {

// strftime to the Java/Joda pattern letters Trino's format_datetime and Spark's date_format use.
std::optional<std::string> JavaPattern(std::string_view format) {
  std::string out;
  std::string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    std::string quoted;
    for (char c : literal) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    out += "'" + quoted + "'";
    literal.clear();
  };
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%' || i + 1 == format.size()) {
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
        literal += c;
      } else {
        flush();
        out += c;
      }
      continue;
    }
    char s = format[++i];
    const char* java = nullptr;
    switch (s) {
      case 'Y': java = "yyyy"; break;
      case 'y': java = "yy"; break;
      case 'm': java = "MM"; break;
      case 'd': java = "dd"; break;
      case 'H': java = "HH"; break;
      case 'I': java = "hh"; break;
      case 'M': java = "mm"; break;
      case 'S': java = "ss"; break;
      case 'p': java = "a"; break;
      case 'b': java = "MMM"; break;
      case 'B': java = "MMMM"; break;
      case 'a': java = "EEE"; break;
      case 'A': java = "EEEE"; break;
      case 'j': java = "DDD"; break;
      case 'T': java = "HH:mm:ss"; break;
      case 'F': java = "yyyy-MM-dd"; break;
      case '%': literal += '%'; continue;
      default: return std::nullopt;
    }
    flush();
    out += java;
  }
  flush();
  return out;
}

bool DuckDbFormatOk(std::string_view format) {
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size()) return false;
    if (std::string_view("YymdHIMSpbBaAjTF%").find(format[++i]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

std::string SqlSpelling::EpochTimestamp(const std::string& epoch) const {
  if (duckdb()) return "make_timestamp(CAST(floor((" + epoch + ") * 1000000) AS BIGINT))";
  if (trino()) return "from_unixtime(" + epoch + ", 'UTC')";
  return "timestamp_seconds(" + epoch + ")";
}

std::optional<std::string> SqlSpelling::FormatEpoch(const std::string& epoch, std::string_view strftime_format) const {
  if (duckdb()) {
    if (!DuckDbFormatOk(strftime_format)) return std::nullopt;
    // %T and %F are not DuckDB specifiers: spell them out.
    std::string f;
    for (size_t i = 0; i < strftime_format.size(); ++i) {
      if (strftime_format[i] == '%' && i + 1 < strftime_format.size()) {
        char s = strftime_format[i + 1];
        if (s == 'T') { f += "%H:%M:%S"; ++i; continue; }
        if (s == 'F') { f += "%Y-%m-%d"; ++i; continue; }
        f += '%';
        f += s;
        ++i;
        continue;
      }
      f += strftime_format[i];
    }
    return "strftime(" + EpochTimestamp(epoch) + ", " + Str(f) + ")";
  }
  auto java = JavaPattern(strftime_format);
  if (!java) return std::nullopt;
  if (trino()) return "format_datetime(" + EpochTimestamp(epoch) + ", " + Str(*java) + ")";
  return "date_format(" + EpochTimestamp(epoch) + ", " + Str(*java) + ")";
}

std::string SqlSpelling::DatePart(const std::string& epoch, std::string_view part) const {
  std::string ts = EpochTimestamp(epoch);
  std::string text = spark() ? "STRING" : "VARCHAR";
  auto number = [&](const char* duck, const char* trino_fn, const char* spark_fn) {
    const char* fn = duckdb() ? duck : (trino() ? trino_fn : spark_fn);
    return "CAST(" + std::string(fn) + "(" + ts + ") AS " + text + ")";
  };
  if (part == "second") return number("second", "second", "second");
  if (part == "minute") return number("minute", "minute", "minute");
  if (part == "hour") return number("hour", "hour", "hour");
  if (part == "mday") return number("day", "day", "dayofmonth");
  if (part == "year") return number("year", "year", "year");
  if (part == "zone") return "'0'";
  bool month = part == "month";
  if (duckdb()) return "lower(strftime(" + ts + ", '" + (month ? "%B" : "%A") + "'))";
  if (trino()) return "lower(format_datetime(" + ts + ", '" + (month ? "MMMM" : "EEEE") + "'))";
  return "lower(date_format(" + ts + ", '" + (month ? "MMMM" : "EEEE") + "'))";
}

std::string SqlSpelling::UnnestJoin(const std::string& array, const std::string& alias, const std::string& column) const {
  if (spark()) return "LATERAL VIEW explode(" + array + ") " + alias + " AS " + Ident(column);
  return "CROSS JOIN UNNEST(" + array + ") AS " + alias + "(" + Ident(column) + ")";
}

std::string SqlSpelling::UnnestColumn(const std::string& alias, const std::string& column) const {
  return alias + "." + Ident(column);
}

}  // namespace trailhound
