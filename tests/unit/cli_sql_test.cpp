// `trailhound sql` end to end: what it prints, which files the DuckDB SQL reads, exit codes.
#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace trailhound {
namespace {

using cli_test::Trailhound;

TEST(CliSql, CompilesASearchForDuckDbOverTheGivenFiles) {
  auto r = Trailhound("sql --dialect duckdb --search '`cloudtrail` | stats count by eventName' tests/fixtures/io/lines.jsonl "
                      "tests/fixtures/io/records_oneline.json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("-- trailhound sql: search\n-- dialect: duckdb; reads 2 file(s) through read_json\n"), std::string::npos);
  EXPECT_NE(r.out.find("-- semantics kept: all"), std::string::npos);
  // JSON lines and Records documents each get the read_json call that reads them.
  EXPECT_NE(r.out.find("read_json(['tests/fixtures/io/lines.jsonl'],\n    format = 'newline_delimited', ignore_errors = true"),
            std::string::npos);
  EXPECT_NE(r.out.find("read_json(['tests/fixtures/io/records_oneline.json'],\n    format = 'unstructured', records = true"),
            std::string::npos);
  EXPECT_NE(r.out.find("AS \"eventName\""), std::string::npos);
  EXPECT_EQ(r.out.substr(r.out.size() - 3), ";\n\n");
}

TEST(CliSql, LeavesOutFilesTheSqlCannotReadAndSaysSo) {
  auto r = Trailhound("sql --dialect duckdb --search '`cloudtrail` | stats count' tests/fixtures/io/cloudwatch_pretty.json "
                      "tests/fixtures/io/array_pretty.json tests/fixtures/io/lines.jsonl");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("-- not read: tests/fixtures/io/cloudwatch_pretty.json (cloudwatch file), "
                       "tests/fixtures/io/array_pretty.json (array file)"),
            std::string::npos);
  auto none = Trailhound("sql --dialect duckdb --search '`cloudtrail` | stats count' tests/fixtures/io/cloudwatch_pretty.json");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("none of the input files holds JSON objects DuckDB can read"), std::string::npos);
}

TEST(CliSql, RefusesWithTheReasonAndExitCode6) {
  auto r = Trailhound("sql --dialect trino --search '`cloudtrail` | head 3 | table eventName' --search '`cloudtrail` | stats count'");
  EXPECT_EQ(r.code, 6);
  EXPECT_NE(r.out.find("-- NOT COMPILED: no faithful SQL for the head command"), std::string::npos);
  EXPECT_NE(r.out.find("FROM cloudtrail"), std::string::npos);  // the second one compiled, from the table
  EXPECT_NE(r.err.find("1 of 2 not compiled to SQL"), std::string::npos);
}

TEST(CliSql, ApproximateStatementsNeedAllowApproximate) {
  const char* q = "'`cloudtrail` | stats count by userIdentity.newKey'";
  auto refused = Trailhound(std::string("sql --dialect spark --search ") + q);
  EXPECT_EQ(refused.code, 6);
  EXPECT_NE(refused.out.find("NOT COMPILED: the SQL would only approximate: the field userIdentity.newKey is not a column"),
            std::string::npos);
  auto allowed = Trailhound(std::string("sql --dialect spark --allow-approximate --search ") + q);
  EXPECT_EQ(allowed.code, 0);
  EXPECT_NE(allowed.out.find("-- APPROXIMATE: the field userIdentity.newKey is not a column"), std::string::npos);
  EXPECT_NE(allowed.out.find("-- requires: SET spark.sql.session.timeZone = UTC"), std::string::npos);
}

TEST(CliSql, JsonLinesFormatForTools) {
  auto r = Trailhound("sql --dialect athena --format jsonl --table logs.cloudtrail");
  ASSERT_EQ(r.code, 0) << r.err;  // the built-in detection
  EXPECT_NE(r.out.find("{\"name\":\"AWS IAM AccessDenied Discovery Events\",\"id\":\"3e1f1568-9633-11eb-a69c-acde48001122\","
                       "\"dialect\":\"athena\",\"search\":\"sourcetype=aws:cloudtrail"),
            std::string::npos);
  EXPECT_NE(r.out.find("FROM logs.cloudtrail"), std::string::npos);
  EXPECT_NE(r.out.find("\"approximations\":[],\"left_out\":[],\"refused\":null,\"ordered\":false}"), std::string::npos);
}

TEST(CliSql, AthenaDdl) {
  auto r = Trailhound("sql --ddl athena --location s3://my-trail/AWSLogs/ --accounts 111122223333 --regions us-east-1,eu-west-1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("LOCATION 's3://my-trail/AWSLogs/'"), std::string::npos);
  EXPECT_NE(r.out.find("'projection.region.values' = 'us-east-1,eu-west-1'"), std::string::npos);
  EXPECT_EQ(Trailhound("sql --ddl athena").code, 2);
  EXPECT_EQ(Trailhound("sql --ddl trino --location s3://x/").code, 2);
}

TEST(CliSql, SparkViewOverTheFiles) {
  auto records = Trailhound("sql --ddl spark --location s3://my-trail/AWSLogs/");
  ASSERT_EQ(records.code, 0) << records.err;
  EXPECT_NE(records.out.find("SET spark.sql.session.timeZone = UTC;"), std::string::npos);
  EXPECT_NE(records.out.find("CREATE TABLE cloudtrail_files (Records ARRAY<STRUCT<eventVersion: STRING, userIdentity: STRUCT<"),
            std::string::npos);
  EXPECT_NE(records.out.find("requestParameters: STRING"), std::string::npos);  // JSON text, as the SQL expects
  EXPECT_NE(records.out.find("CREATE OR REPLACE TEMPORARY VIEW cloudtrail AS SELECT inline(Records) FROM cloudtrail_files;"),
            std::string::npos);
  auto lines = Trailhound("sql --ddl spark --json-lines --table ct --location /data/trail");
  EXPECT_NE(lines.out.find("CREATE TABLE ct (eventVersion STRING, userIdentity STRUCT<"), std::string::npos);
  EXPECT_NE(lines.out.find("LOCATION '/data/trail';"), std::string::npos);
}

TEST(CliSql, UsageErrors) {
  auto bad = Trailhound("sql --dialect oracle --search x");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--dialect takes duckdb, trino, athena or spark, not 'oracle'"), std::string::npos);
  auto paths = Trailhound("sql --dialect trino --search '`cloudtrail` | stats count' tests/fixtures/io/lines.jsonl");
  EXPECT_EQ(paths.code, 2);
  EXPECT_NE(paths.err.find("input paths are for --dialect duckdb"), std::string::npos);
  EXPECT_EQ(Trailhound("sql").code, 2);
}

}  // namespace
}  // namespace trailhound
