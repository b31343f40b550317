#pragma once
// What the readers saw: files by shape, events by wrapper, and every file, value or event that
// was skipped or failed to parse. Each reader thread fills its own summary; Merge combines them.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace trailhound {

// The shape of a whole file, decided by its first top-level value that could be classified.
enum class FileKind : uint8_t {
  kJsonLines,    // several plain events, one per line
  kRecords,      // S3 delivery file {"Records":[...]} (one line or pretty-printed)
  kArray,        // a JSON array of events (or of wrappers)
  kSingleEvent,  // one plain event object
  kCloudWatch,   // CloudWatch Logs subscription payload {"messageType":..,"logEvents":[..]}
  kEventBridge,  // EventBridge envelope {"detail-type":..,"detail":{event}}
  kLookupEvents, // LookupEvents output: {"Events":[{"CloudTrailEvent":"<json>"}]} or such lines
  kDigest,       // CloudTrail digest file: skipped
  kEmpty,        // no bytes, or only whitespace
  kUnparseable,  // not JSON, or no value in it could be parsed
  kUnreadable,   // could not be opened or read
};
inline constexpr size_t kFileKindCount = 11;
std::string_view FileKindName(FileKind kind);

// How an event was wrapped in its file.
enum class EventWrapper : uint8_t { kNone, kRecords, kArray, kCloudWatch, kEventBridge, kLookupEvents };
inline constexpr size_t kEventWrapperCount = 6;
std::string_view EventWrapperName(EventWrapper wrapper);

// Why a file or path was skipped: wholly, or (kDamagedGzip) from the damage on, the events decoded
// before it being kept. Only kUnreadable and kPathMissing make the run exit with kExitInput.
enum class SkipReason : uint8_t {
  kDigest,
  kNotJson,
  kUnreadable,
  kPathMissing,
  kNotEvent,            // valid JSON, but a number, string, boolean or null
  kUnsupportedArchive,  // zip, tar, bzip2, xz, zstd: detail names it, hint says what to do
  kDamagedGzip,         // CRC mismatch, truncated, or invalid deflate data
  kNotRegularFile,      // a FIFO, socket or device found while walking a directory
  kDanglingLink,        // a symbolic link to nothing
  kLinkLoop,            // a symbolic link that loops, or leads back to a directory being walked
  kDuplicate,           // a path naming a file already listed (same device and inode)
};
inline constexpr size_t kSkipReasonCount = 11;
std::string_view SkipReasonName(SkipReason reason);

class InputSummary {
 public:
  // How many problems are kept verbatim (the rest are only counted).
  static constexpr size_t kMaxExamples = 5;

  void AddFile(FileKind kind) { ++files_by_kind[static_cast<size_t>(kind)]; }
  void AddEvent(EventWrapper wrapper, bool cloudtrail_shaped);
  // A value, line or event that could not be parsed; kept as "path:line: reason".
  void AddParseFailure(std::string_view path, uint64_t line, std::string_view reason);
  // A file or path that was skipped; kept as "path: reason", "path: reason (detail)" or
  // "path: reason (detail): hint".
  void AddSkip(std::string_view path, SkipReason reason, std::string_view detail = {}, std::string_view hint = {});

  // Adds `other` in (read after this one). `line_offset` is added to other's line numbers: a
  // summary of a part of a file counts lines from the part's start.
  void Merge(const InputSummary& other, uint64_t line_offset = 0);

  // An input path was missing or unreadable: the run exits with kExitInput.
  bool any_path_unreadable() const;
  uint64_t files_seen() const;  // every file listed, whatever became of it
  uint64_t files_of(FileKind kind) const { return files_by_kind[static_cast<size_t>(kind)]; }
  uint64_t events_of(EventWrapper w) const { return events_by_wrapper[static_cast<size_t>(w)]; }
  uint64_t skipped(SkipReason r) const { return files_skipped[static_cast<size_t>(r)]; }
  // Up to kMaxExamples "path: reason ..." texts for one reason.
  const std::vector<std::string>& skip_examples(SkipReason r) const { return skip_examples_[static_cast<size_t>(r)]; }

  // A line of counts for stderr, then the kept examples on indented lines, e.g.
  //   trailhound: 9 files (7 records, 1 json-lines, 1 digest skipped), 640 events read, 7 failed to parse
  //     data/x.json:12: unterminated string
  //     ... (up to kMaxExamples)
  //     … and 2 more that failed to parse
  // Skipped digests are counted, not listed.
  void Print(std::ostream& out) const;

  std::array<uint64_t, kFileKindCount> files_by_kind{};
  uint64_t files_read = 0;   // files whose content was read (whatever it turned out to be)
  uint64_t bytes_read = 0;   // bytes of JSON text read, after decompression
  uint64_t events_read = 0;  // events handed to the sink
  std::array<uint64_t, kEventWrapperCount> events_by_wrapper{};
  uint64_t events_not_cloudtrail = 0;  // events without eventVersion, or eventName+eventSource
  // What the prefilter ruled out: none of the literal terms any query requires is in their text,
  // so they were not parsed (nor checked to be valid JSON). JSON lines are counted as lines
  // (blank ones included; a line may hold a whole Records document), events inside documents as
  // events.
  uint64_t lines_prefiltered = 0;
  uint64_t events_prefiltered = 0;
  // Files never opened because every query was complete before them (`head`).
  uint64_t files_not_read = 0;
  uint64_t parse_failures = 0;
  // Up to kMaxExamples, "path:line: reason".
  std::vector<std::string> first_parse_failures() const;
  uint64_t control_messages_skipped = 0;          // CloudWatch CONTROL_MESSAGE payloads
  std::array<uint64_t, kSkipReasonCount> files_skipped{};
  std::vector<std::string> first_skips;  // up to kMaxExamples, "path: reason", whatever the reason

 private:
  struct ParseFailure {
    std::string path;
    uint64_t line;  // 0: the file as a whole
    std::string reason;
  };
  std::vector<ParseFailure> parse_failure_examples_;
  std::array<std::vector<std::string>, kSkipReasonCount> skip_examples_;
};

}  // namespace trailhound
