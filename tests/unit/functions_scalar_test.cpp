// Every eval function registered in src/functions/ (conditional, text, math, multivalue, time,
// network). The last test fails when a function is registered without a test here.
#include <gtest/gtest.h>

#include <set>

#include "functions/scalar_function.hpp"
#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Eval;
using testing::MakeRow;
using testing::Texts;
using testing::Truth;

std::string Text(const std::string& expr, const Row& row = Row(), EvalSettings settings = {}) {
  Value v = Eval(expr, row, std::move(settings));
  return v.IsNull() ? "<null>" : v.AsString();
}

std::vector<std::string> Values(const std::string& expr, const Row& row = Row()) { return Texts(Eval(expr, row)); }

using Strings = std::vector<std::string>;

// ---- conditional and informational ----

TEST(FunctionsConditionalTest, If) {
  EXPECT_EQ(Text("if(1=1, \"y\", \"n\")"), "y");
  EXPECT_EQ(Text("if(1=2, \"y\", \"n\")"), "n");
  EXPECT_EQ(Text("if(x=1, \"y\", \"n\")"), "n");  // null condition takes the else branch
  EXPECT_EQ(Text("if(1=2, \"y\")"), "<null>");
  EXPECT_EQ(Text("if(\"true\", \"y\", \"n\")"), "n");  // a string is not a boolean
  // Only the chosen branch is evaluated: the other would fail with an invalid regex.
  EXPECT_EQ(Text("if(1=1, \"ok\", match(\"a\", \"(\"))"), "ok");
}

TEST(FunctionsConditionalTest, Case) {
  const char* expr = "case(x=\"a\", \"A\", x=\"b\", \"B\")";
  EXPECT_EQ(Text(expr, MakeRow({{"x", "b"}})), "B");
  EXPECT_EQ(Text(expr, MakeRow({{"x", "a"}})), "A");
  EXPECT_EQ(Text(expr, MakeRow({{"x", "c"}})), "<null>");  // no true branch
  EXPECT_EQ(Text(expr), "<null>");
  EXPECT_EQ(Text("case(x=\"a\", \"A\", true(), \"other\")", MakeRow({{"x", "z"}})), "other");
  EXPECT_EQ(Text("case(1=2, \"a\", \"dangling\")"), "<null>");
  EXPECT_EQ(Text("case(1=1, \"first\", 1=1, \"second\")"), "first");
}

TEST(FunctionsConditionalTest, CoalesceTreatsEmptyStringAsAValue) {
  EXPECT_EQ(Text("coalesce(x, y, \"d\")", MakeRow({{"y", "Y"}})), "Y");
  EXPECT_EQ(Text("coalesce(x, y, \"d\")"), "d");
  EXPECT_EQ(Text("coalesce(\"\", \"b\")"), "");
  EXPECT_EQ(Text("coalesce(x, e, \"b\")", MakeRow({{"e", ""}})), "");
  EXPECT_EQ(Text("coalesce(x)"), "<null>");
  EXPECT_EQ(Text("coalesce(null(), 0)"), "0");
}

TEST(FunctionsConditionalTest, NullTrueFalse) {
  EXPECT_TRUE(Eval("null()").IsNull());
  EXPECT_EQ(Truth("true()"), "true");
  EXPECT_EQ(Truth("false()"), "false");
}

TEST(FunctionsConditionalTest, IsNullAndIsNotNull) {
  EXPECT_EQ(Truth("isnull(x)"), "true");
  EXPECT_EQ(Truth("isnull(x)", MakeRow({{"x", ""}})), "false");  // empty string is present
  EXPECT_EQ(Truth("isnull(null())"), "true");
  EXPECT_EQ(Truth("isnotnull(x)"), "false");
  EXPECT_EQ(Truth("isnotnull(x)", MakeRow({{"x", ""}})), "true");
  EXPECT_EQ(Truth("isnotnull(1/0)"), "false");
}

TEST(FunctionsConditionalTest, NullIf) {
  EXPECT_EQ(Text("nullif(\"a\", \"a\")"), "<null>");
  EXPECT_EQ(Text("nullif(\"a\", \"b\")"), "a");
  EXPECT_EQ(Text("nullif(1, \"1.0\")"), "<null>");  // numeric equality
  EXPECT_EQ(Text("nullif(\"a\", x)"), "a");
}

TEST(FunctionsConditionalTest, LikeFunction) {
  EXPECT_EQ(Truth("like(\"abc\", \"a%\")"), "true");
  EXPECT_EQ(Truth("like(\"abc\", \"A%\")"), "false");
  EXPECT_EQ(Truth("like(\"abc\", \"_b_\")"), "true");
  // _ is one character, not one byte (found by comparing with DuckDB's LIKE).
  EXPECT_EQ(Truth("like(\"\xC3\xA4\", \"_\")"), "true");
  EXPECT_EQ(Truth("like(\"\xC3\xA4" "b\", \"_b\")"), "true");
  EXPECT_EQ(Truth("like(\"x\xC3\xA4" "b\", \"%_b\")"), "true");
  EXPECT_EQ(Truth("like(\"abc\", \"b\")"), "false");
  EXPECT_EQ(Truth("like(x, \"%\")"), "null");
  EXPECT_EQ(Truth("like(mv, \"x%\")", MakeRow({{"mv", {"a", "xy"}}})), "true");
}

TEST(FunctionsConditionalTest, MatchIsUnanchoredCaseSensitivePcre) {
  EXPECT_EQ(Truth("match(\"xabcx\", \"abc\")"), "true");
  EXPECT_EQ(Truth("match(\"abc\", \"^b\")"), "false");
  EXPECT_EQ(Truth("match(\"abc\", \"^abc$\")"), "true");
  EXPECT_EQ(Truth("match(\"ABC\", \"abc\")"), "false");
  EXPECT_EQ(Truth("match(\"ABC\", \"(?i)abc\")"), "true");
  EXPECT_EQ(Truth("match(\"i-0abc\", \"^i-[0-9a-f]+$\")"), "true");
  EXPECT_EQ(Truth(R"(match("AKIA1234", "^AKIA\d+$"))"), "true");
  EXPECT_EQ(Truth("match(x, \"a\")"), "null");
  EXPECT_EQ(Truth("match(mv, \"^b\")", MakeRow({{"mv", {"a", "b"}}})), "true");
  // The pattern may come from a field; its special characters are regex syntax.
  Row row = MakeRow({{"u", "alice"}, {"p", "a.i"}, {"q", "alice"}});
  EXPECT_EQ(Truth("match(u, p)", row), "true");
  EXPECT_EQ(Truth("match(\"axi\", p)", row), "true");
  EXPECT_EQ(Truth("match(u, q)", row), "true");
  EXPECT_THROW(Eval("match(\"a\", \"(\")"), Error);
}

TEST(FunctionsConditionalTest, InFunction) {
  EXPECT_EQ(Truth("in(x, \"a\", \"b\")", MakeRow({{"x", "b"}})), "true");
  EXPECT_EQ(Truth("in(x, \"a\", \"b\")", MakeRow({{"x", "B"}})), "false");
  EXPECT_EQ(Truth("in(x, \"a\")"), "null");
  EXPECT_EQ(Truth("in(mv, \"z\", \"b\")", MakeRow({{"mv", {"a", "b"}}})), "true");
  EXPECT_EQ(Truth("in(x, 5)", MakeRow({{"x", "5"}})), "true");
  // Code's choice: in() compares text, so "5.0" is not 5 (eval = would say it is).
  EXPECT_EQ(Truth("in(x, 5)", MakeRow({{"x", "5.0"}})), "false");
}

TEST(FunctionsConditionalTest, TypeOf) {
  EXPECT_EQ(Text("typeof(1)"), "Number");
  EXPECT_EQ(Text("typeof(\"a\")"), "String");
  EXPECT_EQ(Text("typeof(x)", MakeRow({{"x", "6"}})), "Number");  // a numeric field value
  EXPECT_EQ(Text("typeof(x)"), "Invalid");
  EXPECT_EQ(Text("typeof(1=1)"), "Boolean");
  EXPECT_EQ(Text("typeof(mv)", MakeRow({{"mv", {"a", "b"}}})), "Multivalue");
}

TEST(FunctionsConditionalTest, TypeTests) {
  EXPECT_EQ(Truth("isnum(\"6\")"), "true");
  EXPECT_EQ(Truth("isnum(\"-1.5e3\")"), "true");
  EXPECT_EQ(Truth("isnum(\"abc\")"), "false");
  EXPECT_EQ(Truth("isnum(x)"), "false");
  EXPECT_EQ(Truth("isint(\"6\")"), "true");
  EXPECT_EQ(Truth("isint(6.5)"), "false");
  EXPECT_EQ(Truth("isint(\"x\")"), "false");
  EXPECT_EQ(Truth("isstr(\"abc\")"), "true");
  EXPECT_EQ(Truth("isstr(\"6\")"), "false");  // a numeric string counts as a number
  EXPECT_EQ(Truth("isstr(5)"), "false");
  EXPECT_EQ(Truth("isbool(1=1)"), "true");
  EXPECT_EQ(Truth("isbool(\"true\")"), "false");
}

TEST(FunctionsConditionalTest, Validate) {
  const char* expr = "validate(x > 0, \"negative\", x < 10, \"too big\")";
  EXPECT_EQ(Text(expr, MakeRow({{"x", "5"}})), "<null>");
  EXPECT_EQ(Text(expr, MakeRow({{"x", "-1"}})), "negative");
  EXPECT_EQ(Text(expr, MakeRow({{"x", "20"}})), "too big");
  EXPECT_EQ(Text(expr), "negative");  // a null condition is not true
}

// ---- text ----

TEST(FunctionsTextTest, LowerUpper) {
  EXPECT_EQ(Text("lower(\"AbC-1\")"), "abc-1");
  EXPECT_EQ(Text("upper(\"aBc-1\")"), "ABC-1");
  EXPECT_EQ(Values("lower(mv)", MakeRow({{"mv", {"A", "B"}}})), (Strings{"a", "b"}));
  EXPECT_EQ(Text("lower(x)"), "<null>");
}

TEST(FunctionsTextTest, LenCountsUtf8CodePoints) {
  EXPECT_EQ(Text("len(\"abc\")"), "3");
  EXPECT_EQ(Text("len(\"h\xC3\xA9llo\")"), "5");
  EXPECT_EQ(Text("len(\"\xE6\x97\xA5\xE6\x9C\xAC\")"), "2");
  EXPECT_EQ(Text("len(\"\")"), "0");
  EXPECT_EQ(Text("len(123)"), "3");
  EXPECT_EQ(Text("len(x)"), "<null>");
}

TEST(FunctionsTextTest, SubstrIsOneBasedWithNegativeStart) {
  EXPECT_EQ(Text("substr(\"string\", 1, 3)"), "str");
  EXPECT_EQ(Text("substr(\"string\", 3)"), "ring");
  EXPECT_EQ(Text("substr(\"string\", -3)"), "ing");
  EXPECT_EQ(Text("substr(\"string\", -3, 2)"), "in");
  EXPECT_EQ(Text("substr(\"abc\", 5)"), "");
  EXPECT_EQ(Text("substr(\"abc\", 2, 0)"), "");
  EXPECT_EQ(Text("substr(\"abc\", 2, 10)"), "bc");
  EXPECT_EQ(Text("substr(\"abc\", -10, 2)"), "ab");
  EXPECT_EQ(Text("substr(x, 1)"), "<null>");
  EXPECT_EQ(Text("substr(\"abc\", \"z\")"), "<null>");
  // Positions count characters, like len().
  EXPECT_EQ(Text("substr(\"h\xC3\xA9llo\", 2, 3)"), "\xC3\xA9ll");
  EXPECT_EQ(Text("substr(\"h\xC3\xA9llo\", -4, 1)"), "\xC3\xA9");
}

TEST(FunctionsTextTest, TrimFamily) {
  EXPECT_EQ(Text("trim(\"  a b \t\")"), "a b");
  EXPECT_EQ(Text("trim(\"xxaxx\", \"x\")"), "a");
  EXPECT_EQ(Text("trim(\"abcba\", \"ab\")"), "c");  // a set of characters
  EXPECT_EQ(Text("ltrim(\"  a \")"), "a ");
  EXPECT_EQ(Text("rtrim(\"  a \")"), "  a");
  EXPECT_EQ(Text("rtrim(\"a.com.\", \".\")"), "a.com");
  EXPECT_EQ(Text("trim(x)"), "<null>");
}

TEST(FunctionsTextTest, ReplaceAllMatchesWithBackReferences) {
  EXPECT_EQ(Text("replace(\"a-b-c\", \"-\", \"+\")"), "a+b+c");
  EXPECT_EQ(Text(R"X(replace("john smith", "(\w+) (\w+)", "\2 \1"))X"), "smith john");
  EXPECT_EQ(Text(R"X(replace("2021-04-05", "^(\d+)-(\d+)-(\d+)$", "\3/\2/\1"))X"), "05/04/2021");
  EXPECT_EQ(Text("replace(\"abc\", \"x\", \"y\")"), "abc");
  EXPECT_EQ(Text("replace(\"aaa\", \"a\", \"\")"), "");
  EXPECT_EQ(Text("replace(\"abc\", \"\", \"-\")"), "-a-b-c-");  // empty matches everywhere
  EXPECT_EQ(Values("replace(mv, \"^\", \"x\")", MakeRow({{"mv", {"a", "b"}}})), (Strings{"xa", "xb"}));
  EXPECT_EQ(Text("replace(x, \"a\", \"b\")"), "<null>");
}

TEST(FunctionsTextTest, SplitKeepsEmptyPieces) {
  EXPECT_EQ(Values("split(\"a,,b\", \",\")"), (Strings{"a", "", "b"}));
  EXPECT_EQ(Values("split(\"a,b,\", \",\")"), (Strings{"a", "b", ""}));
  EXPECT_EQ(Values("split(\"a::b\", \"::\")"), (Strings{"a", "b"}));
  EXPECT_EQ(Values("split(\"abc\", \"\")"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(Values("split(\"abc\", \",\")"), (Strings{"abc"}));
  EXPECT_TRUE(Eval("split(\"a,b\", \",\")").IsMulti());
  EXPECT_EQ(Text("mvcount(split(\",\", \",\"))"), "2");
  EXPECT_EQ(Text("split(x, \",\")"), "<null>");
}

TEST(FunctionsTextTest, ToString) {
  EXPECT_EQ(Text("tostring(255, \"hex\")"), "0xFF");
  EXPECT_EQ(Text("tostring(1234567, \"commas\")"), "1,234,567");
  EXPECT_EQ(Text("tostring(12345.6789, \"commas\")"), "12,345.68");
  EXPECT_EQ(Text("tostring(999, \"commas\")"), "999");
  EXPECT_EQ(Text("tostring(615, \"duration\")"), "00:10:15");
  EXPECT_EQ(Text("tostring(90061, \"duration\")"), "1+01:01:01");
  EXPECT_EQ(Text("tostring(1=1)"), "True");
  EXPECT_EQ(Text("tostring(1=2)"), "False");
  EXPECT_EQ(Text("tostring(5)"), "5");
  EXPECT_EQ(Text("tostring(0.5)"), "0.5");
  EXPECT_TRUE(Eval("tostring(5)").IsString());
  EXPECT_EQ(Text("tostring(\"abc\", \"hex\")"), "abc");
  EXPECT_EQ(Text("tostring(x)"), "<null>");
}

TEST(FunctionsTextTest, UrlDecode) {
  EXPECT_EQ(Text("urldecode(\"a%2Fb%20c\")"), "a/b c");
  EXPECT_EQ(Text("urldecode(\"100%\")"), "100%");
  EXPECT_EQ(Text("urldecode(\"%zz\")"), "%zz");
  EXPECT_EQ(Text("urldecode(\"%41%42\")"), "AB");
}

// ---- conversion and math ----

TEST(FunctionsMathTest, ToNumber) {
  EXPECT_EQ(Text("tonumber(\"42\")"), "42");
  EXPECT_TRUE(Eval("tonumber(\"42\")").IsNumber());
  EXPECT_EQ(Text("tonumber(\"-1.5\")"), "-1.5");
  EXPECT_EQ(Text("tonumber(\"0x1F\", 16)"), "31");
  EXPECT_EQ(Text("tonumber(\"ff\", 16)"), "255");
  EXPECT_EQ(Text("tonumber(\"101\", 2)"), "5");
  EXPECT_EQ(Text("tonumber(\"z\", 36)"), "35");
  EXPECT_EQ(Text("tonumber(\"abc\")"), "<null>");
  EXPECT_EQ(Text("tonumber(\"12abc\")"), "<null>");
  EXPECT_EQ(Text("tonumber(\"102\", 2)"), "<null>");
  EXPECT_EQ(Text("tonumber(\"7\", 1)"), "<null>");
  EXPECT_EQ(Text("tonumber(\"\")"), "<null>");
  EXPECT_EQ(Text("tonumber(x)"), "<null>");
}

TEST(FunctionsMathTest, RoundHalfAwayFromZero) {
  EXPECT_EQ(Text("round(2.5)"), "3");
  EXPECT_EQ(Text("round(-2.5)"), "-3");
  EXPECT_EQ(Text("round(2.4)"), "2");
  EXPECT_EQ(Text("round(3.14159, 2)"), "3.14");
  EXPECT_EQ(Text("round(2.555, 2)"), "2.56");  // the docs' example, despite 2.555 being 2.55499.. in binary
  EXPECT_EQ(Text("round(-2.555, 2)"), "-2.56");
  EXPECT_EQ(Text("round(1234, -2)"), "1200");
  EXPECT_EQ(Text("round(\"7.6\")"), "8");
  EXPECT_EQ(Text("round(x)"), "<null>");
  EXPECT_EQ(Text("round(\"abc\")"), "<null>");
}

TEST(FunctionsMathTest, UnaryMath) {
  EXPECT_EQ(Text("floor(2.7)"), "2");
  EXPECT_EQ(Text("floor(-2.1)"), "-3");
  EXPECT_EQ(Text("ceil(2.1)"), "3");
  EXPECT_EQ(Text("ceiling(-2.1)"), "-2");
  EXPECT_EQ(Text("abs(-3)"), "3");
  EXPECT_EQ(Text("sqrt(16)"), "4");
  EXPECT_EQ(Text("sqrt(-1)"), "<null>");
  EXPECT_EQ(Text("exp(0)"), "1");
  EXPECT_EQ(Text("ln(1)"), "0");
  EXPECT_EQ(Text("ln(0)"), "<null>");
  EXPECT_EQ(Text("log(100)"), "2");
  EXPECT_EQ(Text("log(8, 2)"), "3");
  EXPECT_EQ(Text("log(0)"), "<null>");
  EXPECT_EQ(Text("log(8, 1)"), "<null>");
  EXPECT_EQ(Text("pow(2, 10)"), "1024");
  EXPECT_EQ(Text("pow(x, 2)"), "<null>");
  EXPECT_NEAR(Eval("pi()").num(), 3.14159265358979, 1e-12);
  EXPECT_EQ(Text("exact(3 * 0.1)"), "0.30000000000000004");
  EXPECT_EQ(Text("abs(\"abc\")"), "<null>");
}

TEST(FunctionsMathTest, MinMaxStringsSortAboveNumbers) {
  EXPECT_EQ(Text("min(3, 1, 2)"), "1");
  EXPECT_EQ(Text("max(3, 1, 2)"), "3");
  EXPECT_EQ(Text("max(3, \"abc\")"), "abc");
  EXPECT_EQ(Text("min(3, \"abc\")"), "3");
  EXPECT_EQ(Text("min(\"10\", \"9\")"), "9");  // numeric strings compare as numbers
  EXPECT_EQ(Text("max(\"abc\", \"abd\")"), "abd");
  EXPECT_EQ(Text("max(mv)", MakeRow({{"mv", {"5", "40", "7"}}})), "40");
  EXPECT_EQ(Text("min(x)"), "<null>");
  EXPECT_EQ(Text("min(x, 5)"), "5");
}

// ---- multivalue ----

Row Abc() { return MakeRow({{"mv", {"a", "b", "c"}}}); }

TEST(FunctionsMultivalueTest, MvCount) {
  EXPECT_EQ(Text("mvcount(mv)", Abc()), "3");
  EXPECT_EQ(Text("mvcount(\"a\")"), "1");
  EXPECT_EQ(Text("mvcount(x)"), "<null>");  // null for a missing field, not 0
}

TEST(FunctionsMultivalueTest, MvIndex) {
  EXPECT_EQ(Text("mvindex(mv, 0)", Abc()), "a");
  EXPECT_EQ(Text("mvindex(mv, -1)", Abc()), "c");
  EXPECT_EQ(Text("mvindex(mv, -3)", Abc()), "a");
  EXPECT_EQ(Values("mvindex(mv, 1, 2)", Abc()), (Strings{"b", "c"}));  // end inclusive
  EXPECT_EQ(Values("mvindex(mv, 0, -2)", Abc()), (Strings{"a", "b"}));
  EXPECT_EQ(Text("mvindex(mv, 1, 1)", Abc()), "b");
  EXPECT_EQ(Text("mvindex(mv, 3)", Abc()), "<null>");
  EXPECT_EQ(Text("mvindex(mv, -4)", Abc()), "<null>");
  EXPECT_EQ(Text("mvindex(mv, 2, 1)", Abc()), "<null>");
  // Code's choice (L): an end past the last value is clamped.
  EXPECT_EQ(Values("mvindex(mv, 1, 10)", Abc()), (Strings{"b", "c"}));
  EXPECT_EQ(Text("mvindex(\"solo\", 0)"), "solo");
  EXPECT_EQ(Text("mvindex(x, 0)"), "<null>");
}

TEST(FunctionsMultivalueTest, MvJoin) {
  EXPECT_EQ(Text("mvjoin(mv, \";\")", Abc()), "a;b;c");
  EXPECT_EQ(Text("mvjoin(\"a\", \",\")"), "a");
  EXPECT_EQ(Text("mvjoin(x, \",\")"), "<null>");
}

TEST(FunctionsMultivalueTest, MvAppendSkipsNull) {
  EXPECT_EQ(Values("mvappend(\"x\", missing, mv)", Abc()), (Strings{"x", "a", "b", "c"}));
  EXPECT_EQ(Values("mvappend(mv, mv)", MakeRow({{"mv", {"a", "b"}}})), (Strings{"a", "b", "a", "b"}));
  EXPECT_EQ(Values("mvappend(\"\", \"b\")"), (Strings{"", "b"}));
  EXPECT_TRUE(Eval("mvappend(missing)").IsNull());
  EXPECT_EQ(Text("mvappend(\"a\")"), "a");
}

TEST(FunctionsMultivalueTest, MvFind) {
  EXPECT_EQ(Text("mvfind(mv, \"^b\")", Abc()), "1");
  EXPECT_EQ(Text("mvfind(mv, \"[bc]\")", Abc()), "1");
  EXPECT_EQ(Text("mvfind(mv, \"z\")", Abc()), "<null>");
  EXPECT_EQ(Text("mvfind(x, \"a\")"), "<null>");
}

TEST(FunctionsMultivalueTest, MvDedupKeepsFirstOccurrence) {
  EXPECT_EQ(Values("mvdedup(mv)", MakeRow({{"mv", {"b", "a", "b", "c", "a"}}})), (Strings{"b", "a", "c"}));
  EXPECT_EQ(Text("mvdedup(\"a\")"), "a");
}

TEST(FunctionsMultivalueTest, MvSortIsLexicographic) {
  EXPECT_EQ(Values("mvsort(mv)", MakeRow({{"mv", {"b", "a", "9", "10", "B"}}})), (Strings{"10", "9", "B", "a", "b"}));
  EXPECT_EQ(Text("mvsort(\"a\")"), "a");
}

TEST(FunctionsMultivalueTest, MvZip) {
  Row row = MakeRow({{"a", {"a", "b", "c"}}, {"n", {"1", "2"}}});
  EXPECT_EQ(Values("mvzip(a, n)", row), (Strings{"a,1", "b,2"}));  // stops at the shorter
  EXPECT_EQ(Values("mvzip(a, n, \"|\")", row), (Strings{"a|1", "b|2"}));
  EXPECT_EQ(Text("mvzip(a, x)", row), "<null>");
}

TEST(FunctionsMultivalueTest, MvFilter) {
  Row row = MakeRow({{"mv", {"apple", "banana", "avocado"}}, {"other", "x"}});
  EXPECT_EQ(Values("mvfilter(match(mv, \"^a\"))", row), (Strings{"apple", "avocado"}));
  EXPECT_EQ(Values("mvfilter(mv != \"banana\")", row), (Strings{"apple", "avocado"}));
  EXPECT_TRUE(Eval("mvfilter(mv = \"none\")", row).IsNull());
  EXPECT_TRUE(Eval("mvfilter(missing = \"a\")", row).IsNull());
  EXPECT_EQ(Text("mvfilter(other = \"x\")", row), "x");
}

TEST(FunctionsMultivalueTest, MvRange) {
  EXPECT_EQ(Values("mvrange(1, 4)"), (Strings{"1", "2", "3"}));
  EXPECT_EQ(Values("mvrange(0, 10, 3)"), (Strings{"0", "3", "6", "9"}));
  EXPECT_EQ(Values("mvrange(3, 0, -1)"), (Strings{"3", "2", "1"}));
  EXPECT_TRUE(Eval("mvrange(1, 4, 0)").IsNull());
  EXPECT_TRUE(Eval("mvrange(4, 1)").IsNull());
}

// ---- time ----

TEST(FunctionsTimeTest, StrftimeInTheConfiguredTimezone) {
  EXPECT_EQ(Text("strftime(1617631921, \"%Y-%m-%d %H:%M:%S\")"), "2021-04-05 14:12:01");
  EXPECT_EQ(Text("strftime(1617631921, \"%Y-%m-%dT%H:%M:%S\")"), "2021-04-05T14:12:01");
  EXPECT_EQ(Text("strftime(1617631921, \"%H\")"), "14");
  EXPECT_EQ(Text("strftime(1617631921, \"%w %a %b %j\")"), "1 Mon Apr 095");
  EXPECT_EQ(Text("strftime(1617631921.25, \"%S.%3N\")"), "01.250");
  EXPECT_EQ(Text("strftime(\"1617631921\", \"%F %T\")"), "2021-04-05 14:12:01");
  EXPECT_EQ(Text("strftime(_time, \"%H:%M\")", MakeRow({{"_time", 1617631921}})), "14:12");
  EXPECT_EQ(Text("strftime(\"abc\", \"%H\")"), "<null>");
  EXPECT_EQ(Text("strftime(x, \"%H\")"), "<null>");
  EvalSettings ny;
  ny.timezone = "America/New_York";  // EDT (UTC-4) in April
  EXPECT_EQ(Text("strftime(1617631921, \"%Y-%m-%d %H:%M:%S %z\")", Row(), ny), "2021-04-05 10:12:01 -0400");
  EvalSettings tokyo;
  tokyo.timezone = "Asia/Tokyo";
  EXPECT_EQ(Text("strftime(1617631921, \"%d %H\")", Row(), tokyo), "05 23");
}

TEST(FunctionsTimeTest, Strptime) {
  EXPECT_EQ(Text("strptime(\"2021-04-05 14:12:01\", \"%Y-%m-%d %H:%M:%S\")"), "1617631921");
  EXPECT_EQ(Text("strptime(\"garbage\", \"%Y-%m-%d\")"), "<null>");
  EXPECT_EQ(Text("strptime(x, \"%Y\")"), "<null>");
  EvalSettings ny;
  ny.timezone = "America/New_York";
  EXPECT_EQ(Text("strptime(\"2021-04-05 10:12:01\", \"%Y-%m-%d %H:%M:%S\")", Row(), ny), "1617631921");
}

TEST(FunctionsTimeTest, NowIsTheSearchStartAndTimeIsTheClock) {
  EvalSettings s;
  s.now = 1700000000;
  EXPECT_EQ(Text("now()", Row(), s), "1700000000");
  EXPECT_GT(Eval("time()").num(), 1.6e9);
}

// ---- network ----

TEST(FunctionsNetworkTest, CidrMatchIpv4) {
  EXPECT_EQ(Truth("cidrmatch(\"203.0.113.0/24\", \"203.0.113.10\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"203.0.113.0/24\", \"203.0.114.1\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/9\", \"10.127.255.255\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/9\", \"10.128.0.1\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"0.0.0.0/0\", \"8.8.8.8\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"10.1.2.3/32\", \"10.1.2.3\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/8\", mv)", MakeRow({{"mv", {"1.2.3.4", "10.9.9.9"}}})), "true");
}

TEST(FunctionsNetworkTest, CidrMatchIsFalseForValuesThatAreNotIps) {
  // bug_log P3: sourceIPAddress holds service names and "AWS Internal".
  const char* expr = "cidrmatch(\"203.0.113.0/24\", src_ip)";
  EXPECT_EQ(Truth(expr, MakeRow({{"src_ip", "support.amazonaws.com"}})), "false");
  EXPECT_EQ(Truth(expr, MakeRow({{"src_ip", "AWS Internal"}})), "false");
  EXPECT_EQ(Truth(expr, MakeRow({{"src_ip", ""}})), "false");
  EXPECT_EQ(Truth(expr, MakeRow({{"src_ip", "203.0.113.10"}})), "true");
  EXPECT_EQ(Truth(expr, MakeRow({{"src_ip", "203.0.113.10 "}})), "false");
  EXPECT_EQ(Truth("cidrmatch(\"not-a-cidr\", \"1.2.3.4\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/33\", \"10.0.0.1\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/8\", x)"), "null");
}

TEST(FunctionsNetworkTest, CidrMatchIpv6) {
  EXPECT_EQ(Truth("cidrmatch(\"2001:db8::/32\", \"2001:db8::1\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"2001:db8::/32\", \"2001:0DB8:ffff::1\")"), "true");
  EXPECT_EQ(Truth("cidrmatch(\"2001:db8::/32\", \"2001:db9::1\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"2001:db8::/32\", \"10.0.0.1\")"), "false");
  EXPECT_EQ(Truth("cidrmatch(\"10.0.0.0/8\", \"::1\")"), "false");
}

// ---- registry ----

TEST(FunctionsRegistryTest, EveryRegisteredFunctionHasATestHere) {
  const std::set<std::string> tested = {
      "if", "case", "coalesce", "null", "true", "false", "isnull", "isnotnull", "nullif", "like", "match", "in",
      "typeof", "isnum", "isint", "isstr", "isbool", "validate", "lower", "upper", "len", "substr", "trim", "ltrim",
      "rtrim", "replace", "split", "tostring", "urldecode", "tonumber", "round", "floor", "ceil", "ceiling", "abs",
      "sqrt", "exp", "ln", "log", "pow", "pi", "exact", "min", "max", "mvcount", "mvindex", "mvjoin", "mvappend",
      "mvfind", "mvdedup", "mvsort", "mvzip", "mvfilter", "mvrange", "now", "time", "strftime", "strptime",
      "cidrmatch",
      // Tested in exec_extract_commands_test.cpp.
      "relative_time", "spath"};
  std::set<std::string> registered;
  for (const ScalarFunction* f : AllScalarFunctions()) registered.insert(f->name);
  EXPECT_EQ(registered, tested);
  for (const ScalarFunction* f : AllScalarFunctions()) {
    EXPECT_LE(f->min_args, f->max_args) << f->name;
    EXPECT_FALSE(f->description.empty()) << f->name;
    EXPECT_EQ(FindScalarFunction(f->name), f);
  }
  EXPECT_EQ(FindScalarFunction("nosuch"), nullptr);
}

}  // namespace
}  // namespace trailhound
