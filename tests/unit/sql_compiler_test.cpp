// `trailhound sql`'s compiler: dialect spelling, the CloudTrail table's field resolution, what
// compiles and what is refused (and why), and the Athena DDL. Whether the SQL gives the native
// rows is proven by running it: tests/sql/equivalence.py (DuckDB) and the grammar checks there.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "plan/query_plan.hpp"
#include "profile/profile_registry.hpp"
#include "spl/macro_expander.hpp"
#include "sql/cloudtrail_schema.hpp"
#include "sql/sql_compiler.hpp"
#include "sql/sql_dialect.hpp"

namespace trailhound {
namespace {

const char* kSeed =
    "`cloudtrail` (errorCode = \"AccessDenied\") user_type=IAMUser (userAgent!=*.amazonaws.com) | bucket _time span=1h "
    "| stats count as failures min(_time) as firstTime max(_time) as lastTime, dc(eventName) as methods, "
    "dc(eventSource) as sources by src_ip, userIdentity.arn, _time | where failures >= 5 and methods >= 1 and sources >= 1 "
    "| `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)`";

CompiledSql Compile(const std::string& spl, SqlDialect dialect = SqlDialect::kDuckDb, std::string tz = "UTC") {
  MacroTable macros = MacroTable::WithBuiltins();
  auto plan = PlanQuery(ExpandMacros(spl, macros), EvalSettings{});
  SqlTarget target;
  target.dialect = dialect;
  target.timezone = std::move(tz);
  return CompileToSql(*plan, FindBuiltinProfile("aws:cloudtrail"), target);
}

// The reason a query is refused ("" when it compiles).
std::string Refusal(const std::string& spl) {
  try {
    Compile(spl);
    return "";
  } catch (const SqlUnsupported& e) {
    return e.what();
  }
}

TEST(SqlDialect, QuotesIdentifiersAndLiteralsPerDialect) {
  SqlSpelling duck(SqlDialect::kDuckDb), spark(SqlDialect::kSpark);
  EXPECT_EQ(duck.Ident("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(spark.Ident("a`b"), "`a``b`");
  EXPECT_EQ(duck.Str("it's \\"), "'it''s \\'");
  EXPECT_EQ(spark.Str("it's \\"), "'it\\'s \\\\'");  // Spark reads backslash escapes
  EXPECT_EQ(duck.Num(5), "5");
  EXPECT_EQ(duck.Num(2.5), "2.5");
}

TEST(SqlDialect, WildcardsBecomeLikePatternsWithTheirOwnCharactersEscaped) {
  EXPECT_EQ(SqlSpelling::WildcardToLike("*.amazonaws.com"), "%.amazonaws.com");
  EXPECT_EQ(SqlSpelling::WildcardToLike("50%_off!*"), "50!%!_off!!%");
}

TEST(SqlDialect, TimeFormatsTranslateOrAreRefused) {
  SqlSpelling trino(SqlDialect::kTrino), duck(SqlDialect::kDuckDb);
  EXPECT_EQ(*trino.FormatEpoch("t", "%Y-%m-%dT%H:%M:%S"), "format_datetime(from_unixtime(t, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss')");
  EXPECT_EQ(*duck.FormatEpoch("t", "%m/%d/%Y %T"),
            "strftime(make_timestamp(CAST(floor((t) * 1000000) AS BIGINT)), '%m/%d/%Y %H:%M:%S')");
  EXPECT_FALSE(trino.FormatEpoch("t", "%Y %3N").has_value());  // Splunk's subseconds
}

TEST(SqlSchema, ResolvesStructArrayAndJsonFields) {
  SqlSpelling duck(SqlDialect::kDuckDb), athena(SqlDialect::kAthena), spark(SqlDialect::kSpark);
  ResolvedField arn = ResolveCloudTrailField(athena, "userIdentity.arn", "");
  EXPECT_EQ(arn.kind, ResolvedField::Kind::kScalar);
  EXPECT_EQ(arn.sql, "\"useridentity\".\"arn\"");  // Athena's lower-case Hive names
  EXPECT_EQ(ResolveCloudTrailField(duck, "userIdentity.arn", "").sql, "\"userIdentity\".\"arn\"");

  ResolvedField resources = ResolveCloudTrailField(duck, "resources{}.ARN", "");
  EXPECT_EQ(resources.kind, ResolvedField::Kind::kMulti);
  EXPECT_NE(resources.sql.find("list_transform(\"resources\", r -> r.\"ARN\")"), std::string::npos);

  ResolvedField user = ResolveCloudTrailField(spark, "requestParameters.userName", "");
  EXPECT_EQ(user.kind, ResolvedField::Kind::kScalar);
  EXPECT_EQ(user.sql, "get_json_object(`requestParameters`, '$.userName')");
  EXPECT_NE(ResolveCloudTrailField(athena, "requestParameters.x-amz-acl", "").sql.find("$[\"x-amz-acl\"]"), std::string::npos);
  EXPECT_EQ(ResolveCloudTrailField(duck, "requestParameters.items{}.id", "").kind, ResolvedField::Kind::kMulti);

  // A string column has no keys; a top-level name CloudTrail does not have is in no record; a
  // struct key the table does not list may exist in newer records.
  EXPECT_EQ(ResolveCloudTrailField(duck, "userAgent{}", "").kind, ResolvedField::Kind::kAbsent);
  EXPECT_EQ(ResolveCloudTrailField(duck, "no_such_field", "").kind, ResolvedField::Kind::kAbsent);
  EXPECT_EQ(ResolveCloudTrailField(duck, "userIdentity.newKey", "").kind, ResolvedField::Kind::kNotInTable);
  EXPECT_EQ(ResolveCloudTrailField(duck, "requestParameters", "").kind, ResolvedField::Kind::kAbsent);  // an object
}

TEST(SqlCompiler, SeedCompilesForEveryDialectWithNothingApproximate) {
  for (SqlDialect d : {SqlDialect::kDuckDb, SqlDialect::kTrino, SqlDialect::kAthena, SqlDialect::kSpark}) {
    SCOPED_TRACE(SqlDialectName(d));
    CompiledSql sql = Compile(kSeed, d);
    EXPECT_TRUE(sql.approximations.empty());
    EXPECT_EQ(sql.columns, (std::vector<std::string>{"src_ip", "userIdentity.arn", "_time", "failures", "firstTime", "lastTime",
                                                     "methods", "sources"}));
    EXPECT_FALSE(sql.ordered);
    // search matches case-insensitively; != needs the field; stats drops null keys.
    EXPECT_NE(sql.sql.find("lower(c_errorcode) = 'accessdenied'"), std::string::npos);
    EXPECT_NE(sql.sql.find("lower(c_user_type) = 'iamuser'"), std::string::npos);
    EXPECT_NE(sql.sql.find("(c_useragent IS NOT NULL) AND NOT COALESCE(lower(c_useragent) LIKE '%.amazonaws.com' ESCAPE '!', FALSE)"),
              std::string::npos);
    EXPECT_NE(sql.sql.find("(c_src_ip IS NOT NULL)"), std::string::npos);
    EXPECT_NE(sql.sql.find("CAST(floor(CAST(c__time AS DOUBLE) / 3600) * 3600 AS BIGINT)"), std::string::npos);
    EXPECT_NE(sql.sql.find("GROUP BY 1, 2, 3"), std::string::npos);
    EXPECT_NE(sql.sql.find("count(DISTINCT c_eventname)"), std::string::npos);
  }
}

TEST(SqlCompiler, ProfileFieldsAreCompiledFromTheProfilesExpressions) {
  CompiledSql sql = Compile("`cloudtrail` | stats count by user_type errorCode", SqlDialect::kTrino);
  // user_type's formula: GetUser and the other *User calls get no user_type.
  EXPECT_NE(sql.sql.find("\"eventname\" LIKE '%User'"), std::string::npos);
  // errorCode=success when the event has none.
  EXPECT_NE(sql.sql.find("THEN 'success'"), std::string::npos);
  // Only CloudTrail-shaped events get the profile.
  EXPECT_NE(sql.sql.find("\"eventversion\" IS NOT NULL OR"), std::string::npos);
}

TEST(SqlCompiler, ProfileLookupsBecomeCaseExpressionsOverTheTable) {
  CompiledSql sql = Compile("`cloudtrail` eventName=ConsoleLogin action=failure | stats count by status");
  EXPECT_TRUE(sql.approximations.empty());
  EXPECT_NE(sql.sql.find("WHEN 'ConsoleLogin' THEN CASE"), std::string::npos);
}

TEST(SqlCompiler, RefusesWhatItCannotTranslateAndSaysWhat) {
  EXPECT_NE(Refusal("`cloudtrail` AccessDenied | stats count").find("bare search term (AccessDenied)"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | head 5 | table eventName").find("the head command"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | table requestParameters.*").find("table with a wildcard"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` src_ip=10.0.0.0/8 | stats count").find("CIDR"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | rex field=eventName \"(?<x>List)\" | stats count by x").find("the rex command"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | stats first(eventName)").find("first()"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail`").find("output columns that depend on the data"), std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | eval x=if(match(eventName, \"(?=List)\"), 1, 0) | stats count by x").find("RE2"), std::string::npos);
  EXPECT_THROW(Compile("`cloudtrail` | stats count | convert ctime(count)", SqlDialect::kDuckDb, "Europe/Paris"), SqlUnsupported);
  EXPECT_EQ(Refusal(kSeed), "");
}

TEST(SqlCompiler, NamesWhatItKeepsOnlyApproximately) {
  CompiledSql sql = Compile("`cloudtrail` | stats count by userIdentity.newKey");
  ASSERT_EQ(sql.approximations.size(), 1u);
  EXPECT_NE(sql.approximations[0].find("userIdentity.newKey is not a column of the CloudTrail table"), std::string::npos);
  CompiledSql text = Compile(
      "`cloudtrail` | spath input=requestParameters.policyDocument path=Statement{} output=s | mvexpand s | stats count by s");
  ASSERT_EQ(text.approximations.size(), 1u);
  EXPECT_NE(text.approximations[0].find("s (which may hold such text) reaches the results"), std::string::npos);
  // Equality with a plain literal cannot be changed by JSON spacing: nothing approximate.
  EXPECT_TRUE(Compile("`cloudtrail` | spath input=requestParameters.policyDocument path=Statement{}.Effect output=e "
                      "| search e=Allow | stats count")
                  .approximations.empty());
}

TEST(SqlCompiler, MultivalueByFieldsAreUnnested) {
  CompiledSql duck = Compile("`cloudtrail` | stats count by resources{}.ARN");
  EXPECT_NE(duck.sql.find("CROSS JOIN UNNEST("), std::string::npos);
  CompiledSql spark = Compile("`cloudtrail` | stats count by resources{}.ARN", SqlDialect::kSpark);
  EXPECT_NE(spark.sql.find("LATERAL VIEW explode("), std::string::npos);
}

TEST(SqlCompiler, EventstatsIsAWindowOverTheByGroups) {
  CompiledSql sql = Compile("`cloudtrail` | stats count by src_ip eventName | eventstats avg(count) as a stdev(count) as s by eventName "
                            "| table src_ip a s");
  // A row without the by-field gets nothing; SPL's stdev of one value is 0.
  EXPECT_NE(sql.sql.find("CASE WHEN c_eventname IS NOT NULL THEN avg(c_count) OVER (PARTITION BY c_eventname) END"), std::string::npos);
  EXPECT_NE(sql.sql.find("CASE WHEN count(c_count) OVER (PARTITION BY c_eventname) = 1 THEN 0 ELSE stddev_samp(c_count)"),
            std::string::npos);
  EXPECT_NE(Refusal("`cloudtrail` | eventstats dc(eventName) as n | table n").find("eventstats dc()"), std::string::npos);
}

TEST(SqlDdl, AthenaTableHasTheCloudTrailColumnsAndPartitionProjection) {
  AthenaDdlOptions o;
  o.location = "s3://trail-bucket/AWSLogs";
  o.accounts = {"111111111111", "222222222222"};
  o.regions = {"us-east-1"};
  std::string ddl = AthenaCloudTrailDdl(o);
  EXPECT_NE(ddl.find("CREATE EXTERNAL TABLE cloudtrail ("), std::string::npos);
  EXPECT_NE(ddl.find("  useridentity STRUCT<type: STRING, principalid: STRING, arn: STRING"), std::string::npos);
  EXPECT_NE(ddl.find("  requestparameters STRING,"), std::string::npos);
  EXPECT_NE(ddl.find("  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,"), std::string::npos);
  EXPECT_NE(ddl.find("PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)"), std::string::npos);
  EXPECT_NE(ddl.find("'projection.account.values' = '111111111111,222222222222'"), std::string::npos);
  EXPECT_NE(ddl.find("'projection.region.values' = 'us-east-1'"), std::string::npos);
  EXPECT_NE(ddl.find("'storage.location.template' = 's3://trail-bucket/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'"),
            std::string::npos);
  EXPECT_NE(ddl.find("com.amazon.emr.cloudtrail.CloudTrailInputFormat"), std::string::npos);
}

}  // namespace
}  // namespace trailhound
