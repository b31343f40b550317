#include "plan/prefilter.hpp"

#include <algorithm>
#include <cctype>

#include "exec/search_matcher.hpp"
#include "functions/ip_address.hpp"
#include "spl/search_ast.hpp"

namespace trailhound {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Bytes that JSON writes escaped (`"`, `\`, control bytes), may write escaped (`/` as `\/`), or
// that text matching may not see as the same bytes (non-ASCII, DEL). Any byte can be written as
// \uXXXX: that is the escape rule's business (a text with `\u` is always selected).
bool UnsafeByte(unsigned char c) { return c == '"' || c == '\\' || c == '/' || c < 0x20 || c >= 0x7f; }

void AddUnique(std::vector<PrefilterExpr>& out, PrefilterExpr e) {
  if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(std::move(e));
}

// The analysis of what a profile eval can produce: field references are verbatim raw values,
// string/number literals constants, null() nothing; branches of case/if/coalesce are unioned.
void AnalyseEval(const EvalExpr& e, const Profile& profile, FieldOrigins::Values& out);

// A field as an eval sees it: after the aliases, before the evals and lookups.
void AnalyseReference(std::string_view name, const Profile& profile, FieldOrigins::Values& out) {
  if (FieldOrigins::IsScanAssigned(name)) {
    out.unknown = true;
    return;
  }
  for (const auto& alias : profile.aliases()) {
    if (alias.target == name && FieldOrigins::IsScanAssigned(alias.source)) out.unknown = true;
  }
  // Otherwise it is the raw field or an alias of a raw field: verbatim either way.
}

void AnalyseEval(const EvalExpr& e, const Profile& profile, FieldOrigins::Values& out) {
  switch (e.kind) {
    case EvalExpr::Kind::kLiteral:
      if (e.literal.IsString() || e.literal.IsNumber()) {
        out.constants.push_back(e.literal);
      } else if (!e.literal.IsNull()) {
        out.unknown = true;
      }
      return;
    case EvalExpr::Kind::kField:
      AnalyseReference(FieldNames::Name(e.field), profile, out);
      return;
    case EvalExpr::Kind::kCall:
      if (e.name == "null" && e.args.empty()) return;
      if (e.name == "case") {
        for (size_t i = 1; i < e.args.size(); i += 2) AnalyseEval(*e.args[i], profile, out);
        return;
      }
      if (e.name == "if" && (e.args.size() == 2 || e.args.size() == 3)) {
        for (size_t i = 1; i < e.args.size(); ++i) AnalyseEval(*e.args[i], profile, out);
        return;
      }
      if (e.name == "coalesce") {
        for (const auto& a : e.args) AnalyseEval(*a, profile, out);
        return;
      }
      out.unknown = true;
      return;
    case EvalExpr::Kind::kUnary:
    case EvalExpr::Kind::kBinary:
      out.unknown = true;
      return;
  }
  out.unknown = true;
}

// The possible values of `field` on an event of the profile's sourcetype, in Splunk's stage
// order: a lookup output can be anything; an eval replaces the field; an alias copies its source.
void AnalyseUnderProfile(std::string_view field, const Profile& profile, FieldOrigins::Values& out) {
  for (const auto& lookup : profile.lookups()) {
    for (const auto& o : lookup.outputs) {
      if (o.field == field) {
        out.unknown = true;
        return;
      }
    }
  }
  if (const CalculatedField* calculated = profile.FindCalculatedField(field)) {
    if (calculated->expr == nullptr) {
      out.unknown = true;
      return;
    }
    AnalyseEval(*calculated->expr, profile, out);
    return;
  }
  AnalyseReference(field, profile, out);
}

// Whether the constant `v` of field `field` satisfies `field=pattern` in the engine's matcher.
bool ConstantMatches(FieldId field, const Value& v, const std::string& pattern) {
  SearchExpr e;
  e.kind = SearchExpr::Kind::kCompare;
  e.field = field;
  e.op = "=";
  e.value = pattern;
  Row row;
  row.Set(field, v);
  return SearchMatches(e, row);
}

// `field=pattern`: true when some value of the field must equal the pattern.
PrefilterExpr DeriveValue(FieldId field, const std::string& pattern, const FieldOrigins& origins) {
  const std::string& name = FieldNames::Name(field);
  if (pattern == "*" || name.find('*') != std::string::npos) return PrefilterExpr::True();
  if (LooksLikeCidr(pattern)) return PrefilterExpr::True();  // matches IP addresses, not text
  if (FieldOrigins::IsScanAssigned(name)) return PrefilterExpr::True();
  FieldOrigins::Values values = origins.PossibleValues(name);
  if (values.unknown) return PrefilterExpr::True();
  for (const Value& c : values.constants) {
    if (ConstantMatches(field, c, pattern)) return PrefilterExpr::True();
  }
  std::string fragment = SafeFragment(pattern);
  if (fragment.empty()) return PrefilterExpr::True();
  return PrefilterExpr::Term(std::move(fragment));
}

bool IsPureRowFilter(const Command& c) { return c.kind == CommandKind::kSearch || c.kind == CommandKind::kWhere; }

}  // namespace

PrefilterExpr PrefilterExpr::Term(std::string term) {
  PrefilterExpr e;
  e.kind = Kind::kTerm;
  e.term = Lower(term);
  return e;
}

PrefilterExpr PrefilterExpr::And(std::vector<PrefilterExpr> children) {
  std::vector<PrefilterExpr> flat;
  for (auto& c : children) {
    if (c.kind == Kind::kTrue) continue;
    if (c.kind == Kind::kAnd) {
      for (auto& g : c.children) AddUnique(flat, std::move(g));
    } else {
      AddUnique(flat, std::move(c));
    }
  }
  if (flat.empty()) return True();
  if (flat.size() == 1) return std::move(flat[0]);
  PrefilterExpr e;
  e.kind = Kind::kAnd;
  e.children = std::move(flat);
  return e;
}

PrefilterExpr PrefilterExpr::Or(std::vector<PrefilterExpr> children) {
  std::vector<PrefilterExpr> flat;
  if (children.empty()) return True();  // nothing known: accept all
  for (auto& c : children) {
    if (c.kind == Kind::kTrue) return True();
    if (c.kind == Kind::kOr) {
      for (auto& g : c.children) AddUnique(flat, std::move(g));
    } else {
      AddUnique(flat, std::move(c));
    }
  }
  if (flat.size() == 1) return std::move(flat[0]);
  PrefilterExpr e;
  e.kind = Kind::kOr;
  e.children = std::move(flat);
  return e;
}

bool PrefilterExpr::operator==(const PrefilterExpr& other) const {
  return kind == other.kind && term == other.term && children == other.children;
}

void PrefilterExpr::CollectTerms(std::vector<std::string>& out) const {
  if (kind == Kind::kTerm) {
    if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(term);
    return;
  }
  for (const auto& c : children) c.CollectTerms(out);
}

FieldOrigins FieldOrigins::FromProfiles(const std::vector<const Profile*>& profiles) {
  FieldOrigins o;
  for (const Profile* p : profiles) {
    if (p != nullptr) o.profiles_.push_back(p);
  }
  return o;
}

FieldOrigins::Values FieldOrigins::PossibleValues(std::string_view field) const {
  Values out;
  if (IsScanAssigned(field)) {
    out.unknown = true;
    return out;
  }
  // Raw (an event of a sourcetype without a profile, or one that does not derive it) adds
  // nothing here; each profile adds what it can assign.
  for (const Profile* p : profiles_) AnalyseUnderProfile(field, *p, out);
  return out;
}

bool FieldOrigins::IsScanAssigned(std::string_view f) {
  if (f.empty() || f.front() == '_') return true;  // _time, _raw, _indextime, _cd, ...
  if (f.substr(0, 5) == "date_") return true;     // date_hour, date_wday, ... (date_fields.cpp)
  static const char* kScan[] = {"source", "sourcetype", "host", "index", "linecount", "punct", "splunk_server",
                                "splunk_server_group", "eventtype", "tag", "timestartpos", "timeendpos"};
  for (const char* s : kScan) {
    if (f == s) return true;
  }
  return f.substr(0, 4) == "tag:";
}

std::string SafeFragment(std::string_view pattern) {
  size_t best_start = 0, best_len = 0, start = 0;
  for (size_t i = 0; i <= pattern.size(); ++i) {
    bool cut = i == pattern.size() || pattern[i] == '*' || UnsafeByte(static_cast<unsigned char>(pattern[i]));
    if (!cut) continue;
    if (i - start > best_len) {
      best_start = start;
      best_len = i - start;
    }
    start = i + 1;
  }
  if (best_len < 3) return "";
  return Lower(pattern.substr(best_start, best_len));
}

PrefilterExpr DerivePrefilter(const SearchExpr& e, const FieldOrigins& origins) {
  switch (e.kind) {
    case SearchExpr::Kind::kMatchAll:
    case SearchExpr::Kind::kNot:  // a negation requires nothing
      return PrefilterExpr::True();
    case SearchExpr::Kind::kAnd: {
      std::vector<PrefilterExpr> parts;
      for (const auto& c : e.children) parts.push_back(DerivePrefilter(*c, origins));
      return PrefilterExpr::And(std::move(parts));
    }
    case SearchExpr::Kind::kOr: {
      std::vector<PrefilterExpr> parts;
      for (const auto& c : e.children) parts.push_back(DerivePrefilter(*c, origins));
      return PrefilterExpr::Or(std::move(parts));
    }
    case SearchExpr::Kind::kCompare:
      if (e.op != "=") return PrefilterExpr::True();  // != and ordered comparisons
      return DeriveValue(e.field, e.value, origins);
    case SearchExpr::Kind::kIn: {
      std::vector<PrefilterExpr> parts;
      for (const auto& v : e.values) parts.push_back(DeriveValue(e.field, v, origins));
      return PrefilterExpr::Or(std::move(parts));  // an empty list: True (nothing assumed)
    }
    case SearchExpr::Kind::kTerm: {
      // RawTermMatches: the term's literal pieces appear in _raw (the event's JSON text, or the
      // unescaped inner event of a wrapper, whose escaping the safe fragment and the escape
      // rule cover).
      std::string fragment = SafeFragment(e.value);
      if (fragment.empty()) return PrefilterExpr::True();
      return PrefilterExpr::Term(std::move(fragment));
    }
  }
  return PrefilterExpr::True();
}

PrefilterExpr DerivePrefilter(const QueryPlan& plan, const FieldOrigins& origins) {
  std::vector<PrefilterExpr> main_parts;
  const auto& commands = plan.pipeline().commands;
  for (const auto& c : commands) {
    if (!IsPureRowFilter(*c)) break;
    if (c->kind == CommandKind::kSearch) {
      const auto& s = static_cast<const SearchCommand&>(*c);
      if (s.expr != nullptr) main_parts.push_back(DerivePrefilter(*s.expr, origins));
    }
  }
  std::vector<PrefilterExpr> alternatives;
  // A pipeline that does not start with a search or where (inputlookup, ...) is unknown.
  if (commands.empty() || !IsPureRowFilter(*commands.front())) {
    alternatives.push_back(PrefilterExpr::True());
  } else {
    alternatives.push_back(PrefilterExpr::And(std::move(main_parts)));
  }
  for (const auto& sub : plan.subsearches()) alternatives.push_back(DerivePrefilter(*sub, origins));
  return PrefilterExpr::Or(std::move(alternatives));
}

std::string DescribePrefilter(const PrefilterExpr& e) {
  switch (e.kind) {
    case PrefilterExpr::Kind::kTrue:
      return "none";
    case PrefilterExpr::Kind::kTerm: {
      std::string out = "\"";
      for (char c : e.term) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case PrefilterExpr::Kind::kAnd:
    case PrefilterExpr::Kind::kOr: {
      bool is_and = e.kind == PrefilterExpr::Kind::kAnd;
      std::string out;
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i > 0) out += is_and ? " AND " : " OR ";
        const PrefilterExpr& c = e.children[i];
        bool wrap = c.kind == PrefilterExpr::Kind::kAnd || c.kind == PrefilterExpr::Kind::kOr;
        out += wrap ? "(" + DescribePrefilter(c) + ")" : DescribePrefilter(c);
      }
      return out;
    }
  }
  return "none";
}

}  // namespace trailhound
