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
  if (first_parse_failures.size() < kMaxExamples) {
    first_parse_failures.push_back(fmt::format("{}:{}: {}", path, line, reason));
  }
}

void InputSummary::AddSkip(std::string_view path, SkipReason reason, std::string_view detail) {
  ++files_skipped[static_cast<size_t>(reason)];
  if (first_skips.size() < kMaxExamples) {
    first_skips.push_back(detail.empty() ? fmt::format("{}: {}", path, SkipReasonName(reason))
                                         : fmt::format("{}: {} ({})", path, SkipReasonName(reason), detail));
  }
}

void InputSummary::Merge(const InputSummary& other) {
  for (size_t i = 0; i < kFileKindCount; ++i) files_by_kind[i] += other.files_by_kind[i];
  for (size_t i = 0; i < kEventWrapperCount; ++i) events_by_wrapper[i] += other.events_by_wrapper[i];
  for (size_t i = 0; i < kSkipReasonCount; ++i) files_skipped[i] += other.files_skipped[i];
  files_read += other.files_read;
  bytes_read += other.bytes_read;
  events_read += other.events_read;
  events_not_cloudtrail += other.events_not_cloudtrail;
  parse_failures += other.parse_failures;
  control_messages_skipped += other.control_messages_skipped;
  for (const auto& f : other.first_parse_failures) {
    if (first_parse_failures.size() < kMaxExamples) first_parse_failures.push_back(f);
  }
  for (const auto& s : other.first_skips) {
    if (first_skips.size() < kMaxExamples) first_skips.push_back(s);
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

// The first kept example whose text ends with the reason's name (examples are "path: reason").
std::string FirstSkipExample(const std::vector<std::string>& skips, SkipReason reason) {
  std::string needle = fmt::format(": {}", SkipReasonName(reason));
  for (const auto& s : skips) {
    size_t at = s.find(needle);
    if (at != std::string::npos) return s.substr(0, at);
  }
  return {};
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
  uint64_t not_json = skipped(SkipReason::kNotJson);
  if (not_json) kinds.push_back(fmt::format("{} not JSON skipped", not_json));
  uint64_t unparseable = files_of(FileKind::kUnparseable) - std::min(not_json, files_of(FileKind::kUnparseable));
  if (unparseable) kinds.push_back(fmt::format("{} unparseable", unparseable));

  std::string line = "trailhound: " + Plural(files_seen(), "file", "files");
  if (!kinds.empty()) line += " (" + fmt::format("{}", fmt::join(kinds, ", ")) + ")";
  line += ", " + Plural(events_read, "event", "events") + " read";
  if (events_not_cloudtrail) line += fmt::format(" ({} not CloudTrail-shaped)", events_not_cloudtrail);
  if (control_messages_skipped) {
    line += ", " + Plural(control_messages_skipped, "control message", "control messages") + " skipped";
  }
  if (parse_failures) {
    line += fmt::format(", {} failed to parse", parse_failures);
    if (!first_parse_failures.empty()) line += " (first: " + first_parse_failures.front() + ")";
  }
  if (uint64_t missing = skipped(SkipReason::kPathMissing)) {
    line += ", " + Plural(missing, "path", "paths") + " missing";
    std::string example = FirstSkipExample(first_skips, SkipReason::kPathMissing);
    if (!example.empty()) line += " (first: " + example + ")";
  }
  if (uint64_t unreadable = skipped(SkipReason::kUnreadable)) {
    line += ", " + Plural(unreadable, "path", "paths") + " unreadable";
    std::string example = FirstSkipExample(first_skips, SkipReason::kUnreadable);
    if (!example.empty()) line += " (first: " + example + ")";
  }
  out << line << '\n';
}

}  // namespace trailhound
