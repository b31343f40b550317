// Commands about row order and count: sort and head.
#include <algorithm>
#include <cstring>

#include "exec/operators.hpp"
#include "functions/ip_address.hpp"
#include "functions/value_compare.hpp"

namespace trailhound {

namespace {

// sort: stable; rows missing a key go last whichever the direction; `auto` compares numbers
// numerically and other values as strings; keeps the first `limit` rows (0 = all).
class SortOperator : public Operator {
 public:
  explicit SortOperator(const SortCommand& cmd) : cmd_(cmd) {}

  void Push(Row& row) override {
    row.OwnRaw();
    rows_.push_back(std::move(row));
  }

  void Finish() override {
    std::stable_sort(rows_.begin(), rows_.end(), [&](const Row& a, const Row& b) { return Less(a, b); });
    size_t n = cmd_.limit == 0 ? rows_.size() : std::min(rows_.size(), cmd_.limit);
    for (size_t i = 0; i < n; ++i) Emit(rows_[i]);
    rows_.clear();
    Operator::Finish();
  }

 private:
  static int CompareKey(const Value& a, const Value& b, const std::string& type) {
    if (type == "str") {
      int c = a.AsString().compare(b.AsString());
      return c < 0 ? -1 : c > 0;
    }
    if (type == "num") {
      auto x = a.AsNumber(), y = b.AsNumber();
      if (x && y) return *x < *y ? -1 : *x > *y;
      if (x || y) return x ? -1 : 1;  // numbers before non-numbers
    }
    if (type == "ip") {
      auto x = ParseCidr(a.AsString()), y = ParseCidr(b.AsString());
      if (x && y && x->v6 == y->v6) {
        int c = std::memcmp(x->bytes.data(), y->bytes.data(), x->bytes.size());
        return c < 0 ? -1 : c > 0;
      }
    }
    // auto: numbers before strings, numbers numerically, strings byte-wise.
    bool xn = a.AsNumber().has_value(), yn = b.AsNumber().has_value();
    if (xn != yn) return xn ? -1 : 1;
    return CompareValues(a, b);
  }

  bool Less(const Row& a, const Row& b) const {
    for (const auto& k : cmd_.keys) {
      const Value* x = a.Get(k.field);
      const Value* y = b.Get(k.field);
      if (!x || !y) {
        if (x == y) continue;
        return x != nullptr;  // missing values last, in both directions
      }
      int c = CompareKey(x->At(0), y->At(0), k.type);
      if (c == 0) continue;
      bool desc = k.descending != cmd_.reverse;
      return desc ? c > 0 : c < 0;
    }
    return false;
  }

  const SortCommand& cmd_;
  std::vector<Row> rows_;
};

class HeadOperator : public Operator {
 public:
  explicit HeadOperator(const HeadCommand& cmd) : limit_(cmd.limit) {}
  void Push(Row& row) override {
    if (seen_ >= limit_) return;
    ++seen_;
    Emit(row);
  }
  bool Done() const override { return seen_ >= limit_ || Operator::Done(); }

 private:
  size_t limit_;
  size_t seen_ = 0;
};

}  // namespace

OperatorPtr MakeSortOperator(const SortCommand& cmd) { return std::make_unique<SortOperator>(cmd); }
OperatorPtr MakeHeadOperator(const HeadCommand& cmd) { return std::make_unique<HeadOperator>(cmd); }

}  // namespace trailhound
