// Matching raw text against prefilters with Vectorscan (exec/raw_prefilter.hpp), and the safety
// property: every event the engine's leading search matches is selected by its prefilter, over
// the detection fixtures and the shared real CloudTrail data.
#include "content_test_util.hpp"
#include "exec/raw_prefilter.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_test_util.hpp"
#include "common/error.hpp"
#include "detect/detection_yaml.hpp"
#include "detect/spl_usage_scan.hpp"
#include "exec/lookup_registry.hpp"
#include "exec/query_runner.hpp"
#include "io/input_summary.hpp"
#include "profile/profile_registry.hpp"
#include "spl/macro_expander.hpp"
#include "spl/macro_table.hpp"

namespace trailhound {
namespace {

namespace fs = std::filesystem;

using content_test::UsesTstats;
using E = PrefilterExpr;

struct Line {
  size_t begin, end;
  std::vector<bool> plans;
};

std::vector<Line> Select(const RawPrefilter& pf, std::string_view block) {
  RawPrefilter::Scanner scanner(pf);
  std::vector<Line> out;
  scanner.SelectLines(block, [&](size_t b, size_t e, const PlanMask& m) {
    Line l{b, e, {}};
    for (size_t i = 0; i < pf.plans(); ++i) l.plans.push_back(m.Test(i));
    out.push_back(l);
  });
  return out;
}

bool May(const RawPrefilter& pf, std::string_view text, size_t plan = 0) {
  RawPrefilter::Scanner scanner(pf);
  PlanMask mask;
  bool any = scanner.MayMatch(text, mask);
  EXPECT_EQ(any, mask.Any());
  return mask.Test(plan);
}

TEST(RawPrefilterTest, TermsCaseInsensitive) {
  RawPrefilter pf({E::Term("accessdenied")});
  EXPECT_TRUE(pf.enabled());
  EXPECT_EQ(pf.plans(), 1u);
  EXPECT_TRUE(May(pf, R"({"errorCode":"AccessDenied"})"));
  EXPECT_TRUE(May(pf, R"({"errorCode":"ACCESSDENIED"})"));
  EXPECT_FALSE(May(pf, R"({"errorCode":"Access Denied"})"));
  EXPECT_FALSE(May(pf, ""));
  EXPECT_FALSE(May(pf, "  \n "));
  // ASCII folding only, as the engine: KELVIN SIGN is not k.
  RawPrefilter kelvin({E::Term("kms")});
  EXPECT_FALSE(May(kelvin, "{\"eventSource\":\"\xe2\x84\xaams\"}"));
}

TEST(RawPrefilterTest, EscapeRule) {
  RawPrefilter pf({E::Term("accessdenied")});
  EXPECT_TRUE(May(pf, R"({"errorCode":"Access\u0044enied"})"));
  EXPECT_TRUE(May(pf, R"({"errorCode":"\u0041ccessDenied"})"));
  // Inside a CloudWatch Logs message string the inner escape is written \\u0044.
  EXPECT_TRUE(May(pf, R"({"logEvents":[{"message":"{\"errorCode\":\"Access\\u0044enied\"}"}]})"));
  EXPECT_TRUE(May(pf, R"({"logEvents":[{"message":"{\"errorCode\":\"\\u00e9AccessDenied\"}"}]})"));
  // Other escapes do not select anything by themselves.
  EXPECT_FALSE(May(pf, R"({"errorCode":"Access\/Denied \n \"x\""})"));
  std::string lines = "{\"a\":\"x\\u0041\"}\n{\"a\":\"plain\"}\n";
  auto sel = Select(pf, lines);
  ASSERT_EQ(sel.size(), 1u);
  EXPECT_EQ(lines.substr(sel[0].begin, sel[0].end - sel[0].begin), "{\"a\":\"x\\u0041\"}");
}

TEST(RawPrefilterTest, AndOrAndMasks) {
  std::vector<PrefilterExpr> plans;
  plans.push_back(E::And({E::Term("accessdenied"), E::Or({E::Term("iamusertype"), E::Term("rootaccount")})}));
  plans.push_back(E::Term("deletetrail"));
  plans.push_back(E::Or({E::Term("rootaccount"), E::Term("stoplogging")}));
  RawPrefilter pf(plans);
  EXPECT_TRUE(pf.enabled());
  std::string block =
      "{\"errorCode\":\"AccessDenied\",\"type\":\"IAMUserType\"}\n"   // 0
      "{\"errorCode\":\"AccessDenied\",\"type\":\"Role\"}\n"          // none
      "\n"                                                           // blank
      "   \t \r\n"                                                   // whitespace only
      "{\"eventName\":\"DeleteTrail\",\"type\":\"RootAccount\"}\n"     // 1, 2
      "{\"eventName\":\"StopLogging\",\"e\":\"accessdenied\",\"t\":\"rootaccount\"}";  // 0, 2; no final '\n'
  auto sel = Select(pf, block);
  ASSERT_EQ(sel.size(), 3u);
  auto text = [&](const Line& l) { return block.substr(l.begin, l.end - l.begin); };
  EXPECT_EQ(text(sel[0]), "{\"errorCode\":\"AccessDenied\",\"type\":\"IAMUserType\"}");
  EXPECT_EQ(sel[0].plans, (std::vector<bool>{true, false, false}));
  EXPECT_EQ(text(sel[1]), "{\"eventName\":\"DeleteTrail\",\"type\":\"RootAccount\"}");
  EXPECT_EQ(sel[1].plans, (std::vector<bool>{false, true, true}));
  EXPECT_EQ(text(sel[2]), "{\"eventName\":\"StopLogging\",\"e\":\"accessdenied\",\"t\":\"rootaccount\"}");
  EXPECT_EQ(sel[2].plans, (std::vector<bool>{true, false, true}));
  EXPECT_TRUE(Select(pf, "").empty());
  EXPECT_TRUE(Select(pf, "\n\n  \n").empty());
  // The escape rule selects a line for every plan.
  auto esc = Select(pf, "\n{\"x\":\"\\u0000\"}\n");
  ASSERT_EQ(esc.size(), 1u);
  EXPECT_EQ(esc[0].begin, 1u);
  EXPECT_EQ(esc[0].plans, (std::vector<bool>{true, true, true}));
  std::string explain = pf.Explain();
  EXPECT_NE(explain.find("plan 0: \"accessdenied\" AND (\"iamusertype\" OR \"rootaccount\")\n"), std::string::npos) << explain;
  EXPECT_NE(explain.find("escape rule"), std::string::npos);
}

TEST(RawPrefilterTest, ShortTermsOfAnAndAreNotScannedFor) {
  // "yes" and ("root" OR "iamuser") are implied requirements; leaving them out selects more.
  RawPrefilter pf({E::And({E::Term("consolelogin"), E::Term("yes"), E::Or({E::Term("root"), E::Term("iamuser")})}),
                   E::And({E::Term("abc"), E::Term("defg")})});
  EXPECT_EQ(pf.terms(), (std::vector<std::string>{"consolelogin", "abc", "defg"}));
  EXPECT_NE(pf.Explain().find("plan 0: \"consolelogin\" AND \"yes\" AND (\"root\" OR \"iamuser\") (scanned for: "
                              "\"consolelogin\")"),
            std::string::npos)
      << pf.Explain();
  EXPECT_TRUE(May(pf, R"({"eventName":"ConsoleLogin","MFAUsed":"No"})"));
  EXPECT_FALSE(May(pf, R"({"eventName":"ConsoleLogin","MFAUsed":"No"})", 1));
  EXPECT_FALSE(May(pf, R"({"a":"abc"})", 1));
  EXPECT_TRUE(May(pf, R"({"a":"abc","b":"DEFG"})", 1));
}

TEST(RawPrefilterTest, TermsAcrossLinesDoNotCount) {
  RawPrefilter pf({E::Term("deletetrail")});
  auto sel = Select(pf, "{\"a\":\"Delete\"}\n{\"b\":\"Trail\"}\n");
  EXPECT_TRUE(sel.empty());
  // MayMatch sees a document as one text, newlines included.
  EXPECT_TRUE(May(pf, "{\"Records\":[\n{\"eventName\":\"DeleteTrail\"}\n]}"));
}

TEST(RawPrefilterTest, KTruePlanDisables) {
  RawPrefilter pf({E::Term("deletetrail"), E::True()});
  EXPECT_FALSE(pf.enabled());
  auto sel = Select(pf, "{\"a\":1}\n\n{\"eventName\":\"DeleteTrail\"}");
  ASSERT_EQ(sel.size(), 2u);
  EXPECT_EQ(sel[0].plans, (std::vector<bool>{false, true}));
  EXPECT_EQ(sel[1].plans, (std::vector<bool>{true, true}));
  EXPECT_NE(pf.Explain().find("plan 1: none"), std::string::npos);
}

TEST(RawPrefilterTest, ManyPlansAndTerms) {
  std::vector<PrefilterExpr> plans;
  for (int i = 0; i < 130; ++i) plans.push_back(E::Term("term" + std::to_string(1000 + i)));
  RawPrefilter pf(plans);
  EXPECT_EQ(pf.plans(), 130u);
  std::string block;
  for (int i = 0; i < 130; ++i) block += "{\"x\":\"TERM" + std::to_string(1000 + i) + "\"}\n";
  auto sel = Select(pf, block);
  ASSERT_EQ(sel.size(), 130u);
  for (size_t i = 0; i < sel.size(); ++i) {
    for (size_t j = 0; j < 130; ++j) EXPECT_EQ(sel[i].plans[j], i == j) << i << " " << j;
  }
}

// ---- The safety property ----

struct Corpus {
  fs::path dir;
  std::vector<fs::path> files;
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every non-blank line is a complete object on its own: the file can be filtered line by line.
bool IsJsonLines(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    size_t e = line.find_last_not_of(" \t\r");
    if (line[b] != '{' || line[e] != '}') return false;
    ++n;
  }
  return n > 0;
}

// The inputs of the detection fixtures and the shared real data (gzip and zip left out: the
// scan hands the prefilter decompressed text).
void CollectCorpus(cli_test::TempDir& tmp, std::vector<fs::path>& files) {
  fs::path fixtures = fs::path(TRAILHOUND_SOURCE_DIR) / "tests" / "detections";
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (entry.path().extension() != ".yml") continue;
    YAML::Node doc = YAML::LoadFile(entry.path().string());
    if (!doc["cases"] || !doc["cases"].IsSequence()) continue;
    for (const auto& c : doc["cases"]) {
      if (!c["input"]) continue;
      files.push_back(tmp.Write("fixture_" + std::to_string(n++) + ".json", c["input"].as<std::string>()));
    }
  }
  fs::path data = fs::path(TRAILHOUND_SHARED_DIR) / "data" / "cloudtrail";
  if (!fs::is_directory(data)) return;
  for (const auto& entry : fs::recursive_directory_iterator(data)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (ext != ".json" && ext != ".jsonl" && ext != ".log") continue;
    std::string head = ReadAll(entry.path()).substr(0, 2);
    if (head == "\x1f\x8b" || head == "PK") continue;
    files.push_back(entry.path());
  }
}

// The event count of the query's leading search/where commands over `files`.
size_t LeadingCount(const std::string& prefix, const std::vector<fs::path>& files, const RunOptions& options) {
  if (files.empty()) return 0;
  std::vector<InputFile> inputs;
  for (const auto& f : files) inputs.push_back({f.string()});
  InputSummary summary;
  auto results = RunQueries({prefix + " | stats count"}, inputs, options, summary);
  if (results[0].rows.empty()) return 0;
  const Value* v = results[0].rows[0].Get(FieldNames::Intern("count"));
  return v ? static_cast<size_t>(*v->AsNumber()) : 0;
}

TEST(RawPrefilterSafetyTest, MatchedEventsAreSelected) {
  fs::path content = fs::path(TRAILHOUND_SHARED_DIR) / "security_content";
  if (!fs::is_directory(content)) GTEST_SKIP() << "no " << content;
  cli_test::TempDir tmp("prefilter");
  std::vector<fs::path> corpus;
  CollectCorpus(tmp, corpus);
  ASSERT_GT(corpus.size(), 50u);

  MacroTable macros = MacroTable::WithBuiltins();
  macros.LoadContentDirectory(content);
  auto lookups = std::make_shared<LookupRegistry>();
  lookups->AddDirectory(content / "lookups");
  RunOptions options;
  options.settings.timezone = "UTC";
  options.lookups = lookups;
  FieldOrigins origins = FieldOrigins::FromProfiles(BuiltinProfiles());

  // The production raw-CloudTrail detections, plus hand-written searches over common fields.
  std::vector<std::string> queries;
  for (const Detection& d : LoadContentDetections(content)) {
    if (d.status != "production" || d.search.find("`cloudtrail`") == std::string::npos ||
        UsesTstats(d.search, macros)) {
      continue;
    }
    queries.push_back(ExpandMacros(d.search, macros));
  }
  for (const char* q : {"errorCode=AccessDenied", "errorCode=*denied*", "src_ip=198.51.100.*", "eventName=Get*",
                        "AccessDenied", "userIdentity.type=Root", "readOnly=false", "eventSource=s3.amazonaws.com",
                        "signature=ConsoleLogin", "msg=*Unauthorized*", "vendor_region=us-west-2",
                        "\"userIdentity\" eventVersion=1.0*", "errorCode=ThrottlingException OR eventName=List*"}) {
    queries.push_back(std::string("sourcetype=aws:cloudtrail ") + q);
  }

  size_t checked = 0, matched_events = 0;
  for (const std::string& query : queries) {
    std::unique_ptr<QueryPlan> plan;
    try {
      plan = PlanQuery(query, PlanContext{options.settings, lookups.get()});
    } catch (const Error&) {
      continue;  // not runnable here; ProductionDetectionsDerive lists them
    }
    PrefilterExpr expr = DerivePrefilter(*plan, origins);
    if (expr.IsTrue()) continue;
    if (!plan->subsearches().empty()) continue;  // the leading-search count below covers one plan
    const auto& commands = plan->pipeline().commands;
    size_t k = 0;
    while (k < commands.size() && (commands[k]->kind == CommandKind::kSearch || commands[k]->kind == CommandKind::kWhere)) ++k;
    std::string prefix = query;
    if (k < commands.size()) prefix = query.substr(0, query.rfind('|', commands[k]->position));

    RawPrefilter pf({expr});
    RawPrefilter::Scanner scanner(pf);
    cli_test::TempDir filtered("prefilter_out");
    std::vector<fs::path> kept;
    size_t n = 0;
    for (const auto& f : corpus) {
      std::string text = ReadAll(f);
      std::string out;
      if (IsJsonLines(text)) {
        scanner.SelectLines(text, [&](size_t b, size_t e, const PlanMask& m) {
          ASSERT_TRUE(m.Test(0));
          out.append(text, b, e - b);
          out += '\n';
        });
      } else {
        PlanMask m;
        if (scanner.MayMatch(text, m)) out = text;
      }
      if (!out.empty()) kept.push_back(filtered.Write("f" + std::to_string(n++) + f.extension().string(), out));
    }
    size_t all = LeadingCount(prefix, corpus, options);
    size_t selected = LeadingCount(prefix, kept, options);
    EXPECT_EQ(all, selected) << "prefilter " << DescribePrefilter(expr) << " loses events of: " << prefix;
    ++checked;
    matched_events += all;
  }
  std::cout << "[safety] " << checked << " queries with a prefilter checked over " << corpus.size()
            << " files; " << matched_events << " matching events, all selected\n";
  EXPECT_GE(checked, 30u);
  EXPECT_GT(matched_events, 50u);
}

}  // namespace
}  // namespace trailhound
