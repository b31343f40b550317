#include "io/input_summary.hpp"

#include <ostream>

#include <fmt/format.h>

namespace trailhound {

std::string_view FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kJsonLines: return "json-lines";
    case FileKind::kRecords: return "records";
    case FileKind::kArray: return "array";
    case FileKind::kSingleEvent: return "single-event";
    case FileKind::kCloudWatch: return "cloudwatch";
    case FileKind::kEventBridge: return "eventbridge";
    case FileKind::kLookupEvents: return "lookup-events";
    case FileKind::kDigest: return "digest";
    case FileKind::kEmpty: return "empty";
    case FileKind::kUnparseable: return "unparseable";
    case FileKind::kUnreadable: return "unreadable";
  }
  return "?";
}

std::string_view EventWrapperName(EventWrapper wrapper) {
  switch (wrapper) {
    case EventWrapper::kNone: return "none";
    case EventWrapper::kRecords: return "records";
    case EventWrapper::kArray: return "array";
    case EventWrapper::kCloudWatch: return "cloudwatch";
    case EventWrapper::kEventBridge: return "eventbridge";
    case EventWrapper::kLookupEvents: return "lookup-events";
  }
  return "?";
}

std::string_view SkipReasonName(SkipReason reason) {
  switch (reason) {
    case SkipReason::kDigest: return "digest";
    case SkipReason::kNotJson: return "not JSON";
    case SkipReason::kUnreadable: return "unreadable";
    case SkipReason::kPathMissing: return "path missing";
    case SkipReason::kNotEvent: return "not an event";
    case SkipReason::kUnsupportedArchive: return "unsupported archive";
    case SkipReason::kDamagedGzip: return "damaged gzip";
    case SkipReason::kNotRegularFile: return "not a regular file";
    case SkipReason::kDanglingLink: return "dangling link";
    case SkipReason::kLinkLoop: return "link loop";
    case SkipReason::kDuplicate: return "duplicate";
  }
  return "?";
}

void InputSummary::AddEvent(EventWrapper wrapper, bool cloudtrail_shaped) {
  ++events_read;
  ++events_by_wrapper[static_cast<size_t>(wrapper)];
  if (!cloudtrail_shaped) ++events_not_cloudtrail;
}

void InputSummary::AddParseFailure(std::string_view path, uint64_t line, std::string_view reason) {
  ++parse_failures;
  if (parse_failure_examples_.size() < kMaxExamples) {
    parse_failure_examples_.push_back({std::string(path), line, std::string(reason)});
  }
}

std::vector<std::string> InputSummary::first_parse_failures() const {
  std::vector<std::string> out;
  for (const auto& f : parse_failure_examples_) out.push_back(fmt::format("{}:{}: {}", f.path, f.line, f.reason));
  return out;
}

void InputSummary::AddSkip(std::string_view path, SkipReason reason, std::string_view detail, std::string_view hint) {
  const size_t r = static_cast<size_t>(reason);
  ++files_skipped[r];
  if (first_skips.size() >= kMaxExamples && skip_examples_[r].size() >= kMaxExamples) return;
  std::string text = fmt::format("{}: {}", path, SkipReasonName(reason));
  if (!detail.empty()) text += fmt::format(" ({})", detail);
  if (!hint.empty()) text += fmt::format(": {}", hint);
  if (first_skips.size() < kMaxExamples) first_skips.push_back(text);
  if (skip_examples_[r].size() < kMaxExamples) skip_examples_[r].push_back(std::move(text));
}

void InputSummary::Merge(const InputSummary& other, uint64_t line_offset) {
  for (size_t i = 0; i < kFileKindCount; ++i) files_by_kind[i] += other.files_by_kind[i];
  for (size_t i = 0; i < kEventWrapperCount; ++i) events_by_wrapper[i] += other.events_by_wrapper[i];
  for (size_t i = 0; i < kSkipReasonCount; ++i) files_skipped[i] += other.files_skipped[i];
  files_read += other.files_read;
  bytes_read += other.bytes_read;
  events_read += other.events_read;
  events_not_cloudtrail += other.events_not_cloudtrail;
  parse_failures += other.parse_failures;
  events_prefiltered += other.events_prefiltered;
  lines_prefiltered += other.lines_prefiltered;
  files_not_read += other.files_not_read;
  control_messages_skipped += other.control_messages_skipped;
  for (const auto& f : other.parse_failure_examples_) {
    if (parse_failure_examples_.size() >= kMaxExamples) break;
    parse_failure_examples_.push_back(f);
    if (f.line != 0) parse_failure_examples_.back().line += line_offset;
  }
  for (const auto& s : other.first_skips) {
    if (first_skips.size() < kMaxExamples) first_skips.push_back(s);
  }
  for (size_t i = 0; i < kSkipReasonCount; ++i) {
    for (const auto& s : other.skip_examples_[i]) {
      if (skip_examples_[i].size() < kMaxExamples) skip_examples_[i].push_back(s);
    }
  }
}

bool InputSummary::any_path_unreadable() const {
  return skipped(SkipReason::kUnreadable) > 0 || skipped(SkipReason::kPathMissing) > 0;
}

uint64_t InputSummary::files_seen() const {
  uint64_t n = 0;
  for (uint64_t c : files_by_kind) n += c;
  return n;
}

namespace {

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Prints the kept examples on indented lines, then how many more there were.
void PrintExamples(std::ostream& out, const std::vector<std::string>& examples, uint64_t total,
                   std::string_view more) {
  for (const auto& e : examples) out << "  " << e << '\n';
  if (total > examples.size()) out << fmt::format("  \u2026 and {} more {}\n", total - examples.size(), more);
}

}  // namespace

void InputSummary::Print(std::ostream& out) const {
  std::vector<std::string> kinds;
  static constexpr FileKind kShown[] = {FileKind::kRecords,     FileKind::kJsonLines,  FileKind::kArray,
                                        FileKind::kSingleEvent, FileKind::kCloudWatch, FileKind::kEventBridge,
                                        FileKind::kLookupEvents, FileKind::kEmpty};
  for (FileKind k : kShown) {
    if (files_of(k)) kinds.push_back(fmt::format("{} {}", files_of(k), FileKindName(k)));
  }
  if (files_of(FileKind::kDigest)) kinds.push_back(fmt::format("{} digest skipped", files_of(FileKind::kDigest)));
  // Files read whole and skipped for what they hold (all counted as unparseable files).
  uint64_t explained = 0;
  for (SkipReason r : {SkipReason::kNotJson, SkipReason::kNotEvent, SkipReason::kUnsupportedArchive}) {
    if (uint64_t n = skipped(r)) {
      kinds.push_back(fmt::format("{} {} skipped", n, SkipReasonName(r)));
      explained += n;
    }
  }
  uint64_t unparseable = files_of(FileKind::kUnparseable) - std::min(explained, files_of(FileKind::kUnparseable));
  if (unparseable) kinds.push_back(fmt::format("{} unparseable", unparseable));

  std::string line = "trailhound: " + Plural(files_seen(), "file", "files");
  if (!kinds.empty()) line += " (" + fmt::format("{}", fmt::join(kinds, ", ")) + ")";
  line += ", " + Plural(events_read, "event", "events") + " read";
  if (events_not_cloudtrail) line += fmt::format(" ({} not CloudTrail-shaped)", events_not_cloudtrail);
  if (lines_prefiltered || events_prefiltered) {
    std::vector<std::string> parts;
    if (lines_prefiltered) parts.push_back(Plural(lines_prefiltered, "line", "lines"));
    if (events_prefiltered) parts.push_back(Plural(events_prefiltered, "event", "events"));
    line += fmt::format(", {} ruled out unparsed by the prefilter", fmt::join(parts, " and "));
  }
  if (control_messages_skipped) {
    line += ", " + Plural(control_messages_skipped, "control message", "control messages") + " skipped";
  }
  if (parse_failures) line += fmt::format(", {} failed to parse", parse_failures);
  if (files_not_read) {
    line += ", " + Plural(files_not_read, "file", "files") + " not read (every query was complete before them)";
  }
  if (uint64_t n = skipped(SkipReason::kDamagedGzip)) line += ", " + Plural(n, "damaged gzip", "damaged gzip files");
  if (uint64_t n = skipped(SkipReason::kPathMissing)) line += ", " + Plural(n, "path", "paths") + " missing";
  if (uint64_t n = skipped(SkipReason::kUnreadable)) line += ", " + Plural(n, "path", "paths") + " unreadable";
  if (uint64_t n = skipped(SkipReason::kDuplicate)) line += ", " + Plural(n, "duplicate path", "duplicate paths") + " skipped";
  if (uint64_t n = skipped(SkipReason::kNotRegularFile)) {
    line += ", " + Plural(n, "non-regular file", "non-regular files") + " skipped";
  }
  if (uint64_t n = skipped(SkipReason::kDanglingLink)) line += ", " + Plural(n, "dangling link", "dangling links") + " skipped";
  if (uint64_t n = skipped(SkipReason::kLinkLoop)) line += ", " + Plural(n, "link loop", "link loops") + " skipped";
  out << line << '\n';

  PrintExamples(out, first_parse_failures(), parse_failures, "that failed to parse");
  static constexpr SkipReason kListed[] = {
      SkipReason::kDamagedGzip,   SkipReason::kPathMissing,    SkipReason::kUnreadable,  SkipReason::kNotJson,
      SkipReason::kNotEvent,      SkipReason::kUnsupportedArchive, SkipReason::kNotRegularFile,
      SkipReason::kDanglingLink,  SkipReason::kLinkLoop,       SkipReason::kDuplicate};
  for (SkipReason r : kListed) {
    PrintExamples(out, skip_examples(r), skipped(r), fmt::format("{}", SkipReasonName(r)));
  }
}

}  // namespace trailhound
