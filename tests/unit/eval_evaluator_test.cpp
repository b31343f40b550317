// The eval evaluator (src/exec/evaluator.*): null propagation, numeric versus string comparison,
// case-sensitive equality, multivalue comparison, three-valued logic, `+` on strings, division by
// zero, LIKE.
#include "exec/evaluator.hpp"

#include <gtest/gtest.h>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Eval;
using testing::MakeRow;
using testing::Truth;

std::string Text(const std::string& expr, const Row& row = Row()) {
  Value v = Eval(expr, row);
  return v.IsNull() ? "<null>" : v.AsString();
}

TEST(EvalEvaluatorTest, MissingFieldsPropagateNull) {
  EXPECT_EQ(Text("x + 1"), "<null>");
  EXPECT_EQ(Text("x * 2"), "<null>");
  EXPECT_EQ(Text("x . \"a\""), "<null>");
  EXPECT_EQ(Text("\"a\" . x"), "<null>");
  EXPECT_EQ(Truth("x = 1"), "null");
  EXPECT_EQ(Truth("x != 1"), "null");
  EXPECT_EQ(Truth("x < 1"), "null");
  EXPECT_EQ(Truth("x LIKE \"%\""), "null");
  EXPECT_EQ(Text("lower(x)"), "<null>");
  EXPECT_EQ(Text("len(x)"), "<null>");
  Row row;
  Evaluator ev;
  EXPECT_FALSE(ev.IsTrue(*ParseEvalExpression("x = 1"), row));
  EXPECT_FALSE(ev.IsTrue(*ParseEvalExpression("x != 1"), row));
}

TEST(EvalEvaluatorTest, NumericStringsCompareAsNumbers) {
  EXPECT_EQ(Truth("n >= 5", MakeRow({{"n", "6"}})), "true");
  EXPECT_EQ(Truth("n > 5", MakeRow({{"n", "10"}})), "true");  // "10" > "5" would be false as text
  EXPECT_EQ(Truth("a > b", MakeRow({{"a", "10"}, {"b", "9"}})), "true");
  EXPECT_EQ(Truth("a < b", MakeRow({{"a", "10"}, {"b", "9"}})), "false");
  EXPECT_EQ(Truth("n = 6", MakeRow({{"n", "6.0"}})), "true");
  EXPECT_EQ(Truth("n = 6", MakeRow({{"n", "06"}})), "true");
  EXPECT_EQ(Truth("n = -1.5", MakeRow({{"n", "-1.5"}})), "true");
  EXPECT_EQ(Truth("n > 100", MakeRow({{"n", "1e3"}})), "true");
  // A value with spaces is not numeric, so it compares as text: " 6" < "5" byte-wise.
  EXPECT_EQ(Truth("n < 5", MakeRow({{"n", " 6"}})), "true");
}

TEST(EvalEvaluatorTest, StringsCompareByteWise) {
  EXPECT_EQ(Truth("\"abc\" < \"abd\""), "true");
  EXPECT_EQ(Truth("\"abd\" <= \"abc\""), "false");
  EXPECT_EQ(Truth("\"B\" < \"a\""), "true");  // upper case sorts first
  EXPECT_EQ(Truth("\"ab\" < \"abc\""), "true");
  EXPECT_EQ(Truth("a > b", MakeRow({{"a", "10.0.0.9"}, {"b", "10.0.0.10"}})), "true");
  // A number against a non-numeric string compares the number's text.
  EXPECT_EQ(Truth("5 < \"a\""), "true");
}

TEST(EvalEvaluatorTest, EqualityIsCaseSensitive) {
  EXPECT_EQ(Truth("\"abc\" = \"ABC\""), "false");
  EXPECT_EQ(Truth("x = \"admin\"", MakeRow({{"x", "Admin"}})), "false");
  EXPECT_EQ(Truth("x = \"Admin\"", MakeRow({{"x", "Admin"}})), "true");
  EXPECT_EQ(Truth("x != \"admin\"", MakeRow({{"x", "Admin"}})), "true");
  // No wildcards in eval: "*" is a literal star.
  EXPECT_EQ(Truth("x = \"*\"", MakeRow({{"x", "anything"}})), "false");
  EXPECT_EQ(Truth("x = \"*\"", MakeRow({{"x", "*"}})), "true");
}

TEST(EvalEvaluatorTest, UnquotedRightSideIsAField) {
  Row row = MakeRow({{"a", "same"}, {"b", "same"}, {"c", "other"}});
  EXPECT_EQ(Truth("a = b", row), "true");
  EXPECT_EQ(Truth("a = c", row), "false");
  EXPECT_EQ(Truth("a = \"b\"", row), "false");
  EXPECT_EQ(Truth("a = missing", row), "null");
}

TEST(EvalEvaluatorTest, MultivalueComparisonIsTrueWhenAnyValueMatches) {
  Row row = MakeRow({{"mv", {"a", "b"}}, {"nums", {"1", "20"}}});
  EXPECT_EQ(Truth("mv = \"b\"", row), "true");
  EXPECT_EQ(Truth("mv = \"c\"", row), "false");
  EXPECT_EQ(Truth("nums > 10", row), "true");
  EXPECT_EQ(Truth("nums > 30", row), "false");
  // Code's choice (L): != is also "any value differs", so it is true when one value differs.
  EXPECT_EQ(Truth("mv != \"a\"", row), "true");
  EXPECT_EQ(Truth("mv LIKE \"b%\"", row), "true");
  // Arithmetic on a multivalue gives null (L).
  EXPECT_EQ(Text("nums + 1", row), "<null>");
}

TEST(EvalEvaluatorTest, ThreeValuedAndOrNot) {
  // x is missing, so x=1 is null.
  EXPECT_EQ(Truth("false() AND x=1"), "false");
  EXPECT_EQ(Truth("x=1 AND false()"), "false");
  EXPECT_EQ(Truth("true() AND x=1"), "null");
  EXPECT_EQ(Truth("x=1 AND true()"), "null");
  EXPECT_EQ(Truth("true() OR x=1"), "true");
  EXPECT_EQ(Truth("x=1 OR true()"), "true");
  EXPECT_EQ(Truth("false() OR x=1"), "null");
  EXPECT_EQ(Truth("x=1 OR false()"), "null");
  EXPECT_EQ(Truth("NOT x=1"), "null");
  EXPECT_EQ(Truth("x=1 XOR true()"), "null");
  EXPECT_EQ(Truth("true() AND true()"), "true");
  EXPECT_EQ(Truth("false() OR false()"), "false");
  // A non-boolean operand counts as null.
  EXPECT_EQ(Truth("1 AND true()"), "null");
  EXPECT_EQ(Truth("NOT \"abc\""), "null");
}

TEST(EvalEvaluatorTest, PlusConcatenatesTwoStrings) {
  EXPECT_EQ(Text("\"a\" + \"b\""), "ab");
  EXPECT_EQ(Text("a + b", MakeRow({{"a", "x"}, {"b", "y"}})), "xy");
  EXPECT_EQ(Text("a + b", MakeRow({{"a", "1"}, {"b", "2"}})), "3");  // numeric strings add
  EXPECT_EQ(Text("\"a\" + 1"), "<null>");                             // string + number
  EXPECT_EQ(Text("1 + \"a\""), "<null>");
  EXPECT_EQ(Text("\"abc\" - 1"), "<null>");
  EXPECT_EQ(Text("\"abc\" * 2"), "<null>");
}

TEST(EvalEvaluatorTest, DivisionAndModuloByZeroAreNull) {
  EXPECT_EQ(Text("1/0"), "<null>");
  EXPECT_EQ(Text("5 % 0"), "<null>");
  EXPECT_EQ(Text("0/5"), "0");
  EXPECT_EQ(Text("x/y", MakeRow({{"x", "3"}, {"y", "0"}})), "<null>");
  EXPECT_EQ(Text("-7 % 3"), "-1");  // fmod: sign of the dividend
  EXPECT_EQ(Text("7.5 % 2"), "1.5");
}

TEST(EvalEvaluatorTest, LikeOperator) {
  Row row = MakeRow({{"u", "admin-user"}, {"c", "Admin"}});
  EXPECT_EQ(Truth("u LIKE \"admin%\"", row), "true");
  EXPECT_EQ(Truth("u LIKE \"admin\"", row), "false");  // whole value
  EXPECT_EQ(Truth("u LIKE \"%user\"", row), "true");
  EXPECT_EQ(Truth("u LIKE \"%min%\"", row), "true");
  EXPECT_EQ(Truth("c LIKE \"admin\"", row), "false");  // case-sensitive
  EXPECT_EQ(Truth("c LIKE \"A_min\"", row), "true");   // _ is one character
  EXPECT_EQ(Truth("c LIKE \"A_in\"", row), "false");
  EXPECT_EQ(Truth("c LIKE \"Admin_\"", row), "false");
  EXPECT_EQ(Truth("\"\" LIKE \"%\""), "true");
  EXPECT_EQ(Truth("\"a*c\" LIKE \"a*c\""), "true");  // * is a literal in LIKE
  EXPECT_EQ(Truth("\"abc\" LIKE \"a*c\""), "false");
}

TEST(EvalEvaluatorTest, NumbersPrintLikeSplunk) {
  EXPECT_EQ(Text("2 * 3"), "6");
  EXPECT_EQ(Text("1 / 3"), "0.3333333333333333");
  EXPECT_EQ(Text("0.1 + 0.2"), "0.30000000000000004");
  EXPECT_EQ(Text("-0.5 * 2"), "-1");
}

TEST(EvalEvaluatorTest, FieldValuesKeepTheirType) {
  Row row = MakeRow({{"s", "6"}, {"n", 6}});
  EXPECT_TRUE(Eval("s", row).IsString());
  EXPECT_TRUE(Eval("n", row).IsNumber());
  EXPECT_TRUE(Eval("s + 0", row).IsNumber());
}

TEST(EvalEvaluatorTest, RawIsReadableAsAField) {
  Row row;
  std::string raw = "{\"eventName\":\"GetUser\"}";
  row.set_raw(raw);
  EXPECT_EQ(Truth("match(_raw, \"GetUser\")", row), "true");
}

}  // namespace
}  // namespace trailhound
