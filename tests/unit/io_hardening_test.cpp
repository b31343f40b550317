// Input hardening, from a new user's report: deep nesting, sniffing before reading whole, a bad
// first line, the directory walk's special entries, damaged gzip, the summary's examples,
// duplicate paths, archives and top-level scalars.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "io/envelope.hpp"
#include "io/framing.hpp"
#include "io/gzip.hpp"
#include "io/input_reader.hpp"
#include "io_test_util.hpp"

namespace trailhound {
namespace {

namespace fs = std::filesystem;
using io_test::FieldOf;
using io_test::Gzip;
using io_test::ReadOne;
using io_test::TempDir;

std::string Event(int i) {
  return "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\",\"eventID\":\"h-" +
         std::to_string(i) + "\"}";
}

std::string GoodLines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += Event(i) + "\n";
  return text;
}

std::string Printed(const InputSummary& s) {
  std::ostringstream out;
  s.Print(out);
  return out.str();
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- 1. nesting depth -------------------------------------------------------------------------

std::string Nested(size_t depth) {
  return "{\"eventVersion\":\"1\",\"eventName\":\"X\",\"eventSource\":\"s\",\"r\":" + std::string(depth, '[') +
         std::string(depth, ']') + "}";
}

bool ExtractAll(const std::string& json, std::string* error) {
  PaddedBuffer padded;
  padded.Assign(json);
  FieldExtractor extractor(Projection::All());
  Row row;
  return extractor.Extract(padded.view(), row, error);
}

TEST(JsonFieldExtractorDepth, TooDeepIsAnErrorNotACrash) {
  std::string error;
  // The object itself is level 1: arrays nested kMaxDepth - 1 deep are fine, one more is not.
  EXPECT_TRUE(ExtractAll(Nested(FieldExtractor::kMaxDepth - 1), &error)) << error;
  EXPECT_FALSE(ExtractAll(Nested(FieldExtractor::kMaxDepth), &error));
  EXPECT_EQ(error, "nesting too deep");
  error.clear();
  EXPECT_FALSE(ExtractAll(Nested(60000), &error));  // used to overflow the stack
  EXPECT_EQ(error, "nesting too deep");
  // Deep objects too.
  std::string objects;
  for (int i = 0; i < 60000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(60000, '}');
  EXPECT_FALSE(ExtractAll(objects, &error));
  EXPECT_EQ(error, "nesting too deep");
}

TEST(IoHardening, DeepNestingOnTheSecondLineOfJsonLines) {
  TempDir dir;
  std::string path = dir.Write("d.jsonl", Nested(1) + "\n" + Nested(60000) + "\n");
  InputSummary summary;
  auto events = ReadOne(path, summary);
  ASSERT_EQ(events.size(), 2u);
  std::string error;
  EXPECT_TRUE(ExtractAll(events[0].json, &error)) << error;
  EXPECT_FALSE(ExtractAll(events[1].json, &error));
  EXPECT_EQ(error, "nesting too deep");
}

// ---- 2. sniff before reading whole ------------------------------------------------------------

// A stream of `total` copies of one byte, counting what was pulled from it.
class RepeatSource : public ByteSource {
 public:
  RepeatSource(char byte, uint64_t total) : byte_(byte), left_(total) {}
  size_t Read(char* dst, size_t n) override {
    size_t k = static_cast<size_t>(std::min<uint64_t>(n, left_));
    std::memset(dst, byte_, k);
    left_ -= k;
    pulled += k;
    return k;
  }
  uint64_t pulled = 0;

 private:
  char byte_;
  uint64_t left_;
};

StreamResult ReadStreamFrom(ByteSource& source, InputSummary& summary, std::vector<std::string>* events = nullptr,
                            const FramingLimits& limits = {}) {
  static const std::string path = "stream";
  EventSink sink = [&](const RawEvent& e) {
    if (events != nullptr) events->emplace_back(e.json);
  };
  EnvelopeReader envelope(path, summary, sink);
  PaddedBuffer buffer;
  return ReadJsonStream(&source, buffer, envelope, summary, limits);
}

TEST(IoHardening, EndlessZerosAreRejectedFromTheFirstBytes) {
  RepeatSource zeros('\0', 256ull << 20);
  InputSummary summary;
  StreamResult result = ReadStreamFrom(zeros, summary);
  EXPECT_EQ(result.content, StreamContent::kNotJson);
  EXPECT_LE(zeros.pulled, 1u << 20);
}

TEST(IoHardening, EndlessTextWithoutNewlineIsRejectedEarly) {
  RepeatSource text('x', 256ull << 20);
  InputSummary summary;
  EXPECT_EQ(ReadStreamFrom(text, summary).content, StreamContent::kNotJson);
  EXPECT_LE(text.pulled, 1u << 20);
}

TEST(IoHardening, GzipBombOfZerosIsNotInflatedWhole) {
  TempDir dir;
  std::string path = dir.Write("bomb.json.gz", Gzip(std::string(48u << 20, '\0')));
  InputSummary summary;
  EXPECT_TRUE(ReadOne(path, summary).empty());
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 1u);
  EXPECT_LE(summary.bytes_read, 1u << 20);
}

TEST(IoHardening, JsonLinesStreamInBoundedMemory) {
  // 40 MB of JSON lines through a gzip stream: the buffer never holds more than a few chunks.
  std::string chunk = GoodLines(1000);
  std::string gz;
  for (int i = 0; i < 200; ++i) gz += Gzip(chunk);
  GzipStreamSource source(std::make_unique<MemorySource>(gz));
  static const std::string path = "gz";
  InputSummary summary;
  uint64_t count = 0;
  EventSink sink = [&](const RawEvent&) { ++count; };
  EnvelopeReader envelope(path, summary, sink);
  PaddedBuffer buffer;
  ReadJsonStream(&source, buffer, envelope, summary);
  EXPECT_EQ(count, 200000u);
  EXPECT_LE(buffer.size() + buffer.free_space(), 8u << 20);
}

TEST(IoHardening, DocumentLargerThanTheCapIsReportedNotRead) {
  std::string doc = "{\n\"Records\": [\n";
  for (int i = 0; i < 100; ++i) doc += (i ? ",\n" : "") + Event(i);
  doc += "\n]}\n";
  MemorySource source(doc);
  InputSummary summary;
  std::vector<std::string> events;
  FramingLimits limits;
  limits.max_value_bytes = 2000;
  StreamResult result = ReadStreamFrom(source, summary, &events, limits);
  EXPECT_EQ(result.content, StreamContent::kJson);
  EXPECT_TRUE(events.empty());
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_TRUE(Contains(summary.first_parse_failures()[0], "larger than the 2000-byte limit")) << summary.first_parse_failures()[0];

  // A JSON line over the cap is skipped on its own; the lines after it are still read.
  std::string lines = Event(0) + "\n{\"eventVersion\":\"1.08\",\"blob\":\"" + std::string(5000, 'b') + "\"}\n" + Event(2) + "\n";
  MemorySource line_source(lines);
  InputSummary line_summary;
  std::vector<std::string> line_events;
  ReadStreamFrom(line_source, line_summary, &line_events, limits);
  EXPECT_EQ(line_events.size(), 2u);
  ASSERT_EQ(line_summary.first_parse_failures().size(), 1u);
  EXPECT_TRUE(Contains(line_summary.first_parse_failures()[0], "stream:2: ")) << line_summary.first_parse_failures()[0];
}

// ---- 3. a bad first line ----------------------------------------------------------------------

TEST(IoHardening, GarbageFirstLineDoesNotLoseTheFile) {
  TempDir dir;
  std::string path = dir.Write("g1.jsonl", "garbage\n" + GoodLines(15));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_EQ(events.size(), 15u);
  EXPECT_EQ(events[0].line, 2u);
  EXPECT_EQ(summary.files_of(FileKind::kJsonLines), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 0u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_TRUE(Contains(summary.first_parse_failures()[0], path + ":1: ")) << summary.first_parse_failures()[0];
}

TEST(IoHardening, TruncatedFirstLineDoesNotLoseTheFile) {
  TempDir dir;
  std::string path = dir.Write("t1.jsonl", "{\"eventVersion\":\"1.08\",\"eventName\":\"trunc\n" + GoodLines(15));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_EQ(events.size(), 15u);
  EXPECT_EQ(summary.files_of(FileKind::kJsonLines), 1u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_TRUE(Contains(summary.first_parse_failures()[0], path + ":1: ")) << summary.first_parse_failures()[0];
}

TEST(IoHardening, FirstLineCutAfterACommaDoesNotLoseTheFile) {
  // Ambiguous at first (it could open a pretty-printed object), settled by the lines after it.
  TempDir dir;
  std::string path = dir.Write("t2.jsonl", "{\"eventVersion\":\"1.08\",\n" + GoodLines(15));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_EQ(events.size(), 15u);
  EXPECT_EQ(summary.parse_failures, 1u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_TRUE(Contains(summary.first_parse_failures()[0], path + ":1: ")) << summary.first_parse_failures()[0];
}

TEST(IoHardening, PrettyPrintedArrayOfOneLineObjectsIsStillADocument) {
  TempDir dir;
  std::string path = dir.Write("a.json", "[\n" + Event(1) + "\n]\n");
  InputSummary summary;
  EXPECT_EQ(ReadOne(path, summary).size(), 1u);
  EXPECT_EQ(summary.files_of(FileKind::kArray), 1u);
  EXPECT_EQ(summary.parse_failures, 0u);
}

// ---- 4. the directory walk --------------------------------------------------------------------

TEST(IoHardening, WalkFollowsLinkedDirectoriesAndNamesEverySkip) {
  TempDir dir;
  const fs::path root = dir.path() / "logs";
  dir.Write("logs/a.json", Event(1));
  dir.Write("elsewhere/b.json", Event(2));
  fs::create_directory_symlink(dir.path() / "elsewhere", root / "linked");  // followed
  fs::create_directory_symlink(root, root / "loop");                        // back to an ancestor
  fs::create_symlink(dir.path() / "nothing-there", root / "dangling");
  fs::create_symlink(root / "self", root / "self");  // a link to itself
  ASSERT_EQ(::mkfifo((root / "fifo").c_str(), 0600), 0);

  InputSummary summary;
  auto files = ListInputFiles({root.string()}, summary);
  std::vector<std::string> relative;
  for (const auto& f : files) relative.push_back(f.path.substr(root.string().size() + 1));
  EXPECT_EQ(relative, (std::vector<std::string>{"a.json", "linked/b.json"}));
  EXPECT_EQ(summary.skipped(SkipReason::kNotRegularFile), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kDanglingLink), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kLinkLoop), 2u);
  EXPECT_FALSE(summary.any_path_unreadable());
  const std::string printed = Printed(summary);
  EXPECT_TRUE(Contains(printed, (root / "fifo").string() + ": not a regular file (fifo)")) << printed;
  EXPECT_TRUE(Contains(printed, (root / "dangling").string() + ": dangling link")) << printed;
  EXPECT_TRUE(Contains(printed, (root / "loop").string() + ": link loop")) << printed;
  EXPECT_TRUE(Contains(printed, (root / "self").string() + ": link loop")) << printed;
}

TEST(IoHardening, ExplicitFifoIsReadAsAStream) {
  TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  InputSummary summary;
  auto files = ListInputFiles({fifo.string()}, summary);
  ASSERT_EQ(files.size(), 1u);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    FILE* out = std::fopen(fifo.c_str(), "w");
    std::string text = GoodLines(3);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    ::_exit(0);
  }
  auto events = io_test::ReadAll({fifo.string()}, summary);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(events.size(), 3u);
}

TEST(IoHardening, ExplicitSocketIsSkippedByName) {
  TempDir dir;
  const fs::path sock_path = dir.path() / "sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  InputSummary summary;
  EXPECT_TRUE(ListInputFiles({sock_path.string()}, summary).empty());
  ::close(fd);
  EXPECT_EQ(summary.skipped(SkipReason::kNotRegularFile), 1u);
  EXPECT_TRUE(Contains(Printed(summary), sock_path.string() + ": not a regular file (socket)")) << Printed(summary);
}

// ---- 5. damaged gzip --------------------------------------------------------------------------

TEST(IoHardening, GzipWithBadCrcIsReportedAsDamaged) {
  std::string gz = Gzip(GoodLines(2000));
  gz[gz.size() - 6] ^= 0x55;  // inside the CRC-32 of the trailer
  TempDir dir;
  std::string path = dir.Write("crc.json.gz", gz);
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_EQ(events.size(), 2000u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
  EXPECT_TRUE(Contains(Printed(summary), path + ": damaged gzip (CRC mismatch)")) << Printed(summary);
}

TEST(IoHardening, GzipWithAFlippedDataByteIsReportedAsDamaged) {
  std::string gz = Gzip(GoodLines(2000));
  gz[gz.size() / 2] ^= 0x10;
  TempDir dir;
  std::string path = dir.Write("flip.json.gz", gz);
  InputSummary summary;
  ReadOne(path, summary);
  EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
  EXPECT_TRUE(Contains(Printed(summary), path + ": damaged gzip (")) << Printed(summary);
}

TEST(IoHardening, TruncatedGzipIsOneDamageAndNoHalfLine) {
  std::string plain = GoodLines(2000);
  std::string gz = Gzip(plain);
  const size_t cut = gz.size() / 2;
  TempDir dir;
  for (bool big : {false, true}) {
    SCOPED_TRACE(big ? "streamed" : "whole");
    std::string path = dir.Write("cut.json.gz", gz.substr(0, cut));
    InputSummary summary;
    std::vector<io_test::SeenEvent> events;
    if (big) {
      // Standard input has no size: the streaming path.
      ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
      events = ReadOne("-", summary);
      path = "-";
    } else {
      events = ReadOne(path, summary);
    }
    EXPECT_GT(events.size(), 100u);
    EXPECT_LT(events.size(), 2000u);
    for (const auto& e : events) EXPECT_EQ(FieldOf(e.json, "eventVersion"), "1.08");
    EXPECT_EQ(summary.parse_failures, 0u);
    EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
    EXPECT_TRUE(Contains(Printed(summary), path + ": damaged gzip (truncated at byte " + std::to_string(cut) + ")"))
        << Printed(summary);
    EXPECT_FALSE(summary.any_path_unreadable());
  }
}

TEST(IoHardening, TruncatedGzipRecordsDocumentIsOneDamage) {
  std::string doc = "{\"Records\":[";
  for (int i = 0; i < 2000; ++i) doc += (i ? "," : "") + Event(i);
  doc += "]}";
  std::string gz = Gzip(doc);
  TempDir dir;
  std::string path = dir.Write("cut.json.gz", gz.substr(0, gz.size() / 2));
  InputSummary summary;
  auto events = ReadOne(path, summary);
  EXPECT_GT(events.size(), 100u);
  EXPECT_EQ(summary.parse_failures, 0u);
  EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
}

TEST(IoHardening, GzipHeaderAloneIsDamagedGzipNotNotJson) {
  TempDir dir;
  std::string path = dir.Write("two.gz", std::string("\x1f\x8b", 2));
  InputSummary summary;
  EXPECT_TRUE(ReadOne(path, summary).empty());
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 0u);
  EXPECT_EQ(summary.skipped(SkipReason::kDamagedGzip), 1u);
  EXPECT_TRUE(Contains(Printed(summary), path + ": damaged gzip (truncated at byte 2)")) << Printed(summary);
}

// ---- 6. the summary's examples ----------------------------------------------------------------

TEST(IoHardening, SummaryPrintsEveryKeptExampleAndHowManyMore) {
  InputSummary s;
  s.AddFile(FileKind::kJsonLines);
  for (int i = 1; i <= 7; ++i) s.AddParseFailure("x.jsonl", static_cast<uint64_t>(i), "bad");
  const std::string printed = Printed(s);
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(Contains(printed, "\n  x.jsonl:" + std::to_string(i) + ": bad\n")) << printed;
  EXPECT_FALSE(Contains(printed, "x.jsonl:6")) << printed;
  EXPECT_TRUE(Contains(printed, "  … and 2 more that failed to parse\n")) << printed;
}

// ---- 7. the same file twice -------------------------------------------------------------------

TEST(IoHardening, SameFileGivenTwiceIsReadOnce) {
  TempDir dir;
  std::string a = dir.Write("d/a.json", Event(1));
  std::string b = dir.Write("d/b.json", Event(2));
  InputSummary summary;
  auto files = ListInputFiles({a, (dir.path() / "d").string(), a, (dir.path() / "d" / "." / "b.json").string()}, summary);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, a);
  EXPECT_EQ(files[1].path, b);
  EXPECT_EQ(summary.skipped(SkipReason::kDuplicate), 3u);
  EXPECT_FALSE(summary.any_path_unreadable());
  EXPECT_TRUE(Contains(Printed(summary), "3 duplicate paths skipped")) << Printed(summary);
}

TEST(IoHardening, StandardInputGivenTwiceIsReadOnce) {
  InputSummary summary;
  auto files = ListInputFiles({"-", "-"}, summary);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(summary.skipped(SkipReason::kDuplicate), 1u);
}

// ---- 8. archives and top-level scalars --------------------------------------------------------

TEST(IoHardening, ArchivesAreNamedWithWhatToDo) {
  TempDir dir;
  std::string zip = dir.Write("logs.zip", std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "rest of a zip");
  std::string tar(1024, '\0');
  tar.replace(0, 10, "event.json");
  tar.replace(257, 6, std::string("ustar\0", 6));
  std::string targz = dir.Write("logs.tar.gz", Gzip(tar));
  InputSummary summary;
  io_test::ReadAll({zip, targz}, summary);
  EXPECT_EQ(summary.skipped(SkipReason::kUnsupportedArchive), 2u);
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 0u);
  const std::string printed = Printed(summary);
  EXPECT_TRUE(Contains(printed, zip + ": unsupported archive (zip): unzip it first")) << printed;
  EXPECT_TRUE(Contains(printed, targz + ": unsupported archive (tar): extract it first")) << printed;
}

TEST(IoHardening, TopLevelScalarsAreNotEvents) {
  TempDir dir;
  std::string number = dir.Write("n.json", "123\n");
  std::string null = dir.Write("null.json", "null");
  std::string text = dir.Write("s.json", "\"hello\"\n");
  std::string notjson = dir.Write("x.json", "123abc\n");
  InputSummary summary;
  io_test::ReadAll({number, null, text, notjson}, summary);
  EXPECT_EQ(summary.skipped(SkipReason::kNotEvent), 3u);
  EXPECT_EQ(summary.skipped(SkipReason::kNotJson), 1u);
  const std::string printed = Printed(summary);
  EXPECT_TRUE(Contains(printed, number + ": not an event (JSON number)")) << printed;
  EXPECT_TRUE(Contains(printed, null + ": not an event (JSON null)")) << printed;
  EXPECT_TRUE(Contains(printed, text + ": not an event (JSON string)")) << printed;
}

TEST(IoHardening, ScalarLineInJsonLinesIsNotAnEvent) {
  TempDir dir;
  std::string path = dir.Write("s.jsonl", Event(1) + "\n42\n" + Event(3) + "\n");
  InputSummary summary;
  EXPECT_EQ(ReadOne(path, summary).size(), 2u);
  ASSERT_EQ(summary.first_parse_failures().size(), 1u);
  EXPECT_EQ(summary.first_parse_failures()[0], path + ":2: not an event (JSON number)");
}

}  // namespace
}  // namespace trailhound
