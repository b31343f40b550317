// Splitting a query into commands and parsing each command's arguments (src/spl/pipeline_parser.cpp,
// parse_*.cpp), plus the planner's output columns.
#include "spl/pipeline_parser.hpp"

#include <gtest/gtest.h>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::ExpectQueryError;

std::vector<std::string> Names(const Pipeline& p) {
  std::vector<std::string> out;
  for (const auto& c : p.commands) out.push_back(c->name);
  return out;
}

using Strings = std::vector<std::string>;

template <typename T>
const T& As(const Pipeline& p, size_t i) {
  return static_cast<const T&>(*p.commands.at(i));
}

QueryError PipelineError(const std::string& q) {
  return ExpectQueryError([&] { ParsePipeline(q); });
}

TEST(SplPipelineTest, FirstSegmentIsAnImplicitSearch) {
  Pipeline p = ParsePipeline("a=1 | stats count");
  EXPECT_EQ(Names(p), (Strings{"search", "stats"}));
  const auto& s = As<SearchCommand>(p, 0);
  ASSERT_EQ(s.expr->kind, SearchExpr::Kind::kCompare);
  EXPECT_EQ(FieldNames::Name(s.expr->field), "a");
  EXPECT_EQ(p.commands[1]->position, 6u);

  // An explicit `search` is the same command, not a term "search".
  Pipeline q = ParsePipeline("search a=1 | head 1");
  EXPECT_EQ(Names(q), (Strings{"search", "head"}));
  EXPECT_EQ(As<SearchCommand>(q, 0).expr->kind, SearchExpr::Kind::kCompare);

  // A word that only starts with "search" is a term.
  Pipeline r = ParsePipeline("searchable");
  EXPECT_EQ(As<SearchCommand>(r, 0).expr->kind, SearchExpr::Kind::kTerm);

  // A first segment that looks like another command is still a search (of terms).
  Pipeline t = ParsePipeline("stats count");
  EXPECT_EQ(Names(t), (Strings{"search"}));
  EXPECT_EQ(As<SearchCommand>(t, 0).expr->kind, SearchExpr::Kind::kAnd);
}

TEST(SplPipelineTest, LeadingPipeStartsWithACommand) {
  Pipeline p = ParsePipeline("| stats count");
  EXPECT_EQ(Names(p), (Strings{"stats"}));
  Pipeline q = ParsePipeline("  |  eval x=1 | where x=1");
  EXPECT_EQ(Names(q), (Strings{"eval", "where"}));
}

TEST(SplPipelineTest, EmptyQueryIsSearchEverything) {
  Pipeline p = ParsePipeline("");
  ASSERT_EQ(Names(p), (Strings{"search"}));
  EXPECT_EQ(As<SearchCommand>(p, 0).expr->kind, SearchExpr::Kind::kMatchAll);
  Pipeline q = ParsePipeline("a=1 | search");
  EXPECT_EQ(As<SearchCommand>(q, 1).expr->kind, SearchExpr::Kind::kMatchAll);
  Pipeline r = ParsePipeline("a=1 | search *");
  EXPECT_EQ(As<SearchCommand>(r, 1).expr->kind, SearchExpr::Kind::kMatchAll);
}

TEST(SplPipelineTest, PipesInsideQuotesAndBracketsDoNotSplit) {
  Pipeline p = ParsePipeline("a=\"x|y\" | stats count");
  EXPECT_EQ(Names(p), (Strings{"search", "stats"}));
  EXPECT_EQ(As<SearchCommand>(p, 0).expr->value, "x|y");
  Pipeline q = ParsePipeline("| eval x='a|b', y=\"c|d\"");
  EXPECT_EQ(Names(q), (Strings{"eval"}));
  EXPECT_EQ(As<EvalCommand>(q, 0).assignments.size(), 2u);
  // The pipe inside [...] does not split; the subsearch itself is then refused as unsupported.
  auto e = PipelineError("a=1 [search b=2 | head 1] | head 5");
  EXPECT_TRUE(testing::Contains(e.what(), "subsearches")) << e.what();
  EXPECT_EQ(e.position(), 4u);
  Pipeline s = ParsePipeline("a=\"x\\\"|y\" | head 2");  // an escaped quote does not end the string
  EXPECT_EQ(Names(s), (Strings{"search", "head"}));
  EXPECT_EQ(As<SearchCommand>(s, 0).expr->value, "x\"|y");
}

TEST(SplPipelineTest, UnknownCommandIsNamedWithItsPosition) {
  auto e = PipelineError("a=1 | frobnicate x=1");
  EXPECT_TRUE(testing::Contains(e.what(), "'frobnicate'")) << e.what();
  EXPECT_TRUE(testing::Contains(e.what(), "stats")) << e.what();  // lists what is supported
  EXPECT_EQ(e.position(), 6u);
  EXPECT_EQ(PipelineError("| dedup x").position(), 2u);
  EXPECT_EQ(PipelineError("a=1 | (x)").position(), 6u);
}

TEST(SplPipelineTest, EmptyCommandsAreErrors) {
  auto e = PipelineError("a=1 | | stats count");
  EXPECT_TRUE(testing::Contains(e.what(), "empty command")) << e.what();
  EXPECT_EQ(e.position(), 6u);
  EXPECT_EQ(PipelineError("a=1 |").position(), 5u);
  EXPECT_EQ(PipelineError("|").position(), 1u);
  EXPECT_EQ(PipelineError("a=\"open | head").position(), 14u);  // unterminated quote: end of query
}

TEST(SplPipelineTest, CommandNamesAreCaseInsensitiveAndAliasesKeepTheirName) {
  Pipeline p = ParsePipeline("a=1 | STATS count | Bucket _time span=1h | sort - count");
  EXPECT_EQ(Names(p), (Strings{"search", "stats", "bucket", "sort"}));
  EXPECT_EQ(p.commands[2]->kind, CommandKind::kBin);
  auto supported = SupportedCommands();
  EXPECT_TRUE(std::is_sorted(supported.begin(), supported.end()));
  for (const char* c : {"bin", "bucket", "convert", "eval", "fields", "head", "rename", "search", "sort", "stats",
                        "table", "where"}) {
    EXPECT_NE(std::find(supported.begin(), supported.end(), c), supported.end()) << c;
  }
}

TEST(SplPipelineTest, ErrorPositionsFromArgumentParsersAreAbsolute) {
  EXPECT_EQ(PipelineError("a=1 | eval x=nosuch(1)").position(), 13u);
  EXPECT_EQ(PipelineError("a=1 | where x=(1").position(), 16u);
  EXPECT_EQ(PipelineError("a=1 | search b=").position(), 15u);
  EXPECT_EQ(PipelineError("| stats count(eval(nosuch(x)))").position(), 19u);
  EXPECT_EQ(PipelineError("| stats bogus(x)").position(), 8u);
}

TEST(SplPipelineTest, StatsArguments) {
  Pipeline p = ParsePipeline("| stats count AS failures, min(_time) as firstTime dc(eventName) values(x) c by src_ip, userIdentity.arn _time");
  const auto& s = As<StatsCommand>(p, 0);
  Strings outputs;
  for (const auto& a : s.aggregates) outputs.push_back(FieldNames::Name(a.output));
  EXPECT_EQ(outputs, (Strings{"failures", "firstTime", "dc(eventName)", "values(x)", "c"}));
  Strings by;
  for (FieldId id : s.by) by.push_back(FieldNames::Name(id));
  EXPECT_EQ(by, (Strings{"src_ip", "userIdentity.arn", "_time"}));
  EXPECT_EQ(s.aggregates[0].function, "count");
  EXPECT_FALSE(s.aggregates[0].field.has_value());
  EXPECT_EQ(FieldNames::Name(*s.aggregates[2].field), "eventName");

  Pipeline q = ParsePipeline("| stats DC(x) Count(eval(y>1))");
  const auto& t = As<StatsCommand>(q, 0);
  EXPECT_EQ(FieldNames::Name(t.aggregates[0].output), "DC(x)");  // named as written
  EXPECT_EQ(t.aggregates[0].function, "dc");
  EXPECT_EQ(FieldNames::Name(t.aggregates[1].output), "Count(eval(y>1))");
  EXPECT_NE(t.aggregates[1].eval, nullptr);

  Pipeline r = ParsePipeline("| stats dedup_splitvals=true count by h");
  EXPECT_TRUE(As<StatsCommand>(r, 0).dedup_splitvals);
  Pipeline u = ParsePipeline("| stats count by h dedup_splitvals=true");
  EXPECT_TRUE(As<StatsCommand>(u, 0).dedup_splitvals);
  EXPECT_EQ(As<StatsCommand>(u, 0).by.size(), 1u);
  Pipeline w = ParsePipeline("| stats count BY h");
  EXPECT_EQ(As<StatsCommand>(w, 0).by.size(), 1u);

  EXPECT_TRUE(testing::Contains(PipelineError("| stats count by").what(), "after 'by'"));
  EXPECT_TRUE(testing::Contains(PipelineError("| stats").what(), "at least one aggregate"));
  EXPECT_TRUE(testing::Contains(PipelineError("| stats dc").what(), "needs a field"));
  EXPECT_TRUE(testing::Contains(PipelineError("| stats frob=1 count").what(), "unknown stats option"));
}

TEST(SplPipelineTest, BinArguments) {
  Pipeline p = ParsePipeline("| bucket span=10m _time as t");
  const auto& c = As<BinCommand>(p, 0);
  EXPECT_TRUE(c.time_span);
  EXPECT_EQ(c.span_seconds, 600);
  EXPECT_EQ(FieldNames::Name(c.field), "_time");
  EXPECT_EQ(FieldNames::Name(*c.as), "t");
  Pipeline m = ParsePipeline("| bin _time span=3mon");
  EXPECT_EQ(As<BinCommand>(m, 0).span_months, 3);
  Pipeline n = ParsePipeline("| bin size span=10");
  EXPECT_FALSE(As<BinCommand>(n, 0).time_span);
  EXPECT_EQ(As<BinCommand>(n, 0).numeric_span, 10);
  Pipeline s = ParsePipeline("| bin _time span=300");  // a bare number on _time is seconds
  EXPECT_TRUE(As<BinCommand>(s, 0).time_span);
  EXPECT_EQ(As<BinCommand>(s, 0).span_seconds, 300);

  EXPECT_TRUE(testing::Contains(PipelineError("| bin _time span=1fortnight").what(), "unknown span unit"));
  EXPECT_TRUE(testing::Contains(PipelineError("| bin _time").what(), "needs span"));
  EXPECT_TRUE(testing::Contains(PipelineError("| bin span=1h").what(), "needs a field"));
  EXPECT_TRUE(testing::Contains(PipelineError("| bin _time bins=10").what(), "not supported"));
  EXPECT_TRUE(testing::Contains(PipelineError("| bin _time span=0h").what(), "positive"));
  // Malformed numbers are query errors, not crashes.
  EXPECT_THROW(ParsePipeline("| bin _time span=.h"), QueryError);
  EXPECT_THROW(ParsePipeline("| bin _time span=1.2.3h"), QueryError);
}

TEST(SplPipelineTest, SortAndHeadArguments) {
  Pipeline p = ParsePipeline("| sort - count, name +other");
  const auto& s = As<SortCommand>(p, 0);
  ASSERT_EQ(s.keys.size(), 3u);
  EXPECT_TRUE(s.keys[0].descending);
  EXPECT_TRUE(s.keys[1].descending);  // a lone '-' applies to the following fields
  EXPECT_FALSE(s.keys[2].descending);
  EXPECT_EQ(s.limit, 10000u);
  EXPECT_EQ(As<SortCommand>(ParsePipeline("| sort 0 x"), 0).limit, 0u);
  EXPECT_EQ(As<SortCommand>(ParsePipeline("| sort 5 x"), 0).limit, 5u);
  EXPECT_EQ(As<SortCommand>(ParsePipeline("| sort limit=7 x"), 0).limit, 7u);
  EXPECT_TRUE(As<SortCommand>(ParsePipeline("| sort x d"), 0).reverse);
  EXPECT_EQ(As<SortCommand>(ParsePipeline("| sort num(x)"), 0).keys[0].type, "num");
  EXPECT_THROW(ParsePipeline("| sort"), QueryError);

  EXPECT_EQ(As<HeadCommand>(ParsePipeline("| head"), 0).limit, 10u);
  EXPECT_EQ(As<HeadCommand>(ParsePipeline("| head 3"), 0).limit, 3u);
  EXPECT_EQ(As<HeadCommand>(ParsePipeline("| head limit=4"), 0).limit, 4u);
  EXPECT_THROW(ParsePipeline("| head abc"), QueryError);
  EXPECT_THROW(ParsePipeline("| head 3 4"), QueryError);
  // Numbers too large for a count are query errors, not crashes.
  EXPECT_THROW(ParsePipeline("| head 99999999999999999999999"), QueryError);
  EXPECT_THROW(ParsePipeline("| sort 99999999999999999999999 x"), QueryError);
}

TEST(SplPipelineTest, EvalConvertRenameTableFieldsArguments) {
  Pipeline e = ParsePipeline("| eval a=1, 'b c'=if(x=1, \"p,q\", \"r\"), d = a . \"x\"");
  const auto& ev = As<EvalCommand>(e, 0);
  ASSERT_EQ(ev.assignments.size(), 3u);
  EXPECT_EQ(FieldNames::Name(ev.assignments[1].target), "b c");
  EXPECT_EQ(FieldNames::Name(ev.assignments[2].target), "d");
  EXPECT_THROW(ParsePipeline("| eval x==1"), QueryError);
  EXPECT_THROW(ParsePipeline("| eval x="), QueryError);
  EXPECT_THROW(ParsePipeline("| eval"), QueryError);
  EXPECT_THROW(ParsePipeline("| eval 1"), QueryError);

  Pipeline c = ParsePipeline("| convert timeformat=\"%Y\" ctime(a) AS b, mktime(c)");
  const auto& cv = As<ConvertCommand>(c, 0);
  EXPECT_EQ(cv.timeformat, "%Y");
  ASSERT_EQ(cv.conversions.size(), 2u);
  EXPECT_EQ(FieldNames::Name(*cv.conversions[0].as), "b");
  EXPECT_EQ(cv.conversions[1].function, "mktime");
  EXPECT_EQ(As<ConvertCommand>(ParsePipeline("| convert ctime(a)"), 0).timeformat, "%m/%d/%Y %H:%M:%S");
  EXPECT_THROW(ParsePipeline("| convert bogus(a)"), QueryError);

  Pipeline r = ParsePipeline("| rename a AS b, requestParameters.* as *, count as \"Count of Events\"");
  const auto& rn = As<RenameCommand>(r, 0);
  ASSERT_EQ(rn.pairs.size(), 3u);
  EXPECT_EQ(rn.pairs[2].second, "Count of Events");
  EXPECT_THROW(ParsePipeline("| rename a* as b"), QueryError);
  EXPECT_THROW(ParsePipeline("| rename a b"), QueryError);

  EXPECT_EQ(As<TableCommand>(ParsePipeline("| table a, b c"), 0).fields, (Strings{"a", "b", "c"}));
  EXPECT_THROW(ParsePipeline("| table"), QueryError);
  Pipeline fp = ParsePipeline("| fields - a b");
  const auto& f = As<FieldsCommand>(fp, 0);
  EXPECT_TRUE(f.remove);
  EXPECT_EQ(f.fields, (Strings{"a", "b"}));
  EXPECT_FALSE(As<FieldsCommand>(ParsePipeline("| fields + a"), 0).remove);
}

TEST(SplPipelineTest, PlannerColumns) {
  auto plan = PlanQuery("a=1 | stats count dc(x) as n by u, v", EvalSettings{});
  ASSERT_TRUE(plan->columns().has_value());
  Strings cols;
  for (FieldId id : *plan->columns()) cols.push_back(FieldNames::Name(id));
  EXPECT_EQ(cols, (Strings{"u", "v", "count", "n"}));
  EXPECT_TRUE(plan->needed_fields().Wants("a"));
  EXPECT_TRUE(plan->needed_fields().Wants("x"));
  EXPECT_TRUE(plan->needed_fields().Wants("u"));
  EXPECT_FALSE(plan->needed_fields().Wants("other"));

  auto table = PlanQuery("| table b a | rename a as z", EvalSettings{});
  cols.clear();
  for (FieldId id : *table->columns()) cols.push_back(FieldNames::Name(id));
  EXPECT_EQ(cols, (Strings{"b", "z"}));

  auto events = PlanQuery("a=1", EvalSettings{});
  EXPECT_FALSE(events->columns().has_value());
  EXPECT_TRUE(events->needed_fields().wants_all());
}

}  // namespace
}  // namespace trailhound
