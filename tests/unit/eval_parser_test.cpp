// The eval expression lexer and parser (src/spl/eval_parser.*): precedence, field names versus
// concatenation, quoting, literals, keywords in any case, IN, function binding and error positions.
// Most checks evaluate the parsed expression, so they test the tree's shape through its value.
#include "spl/eval_parser.hpp"

#include <gtest/gtest.h>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Eval;
using testing::ExpectQueryError;
using testing::MakeRow;
using testing::Truth;

std::string Text(const std::string& expr, const Row& row = Row()) {
  Value v = Eval(expr, row);
  return v.IsNull() ? "<null>" : v.AsString();
}

TEST(EvalParserTest, ArithmeticPrecedenceAndAssociativity) {
  EXPECT_EQ(Text("1 + 2 * 3"), "7");
  EXPECT_EQ(Text("(1 + 2) * 3"), "9");
  EXPECT_EQ(Text("10 - 4 - 3"), "3");    // left to right
  EXPECT_EQ(Text("8 / 4 / 2"), "1");
  EXPECT_EQ(Text("2 + 7 % 4"), "5");
  EXPECT_EQ(Text("7/2"), "3.5");
  EXPECT_EQ(Text("1+2*3-4/2"), "5");     // no spaces
}

TEST(EvalParserTest, ComparisonBindsLooserThanArithmetic) {
  EXPECT_EQ(Truth("1 + 1 = 2"), "true");
  EXPECT_EQ(Truth("2 * 3 > 5"), "true");
  EXPECT_EQ(Truth("1 < 2 = 2 > 1"), "true");  // relational above equality: (1<2) = (2>1)
}

TEST(EvalParserTest, AndBindsTighterThanOr) {
  // (true OR false) AND false would be false.
  EXPECT_EQ(Truth("true() OR false() AND false()"), "true");
  EXPECT_EQ(Truth("false() AND false() OR true()"), "true");
  EXPECT_EQ(Truth("1=1 OR 1=2 AND 1=2"), "true");
}

TEST(EvalParserTest, XorIsTheLowestOperator) {
  // XOR below OR: true XOR (true OR true) = false; (true XOR true) OR true would be true.
  EXPECT_EQ(Truth("true() XOR true() OR true()"), "false");
  // XOR below AND: true XOR (false AND false) = true; (true XOR false) AND false would be false.
  EXPECT_EQ(Truth("true() XOR false() AND false()"), "true");
  EXPECT_EQ(Truth("true() XOR false()"), "true");
  EXPECT_EQ(Truth("true() XOR true()"), "false");
}

TEST(EvalParserTest, NotAppliesToTheComparisonButNotAcrossAnd) {
  // The code puts NOT between AND and the comparisons, so `NOT a=b` negates the comparison
  // (the reference lists NOT with the unary operators; `(NOT 1)=2` would be meaningless).
  EXPECT_EQ(Truth("NOT 1=2"), "true");
  EXPECT_EQ(Truth("NOT 1 = 1"), "false");
  // (NOT true) AND false = false; NOT (true AND false) would be true.
  EXPECT_EQ(Truth("NOT true() AND false()"), "false");
  EXPECT_EQ(Truth("NOT false() OR false()"), "true");
  EXPECT_EQ(Truth("NOT NOT true()"), "true");
  EXPECT_EQ(Truth("!(1=1)"), "false");
  EXPECT_EQ(Truth("! 1=2"), "true");
  EXPECT_EQ(Truth("not 1=2"), "true");
}

TEST(EvalParserTest, UnaryMinus) {
  EXPECT_EQ(Text("-2 * 3"), "-6");
  EXPECT_EQ(Text("- 3 - 2"), "-5");
  EXPECT_EQ(Text("2 - -3"), "5");
  EXPECT_EQ(Text("2*-3"), "-6");
  EXPECT_EQ(Text("-(1 + 2)"), "-3");
  EXPECT_EQ(Text("+4"), "4");
  EXPECT_EQ(Text("-x", MakeRow({{"x", "4"}})), "-4");
  EXPECT_EQ(Text("-x", MakeRow({{"x", "abc"}})), "<null>");
  EXPECT_EQ(Text("-x"), "<null>");
  EXPECT_EQ(Text("x-1", MakeRow({{"x", "4"}})), "3");  // a name followed by '-' is a subtraction
}

TEST(EvalParserTest, DottedNamesVersusConcatenation) {
  Row row = MakeRow({{"a", "A"}, {"b", "B"}, {"a.b", "AB-field"}, {"a.b.c", "ABC-field"}, {"c", "C"},
                     {"userIdentity.userName", "alice"}});
  EXPECT_EQ(Text("a.b", row), "AB-field");      // no spaces: one field name
  EXPECT_EQ(Text("a.b.c", row), "ABC-field");
  EXPECT_EQ(Text("a . b", row), "AB");          // spaces: concatenation
  EXPECT_EQ(Text("a .b", row), "AB");
  EXPECT_EQ(Text("a. b", row), "AB");
  EXPECT_EQ(Text("a.\"x\"", row), "Ax");        // a dot next to a quote concatenates
  EXPECT_EQ(Text("\"x\".a", row), "xA");
  EXPECT_EQ(Text("a.\" \".b", row), "A B");
  EXPECT_EQ(Text("a.b . c", row), "AB-fieldC");
  EXPECT_EQ(Text("userIdentity.userName", row), "alice");
  EXPECT_EQ(Text("a.'b'", row), "AB");          // a single-quoted field after the dot
}

TEST(EvalParserTest, DotConcatenatesNumbersAsText) {
  EXPECT_EQ(Text("1 . 2"), "12");
  EXPECT_EQ(Text("1.5 . 2"), "1.52");
  EXPECT_EQ(Text("1 + 2 . 3"), "33");  // + and . share a level, left to right
  EXPECT_EQ(Text("\"n=\" . 2 * 3"), "n=6");
}

TEST(EvalParserTest, SingleQuotedFieldNames) {
  Row row = MakeRow({{"resources{}.ARN", "arn:aws:s3:::b"}, {"a b", "spaced"}, {"it's", "q"}, {"x", "plain"}});
  EXPECT_EQ(Text("'resources{}.ARN'", row), "arn:aws:s3:::b");
  EXPECT_EQ(Text("'a b'", row), "spaced");
  EXPECT_EQ(Text("'it\\'s'", row), "q");
  EXPECT_EQ(Text("'x'", row), "plain");
  EXPECT_EQ(Text("\"x\"", row), "x");  // double quotes are a string
  EXPECT_EQ(Text("'missing{}'", row), "<null>");
}

TEST(EvalParserTest, StringEscapes) {
  EXPECT_EQ(Text(R"("say \"hi\"")"), "say \"hi\"");
  EXPECT_EQ(Text(R"("back\\slash")"), "back\\slash");
  // Other backslashes stay, so regexes can be written naturally.
  EXPECT_EQ(Text(R"("\d+")"), "\\d+");
  EXPECT_EQ(Truth(R"(match("abc123", "\d+$"))"), "true");
  EXPECT_EQ(Text(R"("")"), "");
  EXPECT_EQ(Text(R"("a'b")"), "a'b");
}

TEST(EvalParserTest, NumberLiterals) {
  EXPECT_EQ(Text("5"), "5");
  EXPECT_EQ(Text("0.5"), "0.5");
  EXPECT_EQ(Text("1e3"), "1000");
  EXPECT_EQ(Text("1.5e-2"), "0.015");
  EXPECT_EQ(Text("2E+2"), "200");
  EXPECT_EQ(Text("007"), "7");
  Value v = Eval("5");
  EXPECT_TRUE(v.IsNumber());
  EXPECT_TRUE(Eval("\"5\"").IsString());
  EXPECT_THROW(Eval("1e"), QueryError);  // "1" then a stray name
}

TEST(EvalParserTest, KeywordsInAnyCase) {
  EXPECT_EQ(Truth("1=1 and 2=2"), "true");
  EXPECT_EQ(Truth("1=2 or 2=2"), "true");
  EXPECT_EQ(Truth("1=1 And 1=2"), "false");
  EXPECT_EQ(Truth("true() xor true()"), "false");
  EXPECT_EQ(Truth("\"abc\" like \"a%\""), "true");
  EXPECT_EQ(Text("LEN(\"abc\")"), "3");   // function names too
  EXPECT_EQ(Text("If(1=1, \"y\", \"n\")"), "y");
}

TEST(EvalParserTest, DoubleEqualsIsEquals) {
  EXPECT_EQ(Truth("2 == 2"), "true");
  EXPECT_EQ(Truth("\"a\"==\"b\""), "false");
  EXPECT_EQ(Truth("2 != 3"), "true");
}

TEST(EvalParserTest, InList) {
  EXPECT_EQ(Truth("x IN (\"a\", \"b\")", MakeRow({{"x", "b"}})), "true");
  EXPECT_EQ(Truth("x IN (\"a\", \"b\")", MakeRow({{"x", "c"}})), "false");
  EXPECT_EQ(Truth("x in (\"a\")", MakeRow({{"x", "a"}})), "true");
  EXPECT_EQ(Truth("x IN (\"A\")", MakeRow({{"x", "a"}})), "false");  // case-sensitive
  EXPECT_EQ(Truth("x IN (1, 2)", MakeRow({{"x", "2"}})), "true");
  EXPECT_EQ(Truth("x IN (\"a\")"), "null");
  EXPECT_EQ(Truth("NOT x IN (\"a\", \"b\")", MakeRow({{"x", "c"}})), "true");
  EXPECT_EQ(Truth("x IN (\"a\") OR x IN (\"c\")", MakeRow({{"x", "c"}})), "true");
  EXPECT_THROW(Eval("x IN \"a\""), QueryError);
}

TEST(EvalParserTest, BareTrueAndFalseAreFieldNames) {
  EXPECT_EQ(Text("true"), "<null>");
  EXPECT_EQ(Text("true", MakeRow({{"true", "field"}})), "field");
}

TEST(EvalParserTest, FunctionArityErrors) {
  auto e = ExpectQueryError([] { ParseEvalExpression("if(1=1)"); });
  EXPECT_TRUE(testing::Contains(e.what(), "if() takes 2 to 3 arguments, got 1")) << e.what();
  EXPECT_EQ(e.position(), 0u);

  e = ExpectQueryError([] { ParseEvalExpression("1 + len()"); });
  EXPECT_TRUE(testing::Contains(e.what(), "len() takes 1 arguments, got 0")) << e.what();
  EXPECT_EQ(e.position(), 4u);

  e = ExpectQueryError([] { ParseEvalExpression("substr(\"a\", 1, 2, 3)"); });
  EXPECT_TRUE(testing::Contains(e.what(), "2 to 3")) << e.what();

  e = ExpectQueryError([] { ParseEvalExpression("null(1)"); });
  EXPECT_TRUE(testing::Contains(e.what(), "null() takes 0 arguments")) << e.what();

  e = ExpectQueryError([] { ParseEvalExpression("coalesce()"); });
  EXPECT_TRUE(testing::Contains(e.what(), "1 to any number of")) << e.what();
}

TEST(EvalParserTest, UnknownFunctionNamesItAndPointsAtIt) {
  auto e = ExpectQueryError([] { ParseEvalExpression("nosuch(1)"); });
  EXPECT_TRUE(testing::Contains(e.what(), "unknown eval function 'nosuch'")) << e.what();
  EXPECT_EQ(e.position(), 0u);

  e = ExpectQueryError([] { ParseEvalExpression("x . Frobnicate(2)"); });
  EXPECT_TRUE(testing::Contains(e.what(), "'frobnicate'")) << e.what();
  EXPECT_EQ(e.position(), 4u);

  // The base offset places the expression inside a larger query.
  e = ExpectQueryError([] { ParseEvalExpression("1 + nosuch(2)", 100); });
  EXPECT_EQ(e.position(), 104u);
}

TEST(EvalParserTest, ErrorPositions) {
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("1 +"); }).position(), 3u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("(1 + 2"); }).position(), 6u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("x = \"abc"); }).position(), 4u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("'abc"); }).position(), 0u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("a = = b"); }).position(), 4u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("1 2"); }).position(), 2u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("a # b"); }).position(), 2u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("if(1=1 2)"); }).position(), 7u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression(""); }).position(), 0u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("   ", 10); }).position(), 13u);
  EXPECT_EQ(ExpectQueryError([] { ParseEvalExpression("len(x))"); }).position(), 6u);
  auto e = ExpectQueryError([] { ParseEvalExpression("x = \"abc"); });
  EXPECT_TRUE(testing::Contains(e.what(), "unterminated string")) << e.what();
}

TEST(EvalParserTest, CollectFieldsListsEveryFieldRead) {
  auto ast = ParseEvalExpression("if(isnull(a), 'b{}', c . d.e)");
  std::vector<FieldId> ids;
  CollectFields(*ast, ids);
  std::vector<std::string> names;
  for (FieldId id : ids) names.push_back(FieldNames::Name(id));
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b{}", "c", "d.e"}));
}

}  // namespace
}  // namespace trailhound
