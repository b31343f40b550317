#pragma once
// Finds input files and turns each into a stream of raw JSON events, whatever the file's shape:
// JSON lines, S3 delivery files ({"Records":[...]}, one line or pretty-printed), JSON arrays of
// events, single event objects, gzip of any of these (by magic bytes), and the common wrappers
// (CloudWatch Logs subscription payloads, EventBridge envelopes, LookupEvents output).
// CloudTrail digest files are recognised and skipped. Nothing here throws on bad content: every
// file and event is accounted for in InputSummary.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "io/event_selector.hpp"
#include "io/input_summary.hpp"
#include "io/padded_buffer.hpp"  // kJsonPadding

namespace trailhound {

struct InputFile {
  std::string path;  // as given or found while walking; "-" is standard input
};

struct RawEvent {
  // One event object's text; also the event's _raw. At least kJsonPadding readable bytes follow
  // it, so it can be parsed in place (simdjson::padded_string_view(json.data(), json.size(),
  // json.size() + kJsonPadding)). Valid only during the sink call: it points into the reader's
  // buffer (Row::OwnRaw copies it).
  std::string_view json;
  const std::string* source;  // the file path ("-" for stdin)
  uint64_t line;              // 1-based line of the event (or of the value that contained it)
  bool cloudtrail_shaped;     // it has CloudTrail's keys (eventVersion, or eventName and eventSource)
  // When the event is a whole top-level value (a JSON line): the reader's parse of it, rewound,
  // so that extraction walks it instead of parsing the text a second time. Else null.
  simdjson::ondemand::document* parsed = nullptr;
};

using EventSink = std::function<void(const RawEvent&)>;

// Expands paths into files: directories are walked recursively in byte-wise sorted order
// (following symbolic links, to files and to directories, with loops cut); files are kept in the
// order given, and a FIFO or character device named explicitly is read as a stream. Each file is
// listed once: a path naming a file already listed (the same file twice, a file inside a directory
// also given, "-" twice) is counted as a duplicate. Paths that do not exist or cannot be read are
// recorded in the summary (they make the run exit with kExitInput at the end) and skipped; so are,
// without changing the exit code, the FIFOs, sockets, devices, dangling links and link loops met
// while walking.
std::vector<InputFile> ListInputFiles(const std::vector<std::string>& paths, InputSummary& summary);

// Reads one file and calls sink for each event in it, in file order. Memory stays bounded for
// JSON lines of any size; a document-shaped file (Records, array, pretty-printed object) is held
// once in memory while its events are streamed without copying them. Each call counts the file
// once in summary.files_by_kind.
// With a selector (the prefilter), only the JSON lines and events it selects are parsed.
void ReadInputFile(const InputFile& file, InputSummary& summary, const EventSink& sink,
                   EventSelector* selector = nullptr);

// Whether a file is plain JSON lines that can be read in byte ranges by several threads (a
// regular file, not gzip, whose first line is one JSON value); sets `size`.
bool SplittableJsonLines(const InputFile& file, uint64_t* size);

// Reads the lines of a JSON-lines file that start in the byte range [begin, end) (a line that
// starts before `begin` belongs to the range before). Line numbers, in events and in the
// summary, count from the range's first line as 1; `lines` gets the number of newlines read, so
// that the caller can number the ranges after. Counts no file in the summary.
void ReadJsonLinesRange(const InputFile& file, uint64_t begin, uint64_t end, InputSummary& summary,
                        const EventSink& sink, EventSelector* selector, uint64_t* lines);

// Whether a path names a CloudTrail digest file by its S3 key layout (a "CloudTrail-Digest"
// segment, e.g. AWSLogs/<acct>/CloudTrail-Digest/<region>/...).
bool IsDigestPath(std::string_view path);

}  // namespace trailhound
