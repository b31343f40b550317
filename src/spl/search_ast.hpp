#pragma once
// The AST of a search-command expression (the base search and `| search`): field comparisons
// with Splunk's matching rules, IN lists, bare terms matched against the raw text, NOT/AND/OR.
#include <memory>
#include <string>
#include <vector>

#include "common/row.hpp"

namespace trailhound {

struct SearchExpr {
  enum class Kind {
    kMatchAll,  // `*` or an empty search
    kAnd,
    kOr,
    kNot,
    kCompare,   // field op value; op is one of = != < <= > >=
    kIn,        // field IN (values...)
    kTerm,      // a bare word or quoted phrase, matched against _raw
  };
  Kind kind = Kind::kMatchAll;
  size_t position = 0;
  FieldId field = 0;
  std::string op;
  std::string value;                 // pattern for kCompare/kTerm (may contain * wildcards)
  std::vector<std::string> values;   // kIn
  std::vector<std::unique_ptr<SearchExpr>> children;
};

using SearchExprPtr = std::unique_ptr<SearchExpr>;

void CollectFields(const SearchExpr& expr, std::vector<FieldId>& out);
bool UsesRawText(const SearchExpr& expr);  // has a bare term, so it needs _raw

}  // namespace trailhound
