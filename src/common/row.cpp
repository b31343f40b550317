#include "common/row.hpp"

#include <deque>
#include <mutex>

#include "common/string_map.hpp"

namespace trailhound {

namespace {

struct FieldTable {
  std::mutex mu;
  std::deque<std::string> names;  // deque: references stay valid as it grows
  absl::flat_hash_map<std::string_view, FieldId, StringHash, StringEq> ids;
};

FieldTable& Table() {
  static FieldTable* table = new FieldTable();  // never destroyed: used during static teardown
  return *table;
}

}  // namespace

FieldId FieldNames::Intern(std::string_view name) {
  FieldTable& t = Table();
  std::lock_guard<std::mutex> lock(t.mu);
  auto it = t.ids.find(name);
  if (it != t.ids.end()) return it->second;
  t.names.emplace_back(name);
  FieldId id = static_cast<FieldId>(t.names.size() - 1);
  t.ids.emplace(t.names.back(), id);
  return id;
}

const std::string& FieldNames::Name(FieldId id) {
  FieldTable& t = Table();
  std::lock_guard<std::mutex> lock(t.mu);
  return t.names[id];
}

namespace fields {
FieldId Time() { static const FieldId id = FieldNames::Intern("_time"); return id; }
FieldId Raw() { static const FieldId id = FieldNames::Intern("_raw"); return id; }
FieldId Source() { static const FieldId id = FieldNames::Intern("source"); return id; }
FieldId SourceType() { static const FieldId id = FieldNames::Intern("sourcetype"); return id; }
FieldId Host() { static const FieldId id = FieldNames::Intern("host"); return id; }
FieldId Index() { static const FieldId id = FieldNames::Intern("index"); return id; }
}  // namespace fields

Row::Row(const Row& other) { *this = other; }
Row::Row(Row&& other) noexcept { *this = std::move(other); }

Row& Row::operator=(const Row& other) {
  if (this == &other) return *this;
  entries_ = other.entries_;
  owned_raw_ = other.owned_raw_;
  bool owned = other.raw_.data() != nullptr && other.raw_.data() == other.owned_raw_.data();
  raw_ = owned ? std::string_view(owned_raw_) : other.raw_;
  raw_cache_src_ = nullptr;
  return *this;
}

Row& Row::operator=(Row&& other) noexcept {
  if (this == &other) return *this;
  bool owned = other.raw_.data() != nullptr && other.raw_.data() == other.owned_raw_.data();
  entries_ = std::move(other.entries_);
  owned_raw_ = std::move(other.owned_raw_);
  raw_ = owned ? std::string_view(owned_raw_) : other.raw_;
  raw_cache_src_ = nullptr;
  other.raw_ = {};
  return *this;
}

void Row::Clear() {
  entries_.clear();
  raw_ = {};
  owned_raw_.clear();
  raw_cache_src_ = nullptr;
}

const Value* Row::Get(FieldId id) const {
  for (const auto& e : entries_) {
    if (e.first == id) return &e.second;
  }
  if (id == fields::Raw() && raw_.data() != nullptr) {
    // Materialise lazily: most pipelines never read _raw as a value.
    if (raw_cache_src_ != raw_.data()) {
      raw_value_cache_ = Value::Str(std::string(raw_));
      raw_cache_src_ = raw_.data();
    }
    return &raw_value_cache_;
  }
  return nullptr;
}

Value* Row::GetMutable(FieldId id) {
  for (auto& e : entries_) {
    if (e.first == id) return &e.second;
  }
  return nullptr;
}

void Row::Set(FieldId id, Value v) {
  if (v.IsNull()) {
    Remove(id);
    return;
  }
  for (auto& e : entries_) {
    if (e.first == id) {
      e.second = std::move(v);
      return;
    }
  }
  entries_.emplace_back(id, std::move(v));
}

void Row::Remove(FieldId id) {
  if (id == fields::Raw()) {
    raw_ = {};
    owned_raw_.clear();
    raw_cache_src_ = nullptr;
  }
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == id) {
      entries_.erase(it);
      return;
    }
  }
}

void Row::OwnRaw() {
  if (raw_.data() == nullptr || raw_.data() == owned_raw_.data()) return;
  owned_raw_.assign(raw_);
  raw_ = owned_raw_;
  raw_cache_src_ = nullptr;
}

}  // namespace trailhound
