#include "sql/expr_to_sql.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/value.hpp"
#include "functions/ip_address.hpp"

namespace trailhound {

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool LooksNumeric(const std::string& text) { return ParseNumber(text).has_value(); }

namespace {

std::string SqlOp(const std::string& op) {
  if (op == "==" || op == "=") return "=";
  if (op == "!=") return "<>";
  return op;
}

// Regex syntax that PCRE has and DuckDB's RE2 does not: rejecting it beats a runtime error.
bool Re2Incompatible(const std::string& regex) {
  static const char* kPcreOnly[] = {"(?=", "(?!", "(?<=", "(?<!", "(?>", "(?|", "(?x", "(?J", "(*", "*+", "++", "?+", "}+",
                                    "\\K", "\\Z", "\\h", "\\H", "\\R", "\\G", "\\X", "\\e", "\\c", "\\o{", "\\N",
                                    "\\k<", "\\k{", "\\g", "\\v", "\\V"};
  for (char d = '1'; d <= '9'; ++d) {
    if (regex.find(std::string("\\") + d) != std::string::npos) return true;  // backreferences
  }
  for (const char* p : kPcreOnly) {
    if (regex.find(p) != std::string::npos) return true;
  }
  return false;
}

// PCRE's (?<name>...) is (?P<name>...) in RE2.
std::string Re2Groups(const std::string& regex) {
  std::string out;
  for (size_t i = 0; i < regex.size(); ++i) {
    if (regex.compare(i, 3, "(?<") == 0 && i + 3 < regex.size() && regex[i + 3] != '=' && regex[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += regex[i];
  }
  return out;
}

}  // namespace

std::string ExprToSql::Text(const SqlValue& v) const {
  switch (v.type) {
    case SqlType::kNull: return "NULL";
    case SqlType::kString: return v.sql;
    case SqlType::kNumber: return sql_.NumberText(v.sql);
    case SqlType::kMulti: return sql_.ElementAt(v.sql, 0);
    case SqlType::kBool: throw SqlUnsupported("a condition used as a value (SPL fields cannot hold booleans)");
  }
  return "NULL";
}

std::string ExprToSql::Multi(const SqlValue& v) const {
  if (v.type == SqlType::kMulti) return v.sql;
  if (v.type == SqlType::kNull) return "NULL";
  std::string t = Text(v);
  return "CASE WHEN " + t + " IS NOT NULL THEN " + sql_.ArrayOf({t}) + " END";
}

std::string ExprToSql::Truth(const SqlValue& v) const {
  if (v.type == SqlType::kBool) return v.sql;
  // A non-boolean is not true (if() takes its else branch, where drops the row).
  return "FALSE";
}

std::string ExprToSql::ForEachValue(const SqlValue& v, const std::function<std::string(const std::string&)>& condition) const {
  if (v.type != SqlType::kMulti) return condition(Text(v));
  std::string var = "x" + std::to_string(lambda_depth_++);
  std::string out = sql_.AnyMatch(v.sql, var, condition(var));
  --lambda_depth_;
  return out;
}

std::string ExprToSql::ScalarCompare(const std::string& op, const SqlValue& l, const SqlValue& r) const {
  std::string o = SqlOp(op);
  bool ln = l.type == SqlType::kNumber, rn = r.type == SqlType::kNumber;
  if (ln && rn) return "(" + l.sql + " " + o + " " + r.sql + ")";
  // A text that reads as a number compares numerically with a number; any other text as text.
  auto text_vs_number = [&](const std::string& text, const std::string& number, bool text_left) {
    std::string d = sql_.TryDouble(text);
    std::string num = text_left ? d + " " + o + " " + number : number + " " + o + " " + d;
    std::string str = text_left ? text + " " + o + " " + sql_.NumberText(number) : sql_.NumberText(number) + " " + o + " " + text;
    return "(CASE WHEN " + d + " IS NOT NULL THEN " + num + " ELSE " + str + " END)";
  };
  if (rn) return text_vs_number(l.sql, r.sql, true);
  if (ln) return text_vs_number(r.sql, l.sql, false);
  // A literal's side is known now: a numeric-looking text compares numerically with texts that
  // read as numbers, any other literal compares as text.
  if (r.literal) {
    if (LooksNumeric(*r.literal)) return text_vs_number(l.sql, sql_.Num(*ParseNumber(*r.literal)), true);
    return "(" + l.sql + " " + o + " " + r.sql + ")";
  }
  if (l.literal) {
    if (LooksNumeric(*l.literal)) return text_vs_number(r.sql, sql_.Num(*ParseNumber(*l.literal)), false);
    return "(" + l.sql + " " + o + " " + r.sql + ")";
  }
  std::string dl = sql_.TryDouble(l.sql), dr = sql_.TryDouble(r.sql);
  return "(CASE WHEN " + dl + " IS NOT NULL AND " + dr + " IS NOT NULL THEN " + dl + " " + o + " " + dr + " ELSE " + l.sql + " " +
         o + " " + r.sql + " END)";
}

std::string ExprToSql::Compare(const std::string& op, const SqlValue& l, const SqlValue& r) const {
  if (l.type == SqlType::kNull || r.type == SqlType::kNull) return "CAST(NULL AS BOOLEAN)";
  if (l.type == SqlType::kBool || r.type == SqlType::kBool) throw SqlUnsupported("comparing a condition with a value");
  const SqlValue& a = l;
  const SqlValue& b = r;
  if (l.type == SqlType::kMulti) {
    return ForEachValue(l, [&](const std::string& x) { return Compare(op, {x, SqlType::kString}, b); });
  }
  if (r.type == SqlType::kMulti) {
    return ForEachValue(r, [&](const std::string& x) { return Compare(op, a, {x, SqlType::kString}); });
  }
  return ScalarCompare(op, a, b);
}

SqlValue ExprToSql::Eval(const EvalExpr& e) const {
  switch (e.kind) {
    case EvalExpr::Kind::kLiteral: {
      const Value& v = e.literal;
      if (v.IsNull()) return SqlValue::Null();
      if (v.IsBool()) return {v.boolean() ? "TRUE" : "FALSE", SqlType::kBool};
      if (v.IsNumber()) return {sql_.Num(v.num()), SqlType::kNumber};
      // A numeric-looking text stays text: comparisons test both sides at run time.
      if (v.IsString()) return {sql_.Str(v.str()), SqlType::kString, v.str()};
      throw SqlUnsupported("a multivalue literal");
    }
    case EvalExpr::Kind::kField:
      return scope_.Get(FieldNames::Name(e.field));
    case EvalExpr::Kind::kUnary: {
      SqlValue v = Eval(*e.args[0]);
      if (e.op == "NOT") {
        if (v.type == SqlType::kNull) return {"CAST(NULL AS BOOLEAN)", SqlType::kBool};
        if (v.type != SqlType::kBool) return {"CAST(NULL AS BOOLEAN)", SqlType::kBool};
        return {"(NOT " + v.sql + ")", SqlType::kBool};
      }
      if (v.type == SqlType::kNumber) return {"(-" + v.sql + ")", SqlType::kNumber};
      return {"(-" + sql_.TryDouble(Text(v)) + ")", SqlType::kNumber};
    }
    case EvalExpr::Kind::kBinary: {
      const std::string& op = e.op;
      SqlValue l = Eval(*e.args[0]);
      SqlValue r = Eval(*e.args[1]);
      if (op == "AND" || op == "OR") {
        auto cond = [&](const SqlValue& v) {
          return v.type == SqlType::kBool ? v.sql : std::string("CAST(NULL AS BOOLEAN)");
        };
        return {"(" + cond(l) + " " + op + " " + cond(r) + ")", SqlType::kBool};
      }
      if (op == "XOR") throw SqlUnsupported("the XOR operator");
      if (op == ".") {
        if (l.type == SqlType::kNull || r.type == SqlType::kNull) return SqlValue::Null();
        return {"(" + Text(l) + " || " + Text(r) + ")", SqlType::kString};
      }
      if (op == "LIKE") return Like(l, *e.args[1], "LIKE's pattern");
      if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
        if (l.type == SqlType::kNull || r.type == SqlType::kNull) return SqlValue::Null();
        if (l.type == SqlType::kMulti || r.type == SqlType::kMulti) throw SqlUnsupported("arithmetic on a multivalue field");
        std::string a = l.type == SqlType::kNumber ? l.sql : sql_.TryDouble(l.sql);
        std::string b = r.type == SqlType::kNumber ? r.sql : sql_.TryDouble(r.sql);
        std::string num;
        if (op == "/") num = "(CASE WHEN " + b + " = 0 THEN NULL ELSE CAST(" + a + " AS DOUBLE) / " + b + " END)";
        else if (op == "%") num = "(CASE WHEN " + b + " = 0 THEN NULL ELSE " + (sql_.trino() ? "mod(" + a + ", " + b + ")" : a + " % " + b) + " END)";
        else num = "(" + a + " " + op + " " + b + ")";
        if (op == "+" && l.type == SqlType::kString && r.type == SqlType::kString) {
          // Two texts that are not both numbers concatenate.
          return {"(CASE WHEN " + a + " IS NOT NULL AND " + b + " IS NOT NULL THEN " + sql_.NumberText(num) + " ELSE " + l.sql +
                      " || " + r.sql + " END)",
                  SqlType::kString};
        }
        return {num, SqlType::kNumber};
      }
      if (op == "=" || op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
        return {Compare(op, l, r), SqlType::kBool};
      }
      throw SqlUnsupported("the operator " + op);
    }
    case EvalExpr::Kind::kCall:
      return Call(e);
  }
  return SqlValue::Null();
}

namespace {

// The common type of the branches of if/case/coalesce.
SqlType Unify(const std::vector<SqlValue>& values) {
  SqlType t = SqlType::kNull;
  for (const auto& v : values) {
    if (v.type == SqlType::kNull) continue;
    if (t == SqlType::kNull) t = v.type;
    else if (t != v.type) {
      if (t == SqlType::kMulti || v.type == SqlType::kMulti) t = SqlType::kMulti;
      else if (t == SqlType::kBool || v.type == SqlType::kBool) throw SqlUnsupported("branches mixing conditions and values");
      else t = SqlType::kString;
    }
  }
  return t;
}

const std::string& LiteralText(const EvalExpr& e, const std::string& what) {
  if (e.kind != EvalExpr::Kind::kLiteral || !e.literal.IsString()) {
    if (e.kind == EvalExpr::Kind::kLiteral && e.literal.IsNumber()) throw SqlUnsupported(what + " must be a text literal");
    throw SqlUnsupported(what + " must be a literal");
  }
  return e.literal.str();
}

}  // namespace

// The LIKE operator and like(): SQL LIKE as SPL has it (% and _, whole value, case-sensitive), any
// value of a multivalue matching.
SqlValue ExprToSql::Like(const SqlValue& text, const EvalExpr& pattern, const std::string& what) const {
  const std::string& p = LiteralText(pattern, what);
  // Spark's LIKE escapes with a backslash by default; SPL's has no escape.
  if (p.find('\\') != std::string::npos) throw SqlUnsupported(what + " with a backslash");
  if (text.type == SqlType::kNull) return {"CAST(NULL AS BOOLEAN)", SqlType::kBool};
  return {ForEachValue(text, [&](const std::string& x) { return "(" + x + " LIKE " + sql_.Str(p) + ")"; }), SqlType::kBool};
}

SqlValue ExprToSql::Call(const EvalExpr& e) const {
  const std::string& f = e.name;
  auto arg = [&](size_t i) { return Eval(*e.args[i]); };
  auto as = [&](const SqlValue& v, SqlType t) -> std::string {
    if (v.type == SqlType::kNull) return "NULL";
    if (t == SqlType::kMulti) return Multi(v);
    if (t == SqlType::kString) return Text(v);
    return v.sql;
  };
  if (f == "if" || f == "case") {
    std::vector<std::pair<std::string, SqlValue>> branches;
    SqlValue otherwise = SqlValue::Null();
    if (f == "if") {
      branches.push_back({Truth(arg(0)), arg(1)});
      if (e.args.size() > 2) otherwise = arg(2);
    } else {
      for (size_t i = 0; i + 1 < e.args.size(); i += 2) branches.push_back({Truth(arg(i)), arg(i + 1)});
    }
    std::vector<SqlValue> values;
    for (const auto& b : branches) values.push_back(b.second);
    values.push_back(otherwise);
    SqlType t = Unify(values);
    if (t == SqlType::kNull) return SqlValue::Null();
    std::string out = "CASE";
    for (const auto& [cond, value] : branches) out += " WHEN " + cond + " THEN " + as(value, t);
    if (otherwise.type != SqlType::kNull) out += " ELSE " + as(otherwise, t);
    return {out + " END", t};
  }
  if (f == "coalesce") {
    std::vector<SqlValue> values;
    for (size_t i = 0; i < e.args.size(); ++i) values.push_back(arg(i));
    SqlType t = Unify(values);
    if (t == SqlType::kNull) return SqlValue::Null();
    std::string out;
    for (const auto& v : values) {
      if (v.type == SqlType::kNull) continue;
      out += (out.empty() ? "" : ", ") + as(v, t);
    }
    return {"COALESCE(" + out + ")", t};
  }
  if (f == "null") return SqlValue::Null();
  if (f == "true") return {"TRUE", SqlType::kBool};
  if (f == "false") return {"FALSE", SqlType::kBool};
  if (f == "isnull" || f == "isnotnull") {
    SqlValue v = arg(0);
    if (v.type == SqlType::kNull) return {f == "isnull" ? "TRUE" : "FALSE", SqlType::kBool};
    if (v.type == SqlType::kBool) throw SqlUnsupported(f + "() of a condition");
    return {"(" + v.sql + (f == "isnull" ? " IS NULL)" : " IS NOT NULL)"), SqlType::kBool};
  }
  if (f == "like") return Like(arg(0), *e.args[1], "like()'s pattern");
  if (f == "match") {
    SqlValue s = arg(0);
    SqlValue re = arg(1);
    if (s.type == SqlType::kNull || re.type == SqlType::kNull) return {"CAST(NULL AS BOOLEAN)", SqlType::kBool};
    std::string regex;
    if (e.args[1]->kind == EvalExpr::Kind::kLiteral) {
      std::string text = e.args[1]->literal.AsString();
      if (sql_.duckdb() && Re2Incompatible(text)) throw SqlUnsupported("the regex " + text + " uses PCRE syntax DuckDB's RE2 lacks");
      regex = sql_.Str(sql_.duckdb() ? Re2Groups(text) : text);
    } else {
      regex = Text(re);
    }
    return {ForEachValue(s, [&](const std::string& x) { return sql_.RegexMatch(x, regex); }), SqlType::kBool};
  }
  if (f == "in") {
    SqlValue x = arg(0);
    if (x.type == SqlType::kNull) return {"CAST(NULL AS BOOLEAN)", SqlType::kBool};
    std::vector<std::string> options;
    for (size_t i = 1; i < e.args.size(); ++i) {
      SqlValue v = arg(i);
      if (v.type == SqlType::kMulti) throw SqlUnsupported("in() with a multivalue candidate");
      if (v.type == SqlType::kNull) continue;
      if (e.args[i]->kind == EvalExpr::Kind::kLiteral) options.push_back(sql_.Str(e.args[i]->literal.AsString()));
      else options.push_back(Text(v));
    }
    if (options.empty()) return {"FALSE", SqlType::kBool};
    return {ForEachValue(x,
                         [&](const std::string& t) {
                           std::string list;
                           for (const auto& o : options) list += (list.empty() ? "" : ", ") + o;
                           return "(" + t + " IN (" + list + "))";
                         }),
            SqlType::kBool};
  }
  if (f == "split") {
    SqlValue s = arg(0);
    const std::string& sep = LiteralText(*e.args[1], "split()'s separator");
    if (sep.empty()) throw SqlUnsupported("split() with an empty separator");
    if (s.type == SqlType::kNull) return SqlValue::Null();
    return {sql_.Split(Text(s), sep), SqlType::kMulti};
  }
  if (f == "mvindex") {
    SqlValue v = arg(0);
    if (e.args.size() > 2) throw SqlUnsupported("mvindex() with an end index");
    if (e.args[1]->kind != EvalExpr::Kind::kLiteral || !e.args[1]->literal.AsNumber()) {
      throw SqlUnsupported("mvindex() with an index that is not a number literal");
    }
    if (v.type == SqlType::kNull) return SqlValue::Null();
    double i = *e.args[1]->literal.AsNumber();
    if (v.type != SqlType::kMulti) {
      // A single value is index 0 and -1.
      return (i == 0 || i == -1) ? SqlValue{Text(v), SqlType::kString} : SqlValue::Null();
    }
    return {sql_.ElementAt(v.sql, static_cast<long long>(i)), SqlType::kString};
  }
  if (f == "mvjoin") {
    SqlValue v = arg(0);
    const std::string& sep = LiteralText(*e.args[1], "mvjoin()'s separator");
    if (v.type == SqlType::kNull) return SqlValue::Null();
    return {sql_.Join(Multi(v), sql_.Str(sep)), SqlType::kString};
  }
  if (f == "mvappend") {
    std::string out;
    for (size_t i = 0; i < e.args.size(); ++i) {
      SqlValue v = arg(i);
      if (v.type == SqlType::kNull) continue;
      std::string m = "COALESCE(" + Multi(v) + ", " + (sql_.duckdb() ? "CAST([] AS VARCHAR[])" : sql_.trino() ? "CAST(ARRAY[] AS ARRAY(VARCHAR))" : "CAST(array() AS ARRAY<STRING>)") + ")";
      out = out.empty() ? m : sql_.Concat(out, m);
    }
    if (out.empty()) return SqlValue::Null();
    return {sql_.NullIfEmpty(out), SqlType::kMulti};
  }
  if (f == "mvcount") {
    SqlValue v = arg(0);
    if (v.type == SqlType::kNull) return SqlValue::Null();
    if (v.type != SqlType::kMulti) return {"CASE WHEN " + Text(v) + " IS NOT NULL THEN 1 END", SqlType::kNumber};
    return {sql_.Length(v.sql), SqlType::kNumber};
  }
  if (f == "replace") {
    SqlValue s = arg(0);
    const std::string& re = LiteralText(*e.args[1], "replace()'s regex");
    const std::string& rep = LiteralText(*e.args[2], "replace()'s replacement");
    if (sql_.duckdb() && Re2Incompatible(re)) throw SqlUnsupported("the regex " + re + " uses PCRE syntax DuckDB's RE2 lacks");
    if (s.type == SqlType::kNull) return SqlValue::Null();
    if (s.type == SqlType::kMulti) throw SqlUnsupported("replace() on a multivalue field");
    return {sql_.RegexReplace(Text(s), sql_.Str(sql_.duckdb() ? Re2Groups(re) : re), rep), SqlType::kString};
  }
  if (f == "lower" || f == "upper") {
    SqlValue s = arg(0);
    if (s.type == SqlType::kNull) return SqlValue::Null();
    if (s.type == SqlType::kMulti) return {sql_.Transform(s.sql, "x", f + "(x)"), SqlType::kMulti};
    return {f + "(" + Text(s) + ")", SqlType::kString};
  }
  if (f == "len") {
    SqlValue s = arg(0);
    if (s.type == SqlType::kNull) return SqlValue::Null();
    return {"length(" + Text(s) + ")", SqlType::kNumber};
  }
  if (f == "tostring" && e.args.size() == 1) {
    SqlValue s = arg(0);
    if (s.type == SqlType::kNull) return SqlValue::Null();
    return {Text(s), SqlType::kString};
  }
  if (f == "tonumber" && e.args.size() == 1) {
    SqlValue s = arg(0);
    if (s.type == SqlType::kNull) return SqlValue::Null();
    if (s.type == SqlType::kNumber) return s;
    return {sql_.TryDouble(Text(s)), SqlType::kNumber};
  }
  if (f == "substr") {
    // Literal positions only: the engines differ from SPL on 0, negative starts and lengths.
    auto literal = [&](size_t i) -> std::optional<long long> {
      if (e.args[i]->kind != EvalExpr::Kind::kLiteral || !e.args[i]->literal.AsNumber()) return std::nullopt;
      double d = *e.args[i]->literal.AsNumber();
      if (d != static_cast<double>(static_cast<long long>(d)) || d < 0) return std::nullopt;
      return static_cast<long long>(d);
    };
    auto start = literal(1);
    auto length = e.args.size() > 2 ? literal(2) : std::optional<long long>(0);
    if (!start || !length) throw SqlUnsupported("substr() with a start or length that is not a non-negative integer literal");
    SqlValue s = arg(0);
    if (s.type == SqlType::kNull) return SqlValue::Null();
    std::string from = std::to_string(std::max(1LL, *start));  // SPL's 0 is 1
    std::string len = e.args.size() > 2 ? ", " + std::to_string(*length) : "";
    return {"substr(" + Text(s) + ", " + from + len + ")", SqlType::kString};
  }
  if (f == "strftime") {
    SqlValue t = arg(0);
    const std::string& format = LiteralText(*e.args[1], "strftime()'s format");
    if (t.type == SqlType::kNull) return SqlValue::Null();
    std::string epoch = t.type == SqlType::kNumber ? t.sql : sql_.TryDouble(Text(t));
    auto out = sql_.FormatEpoch(epoch, format);
    if (!out) throw SqlUnsupported("the time format " + format);
    return {*out, SqlType::kString};
  }
  throw SqlUnsupported("the eval function " + f + "()");
}

std::string ExprToSql::ValueMatches(const std::string& text, const std::string& pattern) const {
  bool ascii = std::all_of(pattern.begin(), pattern.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    // The engine's lower() folds non-ASCII letters: fold the pattern the same way, in SQL.
    std::string like = pattern.find('*') == std::string::npos ? pattern : SqlSpelling::WildcardToLike(pattern);
    if (pattern.find('*') == std::string::npos) return "lower(" + text + ") = lower(" + sql_.Str(pattern) + ")";
    return "lower(" + text + ") LIKE lower(" + sql_.Str(like) + ") ESCAPE '!'";
  }
  std::string lowered = AsciiLower(pattern);
  if (pattern.find('*') == std::string::npos) return "lower(" + text + ") = " + sql_.Str(lowered);
  return sql_.Like("lower(" + text + ")", SqlSpelling::WildcardToLike(lowered));
}

std::string ExprToSql::SearchCompare(const SearchExpr& e) const {
  SqlValue v = scope_.Get(FieldNames::Name(e.field));
  if (v.type == SqlType::kNull) return "FALSE";
  if (v.type == SqlType::kBool) throw SqlUnsupported("search on a condition");
  auto exists = [&] { return "(" + v.sql + " IS NOT NULL)"; };
  auto matches = [&](const std::string& pattern) {
    if (LooksLikeCidr(pattern)) throw SqlUnsupported("a CIDR match in search (" + pattern + ")");
    if (pattern == "*") return exists();
    return "COALESCE(" + ForEachValue(v, [&](const std::string& x) { return ValueMatches(x, pattern); }) + ", FALSE)";
  };
  if (e.kind == SearchExpr::Kind::kIn) {
    std::string out;
    for (const auto& p : e.values) out += (out.empty() ? "" : " OR ") + matches(p);
    return out.empty() ? "FALSE" : "(" + out + ")";
  }
  if (e.op == "=") return matches(e.value);
  if (e.op == "!=") {
    if (e.value == "*") return "FALSE";
    if (LooksLikeCidr(e.value)) throw SqlUnsupported("a CIDR match in search (" + e.value + ")");
    return "(" + exists() + " AND NOT COALESCE(" +
           ForEachValue(v, [&](const std::string& x) { return ValueMatches(x, e.value); }) + ", FALSE))";
  }
  // <, <=, >, >=: SPL's ordering against the literal, any value.
  SqlValue literal = LooksNumeric(e.value) ? SqlValue{sql_.Num(*ParseNumber(e.value)), SqlType::kNumber}
                                           : SqlValue{sql_.Str(e.value), SqlType::kString};
  return "COALESCE(" + Compare(e.op, v, literal) + ", FALSE)";
}

std::string ExprToSql::Search(const SearchExpr& e) const {
  switch (e.kind) {
    case SearchExpr::Kind::kMatchAll: return "TRUE";
    case SearchExpr::Kind::kAnd:
    case SearchExpr::Kind::kOr: {
      std::string out;
      for (const auto& c : e.children) out += (out.empty() ? "" : (e.kind == SearchExpr::Kind::kAnd ? " AND " : " OR ")) + Search(*c);
      return "(" + out + ")";
    }
    case SearchExpr::Kind::kNot: return "(NOT " + Search(*e.children[0]) + ")";
    case SearchExpr::Kind::kCompare:
    case SearchExpr::Kind::kIn: return SearchCompare(e);
    case SearchExpr::Kind::kTerm: throw SqlUnsupported("a bare search term (" + e.value + ") matched against the raw event text");
  }
  return "TRUE";
}

}  // namespace trailhound
