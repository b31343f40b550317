#include "exec/lookup_table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace trailhound {

namespace {

char FoldAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool CharsEqual(char a, char b, bool case_sensitive) { return case_sensitive ? a == b : FoldAscii(a) == FoldAscii(b); }

bool TextEquals(std::string_view a, std::string_view b, bool case_sensitive) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!CharsEqual(a[i], b[i], case_sensitive)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text, std::string_view origin) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_was_quoted = false;
  size_t line = 1;
  size_t quote_line = 0;
  auto end_record = [&]() {
    // A record that is one empty, unquoted field is a blank line.
    bool blank = record.empty() && field.empty() && !field_was_quoted;
    if (!blank) {
      record.push_back(std::move(field));
      records.push_back(std::move(record));
    }
    record.clear();
    field.clear();
    field_was_quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      in_quotes = true;
      field_was_quoted = true;
      quote_line = line;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else {
      // A quote inside an unquoted field, or text after a closing quote, is kept as written.
      field.push_back(c);
    }
  }
  if (in_quotes) {
    throw Error(ErrorKind::kQuery,
                std::string(origin) + ":" + std::to_string(quote_line) + ": unterminated quoted CSV field");
  }
  if (!record.empty() || !field.empty() || field_was_quoted) end_record();
  return records;
}

bool LookupWildcardMatch(std::string_view pattern, std::string_view text, bool case_sensitive) {
  // Greedy matching with backtracking to the last `*`: linear for the usual patterns.
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && CharsEqual(pattern[p], text[t], case_sensitive)) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::shared_ptr<const LookupTable> LookupTable::FromCsv(std::string_view text, std::string origin,
                                                        LookupMatchOptions options) {
  std::vector<std::vector<std::string>> records = ParseCsvRecords(text, origin);
  if (records.empty() || (records[0].size() == 1 && records[0][0].empty())) {
    throw Error(ErrorKind::kQuery, origin + ": lookup table has no header row");
  }
  std::shared_ptr<LookupTable> table(new LookupTable());
  table->origin_ = std::move(origin);
  table->columns_ = std::move(records[0]);
  for (size_t i = 0; i < table->columns_.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (table->columns_[i] == table->columns_[j]) {
        throw Error(ErrorKind::kQuery, table->origin_ + ": duplicate column '" + table->columns_[i] + "' in header");
      }
    }
  }
  table->kinds_.assign(table->columns_.size(), MatchKind::kExact);
  auto mark = [&](const std::vector<std::string>& columns, MatchKind kind, const char* what) {
    for (const auto& column : columns) {
      auto index = table->ColumnIndex(column);
      if (!index) throw Error(ErrorKind::kQuery, table->origin_ + ": " + what + " column '" + column + "' is not in the header");
      table->kinds_[*index] = kind;
    }
  };
  mark(options.wildcard_columns, MatchKind::kWildcard, "WILDCARD");
  mark(options.cidr_columns, MatchKind::kCidr, "CIDR");
  table->rows_.reserve(records.size() - 1);
  for (size_t r = 1; r < records.size(); ++r) {
    records[r].resize(table->columns_.size());  // short rows read as empty cells, extra cells are dropped
    table->rows_.push_back(std::move(records[r]));
  }
  table->subnets_.resize(table->columns_.size());
  for (size_t c = 0; c < table->columns_.size(); ++c) {
    if (table->kinds_[c] != MatchKind::kCidr) continue;
    for (const auto& row : table->rows_) table->subnets_[c].push_back(ParseCidr(row[c]));
  }
  table->options_ = std::move(options);
  table->exact_indexes_ = std::make_unique<ColumnIndexCache[]>(table->columns_.size());
  return table;
}

std::shared_ptr<const LookupTable> LookupTable::FromFile(const std::string& path, LookupMatchOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInput, "cannot read lookup table " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return FromCsv(text.str(), path, std::move(options));
}

std::optional<size_t> LookupTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  return std::nullopt;
}

std::string LookupTable::IndexKey(std::string_view value) const {
  std::string key(value);
  if (!options_.case_sensitive) {
    for (char& c : key) c = FoldAscii(c);
  }
  return key;
}

const absl::flat_hash_map<std::string, std::vector<size_t>>& LookupTable::ExactIndex(size_t column) const {
  ColumnIndexCache& cache = exact_indexes_[column];
  std::call_once(cache.built, [&]() {
    for (size_t r = 0; r < rows_.size(); ++r) cache.rows_by_value[IndexKey(rows_[r][column])].push_back(r);
  });
  return cache.rows_by_value;
}

bool LookupTable::CellMatches(size_t row, size_t column, std::string_view value) const {
  const std::string& cell = rows_[row][column];
  switch (kinds_[column]) {
    case MatchKind::kWildcard: return LookupWildcardMatch(cell, value, options_.case_sensitive);
    case MatchKind::kCidr: {
      const auto& subnet = subnets_[column][row];
      return subnet && CidrContains(*subnet, value);
    }
    case MatchKind::kExact: break;
  }
  return TextEquals(cell, value, options_.case_sensitive);
}

std::vector<size_t> LookupTable::MatchRows(const std::vector<size_t>& input_columns,
                                           const std::vector<std::string_view>& input_values) const {
  std::vector<size_t> matches;
  if (options_.max_matches == 0) return matches;
  // Narrow the candidates with the index of the first exact-match input column, if any.
  const std::vector<size_t>* candidates = nullptr;
  size_t indexed_input = input_columns.size();
  for (size_t i = 0; i < input_columns.size(); ++i) {
    if (kinds_[input_columns[i]] == MatchKind::kExact) {
      const auto& index = ExactIndex(input_columns[i]);
      auto it = index.find(IndexKey(input_values[i]));
      if (it == index.end()) return matches;
      candidates = &it->second;
      indexed_input = i;
      break;
    }
  }
  auto check = [&](size_t row) {
    for (size_t i = 0; i < input_columns.size(); ++i) {
      if (i != indexed_input && !CellMatches(row, input_columns[i], input_values[i])) return false;
    }
    return true;
  };
  if (candidates != nullptr) {
    for (size_t row : *candidates) {
      if (check(row)) {
        matches.push_back(row);
        if (matches.size() >= options_.max_matches) break;
      }
    }
  } else {
    for (size_t row = 0; row < rows_.size(); ++row) {
      if (check(row)) {
        matches.push_back(row);
        if (matches.size() >= options_.max_matches) break;
      }
    }
  }
  return matches;
}

std::vector<Value> LookupTable::Lookup(const std::vector<size_t>& input_columns, const std::vector<const Value*>& inputs,
                                       const std::vector<size_t>& output_columns) const {
  std::vector<std::vector<Value>> found(output_columns.size());
  // The text of every value of every input, then an odometer over the combinations.
  std::vector<std::vector<std::string>> texts(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    size_t count = inputs[i]->Count();
    if (count == 0) return std::vector<Value>(output_columns.size());
    for (size_t v = 0; v < count; ++v) texts[i].push_back(inputs[i]->At(v).AsString());
  }
  std::vector<size_t> position(inputs.size(), 0);
  std::vector<std::string_view> values(inputs.size());
  bool done = false;
  while (!done) {
    for (size_t i = 0; i < inputs.size(); ++i) values[i] = texts[i][position[i]];
    std::vector<size_t> rows = MatchRows(input_columns, values);
    for (size_t row : rows) {
      for (size_t out = 0; out < output_columns.size(); ++out) {
        const std::string& cell = rows_[row][output_columns[out]];
        if (!cell.empty()) found[out].push_back(Value::Str(cell));  // an empty cell sets nothing
      }
    }
    if (!options_.default_match.empty()) {
      for (size_t pad = rows.size(); pad < options_.min_matches; ++pad) {
        for (auto& values_found : found) values_found.push_back(Value::Str(options_.default_match));
      }
    }
    // Advance to the next combination; the last input varies fastest.
    done = true;
    for (size_t i = inputs.size(); i-- > 0;) {
      if (++position[i] < texts[i].size()) {
        done = false;
        break;
      }
      position[i] = 0;
    }
  }
  std::vector<Value> result;
  result.reserve(output_columns.size());
  for (auto& values_found : found) result.push_back(Value::Multi(std::move(values_found)));
  return result;
}

}  // namespace trailhound
