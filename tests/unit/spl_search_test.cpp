// The search-command language: parser (src/spl/search_parser.*) and matcher
// (src/exec/search_matcher.*). Precedence (OR above implicit AND), NOT, upper-case operators,
// quoting, wildcards, `!=` versus NOT, IN, CIDR, ordered comparisons, bare terms in _raw.
#include <gtest/gtest.h>

#include <chrono>

#include "exec/search_matcher.hpp"
#include "spl/search_parser.hpp"
#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::ExpectQueryError;
using testing::MakeRow;

bool M(const std::string& search, const Row& row) { return SearchMatches(*ParseSearchExpression(search), row); }

Row WithRaw(Row row, const std::string& raw) {
  row.set_raw(raw);
  row.OwnRaw();
  return row;
}

// Indexes (0-based) of the rows the search keeps.
std::vector<int> Kept(const std::string& search, const std::vector<Row>& rows) {
  auto expr = ParseSearchExpression(search);
  std::vector<int> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (SearchMatches(*expr, rows[i])) out.push_back(static_cast<int>(i));
  }
  return out;
}

using Ints = std::vector<int>;

TEST(SplSearchTest, ReferenceExample) {
  std::vector<Row> rows = {MakeRow({{"a", "X"}, {"b", "1"}}), MakeRow({{"a", "y"}}), MakeRow({{"b", "2"}})};
  EXPECT_EQ(Kept("a=x", rows), (Ints{0}));
  EXPECT_EQ(Kept("a!=x", rows), (Ints{1}));
  EXPECT_EQ(Kept("NOT a=x", rows), (Ints{1, 2}));
  EXPECT_EQ(Kept("a=x OR a=y b=1", rows), (Ints{0}));
}

TEST(SplSearchTest, OrBindsTighterThanImplicitAnd) {
  std::vector<Row> rows = {MakeRow({{"a", "1"}, {"b", "3"}}), MakeRow({{"a", "2"}, {"b", "3"}}),
                           MakeRow({{"a", "1"}, {"b", "4"}}), MakeRow({{"a", "3"}, {"b", "3"}})};
  // (a=1 OR a=2) AND b=3; a=1 OR (a=2 AND b=3) would also keep row 2.
  EXPECT_EQ(Kept("a=1 OR a=2 b=3", rows), (Ints{0, 1}));
  EXPECT_EQ(Kept("b=3 a=1 OR a=2", rows), (Ints{0, 1}));
  EXPECT_EQ(Kept("a=1 OR a=2 AND b=3", rows), (Ints{0, 1}));  // explicit AND is the same
  EXPECT_EQ(Kept("a=1 OR (a=2 b=3)", rows), (Ints{0, 1, 2}));
  EXPECT_EQ(Kept("a=1 OR a=2 OR a=3 b=3", rows), (Ints{0, 1, 3}));
}

TEST(SplSearchTest, NotAppliesToTheNextTermOnly) {
  std::vector<Row> rows = {MakeRow({{"a", "2"}, {"b", "2"}}), MakeRow({{"a", "1"}, {"b", "2"}}), MakeRow({{"b", "2"}}),
                           MakeRow({{"a", "2"}, {"b", "3"}})};
  EXPECT_EQ(Kept("NOT a=1 b=2", rows), (Ints{0, 2}));
  EXPECT_EQ(Kept("NOT (a=1 OR b=2)", rows), (Ints{3}));
  EXPECT_EQ(Kept("NOT a=1 OR b=3", rows), (Ints{0, 2, 3}));  // (NOT a=1) OR b=3
  EXPECT_EQ(Kept("NOT NOT a=1", rows), (Ints{1}));
}

TEST(SplSearchTest, OnlyUpperCaseOperators) {
  // Lower-case or/and/not are ordinary terms matched against the raw text.
  Row both = WithRaw(MakeRow({{"a", "1"}, {"b", "2"}}), "x or y");
  Row both_no_word = WithRaw(MakeRow({{"a", "1"}, {"b", "2"}}), "x y");
  Row only_a = WithRaw(MakeRow({{"a", "1"}}), "x or y");
  EXPECT_TRUE(M("a=1 or b=2", both));
  EXPECT_FALSE(M("a=1 or b=2", both_no_word));
  EXPECT_FALSE(M("a=1 or b=2", only_a));  // OR would keep it
  EXPECT_TRUE(M("a=1 OR b=2", only_a));
  // NOT b=2 would reject this row; the term "not" plus b=2 keeps it.
  EXPECT_TRUE(M("not b=2", WithRaw(MakeRow({{"b", "2"}}), "not here")));
  EXPECT_FALSE(M("not b=2", WithRaw(MakeRow({{"b", "2"}}), "nothing")));
  EXPECT_FALSE(M("a=1 and b=2", both_no_word));
  EXPECT_TRUE(M("a=1 AND b=2", both_no_word));
}

TEST(SplSearchTest, ValuesAreWholeAndCaseInsensitive) {
  Row row = MakeRow({{"errorCode", "AccessDenied"}, {"eventName", "GetUser"}});
  EXPECT_TRUE(M("errorCode=accessdenied", row));
  EXPECT_TRUE(M("errorCode=\"AccessDenied\"", row));
  EXPECT_FALSE(M("errorCode=Access", row));
  EXPECT_FALSE(M("errorCode=\"AccessDenied\"", MakeRow({{"errorCode", "AccessDeniedException"}})));
  EXPECT_FALSE(M("errorCode=AccessDenied", MakeRow({{"errorCode", "Client.UnauthorizedOperation"}})));
  // Field names are case-sensitive.
  EXPECT_FALSE(M("errorcode=AccessDenied", row));
  EXPECT_FALSE(M("ErrorCode=*", row));
}

TEST(SplSearchTest, QuotedValuesKeepSpacesAndEscapes) {
  Row row = MakeRow({{"msg", "Hello World"}, {"q", "say \"hi\""}, {"p", "a|b"}});
  EXPECT_TRUE(M("msg=\"hello world\"", row));
  EXPECT_FALSE(M("msg=hello", row));
  EXPECT_TRUE(M("q=\"say \\\"hi\\\"\"", row));
  EXPECT_TRUE(M("p=\"a|b\"", row));
}

TEST(SplSearchTest, WildcardsAreAnchoredAndCaseInsensitiveAlsoInQuotes) {
  Row ec2 = MakeRow({{"userAgent", "EC2.AMAZONAWS.COM"}});
  Row evil = MakeRow({{"userAgent", "ec2.amazonaws.com.evil"}});
  EXPECT_TRUE(M("userAgent=\"*.amazonaws.com\"", ec2));
  EXPECT_TRUE(M("userAgent=*.amazonaws.com", ec2));
  EXPECT_FALSE(M("userAgent=\"*.amazonaws.com\"", evil));
  EXPECT_TRUE(M("userAgent=*amazonaws*", evil));
  Row foo = MakeRow({{"a", "foobar"}});
  EXPECT_TRUE(M("a=foo*", foo));
  EXPECT_TRUE(M("a=*bar", foo));
  EXPECT_TRUE(M("a=f*o*r", foo));
  EXPECT_TRUE(M("a=foo*bar", foo));  // * may match nothing
  EXPECT_FALSE(M("a=*baz*", foo));
  EXPECT_FALSE(M("a=bar*", foo));
  EXPECT_FALSE(M("a=foo?ar", foo));  // no ? wildcard
  EXPECT_TRUE(M("a=foo?ar", MakeRow({{"a", "foo?ar"}})));
}

TEST(SplSearchTest, FieldStarMeansTheFieldExists) {
  EXPECT_TRUE(M("a=*", MakeRow({{"a", "x"}})));
  EXPECT_FALSE(M("a=*", MakeRow({{"b", "x"}})));
  // Code's choice (L): an empty value counts as present.
  EXPECT_TRUE(M("a=*", MakeRow({{"a", ""}})));
  EXPECT_TRUE(M("a=\"*\"", MakeRow({{"a", "x"}})));
  EXPECT_TRUE(M("NOT a=*", MakeRow({{"b", "x"}})));
}

TEST(SplSearchTest, NotEqualsDropsEventsWithoutTheFieldButNotKeepsThem) {
  // bug_log S2: 7 events, 3 without userAgent.
  std::vector<Row> rows;
  for (int i = 0; i < 7; ++i) {
    rows.push_back(i < 4 ? MakeRow({{"userAgent", "aws-cli/2"}, {"n", i}}) : MakeRow({{"n", i}}));
  }
  EXPECT_EQ(Kept("userAgent!=*.amazonaws.com", rows).size(), 4u);
  EXPECT_EQ(Kept("NOT userAgent=*.amazonaws.com", rows).size(), 7u);
  rows.push_back(MakeRow({{"userAgent", "ec2.amazonaws.com"}}));
  EXPECT_EQ(Kept("userAgent!=*.amazonaws.com", rows).size(), 4u);
  EXPECT_EQ(Kept("NOT userAgent=*.amazonaws.com", rows).size(), 7u);
}

TEST(SplSearchTest, MultivalueFields) {
  Row row = MakeRow({{"mv", {"alpha", "beta"}}});
  EXPECT_TRUE(M("mv=beta", row));
  EXPECT_TRUE(M("mv=ALP*", row));
  EXPECT_FALSE(M("mv=gamma", row));
  // Code's choice (L): != needs the field and no matching value.
  EXPECT_FALSE(M("mv!=beta", row));
  EXPECT_TRUE(M("mv!=gamma", row));
}

TEST(SplSearchTest, InLists) {
  Row get = MakeRow({{"eventName", "GetUser"}});
  Row list = MakeRow({{"eventName", "ListBuckets"}});
  Row other = MakeRow({{"eventName", "PutObject"}});
  Row none = MakeRow({{"x", "1"}});
  const char* in = "eventName IN (GetUser, \"List*\", describe*)";
  EXPECT_TRUE(M(in, get));
  EXPECT_TRUE(M(in, list));
  EXPECT_FALSE(M(in, other));
  EXPECT_FALSE(M(in, none));
  EXPECT_TRUE(M("eventName IN (\"*Object\")", other));
  EXPECT_TRUE(M("eventName IN(getuser)", get));               // no space, case-insensitive value
  EXPECT_TRUE(M("eventName IN ( a ,  GetUser ,b )", get));   // irregular spaces
  EXPECT_TRUE(M("eventName IN (a GetUser)", get));           // spaces alone separate values
  EXPECT_TRUE(M("NOT eventName IN (GetUser)", none));        // NOT IN keeps events without the field
  EXPECT_FALSE(M("NOT eventName IN (GetUser)", get));
  EXPECT_TRUE(M("eventName IN (x, y) OR eventName=GetUser", get));
  // "in" in lower case is not the operator: `eventName in (...)` is three terms.
  EXPECT_FALSE(M("eventName in (GetUser)", WithRaw(get, "nothing")));
  EXPECT_TRUE(M("src IN (10.0.0.0/8)", MakeRow({{"src", "10.1.2.3"}})));
  EXPECT_TRUE(M("\"eventName\" IN (getuser)", get));  // a quoted field name before IN
}

TEST(SplSearchTest, SpacesAroundOperatorsAndQuotedFieldNames) {
  Row row = MakeRow({{"errorCode", "AccessDenied"}, {"requestParameters.x", "v"}, {"resources{}.ARN", "arn:aws:s3:::b"}});
  EXPECT_TRUE(M("errorCode = \"AccessDenied\"", row));
  EXPECT_TRUE(M("errorCode = AccessDenied", row));
  EXPECT_TRUE(M("errorCode =AccessDenied", row));
  EXPECT_TRUE(M("\"requestParameters.x\"=v", row));
  EXPECT_TRUE(M("\"requestParameters.x\" = \"V\"", row));
  EXPECT_TRUE(M("requestParameters.x=v", row));
  EXPECT_TRUE(M("resources{}.ARN=arn:aws:s3:::*", row));
  EXPECT_TRUE(M("errorCode==AccessDenied", row));
  EXPECT_TRUE(M("(errorCode=AccessDenied)", row));
  EXPECT_TRUE(M("( errorCode=AccessDenied OR x=1 ) requestParameters.x=v", row));
}

TEST(SplSearchTest, CidrValues) {
  EXPECT_TRUE(M("src=10.0.0.0/8", MakeRow({{"src", "10.1.2.3"}})));
  EXPECT_FALSE(M("src=10.0.0.0/8", MakeRow({{"src", "11.0.0.1"}})));
  EXPECT_FALSE(M("src=10.0.0.0/8", MakeRow({{"src", "AWS Internal"}})));
  EXPECT_FALSE(M("src=10.0.0.0/8", MakeRow({{"src", "support.amazonaws.com"}})));
  EXPECT_TRUE(M("src=10.0.0.0/8", MakeRow({{"src", "10.0.0.0/8"}})));  // the literal text matches too
  EXPECT_TRUE(M("src=2001:db8::/32", MakeRow({{"src", "2001:db8::5"}})));
  EXPECT_FALSE(M("src=2001:db8::/32", MakeRow({{"src", "2001:db9::5"}})));
  EXPECT_TRUE(M("src!=10.0.0.0/8", MakeRow({{"src", "192.168.1.1"}})));
  EXPECT_FALSE(M("src!=10.0.0.0/8", MakeRow({{"src", "10.9.9.9"}})));
  // Two different CIDR patterns in one search (the matcher caches the last one).
  EXPECT_TRUE(M("src=10.0.0.0/8 OR src=192.168.0.0/16", MakeRow({{"src", "192.168.3.4"}})));
  EXPECT_TRUE(M("src=192.168.0.0/16 OR src=10.0.0.0/8", MakeRow({{"src", "10.3.4.5"}})));
}

TEST(SplSearchTest, OrderedComparisons) {
  auto c = [](const char* v) { return MakeRow({{"count", v}}); };
  EXPECT_TRUE(M("count>5", c("10")));  // numeric: "10" > "5" would be false as text
  EXPECT_TRUE(M("count>5", c("9")));
  EXPECT_FALSE(M("count>5", c("3")));
  EXPECT_FALSE(M("count>5", c("5")));
  EXPECT_TRUE(M("count>=5", c("5")));
  EXPECT_TRUE(M("count<10", c("9")));
  EXPECT_FALSE(M("count<10", c("10")));
  EXPECT_TRUE(M("count<=10", c("10.0")));
  EXPECT_TRUE(M("count > 5", c("6")));
  EXPECT_FALSE(M("count>5", MakeRow({{"x", "9"}})));  // missing never matches
  EXPECT_FALSE(M("NOT count>5", c("9")));
  EXPECT_TRUE(M("count>5", MakeRow({{"count", {"1", "7"}}})));  // any value
  // Non-numeric: a byte-wise string comparison.
  EXPECT_TRUE(M("name>b", MakeRow({{"name", "c"}})));
  EXPECT_FALSE(M("name>b", MakeRow({{"name", "a"}})));
}

TEST(SplSearchTest, EqualsWithANumberIsATextMatch) {
  // (L) `count=5` is a string match, so 5.0 and 05 do not match.
  EXPECT_TRUE(M("count=5", MakeRow({{"count", "5"}})));
  EXPECT_TRUE(M("count=5", MakeRow({{"count", 5}})));
  EXPECT_FALSE(M("count=5", MakeRow({{"count", "5.0"}})));
  EXPECT_FALSE(M("count=5", MakeRow({{"count", "05"}})));
}

TEST(SplSearchTest, BareTermsMatchRawOnTokenBoundaries) {
  Row row = WithRaw(Row(), R"({"eventName":"StartInstances","errorCode":"AccessDenied","arn":"arn:aws:iam::123:user/alice","h":"my_host"})");
  EXPECT_TRUE(M("StartInstances", row));
  EXPECT_TRUE(M("startinstances", row));  // case-insensitive
  EXPECT_FALSE(M("Start", row));          // not a whole token
  EXPECT_FALSE(M("Instances", row));
  EXPECT_TRUE(M("Start*", row));
  EXPECT_TRUE(M("*Instances", row));
  EXPECT_TRUE(M("*tInst*", row));
  EXPECT_TRUE(M("AccessDenied", row));
  EXPECT_FALSE(M("Denied", row));
  EXPECT_TRUE(M("alice", row));      // after '/'
  EXPECT_TRUE(M("iam", row));        // between ':'
  EXPECT_TRUE(M("aws:iam", row));
  EXPECT_TRUE(M("host", row));       // '_' is a minor breaker
  EXPECT_TRUE(M("my_host", row));
  EXPECT_FALSE(M("nothere", row));
  EXPECT_TRUE(M("StartInstances AccessDenied", row));
  EXPECT_FALSE(M("StartInstances Nothere", row));
  EXPECT_TRUE(M("Nothere OR alice", row));
  EXPECT_TRUE(M("NOT Nothere", row));
}

TEST(SplSearchTest, InnerWildcardsInBareTerms) {
  EXPECT_TRUE(RawTermMatches("xx fooXbar yy", "foo*bar"));
  EXPECT_TRUE(RawTermMatches("xx FOObar yy", "foo*bar"));
  EXPECT_FALSE(RawTermMatches("xx fooXbarz yy", "foo*bar"));  // must end on a token boundary
  EXPECT_FALSE(RawTermMatches("xx fooXbar yy", "foo*ba"));
  EXPECT_FALSE(RawTermMatches("xfoo bar", "foo*bar"));        // must start on one too
  EXPECT_TRUE(RawTermMatches("a foo, and then bar.", "foo*bar"));
  EXPECT_TRUE(RawTermMatches("abc", "*b*"));
  EXPECT_FALSE(RawTermMatches("", "a*"));
}

TEST(SplSearchTest, WildcardTermsOnLongRawTextStayFast) {
  // A non-matching wildcard term used to cost O(n^3) on the raw text (minutes for a few KB).
  std::string raw;
  while (raw.size() < 20000) raw += "ab cd:ef/gh ";
  auto start = std::chrono::steady_clock::now();
  for (const char* term : {"*zz*yy*", "*zz", "zz*", "ab*zz", "*cd:ef/gh ab cd:ef/gx*"}) EXPECT_FALSE(RawTermMatches(raw, term)) << term;
  EXPECT_TRUE(RawTermMatches(raw, "*gh ab*"));
  EXPECT_TRUE(RawTermMatches(raw, "ab*gh"));
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(elapsed.count(), 5000);
}

TEST(SplSearchTest, QuotedPhrasesMatchTokenSequences) {
  EXPECT_TRUE(M("\"access denied\"", WithRaw(Row(), "Error: Access Denied here")));
  EXPECT_FALSE(M("\"access denied\"", WithRaw(Row(), "accessdenied")));
  EXPECT_FALSE(M("\"access denied\"", WithRaw(Row(), "xaccess denied")));
}

TEST(SplSearchTest, BareTermsWithoutRawMatchFieldValues) {
  // After a transforming command there is no _raw (L).
  Row row = MakeRow({{"user", "alice"}, {"count", 3}});
  EXPECT_TRUE(M("alice", row));
  EXPECT_FALSE(M("bob", row));
}

TEST(SplSearchTest, StarAndEmptySearchMatchEverything) {
  EXPECT_TRUE(M("*", Row()));
  EXPECT_TRUE(M("", Row()));
  EXPECT_TRUE(M("   ", MakeRow({{"a", "1"}})));
  EXPECT_TRUE(M("* a=1", MakeRow({{"a", "1"}})));
  EXPECT_EQ(ParseSearchExpression("*")->kind, SearchExpr::Kind::kMatchAll);
}

TEST(SplSearchTest, ParseTree) {
  auto e = ParseSearchExpression("a=1 OR a=2 b=3");
  ASSERT_EQ(e->kind, SearchExpr::Kind::kAnd);
  ASSERT_EQ(e->children.size(), 2u);
  EXPECT_EQ(e->children[0]->kind, SearchExpr::Kind::kOr);
  EXPECT_EQ(e->children[1]->kind, SearchExpr::Kind::kCompare);
  EXPECT_EQ(e->children[1]->value, "3");
  auto in = ParseSearchExpression("f IN (a, \"b c\")");
  ASSERT_EQ(in->kind, SearchExpr::Kind::kIn);
  EXPECT_EQ(in->values, (std::vector<std::string>{"a", "b c"}));
  auto ne = ParseSearchExpression("x != y");
  EXPECT_EQ(ne->op, "!=");
  EXPECT_EQ(ne->value, "y");
  EXPECT_TRUE(UsesRawText(*ParseSearchExpression("a=1 OR foo")));
  EXPECT_FALSE(UsesRawText(*ParseSearchExpression("a=1 OR b=2")));
  std::vector<FieldId> ids;
  CollectFields(*ParseSearchExpression("a=1 NOT (b IN (x) OR c>2) term"), ids);
  std::vector<std::string> names;
  for (FieldId id : ids) names.push_back(FieldNames::Name(id));
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(SplSearchTest, ParseErrorsWithPositions) {
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a="); }).position(), 2u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("x=1 (a=1"); }).position(), 8u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a=1 OR"); }).position(), 6u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a=1 ()"); }).position(), 5u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a=\"open"); }).position(), 2u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a=1 )"); }).position(), 4u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("=5"); }).position(), 0u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("f IN a"); }).position(), 5u);
  EXPECT_EQ(ExpectQueryError([] { ParseSearchExpression("a=1 OR", 20); }).position(), 26u);
  auto e = ExpectQueryError([] { ParseSearchExpression("OR a=1"); });
  EXPECT_TRUE(testing::Contains(e.what(), "'OR' needs a term")) << e.what();
}

}  // namespace
}  // namespace trailhound
