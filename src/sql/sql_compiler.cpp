#include "sql/sql_compiler.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "functions/value_compare.hpp"
#include "json/json_path.hpp"
#include "exec/lookup_table.hpp"
#include "profile/bound_profile.hpp"
#include "spl/row_command_ast.hpp"
#include "sql/cloudtrail_schema.hpp"
#include "sql/expr_to_sql.hpp"

namespace trailhound {

namespace {

std::string Name(FieldId id) { return FieldNames::Name(id); }
bool HasWildcard(const std::string& s) { return s.find('*') != std::string::npos; }

std::string Indent(const std::string& text, const std::string& pad) {
  std::string out = pad;
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

// The event fields a pipeline reads: every field some command reads before any command has set it,
// up to the first stats (after which rows hold only its outputs). Wildcard renames add the source
// name of every target read after them, so that the events relation carries it.
class FieldCollector {
 public:
  void Collect(const Pipeline& pipeline) {
    std::vector<std::pair<std::string, std::string>> wildcard_renames;
    for (const auto& c : pipeline.commands) {
      if (!events_) break;
      switch (c->kind) {
        case CommandKind::kSearch: ReadSearch(*static_cast<const SearchCommand&>(*c).expr); break;
        case CommandKind::kWhere: ReadEval(*static_cast<const WhereCommand&>(*c).expr); break;
        case CommandKind::kEval:
          for (const auto& a : static_cast<const EvalCommand&>(*c).assignments) {
            ReadEval(*a.expr);
            Write(Name(a.target));
          }
          break;
        case CommandKind::kBin: {
          const auto& b = static_cast<const BinCommand&>(*c);
          Read(Name(b.field));
          Write(Name(b.as ? *b.as : b.field));
          break;
        }
        case CommandKind::kStats: {
          const auto& s = static_cast<const StatsCommand&>(*c);
          for (const auto& a : s.aggregates) {
            if (a.field) Read(Name(*a.field));
            if (a.eval) ReadEval(*a.eval);
          }
          for (FieldId b : s.by) Read(Name(b));
          events_ = false;
          break;
        }
        case CommandKind::kEventstats: {
          const auto& s = *static_cast<const EventstatsCommand&>(*c).stats;
          for (const auto& a : s.aggregates) {
            if (a.field) Read(Name(*a.field));
          }
          for (FieldId b : s.by) Read(Name(b));
          for (const auto& a : s.aggregates) Write(Name(a.output));
          break;
        }
        case CommandKind::kConvert:
          for (const auto& v : static_cast<const ConvertCommand&>(*c).conversions) {
            if (HasWildcard(v.field)) continue;
            Read(v.field);
            Write(v.as ? Name(*v.as) : v.field);
          }
          break;
        case CommandKind::kRename:
          for (const auto& [from, to] : static_cast<const RenameCommand&>(*c).pairs) {
            if (HasWildcard(from)) {
              wildcard_renames.emplace_back(from, to);
              continue;
            }
            Read(from);
            Write(from);  // gone: a later read of it is null, not the event's field
            Write(to);
          }
          break;
        case CommandKind::kTable:
          for (const auto& f : static_cast<const TableCommand&>(*c).fields) Read(f);
          break;
        case CommandKind::kFields:
          for (const auto& f : static_cast<const FieldsCommand&>(*c).fields) Read(f);
          break;
        case CommandKind::kMvexpand: Read(Name(static_cast<const MvexpandCommand&>(*c).field)); break;
        case CommandKind::kFillnull:
          for (FieldId f : static_cast<const FillnullCommand&>(*c).fields) Read(Name(f));
          break;
        case CommandKind::kSpath: {
          const auto& s = static_cast<const SpathCommand&>(*c);
          Read(Name(s.input));
          if (s.output) Write(Name(*s.output));
          break;
        }
        default: break;
      }
    }
    // A later read of `x` after `rename p.* as *` reads `p.x`.
    for (auto it = wildcard_renames.rbegin(); it != wildcard_renames.rend(); ++it) {
      std::vector<std::string> snapshot = names_;
      for (const auto& n : snapshot) {
        std::vector<std::string> caps;
        if (GlobCapture(n, it->second, &caps)) Add(GlobSubstitute(it->first, caps));
      }
    }
  }
  // The event fields read, in first-read order.
  const std::vector<std::string>& names() const { return names_; }

 private:
  void Add(const std::string& name) {
    if (seen_.insert(name).second) names_.push_back(name);
  }
  void Read(const std::string& name) {
    if (events_ && !written_.count(name)) Add(name);
  }
  void Write(const std::string& name) { written_.insert(name); }
  void ReadSearch(const SearchExpr& e) {
    std::vector<FieldId> ids;
    CollectFields(e, ids);
    for (FieldId id : ids) Read(Name(id));
  }
  void ReadEval(const EvalExpr& e) {
    std::vector<FieldId> ids;
    CollectFields(e, ids);
    for (FieldId id : ids) Read(Name(id));
  }

  bool events_ = true;
  std::vector<std::string> names_;
  std::set<std::string> seen_;
  std::set<std::string> written_;
};

class PipelineCompiler {
 public:
  PipelineCompiler(const SqlTarget& target, const Profile* profile)
      : sql_(target.dialect), target_(target), profile_(profile) {}

  CompiledSql Compile(const QueryPlan& plan) {
    if (!plan.subsearches().empty()) throw SqlUnsupported("subsearches (join, append)");
    if (target_.timezone != "UTC") throw SqlUnsupported("--tz other than UTC (the SQL formats times in UTC)");
    const Pipeline& pipeline = plan.pipeline();
    FieldCollector fields;
    fields.Collect(pipeline);
    CheckRawUses(pipeline);
    BuildEvents(fields.names());
    for (const auto& c : pipeline.commands) Command(*c);
    if (!plan.columns()) {
      throw SqlUnsupported("output columns that depend on the data (end the search with stats, table or fields)");
    }
    CompiledSql out;
    std::set<std::string> folded;
    for (FieldId id : *plan.columns()) {
      out.columns.push_back(Name(id));
      if (json_text_.count(Name(id))) JsonTextReaches(Name(id));
      if (Name(id) == "_raw") throw SqlUnsupported("_raw as a result column (the table has no raw event text)");
      // Trino and Spark fold identifier case: two result columns may not differ only in case.
      if (!sql_.duckdb() && !folded.insert(AsciiLower(Name(id))).second) {
        throw SqlUnsupported("result columns that differ only in case (" + Name(id) + ")");
      }
    }
    out.sql = Statement(out.columns);
    out.approximations = approximations_;
    return out;
  }

 private:
  // ---- relations ----

  // The column name a field gets inside the statement: readable, unique, and the same whatever
  // the dialect folds identifier case to.
  std::string Column(const std::string& field) {
    auto it = columns_.find(field);
    if (it != columns_.end()) return it->second;
    std::string base;
    for (char c : field) base += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
    // The prefix keeps names off every dialect's keywords (count, user, year, ...).
    if (base.size() > 40) base.resize(40);
    base = "c_" + base;
    std::string name = base;
    for (int n = 2; used_columns_.count(name); ++n) name = base + "_" + std::to_string(n);
    used_columns_.insert(name);
    columns_[field] = name;
    return name;
  }

  std::string SelectList(const std::vector<std::pair<std::string, SqlValue>>& items, bool final_names) {
    std::string out;
    for (const auto& [field, value] : items) {
      if (!final_names && value.type == SqlType::kNull) continue;  // a missing field needs no column
      std::string name = final_names ? sql_.Ident(field) : Column(field);
      std::string expr = value.type == SqlType::kNull ? NullOf() : value.sql;
      out += (out.empty() ? "" : ",\n") + expr + " AS " + name;
    }
    if (out.empty()) out = "1 AS " + Column("_empty");
    return out;
  }

  std::string NullOf() const { return sql_.spark() ? "CAST(NULL AS STRING)" : "CAST(NULL AS VARCHAR)"; }

  std::string FromClause() const {
    std::string out = "FROM " + from_;
    for (const auto& j : joins_) out += "\n" + j;
    if (!where_.empty()) {
      out += "\nWHERE ";
      for (size_t i = 0; i < where_.size(); ++i) out += (i ? "\n  AND " : "") + where_[i];
    }
    return out;
  }

  // Ends the current stage as a CTE whose columns are the fields in scope.
  void Materialize(const std::string& group_by = "", const std::string& what = "") {
    // The events relation and the profile's calculated fields have one CTE each; the others are
    // named by the command that ends them and numbered.
    ++stage_;
    std::string name = what == "events" || what == "calculated" ? what : (what.empty() ? "step" : what) + "_" + std::to_string(stage_);
    std::string body = "SELECT\n" + Indent(SelectList(scope_.fields(), false), "  ") + "\n" + FromClause() + group_by;
    ctes_.push_back(name + " AS (\n" + Indent(body, "  ") + "\n)");
    FieldScope next;
    for (const auto& [field, value] : scope_.fields()) {
      next.Set(field, value.type == SqlType::kNull ? SqlValue::Null() : SqlValue{Column(field), value.type});
    }
    scope_ = std::move(next);
    from_ = name;
    joins_.clear();
    where_.clear();
  }

  // Materialize only when the current stage is more than its relation's own columns.
  void MaterializeIfNeeded(const std::string& what) {
    bool plain = where_.empty() && joins_.empty();
    for (const auto& [field, value] : scope_.fields()) {
      if (value.type != SqlType::kNull && value.sql != Column(field)) plain = false;
    }
    if (!plain) Materialize("", what);
  }

  std::string Statement(const std::vector<std::string>& columns) {
    std::vector<std::pair<std::string, SqlValue>> items;
    for (const auto& c : columns) items.emplace_back(c, scope_.Get(c));
    std::string out;
    if (!ctes_.empty()) {
      out = "WITH\n";
      for (size_t i = 0; i < ctes_.size(); ++i) out += ctes_[i] + (i + 1 < ctes_.size() ? ",\n" : "\n");
    }
    out += "SELECT\n" + Indent(SelectList(items, true), "  ") + "\n" + FromClause() + ";\n";
    return out;
  }

  // ---- the events relation: raw fields, Splunk's own fields, the profile's derived fields ----

  void CheckRawUses(const Pipeline& pipeline) {
    for (const auto& c : pipeline.commands) {
      if (c->kind == CommandKind::kStats) continue;  // dc(_raw) / count(_raw) are checked there
      std::vector<FieldId> ids;
      if (c->kind == CommandKind::kSearch) CollectFields(*static_cast<const SearchCommand&>(*c).expr, ids);
      if (c->kind == CommandKind::kWhere) CollectFields(*static_cast<const WhereCommand&>(*c).expr, ids);
      if (c->kind == CommandKind::kEval) {
        for (const auto& a : static_cast<const EvalCommand&>(*c).assignments) CollectFields(*a.expr, ids);
      }
      for (FieldId id : ids) {
        if (Name(id) == "_raw") throw SqlUnsupported("_raw used in " + c->name + " (the table has no raw event text)");
      }
    }
  }

  SqlValue FromResolved(const ResolvedField& r, const std::string& field) {
    switch (r.kind) {
      case ResolvedField::Kind::kScalar: return {r.sql, SqlType::kString};
      case ResolvedField::Kind::kMulti: return {r.sql, SqlType::kMulti};
      case ResolvedField::Kind::kAbsent: return SqlValue::Null();
      case ResolvedField::Kind::kNotInTable:
        Approximate("the field " + field + " is not a column of the CloudTrail table: read as always missing");
        return SqlValue::Null();
    }
    return SqlValue::Null();
  }

  // The table's column for a field the profile derives: missing without a note when the table has
  // none (the profile produces it).
  SqlValue Quiet(const std::string& field) {
    ResolvedField r = ResolveCloudTrailField(sql_, field, "");
    if (r.kind == ResolvedField::Kind::kNotInTable) return SqlValue::Null();
    return FromResolved(r, field);
  }

  SqlValue Raw(const std::string& field) {
    return FromResolved(ResolveCloudTrailField(sql_, field, ""), field);
  }

  std::string Shaped() {
    auto col = [&](const char* f) { return Raw(f).sql; };
    return "(" + col("eventVersion") + " IS NOT NULL OR (" + col("eventName") + " IS NOT NULL AND " + col("eventSource") +
           " IS NOT NULL))";
  }

  SqlValue EventTime() {
    return {sql_.EventTimeEpoch(Raw("eventTime").sql), SqlType::kNumber};
  }

  // Splunk's own fields and the event's fields, before the profile.
  SqlValue BaseField(const std::string& field) {
    if (field == "_time") return EventTime();
    if (field == "source") {
      if (sql_.duckdb()) return {target_.reads_files() ? "filename" : NullOf(), SqlType::kString};
      return {sql_.trino() ? "\"$path\"" : "input_file_name()", SqlType::kString};
    }
    if (field == "sourcetype") return {"CASE WHEN " + Shaped() + " THEN 'aws:cloudtrail' ELSE '_json' END", SqlType::kString};
    if (field == "host") return {sql_.Str(target_.host), SqlType::kString};
    if (field == "index") return {"'main'", SqlType::kString};
    if (field == "_raw") return {RawText(), SqlType::kString};
    if (field.rfind("date_", 0) == 0) {
      static const std::set<std::string> kParts = {"second", "minute", "hour", "mday", "month", "year", "wday", "zone"};
      std::string part = field.substr(5);
      if (kParts.count(part)) {
        SqlValue t = EventTime();
        return {"CASE WHEN " + t.sql + " IS NOT NULL THEN " + sql_.DatePart(t.sql, part) + " END", SqlType::kString};
      }
    }
    static const std::set<std::string> kUnsupported = {"_indextime", "linecount", "punct", "splunk_server", "timestartpos", "timeendpos", "eventtype", "tag"};
    if (kUnsupported.count(field)) throw SqlUnsupported("the Splunk field " + field);
    return Raw(field);
  }

  // A text that is equal for two events exactly when every column of the table is (dc(_raw)).
  std::string RawText() {
    if (sql_.duckdb()) return "CAST(to_json(" + std::string(target_.reads_files() ? "ct" : target_.table) + ") AS VARCHAR)";
    if (sql_.spark()) return "to_json(struct(*))";
    std::string cols;
    for (const auto& c : CloudTrailColumns()) cols += (cols.empty() ? "" : ", ") + SchemaName(sql_, c.name);
    return "json_format(CAST(ROW(" + cols + ") AS JSON))";
  }

  // The events relation: one column per event field the query reads, the profile's derived ones
  // included. Lookups read the calculated fields, so with lookups the calculated fields are one CTE
  // and the lookups a second one over its columns (instead of repeating each calculation in every
  // CASE branch).
  void BuildEvents(const std::vector<std::string>& needed) {
    SourceRelation();
    Projection wanted;
    for (const auto& n : needed) wanted.AddField(n);
    // The profile's fields are not read from the table (the ELSE branch below reads the table's
    // column, if any, for events that are not CloudTrail-shaped).
    std::set<std::string> profile_fields;
    if (profile_ != nullptr) {
      for (const auto& f : profile_->DerivedFields()) profile_fields.insert(f);
    }
    FieldScope base;
    for (const auto& n : needed) base.Set(n, profile_fields.count(n) ? Quiet(n) : BaseField(n));
    std::set<std::string> derived;
    std::vector<const AutomaticLookup*> lookups;
    std::vector<std::string> columns = needed;  // the fields of the first CTE
    std::optional<BoundProfile> bound;
    if (profile_ != nullptr) {
      bound.emplace(*profile_, wanted);
      for (const auto& n : bound->input_fields()) {
        if (!base.Has(n)) base.Set(n, BaseField(n));
      }
      // 1. aliases, 2. calculated fields (all reading the aliased fields), 3. lookups.
      FieldScope aliased = base;
      for (const FieldAlias* a : bound->aliases()) {
        SqlValue v = base.Get(a->source);
        if (a->keep_existing && aliased.Has(a->target) && aliased.Get(a->target).type != SqlType::kNull) {
          v = Coalesce(aliased.Get(a->target), v);
        }
        aliased.Set(a->target, v);
        derived.insert(a->target);
      }
      FieldScope calculated = aliased;
      ExprToSql expr(sql_, aliased);
      for (const CalculatedField* c : bound->calculated_fields()) {
        SqlValue v = expr.Eval(*c->expr);
        if (v.type == SqlType::kBool) throw SqlUnsupported("the profile's " + c->field + " is a condition");
        calculated.Set(c->field, v);
        derived.insert(c->field);
      }
      base = calculated;
      lookups = bound->lookups();
      for (const AutomaticLookup* l : lookups) {
        for (const auto& in : l->inputs) {
          if (std::find(columns.begin(), columns.end(), in.field) == columns.end()) columns.push_back(in.field);
        }
      }
    }
    // Only CloudTrail-shaped events get the profile (the others are sourcetype _json).
    std::string shaped = derived.empty() && lookups.empty() ? "" : Shaped();
    for (const auto& n : columns) scope_.Set(n, derived.count(n) ? ShapedOnly(base.Get(n), n, shaped) : base.Get(n));
    if (lookups.empty()) {
      Materialize("", "events");
      return;
    }
    const std::string kShaped = "_cloudtrail_shaped";
    scope_.Set(kShaped, {shaped, SqlType::kBool});
    Materialize("", "calculated");
    std::string shaped_column = scope_.Get(kShaped).sql;
    scope_.Remove(kShaped);
    // A lookup's outputs that neither the query nor a later lookup reads are not computed.
    std::set<std::string> wanted_outputs(needed.begin(), needed.end());
    for (const AutomaticLookup* l : lookups) {
      for (const auto& in : l->inputs) wanted_outputs.insert(in.field);
    }
    std::set<std::string> looked_up;
    FieldScope after = scope_;
    for (const AutomaticLookup* l : lookups) ProfileLookup(*l, after, looked_up, wanted_outputs);
    for (const auto& n : looked_up) {
      if (Quiet(n).type != SqlType::kNull) throw SqlUnsupported("a profile lookup writing the table's own column " + n);
      after.Set(n, ShapedOnly(after.Get(n), n, shaped_column));
    }
    FieldScope out;
    for (const auto& n : needed) out.Set(n, after.Get(n));
    scope_ = std::move(out);
    Materialize("", "events");
  }

  // A derived value for CloudTrail-shaped events; the table's own column (if any) for the others.
  SqlValue ShapedOnly(SqlValue v, const std::string& field, const std::string& shaped) {
    if (v.type == SqlType::kNull) return v;
    SqlValue raw = Quiet(field);
    ExprToSql e(sql_, scope_);
    if (raw.type == SqlType::kMulti && v.type != SqlType::kMulti) v = {e.Multi(v), SqlType::kMulti};
    std::string otherwise;
    if (raw.type != SqlType::kNull) otherwise = " ELSE " + (v.type == SqlType::kMulti ? e.Multi(raw) : raw.sql);
    return {"CASE WHEN " + shaped + " THEN " + v.sql + otherwise + " END", v.type};
  }

  SqlValue Coalesce(const SqlValue& a, const SqlValue& b) {
    if (a.type == SqlType::kNull) return b;
    if (b.type == SqlType::kNull) return a;
    ExprToSql e(sql_, scope_);
    if (a.type == SqlType::kMulti || b.type == SqlType::kMulti) {
      return {"COALESCE(" + e.Multi(a) + ", " + e.Multi(b) + ")", SqlType::kMulti};
    }
    if (a.type == b.type) return {"COALESCE(" + a.sql + ", " + b.sql + ")", a.type};
    return {"COALESCE(" + e.Text(a) + ", " + e.Text(b) + ")", SqlType::kString};
  }

  void ProfileLookup(const AutomaticLookup& l, FieldScope& scope, std::set<std::string>& derived,
                     const std::set<std::string>& wanted);

  void SourceRelation() {
    if (!sql_.duckdb() || !target_.reads_files()) {
      from_ = target_.table;
      return;
    }
    auto list = [&](const std::vector<std::string>& files) {
      std::string out;
      for (const auto& f : files) out += (out.empty() ? "" : ", ") + sql_.Str(f);
      return "[" + out + "]";
    };
    std::string parts;
    if (!target_.document_files.empty()) {
      // S3 delivery files hold {"Records": [...]}; a document may also be one event object.
      ctes_.push_back("documents AS (\n  SELECT * FROM read_json(" + list(target_.document_files) +
                      ",\n    format = 'unstructured', records = true, maximum_object_size = 1073741824, filename = true,\n"
                      "    columns = " + DuckDbReadJsonColumns(true) + ")\n)");
      parts = "  SELECT unnest(r), filename FROM (SELECT unnest(\"Records\") AS r, filename FROM documents WHERE \"Records\" IS NOT NULL)\n"
              "  UNION ALL BY NAME\n"
              "  SELECT * EXCLUDE (\"Records\") FROM documents WHERE \"Records\" IS NULL";
    }
    if (!target_.line_files.empty()) {
      // One event per line; a line that is not JSON is skipped (and counted by trailhound).
      ctes_.push_back("lines AS (\n  SELECT * FROM read_json(" + list(target_.line_files) +
                      ",\n    format = 'newline_delimited', ignore_errors = true, maximum_object_size = 1073741824, filename = true,\n"
                      "    columns = " + DuckDbReadJsonColumns(false) + ")\n)");
      parts += std::string(parts.empty() ? "" : "\n  UNION ALL BY NAME\n") + "  SELECT * FROM lines";
    }
    // A line DuckDB skips as malformed comes back as a row of nulls: not an event.
    std::string any;
    for (const auto& c : CloudTrailColumns()) any += (any.empty() ? "" : " OR ") + sql_.Ident(c.name) + " IS NOT NULL";
    ctes_.push_back("ct AS (\n  SELECT * FROM (\n" + Indent(parts, "  ") + "\n  )\n  WHERE " + any + "\n)");
    from_ = "ct";
  }

  void Approximate(const std::string& what) {
    if (std::find(approximations_.begin(), approximations_.end(), what) == approximations_.end()) approximations_.push_back(what);
  }

  // ---- commands ----

  // ---- where spath's JSON text can change results ----

  void JsonTextReaches(const std::string& field) {
    Approximate("spath writes objects and arrays as JSON text in the engine's own spacing and escapes, and " + field +
                " (which may hold such text) reaches the results");
  }

  // A text literal that no JSON object or array text can equal.
  static bool PlainLiteral(const std::string& v) { return v.empty() || (v[0] != '{' && v[0] != '[' && v[0] != ' '); }

  void CheckSearch(const SearchExpr& e) {
    if (e.kind == SearchExpr::Kind::kCompare || e.kind == SearchExpr::Kind::kIn) {
      std::string f = Name(e.field);
      if (!json_text_.count(f)) return;
      std::vector<std::string> patterns = e.kind == SearchExpr::Kind::kIn ? e.values : std::vector<std::string>{e.value};
      for (const auto& p : patterns) {
        bool ok = p == "*" || ((e.op == "=" || e.op == "!=" || e.kind == SearchExpr::Kind::kIn) && !HasWildcard(p) && PlainLiteral(p));
        if (!ok) JsonTextReaches(f);
      }
      return;
    }
    for (const auto& c : e.children) CheckSearch(*c);
  }

  // `target` is the eval field the expression is assigned to (empty for where).
  void CheckEval(const EvalExpr& e, const std::string& target) {
    auto is_text_field = [&](const EvalExpr& x) { return x.kind == EvalExpr::Kind::kField && json_text_.count(Name(x.field)); };
    if (e.kind == EvalExpr::Kind::kField) {
      if (is_text_field(e)) JsonTextReaches(Name(e.field));
      return;
    }
    if (e.kind == EvalExpr::Kind::kBinary && (e.op == "=" || e.op == "==" || e.op == "!=")) {
      // Equality with a plain literal is decided the same whatever the spacing.
      for (int side = 0; side < 2; ++side) {
        const EvalExpr& a = *e.args[side];
        const EvalExpr& b = *e.args[1 - side];
        if (is_text_field(a) && b.kind == EvalExpr::Kind::kLiteral && PlainLiteral(b.literal.AsString())) {
          CheckEval(b, "");
          return;
        }
      }
    }
    if (e.kind == EvalExpr::Kind::kCall && (e.name == "mvappend" || e.name == "coalesce") && !target.empty()) {
      // The values pass through unchanged: the target holds JSON text in its turn.
      bool passes = false;
      for (const auto& a : e.args) {
        if (is_text_field(*a)) passes = true;
        else CheckEval(*a, "");
      }
      if (passes) json_text_.insert(target);
      return;
    }
    for (const auto& a : e.args) CheckEval(*a, "");
  }

  // Aggregating JSON text (other than counting it) or grouping by it reads its spelling.
  void CheckAggregates(const StatsCommand& s) {
    for (const auto& a : s.aggregates) {
      if (a.field && json_text_.count(Name(*a.field)) && a.function != "count") JsonTextReaches(Name(*a.field));
    }
    for (FieldId b : s.by) {
      if (json_text_.count(Name(b))) JsonTextReaches(Name(b));
    }
  }

  void CheckJsonText(const trailhound::Command& c) {
    if (json_text_.empty()) return;
    switch (c.kind) {
      case CommandKind::kSearch: CheckSearch(*static_cast<const SearchCommand&>(c).expr); return;
      case CommandKind::kWhere: CheckEval(*static_cast<const WhereCommand&>(c).expr, ""); return;
      case CommandKind::kEval:
        for (const auto& a : static_cast<const EvalCommand&>(c).assignments) {
          json_text_.erase(Name(a.target));
          CheckEval(*a.expr, Name(a.target));
        }
        return;
      case CommandKind::kStats:
        CheckAggregates(static_cast<const StatsCommand&>(c));
        json_text_.clear();  // only the results are left
        return;
      case CommandKind::kTable:
        for (const auto& f : static_cast<const TableCommand&>(c).fields) {
          if (json_text_.count(f)) JsonTextReaches(f);
        }
        return;
      case CommandKind::kEventstats: CheckAggregates(*static_cast<const EventstatsCommand&>(c).stats); return;
      case CommandKind::kRename:
        for (const auto& [from, to] : static_cast<const RenameCommand&>(c).pairs) {
          if (json_text_.count(from)) json_text_.insert(to);
        }
        return;
      default: return;
    }
  }

  void Command(const trailhound::Command& c) {
    CheckJsonText(c);
    ExprToSql expr(sql_, scope_);
    switch (c.kind) {
      case CommandKind::kSearch: {
        std::string cond = expr.Search(*static_cast<const SearchCommand&>(c).expr);
        if (cond != "TRUE") where_.push_back(cond);
        return;
      }
      case CommandKind::kWhere: {
        SqlValue v = expr.Eval(*static_cast<const WhereCommand&>(c).expr);
        where_.push_back(expr.Truth(v));
        return;
      }
      case CommandKind::kEval:
        for (const auto& a : static_cast<const EvalCommand&>(c).assignments) {
          ExprToSql e(sql_, scope_);
          SqlValue v = e.Eval(*a.expr);
          if (v.type == SqlType::kBool) throw SqlUnsupported("eval assigning a condition to " + Name(a.target));
          scope_.Set(Name(a.target), v);
        }
        return;
      case CommandKind::kBin: Bin(static_cast<const BinCommand&>(c)); return;
      case CommandKind::kStats: Stats(static_cast<const StatsCommand&>(c)); return;
      case CommandKind::kConvert: Convert(static_cast<const ConvertCommand&>(c)); return;
      case CommandKind::kRename: Rename(static_cast<const RenameCommand&>(c)); return;
      case CommandKind::kTable: {
        FieldScope next;
        for (const auto& f : static_cast<const TableCommand&>(c).fields) {
          if (HasWildcard(f)) throw SqlUnsupported("table with a wildcard (" + f + ")");
          next.Set(f, scope_.Get(f));
        }
        scope_ = std::move(next);
        return;
      }
      case CommandKind::kFields: {
        const auto& f = static_cast<const FieldsCommand&>(c);
        for (const auto& name : f.fields) {
          if (HasWildcard(name)) throw SqlUnsupported("fields with a wildcard (" + name + ")");
        }
        FieldScope next;
        if (f.remove) {
          next = scope_;
          for (const auto& name : f.fields) next.Remove(name);
        } else {
          for (const auto& name : f.fields) next.Set(name, scope_.Get(name));
        }
        scope_ = std::move(next);
        return;
      }
      case CommandKind::kFillnull: Fillnull(static_cast<const FillnullCommand&>(c)); return;
      case CommandKind::kMvexpand: Mvexpand(static_cast<const MvexpandCommand&>(c)); return;
      case CommandKind::kSpath: Spath(static_cast<const SpathCommand&>(c)); return;
      case CommandKind::kEventstats: Eventstats(static_cast<const EventstatsCommand&>(c)); return;
      default: throw SqlUnsupported("the " + c.name + " command");
    }
  }

  void Bin(const BinCommand& b) {
    if (!b.time_span) throw SqlUnsupported("bin with a numeric span");
    if (b.span_months) throw SqlUnsupported("bin with a span in months");
    if (b.aligntime && b.span_seconds < 86400) throw SqlUnsupported("bin with aligntime");
    SqlValue v = scope_.Get(Name(b.field));
    if (v.type == SqlType::kNull) {
      scope_.Set(Name(b.as ? *b.as : b.field), SqlValue::Null());
      return;
    }
    if (v.type == SqlType::kMulti) throw SqlUnsupported("bin on a multivalue field");
    std::string t = v.type == SqlType::kNumber ? v.sql : sql_.TryDouble(v.sql);
    std::string span = sql_.Num(b.span_seconds);
    // A double division: Trino divides two integers as integers.
    scope_.Set(Name(b.as ? *b.as : b.field), {"CAST(floor(CAST(" + t + " AS DOUBLE) / " + span + ") * " + span + " AS BIGINT)", SqlType::kNumber});
  }

  void Convert(const ConvertCommand& c) {
    for (const auto& conv : c.conversions) {
      if (conv.function == "none") continue;
      if (conv.function != "ctime") throw SqlUnsupported("convert " + conv.function + "()");
      if (HasWildcard(conv.field)) throw SqlUnsupported("convert on a wildcard field");
      SqlValue v = scope_.Get(conv.field);
      std::string target = conv.as ? Name(*conv.as) : conv.field;
      if (v.type == SqlType::kNull) continue;  // a missing field is left alone
      if (v.type == SqlType::kMulti) throw SqlUnsupported("convert ctime on a multivalue field");
      std::string epoch = v.type == SqlType::kNumber ? v.sql : sql_.TryDouble(v.sql);
      auto text = sql_.FormatEpoch(epoch, c.timeformat);
      if (!text) throw SqlUnsupported("the time format " + c.timeformat);
      // A value that is not a number is left unchanged.
      scope_.Set(target, {v.type == SqlType::kNumber ? *text : "COALESCE(" + *text + ", " + v.sql + ")", SqlType::kString});
    }
  }

  void Rename(const RenameCommand& r) {
    for (const auto& [from, to] : r.pairs) {
      if (!HasWildcard(from)) {
        if (from == to) continue;
        SqlValue v = scope_.Get(from);
        scope_.Remove(from);
        scope_.Set(to, v);
        continue;
      }
      // Each field the pattern matches moves; per row only when it has a value.
      struct Move {
        std::string src, dst;
        SqlValue value;
      };
      std::vector<Move> moves;
      for (const auto& [field, value] : scope_.fields()) {
        std::vector<std::string> caps;
        if (!GlobCapture(field, from, &caps)) continue;
        std::string dst = GlobSubstitute(to, caps);
        if (dst.empty() || dst == field) continue;
        moves.push_back({field, dst, value});
      }
      FieldScope before = scope_;
      for (const auto& m : moves) scope_.Remove(m.src);
      for (const auto& m : moves) {
        bool dst_moved_away = std::any_of(moves.begin(), moves.end(), [&](const Move& o) { return o.src == m.dst; });
        SqlValue old = dst_moved_away ? SqlValue::Null() : before.Get(m.dst);
        scope_.Set(m.dst, Coalesce(m.value, old));
      }
    }
  }

  void Fillnull(const FillnullCommand& f) {
    ExprToSql e(sql_, scope_);
    std::string value = sql_.Str(f.value);
    auto filled = [&](const SqlValue& v) -> SqlValue {
      if (v.type == SqlType::kNull) return {value, SqlType::kString};
      if (v.type == SqlType::kMulti) return {"COALESCE(" + v.sql + ", " + sql_.ArrayOf({value}) + ")", SqlType::kMulti};
      return {"COALESCE(" + e.Text(v) + ", " + value + ")", SqlType::kString};
    };
    if (!f.fields.empty()) {
      for (FieldId id : f.fields) scope_.Set(Name(id), filled(scope_.Get(Name(id))));
      return;
    }
    // Every field some row has: fill it where it is missing (a window over all rows).
    MaterializeIfNeeded("before_fillnull");
    FieldScope next;
    for (const auto& [field, v] : scope_.fields()) {
      if (v.type == SqlType::kNull) {
        next.Set(field, v);
        continue;
      }
      SqlValue fv = filled(v);
      next.Set(field, {"CASE WHEN count(" + v.sql + ") OVER () > 0 THEN " + fv.sql + " END", fv.type});
    }
    scope_ = std::move(next);
    Materialize("", "fillnull");  // later filters must not see the window
  }

  void Mvexpand(const MvexpandCommand& m) {
    if (m.limit) throw SqlUnsupported("mvexpand limit=");
    std::string field = Name(m.field);
    SqlValue v = scope_.Get(field);
    if (v.type == SqlType::kNull) {
      where_.push_back("FALSE");
      return;
    }
    if (v.type != SqlType::kMulti) {
      where_.push_back("(" + v.sql + " IS NOT NULL)");
      return;
    }
    MaterializeIfNeeded("before_mvexpand");
    std::string alias = "u" + std::to_string(++unnests_);
    joins_.push_back(sql_.UnnestJoin(scope_.Get(field).sql, alias, "v"));
    scope_.Set(field, {sql_.UnnestColumn(alias, "v"), SqlType::kString});
  }

  // spath input=F path=P: the value(s) at P of the JSON text in F. Objects and arrays come out as
  // JSON text, which the engine writes in its own spacing: where such text can reach the results
  // (see JsonTextUse) the statement is marked approximate.
  void Spath(const SpathCommand& c) {
    if (!c.path) throw SqlUnsupported("spath without path= (every field of the JSON, named by the data)");
    std::string input = Name(c.input);
    if (input == "_raw") throw SqlUnsupported("spath on _raw (the table has no raw event text)");
    SqlValue in = scope_.Get(input);
    std::string output = c.output ? Name(*c.output) : *c.path;
    if (in.type == SqlType::kNull) return;  // a missing input leaves the row as it is
    if (in.type != SqlType::kString) throw SqlUnsupported("spath on a multivalue or computed input");
    JsonKeys before, after;
    bool all = false;
    for (const auto& step : ParseJsonPath(*c.path, c.position)) {
      if (step.selectors.size() > 1 || (!step.selectors.empty() && step.selectors[0])) {
        throw SqlUnsupported("spath path with {N} or nested {} (" + *c.path + ")");
      }
      if (all && !step.selectors.empty()) throw SqlUnsupported("spath path with two {} steps (" + *c.path + ")");
      if (step.key) (all ? after : before).push_back(*step.key);
      if (!step.selectors.empty()) all = true;
    }
    auto when_valid = [&](const std::string& x) {
      std::string valid = sql_.JsonValid(in.sql);
      return valid == "TRUE" ? x : "CASE WHEN " + valid + " THEN " + x + " END";
    };
    SqlValue found;
    if (!all) {
      found = {when_valid(sql_.JsonValue(in.sql, before)), SqlType::kString};
    } else {
      std::string nodes = sql_.JsonNodes(in.sql, before);
      std::string each = after.empty() ? sql_.JsonNodeText("n") : sql_.JsonValue("n", after);
      std::string values = sql_.Filter(sql_.Transform(nodes, "n", each), "v", "v IS NOT NULL");
      found = {when_valid(sql_.NullIfEmpty(values)), SqlType::kMulti};
    }
    scope_.Set(output, Coalesce(found, scope_.Get(output)));
    json_text_.insert(output);
    Materialize("", "spath");  // a column, so that later expressions name it instead of repeating it
  }

  // eventstats: the aggregates as window functions over the by-groups, added to each row. A row
  // missing a by-field gets nothing; a null result leaves the row's field as it was.
  void Eventstats(const EventstatsCommand& c) {
    const StatsCommand& s = *c.stats;
    if (s.dedup_splitvals) throw SqlUnsupported("eventstats dedup_splitvals");
    MaterializeIfNeeded("before_eventstats");  // the window sees the rows that passed the filters so far
    std::string partition, all_by;
    bool null_by = false;
    for (FieldId b : s.by) {
      SqlValue v = scope_.Get(Name(b));
      if (v.type == SqlType::kNull) null_by = true;
      if (v.type == SqlType::kMulti) throw SqlUnsupported("eventstats by a multivalue field");
      if (v.type == SqlType::kBool) throw SqlUnsupported("eventstats by a condition");
      if (v.type == SqlType::kNull) continue;
      partition += (partition.empty() ? "" : ", ") + v.sql;
      all_by += (all_by.empty() ? "" : " AND ") + v.sql + " IS NOT NULL";
    }
    std::string window = " OVER (" + (partition.empty() ? std::string() : "PARTITION BY " + partition) + ")";
    FieldScope next = scope_;
    for (const auto& a : s.aggregates) {
      if (a.field_pattern) throw SqlUnsupported("eventstats with a wildcard field");
      if (a.eval) throw SqlUnsupported(a.function + "(eval(...)) in eventstats");
      std::string out = Name(a.output);
      if (null_by) continue;  // no row joins a group: every row is left as it is
      SqlValue v = a.field ? scope_.Get(Name(*a.field)) : SqlValue::Null();
      if (v.type == SqlType::kMulti) throw SqlUnsupported("eventstats of a multivalue field");
      const std::string& f = a.function;
      std::string x = v.type == SqlType::kNumber ? v.sql : sql_.TryDouble(v.sql);
      std::string agg;
      SqlType type = SqlType::kNumber;
      if (f == "count") {
        agg = a.field ? (v.type == SqlType::kNull ? "0" : "count(" + v.sql + ")" + window) : "count(*)" + window;
      } else if (v.type == SqlType::kNull) {
        continue;  // an aggregate of no values is null: the row keeps its field
      } else if (f == "sum" || f == "avg" || f == "mean") {
        agg = std::string(f == "sum" ? "sum(" : "avg(") + x + ")" + window;
      } else if ((f == "min" || f == "max") && v.type == SqlType::kNumber) {
        agg = f + "(" + v.sql + ")" + window;
      } else if (f == "stdev" || f == "var") {
        // SPL's sample statistics are 0, not null, for a single value.
        std::string fn = f == "stdev" ? "stddev_samp(" : "var_samp(";
        agg = "CASE WHEN count(" + x + ")" + window + " = 1 THEN 0 ELSE " + fn + x + ")" + window + " END";
      } else if (f == "stdevp" || f == "varp") {
        agg = std::string(f == "stdevp" ? "stddev_pop(" : "var_pop(") + x + ")" + window;
      } else {
        throw SqlUnsupported("eventstats " + f + "()");
      }
      if (!all_by.empty()) agg = "CASE WHEN " + all_by + " THEN " + agg + " END";
      next.Set(out, Coalesce({agg, type}, scope_.Get(out)));
    }
    scope_ = std::move(next);
    Materialize("", "eventstats");  // later filters must not see the window
  }

  void Stats(const StatsCommand& s) {
    if (s.dedup_splitvals) throw SqlUnsupported("stats dedup_splitvals");
    ExprToSql e(sql_, scope_);
    std::vector<std::pair<std::string, SqlValue>> items;
    std::vector<std::string> groups;
    bool no_groups = false;
    for (const auto& a : s.aggregates) {
      for (FieldId b : s.by) {
        if (!a.field_pattern && a.output == b) throw SqlUnsupported("a stats result named like its by-field " + Name(b));
      }
    }
    for (FieldId b : s.by) {
      std::string name = Name(b);
      SqlValue v = scope_.Get(name);
      if (v.type == SqlType::kNull) {
        no_groups = true;  // every event lacks the by-field: no group at all
        items.emplace_back(name, SqlValue::Null());
        continue;
      }
      if (v.type == SqlType::kBool) throw SqlUnsupported("stats by a condition");
      if (name == "_raw") throw SqlUnsupported("stats by _raw (the table has no raw event text)");
      if (v.type == SqlType::kMulti) {
        // Each value of a multivalue by-field is a group of its own.
        std::string alias = "u" + std::to_string(++unnests_);
        joins_.push_back(sql_.UnnestJoin(v.sql, alias, "v"));
        v = {sql_.UnnestColumn(alias, "v"), SqlType::kString};
      }
      where_.push_back("(" + v.sql + " IS NOT NULL)");
      items.emplace_back(name, v);
      groups.push_back(std::to_string(items.size()));
    }
    for (const auto& a : s.aggregates) {
      if (a.field_pattern) throw SqlUnsupported("stats with a wildcard field (" + *a.field_pattern + ")");
      if (a.eval) throw SqlUnsupported(a.function + "(eval(...))");
      items.emplace_back(Name(a.output), Aggregate(a, e));
    }
    std::string group_by;
    if (!groups.empty()) {
      group_by = "\nGROUP BY ";
      for (size_t i = 0; i < groups.size(); ++i) group_by += (i ? ", " : "") + groups[i];
    }
    // Without GROUP BY an aggregate gives one row even over no rows; a missing by-field gives none.
    if (no_groups) group_by += "\nHAVING FALSE";
    FieldScope out;
    for (const auto& [name, v] : items) out.Set(name, v);
    scope_ = std::move(out);
    Materialize(group_by, "stats");
  }

  SqlValue Aggregate(const AggregateSpec& a, const ExprToSql& e) {
    const std::string& f = a.function;
    if (!a.field) {
      if (f == "count") return {"count(*)", SqlType::kNumber};
      throw SqlUnsupported(f + "() without a field");
    }
    std::string field = Name(*a.field);
    SqlValue v = scope_.Get(field);
    bool multi = v.type == SqlType::kMulti;
    if (field == "_raw" && f != "dc" && f != "count") throw SqlUnsupported(f + "(_raw)");
    if (v.type == SqlType::kNull) {
      if (f == "count" || f == "dc") return {"0", SqlType::kNumber};
      return SqlValue::Null();
    }
    if (f == "count") {
      if (multi) return {"COALESCE(sum(" + sql_.Length(v.sql) + "), 0)", SqlType::kNumber};
      return {"count(" + v.sql + ")", SqlType::kNumber};
    }
    if (f == "dc" || f == "distinct_count") {
      if (multi) {
        return {"COALESCE(" + sql_.Length(sql_.Distinct(sql_.Flatten(sql_.CollectList(v.sql)))) + ", 0)", SqlType::kNumber};
      }
      return {sql_.CountDistinct(e.Text(v)), SqlType::kNumber};
    }
    if (f == "values") {
      std::string all = multi ? sql_.Flatten(sql_.CollectList(v.sql)) : sql_.CollectList(e.Text(v));
      return {sql_.NullIfEmpty(sql_.SortDistinct(all)), SqlType::kMulti};
    }
    if (f == "min" || f == "max") {
      if (multi) throw SqlUnsupported(f + "() of a multivalue field");
      if (v.type == SqlType::kNumber) return {f + "(" + v.sql + ")", SqlType::kNumber};
      // Numbers sort below texts: min is the smallest number if any, max the largest text if any.
      std::string num = f + "(" + sql_.TryDouble(v.sql) + ")";
      std::string text = f + "(CASE WHEN " + sql_.TryDouble(v.sql) + " IS NULL THEN " + v.sql + " END)";
      if (f == "min") return {"COALESCE(" + sql_.NumberText(num) + ", " + text + ")", SqlType::kString};
      return {"COALESCE(" + text + ", " + sql_.NumberText(num) + ")", SqlType::kString};
    }
    if (f == "sum" || f == "avg" || f == "mean") {
      if (multi) throw SqlUnsupported(f + "() of a multivalue field");
      std::string x = v.type == SqlType::kNumber ? v.sql : sql_.TryDouble(v.sql);
      return {std::string(f == "sum" ? "sum(" : "avg(") + x + ")", SqlType::kNumber};
    }
    throw SqlUnsupported("the stats function " + f + "()");
  }

  SqlSpelling sql_;
  const SqlTarget& target_;
  const Profile* profile_;
  std::vector<std::string> ctes_;
  std::string from_;
  std::vector<std::string> joins_;
  std::vector<std::string> where_;
  FieldScope scope_;
  std::map<std::string, std::string> columns_;
  std::set<std::string> used_columns_;
  std::vector<std::string> approximations_;
  std::set<std::string> json_text_;  // fields spath filled (may hold re-serialized JSON text)
  int stage_ = 0;
  int unnests_ = 0;
};

// An automatic lookup as CASE expressions over the table's rows (in file order, so the first
// matching row wins as with max_matches=1), grouped by the first exact-match column so that the
// statement stays readable. No join: the tables are small and the CASE reads the same everywhere.
void PipelineCompiler::ProfileLookup(const AutomaticLookup& l, FieldScope& scope, std::set<std::string>& derived,
                                     const std::set<std::string>& wanted) {
  const LookupTable& t = *l.table;
  const LookupMatchOptions& o = t.options();
  if (!o.cidr_columns.empty()) throw SqlUnsupported("the profile's lookup " + l.name + " (CIDR matching)");
  auto wildcard = [&](size_t column) {
    return std::find(o.wildcard_columns.begin(), o.wildcard_columns.end(), t.columns()[column]) != o.wildcard_columns.end();
  };
  ExprToSql e(sql_, scope);
  std::vector<std::string> inputs;
  for (const auto& b : l.inputs) {
    SqlValue v = scope.Get(b.field);
    if (v.type == SqlType::kMulti) throw SqlUnsupported("the profile's lookup " + l.name + " on the multivalue field " + b.field);
    std::string text = v.type == SqlType::kNull ? "CAST(NULL AS " + std::string(sql_.spark() ? "STRING" : "VARCHAR") + ")" : e.Text(v);
    inputs.push_back(o.case_sensitive ? text : "lower(" + text + ")");
  }
  // More than one matching row would make a multivalue: allowed only where it cannot happen.
  bool single = o.max_matches <= 1;
  if (!single) {
    std::set<std::vector<std::string>> keys;
    single = true;
    for (size_t r = 0; r < t.row_count() && single; ++r) {
      std::vector<std::string> key;
      for (const auto& b : l.inputs) {
        if (wildcard(b.column_index) && t.Cell(r, b.column_index).find('*') != std::string::npos) single = false;
        key.push_back(t.Cell(r, b.column_index));
      }
      if (!keys.insert(key).second) single = false;
    }
    if (!single) throw SqlUnsupported("the profile's lookup " + l.name + " (several rows can match one event)");
  }
  auto cell_test = [&](size_t input, size_t row) {
    const auto& b = l.inputs[input];
    std::string cell = t.Cell(row, b.column_index);
    if (!o.case_sensitive) cell = AsciiLower(cell);
    if (wildcard(b.column_index) && cell.find('*') != std::string::npos) {
      if (cell == "*") return "(" + inputs[input] + " IS NOT NULL)";
      return "(" + sql_.Like(inputs[input], SqlSpelling::WildcardToLike(cell)) + ")";
    }
    return "(" + inputs[input] + " = " + sql_.Str(cell) + ")";
  };
  // The first input column that matches exactly groups the rows.
  std::optional<size_t> group;
  for (size_t i = 0; i < l.inputs.size(); ++i) {
    if (!wildcard(l.inputs[i].column_index)) {
      group = i;
      break;
    }
  }
  for (const auto& out : l.outputs) {
    if (!wanted.count(out.field)) continue;
    std::string fallback = o.min_matches > 0 ? sql_.Str(o.default_match) : "NULL";
    auto value = [&](size_t row) {
      const std::string& cell = t.Cell(row, out.column_index);
      return cell.empty() ? std::string("NULL") : sql_.Str(cell);
    };
    auto rows_case = [&](const std::vector<size_t>& rows, std::optional<size_t> skip) {
      std::string c = "CASE";
      for (size_t r : rows) {
        std::string cond;
        for (size_t i = 0; i < l.inputs.size(); ++i) {
          if (skip && *skip == i) continue;
          cond += (cond.empty() ? "" : " AND ") + cell_test(i, r);
        }
        c += "\n  WHEN " + (cond.empty() ? std::string("TRUE") : cond) + " THEN " + value(r);
        if (cond.empty()) break;  // later rows can never be reached
      }
      return c + "\n  ELSE " + fallback + " END";
    };
    std::string expr;
    if (group) {
      std::vector<std::string> order;
      std::map<std::string, std::vector<size_t>> rows;
      for (size_t r = 0; r < t.row_count(); ++r) {
        std::string key = t.Cell(r, l.inputs[*group].column_index);
        if (!o.case_sensitive) key = AsciiLower(key);
        if (!rows.count(key)) order.push_back(key);
        rows[key].push_back(r);
      }
      expr = "CASE " + inputs[*group];
      for (const auto& key : order) expr += "\nWHEN " + sql_.Str(key) + " THEN " + rows_case(rows[key], group);
      expr += "\nELSE " + fallback + " END";
    } else {
      std::vector<size_t> all;
      for (size_t r = 0; r < t.row_count(); ++r) all.push_back(r);
      expr = rows_case(all, std::nullopt);
    }
    // A lookup needs all its inputs.
    std::string present;
    for (const auto& in : inputs) present += (present.empty() ? "" : " AND ") + in + " IS NOT NULL";
    SqlValue found{"CASE WHEN " + present + " THEN " + expr + " END", SqlType::kString};
    if (l.mode == LookupOutputMode::kOutputNew) found = Coalesce(scope.Get(out.field), found);
    scope.Set(out.field, found);
    derived.insert(out.field);
  }
}

}  // namespace

CompiledSql CompileToSql(const QueryPlan& plan, const Profile* profile, const SqlTarget& target) {
  PipelineCompiler compiler(target, profile);
  return compiler.Compile(plan);
}

}  // namespace trailhound
