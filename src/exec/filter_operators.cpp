// Streaming row filters: search (search-command matching) and where (eval expression is true).
#include "exec/operators.hpp"
#include "exec/search_matcher.hpp"

namespace trailhound {

namespace {

class SearchOperator : public Operator {
 public:
  explicit SearchOperator(const SearchCommand& cmd) : cmd_(cmd) {}
  void Push(Row& row) override {
    if (SearchMatches(*cmd_.expr, row)) Emit(row);
  }

 private:
  const SearchCommand& cmd_;
};

class WhereOperator : public Operator {
 public:
  WhereOperator(const WhereCommand& cmd, const Evaluator& ev) : cmd_(cmd), ev_(ev) {}
  void Push(Row& row) override {
    if (ev_.IsTrue(*cmd_.expr, row)) Emit(row);
  }

 private:
  const WhereCommand& cmd_;
  const Evaluator& ev_;
};

}  // namespace

OperatorPtr MakeSearchOperator(const SearchCommand& cmd) { return std::make_unique<SearchOperator>(cmd); }
OperatorPtr MakeWhereOperator(const WhereCommand& cmd, const Evaluator& ev) { return std::make_unique<WhereOperator>(cmd, ev); }

}  // namespace trailhound
