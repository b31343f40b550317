// Commands that reshape the field set: rename, table, fields.
#include <algorithm>

#include "exec/operators.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

bool IsInternal(FieldId id) {
  const std::string& n = FieldNames::Name(id);
  return !n.empty() && n[0] == '_';
}

// rename: an existing destination is overwritten; if the source is missing, an existing
// destination is cleared (Splunk's documented behaviour). Pairs apply left to right.
class RenameOperator : public Operator {
 public:
  explicit RenameOperator(const RenameCommand& cmd) : cmd_(cmd) {
    for (const auto& [from, to] : cmd.pairs) {
      bool wild = from.find('*') != std::string::npos;
      plain_.push_back(wild ? std::nullopt
                            : std::optional<std::pair<FieldId, FieldId>>({FieldNames::Intern(from), FieldNames::Intern(to)}));
    }
  }

  void Push(Row& row) override {
    for (size_t i = 0; i < cmd_.pairs.size(); ++i) {
      if (plain_[i]) {
        auto [from, to] = *plain_[i];
        if (from == to) continue;
        const Value* v = row.Get(from);
        if (v == nullptr) {
          row.Remove(to);
          continue;
        }
        Value moved = *v;
        row.Remove(from);
        row.Set(to, std::move(moved));
        continue;
      }
      const auto& [from, to] = cmd_.pairs[i];
      // All matching fields move at once: take every value first, then remove the sources, then
      // set the destinations. (Moving one by one let `rename a* as *` on {aa1, a1} overwrite a1
      // with aa1's value before a1 itself was moved, losing a1's value.)
      struct Move {
        FieldId src;
        FieldId dst;
        Value value;
      };
      std::vector<Move> moves;
      std::vector<std::string> caps;
      for (const auto& [id, v] : row.entries()) {
        if (!GlobCapture(FieldNames::Name(id), from, &caps)) continue;
        std::string dst = GlobSubstitute(to, caps);
        if (dst.empty()) continue;  // `rename a* as *` leaves a field named just "a" alone
        FieldId dst_id = FieldNames::Intern(dst);
        if (dst_id != id) moves.push_back({id, dst_id, v});
      }
      for (const auto& m : moves) row.Remove(m.src);
      for (auto& m : moves) row.Set(m.dst, std::move(m.value));
    }
    Emit(row);
  }

 private:
  const RenameCommand& cmd_;
  std::vector<std::optional<std::pair<FieldId, FieldId>>> plain_;
};

// table: only the listed fields, in the listed order (wildcards expand in row order).
class TableOperator : public Operator {
 public:
  explicit TableOperator(const TableCommand& cmd) {
    for (const auto& f : cmd.fields) {
      patterns_.push_back(f);
      ids_.push_back(f.find('*') == std::string::npos ? std::optional<FieldId>(FieldNames::Intern(f)) : std::nullopt);
    }
  }

  void Push(Row& row) override {
    Row out;
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (ids_[i]) {
        if (const Value* v = row.Get(*ids_[i]); v != nullptr && !out.Has(*ids_[i])) out.Set(*ids_[i], *v);
        continue;
      }
      for (const auto& [id, v] : row.entries()) {
        if (!out.Has(id) && GlobCapture(FieldNames::Name(id), patterns_[i], nullptr) && (!IsInternal(id) || patterns_[i][0] == '_')) {
          out.Set(id, v);
        }
      }
    }
    Emit(out);
  }

 private:
  std::vector<std::string> patterns_;
  std::vector<std::optional<FieldId>> ids_;
};

// fields + keeps matching fields (and internal ones such as _time); fields - removes matches.
class FieldsOperator : public Operator {
 public:
  explicit FieldsOperator(const FieldsCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    auto matches = [&](FieldId id) {
      const std::string& name = FieldNames::Name(id);
      return std::any_of(cmd_.fields.begin(), cmd_.fields.end(), [&](const std::string& p) { return GlobCapture(name, p, nullptr); });
    };
    auto& entries = row.mutable_entries();
    if (cmd_.remove) {
      entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const Row::Entry& e) { return matches(e.first); }), entries.end());
      if (matches(fields::Raw())) row.Remove(fields::Raw());
    } else {
      entries.erase(std::remove_if(entries.begin(), entries.end(),
                                   [&](const Row::Entry& e) { return !matches(e.first) && !IsInternal(e.first); }),
                    entries.end());
    }
    Emit(row);
  }

 private:
  const FieldsCommand& cmd_;
};

}  // namespace

OperatorPtr MakeRenameOperator(const RenameCommand& cmd) { return std::make_unique<RenameOperator>(cmd); }
OperatorPtr MakeTableOperator(const TableCommand& cmd) { return std::make_unique<TableOperator>(cmd); }
OperatorPtr MakeFieldsOperator(const FieldsCommand& cmd) { return std::make_unique<FieldsOperator>(cmd); }

}  // namespace trailhound
