#pragma once
// Helpers for the io_* and json_* tests: fixture paths, temporary directories, gzip writing, and
// reading files into plain event lists.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <zlib.h>

#include "common/row.hpp"
#include "io/input_reader.hpp"
#include "json/field_extractor.hpp"

#ifndef TRAILHOUND_SOURCE_DIR
#define TRAILHOUND_SOURCE_DIR "."
#endif

namespace trailhound::io_test {

inline std::string IoFixture(const std::string& name) {
  return std::string(TRAILHOUND_SOURCE_DIR) + "/tests/fixtures/io/" + name;
}

// The shared real-data folder, or "" when it is not there (tests then skip).
inline std::string SharedCloudTrailData() {
  const char* env = std::getenv("TRAILHOUND_SHARED_DATA");
  std::string dir = env != nullptr ? env : std::string(TRAILHOUND_SHARED_DIR) + "/data/cloudtrail";
  return std::filesystem::is_directory(dir) ? dir : "";
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteFileBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// One gzip member holding `data`.
inline std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A fresh empty directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trailhound_io_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string Write(const std::string& relative, const std::string& bytes) const {
    WriteFileBytes(path_ / relative, bytes);
    return (path_ / relative).string();
  }

 private:
  std::filesystem::path path_;
};

// An event as the sink saw it, copied out.
struct SeenEvent {
  std::string json;
  std::string source;
  uint64_t line;
  bool cloudtrail_shaped;
};

// Reads every file under `paths` and returns the events; checks the padding contract.
inline std::vector<SeenEvent> ReadAll(const std::vector<std::string>& paths, InputSummary& summary) {
  std::vector<SeenEvent> events;
  for (const InputFile& file : ListInputFiles(paths, summary)) {
    ReadInputFile(file, summary, [&](const RawEvent& e) {
      // Touch the padding: under ASan this fails if fewer than kJsonPadding bytes follow.
      volatile char last = e.json.data()[e.json.size() + kJsonPadding - 1];
      (void)last;
      events.push_back({std::string(e.json), *e.source, e.line, e.cloudtrail_shaped});
    });
  }
  return events;
}

// The text of field `name` in an event ("" when absent; multivalues joined with "\n").
inline std::string FieldOf(const std::string& json, const std::string& name) {
  std::string padded = json + std::string(kJsonPadding, ' ');
  FieldExtractor extractor(Projection::All());
  Row row;
  std::string error;
  if (!extractor.Extract(std::string_view(padded.data(), json.size()), row, &error)) return "<error: " + error + ">";
  const Value* v = row.Get(FieldNames::Intern(name));
  return v == nullptr ? "" : v->AsString();
}

inline std::vector<SeenEvent> ReadOne(const std::string& path, InputSummary& summary) { return ReadAll({path}, summary); }

}  // namespace trailhound::io_test
