#include "output/result_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "output/csv_format.hpp"
#include "output/json_format.hpp"
#include "output/table_format.hpp"

namespace trailhound {
namespace {

void Set(Row& row, std::string_view field, Value value) { row.Set(FieldNames::Intern(field), std::move(value)); }

std::vector<Row> MixedRows() {
  Row first;
  Set(first, "ow_name", Value::Str("a\"b\\c\n\t\x01\xc3\xa9"));
  Set(first, "ow_n", Value::Num(6));
  Set(first, "ow_f", Value::Num(-2.5));
  Set(first, "ow_mv", Value::Multi({Value::Str("x"), Value::Num(1)}));
  Set(first, "_time", Value::Num(1768471200));
  Row second;
  Set(second, "ow_n", Value::Str("7"));
  Set(second, "_time", Value::Str("1768471260"));
  Set(second, "ow_other", Value::Str("x,y \"q\""));
  return {first, second};
}

TEST(OutputWriterTest, DefaultColumnsAreTheUnionInFirstSeenOrder) {
  std::vector<FieldId> columns = DefaultColumns(MixedRows());
  std::vector<std::string> names;
  for (FieldId id : columns) names.push_back(FieldNames::Name(id));
  EXPECT_EQ(names, (std::vector<std::string>{"ow_name", "ow_n", "ow_f", "ow_mv", "_time", "ow_other"}));
}

TEST(OutputWriterTest, Jsonl) {
  std::vector<Row> rows = MixedRows();
  EXPECT_EQ(FormatResults(OutputFormat::kJsonl, rows, DefaultColumns(rows)),
            "{\"ow_name\":\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\",\"ow_n\":6,\"ow_f\":-2.5,\"ow_mv\":[\"x\",1],"
            "\"_time\":1768471200}\n"
            "{\"ow_n\":\"7\",\"_time\":1768471260,\"ow_other\":\"x,y \\\"q\\\"\"}\n");
}

TEST(OutputWriterTest, ExplicitColumnsChooseAndOrderKeys) {
  std::vector<Row> rows = MixedRows();
  std::vector<FieldId> columns = {FieldNames::Intern("_time"), FieldNames::Intern("ow_n"), FieldNames::Intern("ow_absent")};
  EXPECT_EQ(FormatResults(OutputFormat::kJsonl, rows, columns),
            "{\"_time\":1768471200,\"ow_n\":6}\n{\"_time\":1768471260,\"ow_n\":\"7\"}\n");
}

TEST(OutputWriterTest, JsonArray) {
  std::vector<Row> rows = MixedRows();
  std::vector<FieldId> columns = {FieldNames::Intern("ow_n")};
  EXPECT_EQ(FormatResults(OutputFormat::kJson, rows, columns), "[\n{\"ow_n\":6},\n{\"ow_n\":\"7\"}\n]\n");
  EXPECT_EQ(FormatResults(OutputFormat::kJson, {}, {}), "[]\n");
  EXPECT_EQ(FormatResults(OutputFormat::kJsonl, {}, {}), "");
}

TEST(OutputWriterTest, Csv) {
  std::vector<Row> rows = MixedRows();
  EXPECT_EQ(FormatResults(OutputFormat::kCsv, rows, DefaultColumns(rows)),
            "ow_name,ow_n,ow_f,ow_mv,_time,ow_other\n"
            "\"a\"\"b\\c\n\t\x01\xc3\xa9\",6,-2.5,\"x\n1\",1768471200,\n"
            ",7,,,1768471260,\"x,y \"\"q\"\"\"\n");
}

TEST(OutputWriterTest, CsvHeaderIsQuotedToo) {
  std::string out;
  AppendCsvLine(out, {"a,b", "plain", "q\"", "", "cr\r"});
  EXPECT_EQ(out, "\"a,b\",plain,\"q\"\"\",,\"cr\r\"\n");
}

TEST(OutputWriterTest, JsonStringEscaping) {
  std::string out;
  AppendJsonString(out, std::string_view("\"\\/\b\f\n\r\t\x1f\x7f", 10));
  EXPECT_EQ(out, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u001f\x7f\"");
  out.clear();
  // Valid multibyte UTF-8 passes; invalid bytes, overlong forms and surrogates become U+FFFD.
  AppendJsonString(out, "\xe2\x82\xac \xf0\x9f\x98\x80 \xff \xc0\xaf \xed\xa0\x80 \xe2\x82");
  EXPECT_EQ(out, "\"\xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
                 "\xef\xbf\xbd\xef\xbf\xbd\"");
  out.clear();
  AppendJsonString(out, std::string_view("nul\0x", 5));
  EXPECT_EQ(out, "\"nul\\u0000x\"");
}

TEST(OutputWriterTest, JsonNumbersAndOtherValues) {
  auto json = [](const Value& v, bool as_time = false) {
    std::string out;
    AppendJsonValue(out, v, as_time);
    return out;
  };
  EXPECT_EQ(json(Value::Num(10)), "10");
  EXPECT_EQ(json(Value::Num(-0.0)), "0");
  EXPECT_EQ(json(Value::Num(0.1)), "0.1");
  EXPECT_EQ(json(Value::Num(1768471200.25)), "1768471200.25");
  EXPECT_EQ(json(Value::Num(1e300 * 1e300)), "null");
  EXPECT_EQ(json(Value::Bool(true)), "true");
  EXPECT_EQ(json(Value::Null()), "null");
  EXPECT_EQ(json(Value::Str("12")), "\"12\"");
  EXPECT_EQ(json(Value::Str("12"), true), "12");
  EXPECT_EQ(json(Value::Str("not a time"), true), "\"not a time\"");
}

TEST(OutputWriterTest, Table) {
  Row first;
  Set(first, "ot_host", Value::Str("web-1"));
  Set(first, "ot_count", Value::Num(12));
  Set(first, "_time", Value::Num(1768471200));
  Set(first, "ot_tags", Value::Multi({Value::Str("a"), Value::Str("b")}));
  Row second;
  Set(second, "ot_host", Value::Str("a-very-long-hostname-that-gets-cut-off"));
  Set(second, "ot_count", Value::Num(3));
  Set(second, "_time", Value::Num(1768471200.25));
  Set(second, "ot_note", Value::Str("line\nbreak"));
  std::vector<Row> rows = {first, second};
  TableOptions options;
  options.max_cell_width = 30;
  EXPECT_EQ(FormatResults(OutputFormat::kTable, rows, DefaultColumns(rows), options),
            "ot_host                         ot_count  _time                     ot_tags  ot_note\n"
            "------------------------------  --------  ------------------------  -------  ----------\n"
            "web-1                           12        2026-01-15T10:00:00Z      a, b\n"
            "a-very-long-hostname-that-g...  3         2026-01-15T10:00:00.250Z           line break\n");
  EXPECT_EQ(FormatResults(OutputFormat::kTable, {}, {}), "(no results)\n");
}

TEST(OutputWriterTest, TableCountsCharactersNotBytes) {
  std::string out;
  TableOptions options;
  options.max_cell_width = 5;
  AppendTextTable(out, {"h", "x"}, {{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "1"}, {"ab", "2"}}, options);
  EXPECT_EQ(out, "h      x\n-----  -\n\xc3\xa9\xc3\xa9...  1\nab     2\n");
}

TEST(OutputWriterTest, UtcIsoTime) {
  EXPECT_EQ(FormatUtcIsoTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtcIsoTime(1617631200), "2021-04-05T14:00:00Z");
  EXPECT_EQ(FormatUtcIsoTime(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatUtcIsoTime(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatUtcIsoTime(1.5), "1970-01-01T00:00:01.500Z");
}

TEST(OutputWriterTest, StreamingMatchesFormatting) {
  std::vector<Row> rows = MixedRows();
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kJson, OutputFormat::kCsv, OutputFormat::kTable}) {
    std::ostringstream stream;
    WriteResults(stream, format, rows, DefaultColumns(rows));
    EXPECT_EQ(stream.str(), FormatResults(format, rows, DefaultColumns(rows))) << OutputFormatName(format);
  }
}

TEST(OutputWriterTest, FormatNames) {
  EXPECT_EQ(ParseOutputFormat("jsonl"), OutputFormat::kJsonl);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_FALSE(ParseOutputFormat("xml").has_value());
  EXPECT_EQ(OutputFormatName(OutputFormat::kCsv), "csv");
}

}  // namespace
}  // namespace trailhound
