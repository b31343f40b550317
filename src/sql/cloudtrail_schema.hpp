#pragma once
// The CloudTrail table the generated SQL reads: the columns of the table AWS documents for Athena
// (request and response payloads kept as JSON text, userIdentity a struct, resources an array of
// structs), in one description that renders as Athena/Hive DDL, as DuckDB read_json columns and as
// a Spark schema, and that resolves a Splunk field name (`userIdentity.arn`, `resources{}.ARN`,
// `requestParameters.bucketName`) to the SQL that reads it.
#include <optional>
#include <string>
#include <vector>

#include "sql/sql_dialect.hpp"

namespace trailhound {

struct SchemaNode {
  enum class Kind {
    kString,  // a scalar (strings, and the booleans CloudTrail writes, read as text)
    kJson,    // a JSON object kept as its text (requestParameters, ...)
    kStruct,  // an object with known keys
    kArray,   // an array of objects with known keys (resources)
  };
  std::string name;  // the CloudTrail key, as written in the JSON
  Kind kind = Kind::kString;
  std::vector<SchemaNode> children;  // the keys of a struct, or of the array's elements
};

// The top-level columns, in table order.
const std::vector<SchemaNode>& CloudTrailColumns();

// A column or struct-field name as the dialect's table spells it (Athena/Trino: lower case).
std::string SchemaName(const SqlSpelling& sql, const std::string& name);

// The column types: DuckDB (`STRUCT(...)[]`, `JSON`), or Hive/Spark (`ARRAY<STRUCT<...>>`, `STRING`).
std::string DuckDbType(const SchemaNode& node);
std::string HiveType(const SchemaNode& node, bool lower_case);

// How a Splunk field name reads from the table.
struct ResolvedField {
  enum class Kind {
    kScalar,     // `sql` is a text value (or null)
    kMulti,      // `sql` is an array of texts without nulls, or null when empty
    kAbsent,     // the field cannot exist in CloudTrail: always null
    kNotInTable, // CloudTrail may have it, but the table has no column for it
  };
  Kind kind = Kind::kAbsent;
  std::string sql;
};

// `row` qualifies the top-level columns ("" for none).
ResolvedField ResolveCloudTrailField(const SqlSpelling& sql, const std::string& field, const std::string& row);

// `CREATE EXTERNAL TABLE` for Athena over CloudTrail's S3 layout
// (s3://bucket/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/), with partition projection
// on account, region and date.
struct AthenaDdlOptions {
  std::string table = "cloudtrail";
  std::string location;                  // s3://bucket/prefix/AWSLogs/ (required)
  std::vector<std::string> accounts;     // projection values; empty: a placeholder to fill in
  std::vector<std::string> regions;      // empty: every commercial region
  std::string start_date = "2020/01/01";
};
std::string AthenaCloudTrailDdl(const AthenaDdlOptions& options);

// The Spark schema (a DDL string for spark.read.schema) of one event.
std::string SparkEventSchema();
// Spark SQL that makes the `table` view the generated Spark SQL reads, over CloudTrail files at
// `location`: S3 delivery files ({"Records": [...]}, one line each, as CloudTrail writes them), or
// with `json_lines` one event per line.
std::string SparkCloudTrailDdl(const std::string& table, const std::string& location, bool json_lines);

// The DuckDB column map for read_json (`{"eventTime": 'VARCHAR', ...}`); `with_records` adds a
// `Records` column holding the same struct as a list, for S3 Records documents.
std::string DuckDbReadJsonColumns(bool with_records);

}  // namespace trailhound
