#pragma once
// Compiles a planned query (the QueryPlan the native engine runs) into one SQL statement for
// DuckDB, Trino/Athena or Spark, or explains why it cannot. See docs/sql.md.
#include <string>
#include <vector>

#include "plan/query_plan.hpp"
#include "profile/profile.hpp"
#include "sql/sql_dialect.hpp"
#include "sql/sql_value.hpp"

namespace trailhound {

struct SqlTarget {
  SqlDialect dialect = SqlDialect::kDuckDb;
  // The table the statement reads (one row per event, the columns of docs/sql.md).
  std::string table = "cloudtrail";
  // DuckDB only: read these files with read_json instead of a table: JSON lines (one event per
  // line, bad lines skipped) and documents (an S3 Records file or one event object); .gz too.
  std::vector<std::string> line_files;
  std::vector<std::string> document_files;
  bool reads_files() const { return !line_files.empty() || !document_files.empty(); }
  std::string host = "trailhound";   // the host field, as `--host` sets it natively
  std::string timezone = "UTC";      // `--tz`: only UTC compiles
};

struct CompiledSql {
  std::string sql;  // the statement, ending in ';'
  // SPL semantics the statement keeps only approximately (empty: none).
  std::vector<std::string> approximations;
  std::vector<std::string> columns;  // the result columns, in order
  bool ordered = false;              // whether the row order is part of the result
};

// `profile` is the sourcetype profile whose derived fields (src_ip, user_type, ...) the SQL
// computes; null for none. Throws SqlUnsupported when some part of the query has no SQL that
// gives the native engine's rows.
CompiledSql CompileToSql(const QueryPlan& plan, const Profile* profile, const SqlTarget& target);

}  // namespace trailhound
