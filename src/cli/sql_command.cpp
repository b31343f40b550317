// trailhound sql --dialect duckdb|trino|athena|spark [-r FILE|DIR]... [--content DIR] [--search SPL]...
//                [--table NAME] [--allow-approximate] [--format sql|jsonl] [paths...]
// trailhound sql --ddl athena --location s3://bucket/AWSLogs/ [--accounts ...] [--regions ...]
// Prints one SQL statement per detection (or per --search), compiled from the same plan the
// native engine runs; a detection the SQL cannot run faithfully is printed as a comment saying why.
#include <fstream>
#include <iostream>

#include "cli/cli_options.hpp"
#include "cli/commands.hpp"
#include "cli/detection_sources.hpp"
#include "cli/input_paths.hpp"
#include "common/error.hpp"
#include "exec/scan_worker.hpp"
#include "output/json_format.hpp"
#include "spl/macro_expander.hpp"
#include "sql/cloudtrail_schema.hpp"
#include "sql/sql_compiler.hpp"

namespace trailhound {

namespace {

struct SqlArgs {
  CommonOptions common;
  std::string dialect;
  std::vector<std::string> rules;
  std::vector<std::string> searches;
  std::string table = "cloudtrail";
  bool allow_approximate = false;
  std::string format = "sql";
  std::string ddl;
  std::string location;
  std::vector<std::string> accounts;
  std::vector<std::string> regions;
  bool json_lines = false;
};

struct SqlItem {
  std::string name;
  std::string id;
  std::string query;     // as written
  std::string expanded;  // macros expanded
  std::optional<CompiledSql> compiled;
  std::string refused;   // why there is no statement
};

// Which read_json call reads the file, by what trailhound's own reader finds in it: JSON lines, or
// a document (an S3 Records file, one event object). Returns why neither for the other shapes
// (arrays, CloudWatch Logs and EventBridge wrappers, LookupEvents output, digests, ...).
std::string ClassifyForDuckDb(const InputFile& file, SqlTarget& target) {
  InputSummary s;
  ReadInputFile(file, s, [](const RawEvent&) {});
  bool gz_name = file.path.size() > 3 && file.path.compare(file.path.size() - 3, 3, ".gz") == 0;
  std::ifstream in(file.path, std::ios::binary);
  char magic[2] = {0, 0};
  in.read(magic, 2);
  bool gzip = static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b;
  if (gzip != gz_name) return gzip ? "gzip without a .gz name" : "a .gz name on a file that is not gzip";
  uint64_t total = 0;
  for (uint64_t n : s.files_by_kind) total += n;
  if (total == 0) return "no events (skipped by trailhound too)";
  bool lines = s.files_of(FileKind::kJsonLines) == total;
  bool documents = s.files_of(FileKind::kRecords) + s.files_of(FileKind::kSingleEvent) == total;
  if (lines || documents) {
    // DuckDB fails the whole statement on a document it cannot parse, and unwraps no envelopes.
    if (documents && s.parse_failures > 0) {
      return "malformed JSON: trailhound reads the events before the damage, DuckDB's read_json stops";
    }
    for (EventWrapper w : {EventWrapper::kCloudWatch, EventWrapper::kEventBridge, EventWrapper::kLookupEvents, EventWrapper::kArray}) {
      if (s.events_of(w) > 0) return "events inside " + std::string(EventWrapperName(w)) + " wrappers";
    }
    (lines ? target.line_files : target.document_files).push_back(file.path);
    return "";
  }
  for (size_t k = 0; k < s.files_by_kind.size(); ++k) {
    if (s.files_by_kind[k] && k != static_cast<size_t>(FileKind::kJsonLines) && k != static_cast<size_t>(FileKind::kRecords)) {
      return std::string(FileKindName(static_cast<FileKind>(k))) + " file";
    }
  }
  return "not JSON lines or a Records file";
}

std::string Comment(const std::string& text) {
  std::string out = "-- ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "-- ";
  }
  return out + "\n";
}

std::string Header(const SqlItem& item, const SqlArgs& args, const SqlTarget& target, const std::vector<std::string>& left_out) {
  std::string out = Comment("trailhound sql: " + item.name + (item.id.empty() ? "" : " (" + item.id + ")"));
  std::string input = !target.reads_files()
                          ? "the table " + target.table
                          : std::to_string(target.line_files.size() + target.document_files.size()) + " file(s) through read_json";
  out += Comment("dialect: " + args.dialect + "; reads " + input);
  if (!left_out.empty()) {
    std::string names;
    for (const auto& f : left_out) names += (names.empty() ? "" : ", ") + f;
    out += Comment("not read: " + names);
  }
  std::string search = item.expanded.empty() ? item.query : item.expanded;
  if (search.size() > 400) search = search.substr(0, 400) + " ...";
  out += Comment("search: " + search);
  if (target.dialect == SqlDialect::kSpark) out += Comment("requires: SET spark.sql.session.timeZone = UTC (time formatting)");
  if (!item.compiled) {
    out += Comment("NOT COMPILED: " + item.refused);
    return out;
  }
  if (item.compiled->approximations.empty()) {
    out += Comment("semantics kept: all (see docs/sql.md for the rules)");
  } else {
    for (const auto& a : item.compiled->approximations) out += Comment("APPROXIMATE: " + a);
  }
  return out;
}

void Compile(SqlItem& item, const MacroTable& macros, const RunOptions& options, const SqlTarget& target, bool allow_approximate) {
  try {
    item.expanded = ExpandMacros(item.query, macros);
    auto plan = PlanQuery(item.expanded, PlanContext{options.settings, options.lookups.get()});
    const Profile* profile = ProfileFor(options.scan, "aws:cloudtrail");
    CompiledSql compiled = CompileToSql(*plan, profile, target);
    if (!compiled.approximations.empty() && !allow_approximate) {
      std::string what;
      for (const auto& a : compiled.approximations) what += (what.empty() ? "" : "; ") + a;
      item.refused = "the SQL would only approximate: " + what + " (--allow-approximate prints it anyway)";
      return;
    }
    item.compiled = std::move(compiled);
  } catch (const QueryError& e) {
    item.refused = std::string("the search does not plan: ") + e.what();
  } catch (const SqlUnsupported& e) {
    item.refused = std::string("no faithful SQL for ") + e.what();
  } catch (const Error& e) {
    item.refused = e.what();
  }
}

int RunSql(SqlArgs& args) {
  if (args.ddl == "spark") {
    if (args.location.find('\'') != std::string::npos) throw Error(ErrorKind::kUsage, "--location may not contain a quote");
    if (args.location.empty()) throw Error(ErrorKind::kUsage, "--ddl spark needs --location (the folder or s3:// prefix of the CloudTrail files)");
    std::cout << SparkCloudTrailDdl(args.table, args.location, args.json_lines);
    return kExitOk;
  }
  if (!args.ddl.empty()) {
    if (args.ddl != "athena") throw Error(ErrorKind::kUsage, "--ddl takes athena or spark (DuckDB reads the files itself: see docs/sql.md)");
    if (args.location.rfind("s3://", 0) != 0) throw Error(ErrorKind::kUsage, "--ddl athena needs --location s3://bucket/prefix/AWSLogs/");
    if (!args.common.paths.empty()) throw Error(ErrorKind::kUsage, "--ddl takes no input paths (did you mean --accounts a,b or --regions x,y?)");
    if (args.location.find('\'') != std::string::npos) throw Error(ErrorKind::kUsage, "--location may not contain a quote");
    if (args.accounts.empty()) {
      std::cerr << "trailhound: no --accounts: the partition projection lists the placeholder account 111122223333; "
                   "give your account ids (--accounts 111111111111,222222222222)\n";
    }
    AthenaDdlOptions o;
    o.table = args.table;
    o.location = args.location;
    o.accounts = args.accounts;
    o.regions = args.regions;
    std::cout << AthenaCloudTrailDdl(o);
    return kExitOk;
  }
  auto dialect = ParseSqlDialect(args.dialect);
  if (!dialect) throw Error(ErrorKind::kUsage, "--dialect takes duckdb, trino, athena or spark, not '" + args.dialect + "'");
  if (args.format != "sql" && args.format != "jsonl") throw Error(ErrorKind::kUsage, "--format takes sql or jsonl");
  MacroTable macros = args.common.LoadMacros();
  std::vector<std::unique_ptr<Profile>> profiles;
  RunOptions options = args.common.ResolveRunOptions(profiles);

  SqlTarget target;
  target.dialect = *dialect;
  target.table = args.table;
  target.host = args.common.host;
  target.timezone = args.common.timezone;
  std::vector<std::string> left_out;
  if (!args.common.paths.empty()) {
    if (*dialect != SqlDialect::kDuckDb) {
      throw Error(ErrorKind::kUsage, "input paths are for --dialect duckdb; " + args.dialect + " reads the table (--table)");
    }
    InputSummary summary;
    for (const auto& f : ListInputsOrThrow(args.common.paths, summary)) {
      if (f.path == "-") throw Error(ErrorKind::kUsage, "DuckDB cannot read standard input: give files");
      std::string why = ClassifyForDuckDb(f, target);
      if (!why.empty()) left_out.push_back(f.path + " (" + why + ")");
    }
    if (!target.reads_files()) {
      std::string why;
      for (const auto& l : left_out) why += (why.empty() ? "" : "; ") + l;
      throw Error(ErrorKind::kUsage, "none of the input files holds JSON objects DuckDB can read (JSON lines, Records files, .gz): " + why);
    }
  }

  std::vector<SqlItem> items;
  for (const auto& s : args.searches) items.push_back({"search", "", s, "", std::nullopt, ""});
  if (args.searches.empty()) {
    DetectionLoad load = LoadSelectedDetections(args.rules, args.common.content_dir);
    for (const auto& e : load.errors) std::cerr << "trailhound: " << e << "\n";
    for (const auto& d : load.detections) items.push_back({d.name, d.id, d.search, "", std::nullopt, ""});
  }
  size_t refused = 0;
  std::string out;
  for (auto& item : items) {
    Compile(item, macros, options, target, args.allow_approximate);
    if (!item.compiled) ++refused;
    if (args.format == "jsonl") {
      std::vector<std::string> approx = item.compiled ? item.compiled->approximations : std::vector<std::string>{};
      JsonObjectWriter w(out);
      w.String("name", item.name).String("id", item.id).String("dialect", args.dialect).String("search", item.expanded);
      if (item.compiled) {
        w.String("sql", Header(item, args, target, left_out) + item.compiled->sql);
      } else {
        w.Null("sql");
      }
      w.Strings("approximations", &approx);
      w.Strings("left_out", &left_out);
      if (item.compiled) w.Null("refused"); else w.String("refused", item.refused);
      w.Bool("ordered", item.compiled && item.compiled->ordered);
      w.Close();
      out += '\n';
    } else {
      out += Header(item, args, target, left_out);
      if (item.compiled) out += item.compiled->sql;
      out += "\n";
    }
  }
  std::cout << out;
  if (refused > 0) {
    std::cerr << "trailhound: " << refused << " of " << items.size() << " not compiled to SQL (the reasons are in the output)\n";
    return kExitNotCompiled;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddSqlCommand(CLI::App& app) {
  auto args = std::make_shared<SqlArgs>();
  CLI::App* cmd = app.add_subcommand("sql", "Compile detections (or --search) to SQL for DuckDB, Trino/Athena or Spark");
  cmd->add_option("--dialect", args->dialect, "duckdb, trino, athena or spark");
  cmd->add_option("-r,--rules", args->rules, "Detection YAML file or directory (repeatable; default: --content's detections, else the built-in ones)")
      ->allow_extra_args(false);
  cmd->add_option("--search", args->searches, "Compile this SPL instead of detections (repeatable)")->allow_extra_args(false);
  cmd->add_option("--table", args->table, "The CloudTrail table the SQL reads (default: cloudtrail; DuckDB reads the input paths instead when given)");
  cmd->add_flag("--allow-approximate", args->allow_approximate, "Print statements that keep some SPL semantics only approximately (each is named in the header)");
  cmd->add_option("--format", args->format, "sql (statements with header comments, default) or jsonl (one object per statement)");
  cmd->add_option("--ddl", args->ddl, "Print the table definition the SQL reads instead: athena (CREATE EXTERNAL TABLE with partition projection) or spark (a view over the files)");
  cmd->add_flag("--json-lines", args->json_lines, "--ddl spark: the files hold one event per line (default: S3 delivery Records files)");
  cmd->add_option("--location", args->location, "--ddl: athena: the s3:// prefix holding AWSLogs/<account>/CloudTrail/...; spark: the files' folder");
  cmd->add_option("--accounts", args->accounts, "--ddl athena: account ids for partition projection (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--regions", args->regions, "--ddl athena: regions for partition projection (comma-separated; default: all commercial regions)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("paths", args->common.paths, "--dialect duckdb: CloudTrail files or directories the SQL reads (JSON lines, Records files, .gz)");
  cmd->add_option("--macros", args->common.macro_dirs, "Directory or YAML file of macros (security_content format); repeatable, later wins")->allow_extra_args(false);
  cmd->add_option("--content", args->common.content_dir, "A security_content checkout (detections/, macros/, lookups/)");
  args->common.RegisterLookups(*cmd);
  cmd->add_option("--profile", args->common.profile, "Field derivation: none, or a profile YAML file (default: the built-in aws:cloudtrail profile)");
  cmd->add_option("--props", args->common.props_dir, "Derive fields with a Splunk add-on's own props.conf/transforms.conf/lookups from DIR");
  cmd->add_option("--host", args->common.host, "The host field (default: trailhound)");
  cmd->add_option("--tz", args->common.timezone, "Timezone of convert ctime and strftime (only UTC compiles)");
  return [args, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (args->ddl.empty() && args->dialect.empty()) throw Error(ErrorKind::kUsage, "sql needs --dialect (duckdb, trino, athena or spark) or --ddl athena");
    return RunSql(*args);
  };
}

}  // namespace trailhound
