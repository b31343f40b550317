// Damaged input never crashes the readers (run under ASan/UBSan): every fixture cut at many
// offsets, and every event cut at every offset through the field extractor.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "io/json_scanner.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

TEST(IoRobustness, FixturesCutAtManyOffsets) {
  io_test::TempDir dir;
  for (const char* name : {"records_pretty.json", "records_oneline.json", "array_pretty.json", "lines.jsonl",
                           "cloudwatch_pretty.json", "eventbridge.json", "lookup_events.json", "lookup_lines.jsonl",
                           "p5_records.json"}) {
    SCOPED_TRACE(name);
    const std::string full = io_test::ReadFileBytes(io_test::IoFixture(name));
    InputSummary whole_summary;
    const size_t whole = io_test::ReadOne(io_test::IoFixture(name), whole_summary).size();
    for (size_t cut = 0; cut < full.size(); cut += 13) {
      std::string path = dir.Write("cut.json", full.substr(0, cut));
      InputSummary summary;
      auto events = io_test::ReadOne(path, summary);
      EXPECT_LE(events.size(), whole) << "cut at " << cut;
      // Whatever is handed out is a whole, valid object.
      for (const auto& e : events) EXPECT_EQ(io_test::FieldOf(e.json, "eventVersion"), "1.08") << "cut at " << cut;
    }
  }
}

TEST(IoRobustness, ExtractorOnEveryPrefixOfAnEvent) {
  const std::string event =
      R"({"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:x"},"resources":[{"ARN":"a"},{"ARN":"b"}],)"
      R"("requestParameters":null,"n":[1.5,-2,true,false,null,"s\"x"],"e":{}})";
  FieldExtractor extractor(Projection::All());
  Projection some;
  some.AddField("resources{}.ARN");
  FieldExtractor projected(some);
  std::string error;
  for (size_t cut = 0; cut <= event.size(); ++cut) {
    PaddedBuffer padded;
    padded.Assign(event.substr(0, cut));
    Row row;
    bool ok = extractor.Extract(padded.view(), row, &error);
    EXPECT_EQ(ok, cut == event.size()) << "cut at " << cut;
    Row row2;
    projected.Extract(padded.view(), row2, &error);  // must not crash; may succeed when the cut is skipped
  }
}

TEST(IoRobustness, CountNewlinesMatchesStdCount) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string text(static_cast<size_t>(rng() % 100), 'a');
    for (char& c : text) c = "ab\n\x0a\x8a\xff"[rng() % 6];
    EXPECT_EQ(CountNewlines(text), static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n')));
  }
}

}  // namespace
}  // namespace trailhound
