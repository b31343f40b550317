// The profile file format and the stage semantics it drives: alias, eval and lookup order,
// OUTPUT vs OUTPUTNEW, wildcard lookups, and errors that name the file and the setting.
#include "profile/profile_yaml.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "common/error.hpp"
#include "profile/bound_profile.hpp"

namespace trailhound {
namespace {

const std::map<std::string, std::string>& Tables() {
  static const std::map<std::string, std::string> tables = {
      {"kv.csv", "k,v\nknown,new\n"},
      {"codes.csv", "name,code,outcome\nLogin,success,ok\nLogin,Access*,denied\nLogin,*,failed\n"},
  };
  return tables;
}

Profile Parse(const std::string& yaml) {
  ProfileFileReader reader = [](std::string_view name) -> std::optional<ProfileFile> {
    auto it = Tables().find(std::string(name));
    if (it == Tables().end()) return std::nullopt;
    return ProfileFile{"tables/" + it->first, it->second};
  };
  return ParseProfileYaml(yaml, "test.yml", reader);
}

std::string ParseError(const std::string& yaml) {
  try {
    Parse(yaml);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kQuery);
    return e.what();
  }
  ADD_FAILURE() << "expected an error for:\n" << yaml;
  return "";
}

Row Apply(const Profile& profile, const std::vector<std::pair<std::string, std::string>>& fields) {
  Row row;
  for (const auto& [name, value] : fields) row.Set(FieldNames::Intern(name), Value::Str(value));
  profile.Bind(Projection::All()).Apply(row);
  return row;
}

std::string F(const Row& row, const char* name) {
  const Value* v = row.Get(FieldNames::Intern(name));
  return v == nullptr ? "<absent>" : v->AsString();
}

TEST(ProfileYamlTest, MetadataAndStages) {
  Profile profile = Parse(R"(
sourcetype: test:st
name: Test add-on
version: "1.2.3"
description: for tests
time: {field: ts, format: "%s"}
aliases:
  - {from: a, to: b}
evals:
  c: upper(b)
lookups:
  - {name: kv, table: kv.csv, inputs: [{field: key, column: k}], outputs: [{column: v, field: value}]}
)");
  EXPECT_EQ(profile.sourcetype(), "test:st");
  EXPECT_EQ(profile.name(), "Test add-on");
  EXPECT_EQ(profile.version(), "1.2.3");
  EXPECT_EQ(profile.description(), "for tests");
  EXPECT_EQ(profile.time().field, "ts");
  EXPECT_EQ(profile.origin(), "test.yml");
  ASSERT_EQ(profile.aliases().size(), 1u);
  ASSERT_EQ(profile.calculated_fields().size(), 1u);
  ASSERT_EQ(profile.lookups().size(), 1u);
  EXPECT_EQ(profile.lookups()[0].mode, LookupOutputMode::kOutput);  // the default, as in Splunk
  EXPECT_EQ(profile.DerivedFields(), (std::vector<std::string>{"b", "c", "value"}));
  Row row = Apply(profile, {{"a", "x"}, {"key", "known"}});
  EXPECT_EQ(F(row, "b"), "x");
  EXPECT_EQ(F(row, "c"), "X");  // evals see alias outputs
  EXPECT_EQ(F(row, "value"), "new");
}

TEST(ProfileYamlTest, AliasesReadExtractedFieldsOnly) {
  Profile profile = Parse(R"(
sourcetype: t
aliases:
  - {from: a, to: b}
  - {from: b, to: c}
  - {from: x, to: y, keep_existing: true}
)");
  Row row = Apply(profile, {{"a", "from-a"}, {"b", "from-b"}, {"y", "kept"}});
  EXPECT_EQ(F(row, "b"), "from-a");
  EXPECT_EQ(F(row, "c"), "from-b");  // the extracted b, not a's alias
  EXPECT_EQ(F(row, "y"), "kept");    // ASNEW keeps an existing target, even without a source
  Row missing = Apply(profile, {{"b", "stale"}});
  EXPECT_EQ(F(missing, "b"), "<absent>");  // AS removes the target when the source is missing
}

TEST(ProfileYamlTest, EvalsRunInParallelAndNullRemoves) {
  Profile profile = Parse(R"(
sourcetype: t
evals:
  status: coalesce(status, "ok")
  copy: status
  gone: null()
)");
  Row row = Apply(profile, {{"gone", "was here"}});
  EXPECT_EQ(F(row, "status"), "ok");
  EXPECT_EQ(F(row, "copy"), "<absent>");  // copy saw status before any eval ran
  EXPECT_EQ(F(row, "gone"), "<absent>");
}

TEST(ProfileYamlTest, OutputOverwritesAndClearsOutputNewOnlyFills) {
  Profile profile = Parse(R"(
sourcetype: t
lookups:
  - {table: kv.csv, inputs: [{field: key, column: k}], outputs: [{column: v, field: over}], mode: output}
  - {table: kv.csv, inputs: [{field: key, column: k}], outputs: [{column: v, field: fill}], mode: outputnew}
)");
  Row matched = Apply(profile, {{"key", "known"}, {"over", "old"}, {"fill", "old"}});
  EXPECT_EQ(F(matched, "over"), "new");
  EXPECT_EQ(F(matched, "fill"), "old");
  Row unmatched = Apply(profile, {{"key", "other"}, {"over", "old"}, {"fill", "old"}});
  EXPECT_EQ(F(unmatched, "over"), "<absent>");  // OUTPUT clears when nothing matches
  EXPECT_EQ(F(unmatched, "fill"), "old");
  Row empty = Apply(profile, {{"key", "known"}});
  EXPECT_EQ(F(empty, "fill"), "new");
  Row no_input = Apply(profile, {{"over", "old"}});
  EXPECT_EQ(F(no_input, "over"), "old");  // a lookup without its input does not run
}

TEST(ProfileYamlTest, LookupsSeeEvalOutputsAndRunInOrder) {
  Profile profile = Parse(R"(
sourcetype: t
evals:
  code: coalesce(code, "success")
lookups:
  - table: codes.csv
    inputs: [name, code]
    outputs: [outcome]
    mode: outputnew
    wildcard: [code]
    max_matches: 1
)");
  EXPECT_EQ(F(Apply(profile, {{"name", "Login"}}), "outcome"), "ok");
  EXPECT_EQ(F(Apply(profile, {{"name", "Login"}, {"code", "AccessDenied"}}), "outcome"), "denied");
  EXPECT_EQ(F(Apply(profile, {{"name", "Login"}, {"code", "Throttled"}}), "outcome"), "failed");
  EXPECT_EQ(F(Apply(profile, {{"name", "login"}, {"code", "Throttled"}}), "outcome"), "<absent>");
}

TEST(ProfileYamlTest, CaseInsensitiveAndDefaultMatch) {
  Profile profile = Parse(R"(
sourcetype: t
lookups:
  - {table: kv.csv, inputs: [{field: key, column: k}], outputs: [{column: v, field: value}],
     case_sensitive: false, default_match: none}
)");
  EXPECT_EQ(profile.lookups()[0].table->options().min_matches, 1u);
  EXPECT_EQ(F(Apply(profile, {{"key", "KNOWN"}}), "value"), "new");
  EXPECT_EQ(F(Apply(profile, {{"key", "other"}}), "value"), "none");
}

TEST(ProfileYamlTest, OutputsDefaultToEveryOtherColumn) {
  Profile profile = Parse("sourcetype: t\nlookups:\n  - {table: codes.csv, inputs: [name], max_matches: 1}\n");
  ASSERT_EQ(profile.lookups()[0].outputs.size(), 2u);
  EXPECT_EQ(profile.lookups()[0].outputs[0].field, "code");
  EXPECT_EQ(profile.lookups()[0].outputs[1].field, "outcome");
}

TEST(ProfileYamlTest, ErrorsNameTheFileLineAndSetting) {
  EXPECT_NE(ParseError("sourcetype: t\nevalz: {}\n").find("test.yml:2: evalz: unknown setting"), std::string::npos);
  EXPECT_NE(ParseError("name: x\n").find("test.yml: sourcetype: missing"), std::string::npos);
  std::string bad_eval = ParseError("sourcetype: t\nevals:\n  user_type: case(a==, 1)\n");
  EXPECT_NE(bad_eval.find("test.yml:3: evals.user_type"), std::string::npos) << bad_eval;
  std::string unknown_function = ParseError("sourcetype: t\nevals:\n  x: nosuchfunction(a)\n");
  EXPECT_NE(unknown_function.find("evals.x"), std::string::npos) << unknown_function;
  std::string no_table = ParseError("sourcetype: t\nlookups:\n  - {table: missing.csv, inputs: [a]}\n");
  EXPECT_NE(no_table.find("lookups[0].table"), std::string::npos) << no_table;
  EXPECT_NE(no_table.find("missing.csv"), std::string::npos) << no_table;
  std::string bad_mode = ParseError("sourcetype: t\nlookups:\n  - {table: kv.csv, inputs: [k], mode: replace}\n");
  EXPECT_NE(bad_mode.find("lookups[0].mode: expected output or outputnew"), std::string::npos) << bad_mode;
  std::string bad_column = ParseError("sourcetype: t\nlookups:\n  - {table: kv.csv, inputs: [nope]}\n");
  EXPECT_NE(bad_column.find("column 'nope' is not in tables/kv.csv"), std::string::npos) << bad_column;
  std::string bad_wildcard = ParseError("sourcetype: t\nlookups:\n  - {table: kv.csv, inputs: [k], wildcard: [x]}\n");
  EXPECT_NE(bad_wildcard.find("WILDCARD column 'x'"), std::string::npos) << bad_wildcard;
  std::string bad_alias = ParseError("sourcetype: t\naliases:\n  - {from: a}\n");
  EXPECT_NE(bad_alias.find("test.yml:3: aliases[0]"), std::string::npos) << bad_alias;
  std::string bad_count = ParseError("sourcetype: t\nlookups:\n  - {table: kv.csv, inputs: [k], max_matches: -1}\n");
  EXPECT_NE(bad_count.find("lookups[0].max_matches"), std::string::npos) << bad_count;
  std::string not_yaml = ParseError("sourcetype: [t\n");
  EXPECT_NE(not_yaml.find("test.yml:"), std::string::npos) << not_yaml;
}

TEST(ProfileYamlTest, LoadProfileFileReadsTablesNextToIt) {
  Profile profile = LoadProfileFile(std::string(TRAILHOUND_SOURCE_DIR) + "/tests/fixtures/profile/custom/custom.yml");
  EXPECT_EQ(profile.sourcetype(), "custom:events");
  Row row;
  row.Set(FieldNames::Intern("code"), Value::Str("6"));
  profile.Bind(Projection::All()).Apply(row);
  EXPECT_EQ(F(row, "protocol"), "tcp");
  EXPECT_EQ(F(row, "code_text"), "code 6");
  EXPECT_THROW(LoadProfileFile("/nonexistent/profile.yml"), Error);
}

}  // namespace
}  // namespace trailhound
