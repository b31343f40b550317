// The stats aggregate functions (src/functions/aggregate_functions.cpp): name resolution, the
// value of each function, the empty-group value, and Merge (two states combined must give what one
// state fed all the values gives).
#include "functions/aggregate_function.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "spl_test_util.hpp"

namespace trailhound {
namespace {

using testing::Texts;
using Strings = std::vector<std::string>;

struct Input {
  Value value;
  double time;
};

std::vector<Input> Inputs(std::initializer_list<const char*> values) {
  std::vector<Input> out;
  double t = 100;
  for (const char* v : values) out.push_back({Value::Str(v), t++});
  return out;
}

std::unique_ptr<AggregateState> Make(const std::string& name) {
  AggregateFunction f;
  EXPECT_TRUE(FindAggregateFunction(name, f)) << name;
  return f.make(f.param);
}

Value Aggregate(const std::string& name, const std::vector<Input>& in) {
  auto s = Make(name);
  for (const auto& i : in) s->Add(i.value, i.time);
  return s->Finalize();
}

std::string Text(const std::string& name, std::initializer_list<const char*> values) {
  Value v = Aggregate(name, Inputs(values));
  return v.IsNull() ? "<null>" : v.AsString();
}

TEST(FunctionsAggregateTest, NamesResolveToCanonicalFunctions) {
  AggregateFunction f;
  ASSERT_TRUE(FindAggregateFunction("c", f));
  EXPECT_EQ(f.name, "count");
  EXPECT_FALSE(f.takes_field);
  ASSERT_TRUE(FindAggregateFunction("distinct_count", f));
  EXPECT_EQ(f.name, "dc");
  EXPECT_TRUE(f.takes_field);
  ASSERT_TRUE(FindAggregateFunction("mean", f));
  EXPECT_EQ(f.name, "avg");
  ASSERT_TRUE(FindAggregateFunction("perc95", f));
  EXPECT_EQ(f.param, 95);
  ASSERT_TRUE(FindAggregateFunction("p50", f));
  EXPECT_EQ(f.param, 50);
  ASSERT_TRUE(FindAggregateFunction("exactperc99.5", f));
  EXPECT_EQ(f.param, 99.5);
  ASSERT_TRUE(FindAggregateFunction("median", f));
  EXPECT_EQ(f.param, 50);
  EXPECT_FALSE(FindAggregateFunction("nosuch", f));
  EXPECT_FALSE(FindAggregateFunction("perc101", f));
  EXPECT_FALSE(FindAggregateFunction("perc", f));
  EXPECT_FALSE(FindAggregateFunction("p", f));
  EXPECT_FALSE(FindAggregateFunction("pxyz", f));
  EXPECT_FALSE(FindAggregateFunction("COUNT", f));  // the parser lower-cases first
}

TEST(FunctionsAggregateTest, EmptyGroupValues) {
  AggregateFunction f;
  for (const char* name : {"count", "c", "dc", "distinct_count"}) {
    ASSERT_TRUE(FindAggregateFunction(name, f));
    EXPECT_EQ(f.empty_value.AsString(), "0") << name;
  }
  for (const char* name : {"values", "min", "max", "avg", "sum", "first", "perc95"}) {
    ASSERT_TRUE(FindAggregateFunction(name, f));
    EXPECT_TRUE(f.empty_value.IsNull()) << name;
  }
}

TEST(FunctionsAggregateTest, CountAndDistinctCount) {
  EXPECT_EQ(Text("count", {"a", "b", "a"}), "3");
  // dc counts distinct strings: 1, 1.0 and 01 are three values; case matters.
  EXPECT_EQ(Text("dc", {"1", "1.0", "01", "1"}), "3");
  EXPECT_EQ(Text("dc", {"a", "A", "a"}), "2");
  EXPECT_EQ(Text("estdc", {"a", "b", "a"}), "2");
  EXPECT_EQ(Text("dc", {}), "0");
}

TEST(FunctionsAggregateTest, ValuesAreDistinctAndSortedByteWise) {
  Value v = Aggregate("values", Inputs({"b", "10", "9", "a", "b", "B"}));
  EXPECT_EQ(Texts(v), (Strings{"10", "9", "B", "a", "b"}));
  EXPECT_TRUE(Aggregate("values", {}).IsNull());
  // No limit on the number of values.
  std::vector<Input> many;
  for (int i = 0; i < 250; ++i) many.push_back({Value::Str("v" + std::to_string(i)), 0});
  EXPECT_EQ(Aggregate("values", many).Count(), 250u);
}

TEST(FunctionsAggregateTest, ListKeepsOrderAndDuplicatesUpTo100) {
  EXPECT_EQ(Texts(Aggregate("list", Inputs({"b", "a", "b"}))), (Strings{"b", "a", "b"}));
  std::vector<Input> many;
  for (int i = 0; i < 150; ++i) many.push_back({Value::Num(i), 0});
  Value v = Aggregate("list", many);
  ASSERT_EQ(v.Count(), 100u);
  EXPECT_EQ(v.At(99).AsString(), "99");
}

TEST(FunctionsAggregateTest, MinMaxNumericWhenPossible) {
  EXPECT_EQ(Text("min", {"10", "9", "100"}), "9");
  EXPECT_EQ(Text("max", {"10", "9", "100"}), "100");
  EXPECT_TRUE(Aggregate("max", Inputs({"10", "9"})).IsNumber());
  EXPECT_EQ(Text("min", {"b", "a", "c"}), "a");
  EXPECT_EQ(Text("max", {"b", "a", "c"}), "c");
  // Mixed (L): numbers are below strings.
  EXPECT_EQ(Text("min", {"5", "abc", "3"}), "3");
  EXPECT_EQ(Text("max", {"5", "abc", "3"}), "abc");
  EXPECT_EQ(Text("min", {"-1.5", "2"}), "-1.5");
  EXPECT_EQ(Text("min", {}), "<null>");
}

TEST(FunctionsAggregateTest, SumAvgAndSpread) {
  EXPECT_EQ(Text("sum", {"1", "2", "3.5"}), "6.5");
  EXPECT_EQ(Text("sum", {"1", "x", "2"}), "3");  // non-numeric values are ignored
  EXPECT_EQ(Text("avg", {"1", "2", "4"}), "2.3333333333333335");
  EXPECT_EQ(Text("mean", {"2", "4"}), "3");
  EXPECT_EQ(Text("avg", {"x", "y"}), "<null>");
  const std::initializer_list<const char*> xs = {"2", "4", "4", "4", "5", "5", "7", "9"};
  EXPECT_NEAR(Aggregate("stdev", Inputs(xs)).num(), std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(Aggregate("stdevp", Inputs(xs)).num(), 2.0, 1e-12);
  EXPECT_NEAR(Aggregate("var", Inputs(xs)).num(), 32.0 / 7.0, 1e-12);
  EXPECT_NEAR(Aggregate("varp", Inputs(xs)).num(), 4.0, 1e-12);
  EXPECT_EQ(Text("sumsq", {"1", "2", "3"}), "14");
  EXPECT_EQ(Text("range", {"5", "1", "9"}), "8");
  EXPECT_EQ(Text("stdev", {"5"}), "0");  // one value: 0
  EXPECT_EQ(Text("var", {"5"}), "0");
}

TEST(FunctionsAggregateTest, PercentilesAndMedian) {
  // Code's choice (L): linear interpolation between the closest ranks.
  EXPECT_EQ(Text("median", {"3", "1", "2"}), "2");
  EXPECT_EQ(Text("median", {"1", "2", "3", "4"}), "2.5");
  EXPECT_EQ(Text("perc50", {"1", "2", "3", "4", "5"}), "3");
  EXPECT_EQ(Text("p100", {"1", "7", "3"}), "7");
  EXPECT_EQ(Text("perc0", {"4", "7", "3"}), "3");
  std::vector<Input> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back({Value::Num(i), 0});
  EXPECT_NEAR(Aggregate("perc95", hundred).num(), 95.05, 1e-9);
  EXPECT_EQ(Text("median", {"x"}), "<null>");
}

TEST(FunctionsAggregateTest, FirstLastEarliestLatest) {
  // Input order: first is the first value pushed; times are 100, 101, 102 ... by default.
  EXPECT_EQ(Text("first", {"a", "b", "c"}), "a");
  EXPECT_EQ(Text("last", {"a", "b", "c"}), "c");
  std::vector<Input> in = {{Value::Str("mid"), 200}, {Value::Str("old"), 100}, {Value::Str("new"), 300},
                           {Value::Str("old-too"), 100}};
  EXPECT_EQ(Aggregate("earliest", in).AsString(), "old");  // a tie keeps the first seen
  EXPECT_EQ(Aggregate("latest", in).AsString(), "new");
  EXPECT_EQ(Aggregate("earliest_time", in).AsString(), "100");
  EXPECT_EQ(Aggregate("latest_time", in).AsString(), "300");
  EXPECT_TRUE(Aggregate("first", {}).IsNull());
}

TEST(FunctionsAggregateTest, Mode) {
  EXPECT_EQ(Text("mode", {"a", "b", "b"}), "b");
  EXPECT_EQ(Text("mode", {"a", "b", "b", "a"}), "a");  // a tie: the first seen
  EXPECT_EQ(Text("mode", {}), "<null>");
}

bool SameValue(const Value& a, const Value& b) {
  if (a.IsNumber() && b.IsNumber()) return std::fabs(a.num() - b.num()) <= 1e-9 * std::max(1.0, std::fabs(a.num()));
  return a == b;
}

// For every function: splitting the input in two states at every point and merging the second
// into the first gives the same result as one state.
TEST(FunctionsAggregateTest, MergeOfTwoStatesEqualsOneState) {
  std::vector<Input> in;
  const char* raw[] = {"5", "3", "abc", "10", "3", "x", "-1.5", "abc", "7", "0"};
  double times[] = {300, 100, 400, 100, 250, 500, 50, 50, 600, 20};
  for (size_t i = 0; i < std::size(raw); ++i) in.push_back({Value::Str(raw[i]), times[i]});
  const char* names[] = {"count", "c",     "dc",     "distinct_count", "estdc", "values",        "list",
                         "min",   "max",   "sum",    "avg",            "mean",  "stdev",         "stdevp",
                         "var",   "varp",  "sumsq",  "range",          "median", "first",        "last",
                         "earliest", "latest", "earliest_time", "latest_time", "mode", "perc95", "p50",
                         "exactperc90", "upperperc10"};
  for (const char* name : names) {
    Value whole = Aggregate(name, in);
    for (size_t k = 0; k <= in.size(); ++k) {
      auto a = Make(name);
      auto b = Make(name);
      for (size_t i = 0; i < k; ++i) a->Add(in[i].value, in[i].time);
      for (size_t i = k; i < in.size(); ++i) b->Add(in[i].value, in[i].time);
      a->Merge(*b);
      Value merged = a->Finalize();
      EXPECT_TRUE(SameValue(merged, whole)) << name << " split at " << k << ": " << merged.AsString() << " vs "
                                            << whole.AsString();
    }
  }
  // Every function the table lists is covered above.
  for (const std::string& n : AggregateFunctionNames()) {
    if (n.find('<') != std::string::npos) continue;
    EXPECT_NE(std::find(std::begin(names), std::end(names), n), std::end(names)) << n;
  }
}

TEST(FunctionsAggregateTest, MergeIntoAnEmptyStateAndFromAnEmptyState) {
  for (const char* name : {"avg", "stdev", "min", "max", "first", "last", "list", "mode"}) {
    auto filled = Make(name);
    filled->Add(Value::Str("4"), 1);
    filled->Add(Value::Str("8"), 2);
    auto empty = Make(name);
    empty->Merge(*filled);
    auto filled2 = Make(name);
    filled2->Add(Value::Str("4"), 1);
    filled2->Add(Value::Str("8"), 2);
    auto empty2 = Make(name);
    filled2->Merge(*empty2);
    EXPECT_TRUE(SameValue(empty->Finalize(), filled2->Finalize())) << name;
  }
}

}  // namespace
}  // namespace trailhound
