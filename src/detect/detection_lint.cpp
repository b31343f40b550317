#include "detect/detection_lint.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "common/error.hpp"
#include "detect/content_files.hpp"
#include "detect/spl_usage_scan.hpp"
#include "functions/aggregate_function.hpp"
#include "functions/scalar_function.hpp"
#include "plan/query_plan.hpp"
#include "profile/profile.hpp"
#include "spl/macro_expander.hpp"
#include "spl/pipeline_parser.hpp"
#include "spl/row_command_ast.hpp"
#include "sql/sql_compiler.hpp"

namespace trailhound {

namespace fs = std::filesystem;

namespace {

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// Fields every Splunk event has, whatever its sourcetype.
bool IsSplunkDefaultField(const std::string& field) {
  static const std::vector<std::string> kDefault = {"_time", "_raw", "_indextime", "source", "sourcetype", "host", "index",
                                                    "linecount", "punct", "splunk_server", "eventtype", "tag", "timestartpos",
                                                    "timeendpos"};
  return std::find(kDefault.begin(), kDefault.end(), field) != kDefault.end() || field.rfind("date_", 0) == 0;
}

// Whether `field` is a listed raw field or lies below one (a.b covers a.b.c and a.b{}.c).
bool IsRawField(const StringSet& raw, const std::string& field) {
  if (raw.contains(field)) return true;
  for (size_t i = 0; i < field.size(); ++i) {
    if ((field[i] == '.' || field[i] == '{') && raw.contains(field.substr(0, i))) return true;
  }
  return false;
}

// Fields the pipeline's own commands create (they are not read from events). Commands added
// later that create fields belong here too.
// Fields the commands of a plan (and of its join/append subsearches) create. `open` is set
// when a bare spath or an output-less lookup creates fields only the data can name.
void CollectCreatedFields(const QueryPlan& plan, StringSet& created, bool& open) {
  auto add = [&](FieldId id) { created.insert(FieldNames::Name(id)); };
  for (const auto& sub : plan.subsearches()) CollectCreatedFields(*sub, created, open);
  for (const auto& cmd : plan.pipeline().commands) {
    switch (cmd->kind) {
      case CommandKind::kEval:
        for (const auto& a : static_cast<const EvalCommand&>(*cmd).assignments) add(a.target);
        break;
      case CommandKind::kBin:
        if (auto as = static_cast<const BinCommand&>(*cmd).as) add(*as);
        break;
      case CommandKind::kConvert:
        for (const auto& c : static_cast<const ConvertCommand&>(*cmd).conversions) {
          if (c.as) add(*c.as);
        }
        break;
      case CommandKind::kRename:
        for (const auto& [from, to] : static_cast<const RenameCommand&>(*cmd).pairs) created.insert(to);
        break;
      case CommandKind::kStats:
        for (const auto& a : static_cast<const StatsCommand&>(*cmd).aggregates) add(a.output);
        break;
      case CommandKind::kEventstats:
        for (const auto& a : static_cast<const EventstatsCommand&>(*cmd).stats->aggregates) add(a.output);
        break;
      case CommandKind::kSpath: {
        const auto& sp = static_cast<const SpathCommand&>(*cmd);
        if (!sp.path) {
          open = true;
        } else {
          sp.output ? add(*sp.output) : void(created.insert(*sp.path));
        }
        break;
      }
      case CommandKind::kRex: {
        const auto& r = static_cast<const RexCommand&>(*cmd);
        for (const auto& g : r.group_fields) {
          if (g) add(*g);
        }
        if (r.offset_field) add(*r.offset_field);
        break;
      }
      case CommandKind::kFillnull:
        for (FieldId f : static_cast<const FillnullCommand&>(*cmd).fields) add(f);
        break;
      case CommandKind::kAnomalyDetection:
        for (const char* f : kAnomalyAnnotationFields) created.insert(f);
        break;
      case CommandKind::kLookup: {
        const auto& l = static_cast<const LookupCommand&>(*cmd);
        if (!l.has_output_clause) open = true;
        for (const auto& o : l.outputs) add(o.field);
        break;
      }
      case CommandKind::kInputlookup: open = true; break;
      default: break;
    }
  }
}

// `rename a.* as *`: the pattern pairs with one '*' each, so that a field the search reads
// after it (x) can be traced back to the event field it came from (a.x).
std::vector<std::pair<std::string, std::string>> WildcardRenames(const Pipeline& pipeline) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& cmd : pipeline.commands) {
    if (cmd->kind != CommandKind::kRename) continue;
    for (const auto& [from, to] : static_cast<const RenameCommand&>(*cmd).pairs) {
      if (std::count(from.begin(), from.end(), '*') == 1 && std::count(to.begin(), to.end(), '*') == 1) out.emplace_back(from, to);
    }
  }
  return out;
}

// The event field `field` came from through a wildcard rename, or nullopt.
std::optional<std::string> RenamedFrom(const std::vector<std::pair<std::string, std::string>>& renames, const std::string& field) {
  for (const auto& [from, to] : renames) {
    size_t star = to.find('*');
    std::string prefix = to.substr(0, star), suffix = to.substr(star + 1);
    if (field.size() < prefix.size() + suffix.size() || field.compare(0, prefix.size(), prefix) != 0 ||
        field.compare(field.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string middle = field.substr(prefix.size(), field.size() - prefix.size() - suffix.size());
    size_t from_star = from.find('*');
    return from.substr(0, from_star) + middle + from.substr(from_star + 1);
  }
  return std::nullopt;
}

void CheckFields(const QueryPlan& plan, const LintSettings& settings, DetectionLint& out) {
  if (!settings.raw_fields) {
    out.fields_note = "not checked: no data_sources/aws_cloudtrail*.yml";
    return;
  }
  StringSet produced;
  if (settings.profile != nullptr) {
    for (const auto& f : settings.profile->DerivedFields()) produced.insert(f);
  }
  StringSet created;
  bool open = false;
  CollectCreatedFields(plan, created, open);
  if (open) {
    // A bare spath, an inputlookup or a lookup without OUTPUT makes fields only the data names.
    out.fields_note = "not checked: a bare spath or a lookup creates fields named by the data";
    return;
  }
  auto renames = WildcardRenames(plan.pipeline());
  auto is_produced = [&](const std::string& field) {
    return IsSplunkDefaultField(field) || created.contains(field) || produced.contains(field) ||
           IsRawField(*settings.raw_fields, field);
  };
  std::vector<std::string> missing;
  for (const auto& field : plan.needed_fields().names()) {
    if (is_produced(field)) continue;
    if (auto source = RenamedFrom(renames, field); source && is_produced(*source)) continue;
    missing.push_back(field);
  }
  std::sort(missing.begin(), missing.end());
  out.unproduced_fields = std::move(missing);
}

bool IsBooleanOperator(const std::string& word) { return word == "and" || word == "or" || word == "not" || word == "xor"; }

}  // namespace

namespace {

// Whether `trailhound sql` compiles the plan for each dialect, with every semantics kept.
void CheckSql(const QueryPlan& plan, const LintSettings& settings, DetectionLint& out) {
  for (const char* name : kSqlLintDialects) {
    SqlTarget target;
    target.dialect = *ParseSqlDialect(name);
    target.timezone = settings.eval.timezone;
    try {
      CompiledSql sql = CompileToSql(plan, settings.profile, target);
      std::string gap;
      for (const auto& a : sql.approximations) gap += (gap.empty() ? "approximate: " : "; ") + a;
      out.sql_gaps.push_back(gap);
    } catch (const SqlUnsupported& e) {
      out.sql_gaps.push_back(e.what());
    }
  }
}

}  // namespace

DetectionLint LintDetection(const Detection& d, const MacroTable& macros, const LintSettings& settings) {
  DetectionLint out;
  out.name = d.name;
  out.origin = d.origin;
  out.status = d.status;
  out.type = d.type;
  out.uses_cloudtrail_macro = d.search.find("`cloudtrail`") != std::string::npos;

  std::string expanded;
  try {
    expanded = ExpandMacros(d.search, macros);
  } catch (const Error& e) {
    out.error = FirstLine(e.what());
    expanded = d.search;  // still scan what is written; macros stay unexpanded
  }
  SplUsage usage = ScanSplUsage(expanded);
  out.uses_tstats = std::find(usage.commands.begin(), usage.commands.end(), "tstats") != usage.commands.end();
  out.uses_datamodel = usage.uses_datamodel;
  auto supported = SupportedCommands();
  for (const auto& c : usage.commands) {
    if (!std::binary_search(supported.begin(), supported.end(), c)) out.missing_commands.push_back(c);
  }
  for (const auto& f : usage.eval_functions) {
    if (!IsBooleanOperator(f) && FindScalarFunction(f) == nullptr) out.missing_functions.push_back(f);
  }
  for (const auto& f : usage.aggregate_functions) {
    AggregateFunction found;
    if (!FindAggregateFunction(f, found)) out.missing_functions.push_back("stats:" + f);
  }

  if (!out.error.empty()) {
    out.fields_note = "not checked: the search does not expand";
    return out;
  }
  try {
    auto plan = PlanQuery(expanded, PlanContext{settings.eval, settings.lookups});
    out.runs = true;
    CheckFields(*plan, settings, out);
    CheckSql(*plan, settings, out);
    return out;
  } catch (const Error& e) {
    out.error = FirstLine(e.what());
    out.fields_note = "not checked: the search does not plan";
  }
  // Check the fields of the part before the first command trailhound lacks, when that part plans.
  for (const auto& command : usage.top_level) {
    if (std::binary_search(supported.begin(), supported.end(), command.name)) continue;
    if (command.offset == 0 || settings.raw_fields == std::nullopt) break;
    std::string prefix = expanded.substr(0, command.offset - 1);
    if (prefix.find_first_not_of(" \t\r\n") == std::string::npos) break;  // `| tstats ...`: nothing before it
    try {
      auto prefix_plan = PlanQuery(prefix, PlanContext{settings.eval, settings.lookups});
      CheckFields(*prefix_plan, settings, out);
      out.fields_note = "checked up to `" + command.name + "`";
    } catch (const Error&) {
      // The prefix has another problem (e.g. an unknown function): the note stays as it is.
    }
    break;
  }
  return out;
}

std::optional<StringSet> LoadRawCloudTrailFields(const fs::path& content_directory) {
  fs::path dir = content_directory / "data_sources";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  StringSet fields;
  bool any = false;
  for (const auto& file : ListYamlFiles(dir, "data_sources")) {
    if (file.filename().string().rfind("aws_cloudtrail", 0) != 0) continue;
    any = true;
    try {
      YAML::Node doc = YAML::Load(ReadTextFile(file));
      for (const auto& f : doc["fields"]) fields.insert(f.as<std::string>());
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::kQuery, file.string() + ": invalid data source file: " + e.msg);
    }
  }
  if (!any) return std::nullopt;
  return fields;
}

}  // namespace trailhound
