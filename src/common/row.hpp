#pragma once
// A row flowing through a pipeline: an event before the first transforming command, a result
// after it. Fields are kept in the order they were set (which is the column order of output),
// keyed by interned field ids so that lookups compare integers.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/value.hpp"

namespace trailhound {

using FieldId = uint32_t;

// The process-wide table of field names. Ids are stable for the life of the process, so plans
// can bind names to ids once. Thread-safe.
class FieldNames {
 public:
  static FieldId Intern(std::string_view name);
  static const std::string& Name(FieldId id);
};

// Ids of the fields the engine itself knows about, interned at start-up.
namespace fields {
FieldId Time();        // _time
FieldId Raw();         // _raw
FieldId Source();      // source
FieldId SourceType();  // sourcetype
FieldId Host();        // host
FieldId Index();       // index
}  // namespace fields

class Row {
 public:
  using Entry = std::pair<FieldId, Value>;

  Row() = default;
  Row(const Row& other);
  Row(Row&& other) noexcept;
  Row& operator=(const Row& other);
  Row& operator=(Row&& other) noexcept;

  // The value of a field, or nullptr when the row does not have it. `_raw` is looked up in the
  // raw text (see raw()) when it was not set as a field.
  const Value* Get(FieldId id) const;
  Value* GetMutable(FieldId id);
  bool Has(FieldId id) const { return Get(id) != nullptr; }

  // Sets a field; setting a null value removes it (as eval does).
  void Set(FieldId id, Value v);
  void Remove(FieldId id);
  // Appends without checking for an existing field (for extraction of fresh events).
  void Append(FieldId id, Value v) { entries_.emplace_back(id, std::move(v)); }

  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& mutable_entries() { return entries_; }
  void Clear();

  // The event text, not owned: it points into the reader's buffer and is valid while the event
  // is being streamed. Operators that keep rows beyond that call OwnRaw() first.
  std::string_view raw() const { return raw_; }
  void set_raw(std::string_view raw) {
    raw_ = raw;
    raw_cache_src_ = nullptr;
  }
  void OwnRaw();

 private:
  std::vector<Entry> entries_;
  std::string_view raw_;
  std::string owned_raw_;
  mutable Value raw_value_cache_;
  mutable const char* raw_cache_src_ = nullptr;
};

}  // namespace trailhound
