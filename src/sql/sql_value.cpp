#include "sql/sql_value.hpp"

namespace trailhound {

SqlValue FieldScope::Get(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? SqlValue::Null() : fields_[it->second].second;
}

void FieldScope::Set(const std::string& name, SqlValue value) {
  auto it = index_.find(name);
  if (it != index_.end()) {
    fields_[it->second].second = std::move(value);
    return;
  }
  index_[name] = fields_.size();
  fields_.emplace_back(name, std::move(value));
}

void FieldScope::Remove(const std::string& name) {
  auto it = index_.find(name);
  if (it == index_.end()) return;
  fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(it->second));
  index_.clear();
  for (size_t i = 0; i < fields_.size(); ++i) index_[fields_[i].first] = i;
}

}  // namespace trailhound
