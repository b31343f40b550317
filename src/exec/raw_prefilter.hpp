#pragma once
// Tests raw event text against the plans' prefilters (plan/prefilter.hpp) with Vectorscan: all
// distinct terms are compiled once into one literal database (ASCII case-insensitive, as the
// engine's value matching), plus the escape rule: a text containing the bytes `\u` anywhere is
// selected for every plan, since JSON may spell any character of a term as \uXXXX.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plan/prefilter.hpp"

struct hs_database;
struct hs_scratch;

namespace trailhound {

// A small bitset over plans.
class PlanMask {
 public:
  PlanMask() = default;
  explicit PlanMask(size_t bits) { Resize(bits); }
  void Resize(size_t bits) {
    bits_ = bits;
    words.assign((bits + 63) / 64, 0);
  }
  size_t size() const { return bits_; }
  bool Test(size_t i) const { return (words[i >> 6] >> (i & 63)) & 1; }
  void Set(size_t i) { words[i >> 6] |= uint64_t{1} << (i & 63); }
  void Clear() { std::fill(words.begin(), words.end(), 0); }
  void SetAll();
  bool All() const;  // every plan's bit is set
  bool Any() const;
  size_t Count() const;

  std::vector<uint64_t> words;

 private:
  size_t bits_ = 0;
};

class RawPrefilter {  // compiled once, immutable, shared by threads
 public:
  // One expression per plan, in plan order. Throws Error(kInternal) if Vectorscan refuses it.
  explicit RawPrefilter(const std::vector<PrefilterExpr>& per_plan);
  ~RawPrefilter();
  RawPrefilter(const RawPrefilter&) = delete;
  RawPrefilter& operator=(const RawPrefilter&) = delete;

  // False when some plan's expression is kTrue (then nothing can be skipped).
  bool enabled() const { return enabled_; }
  size_t plans() const { return plans_.size(); }
  const std::vector<std::string>& terms() const { return terms_; }
  // One line per plan with its expression (and what is scanned for, when an AND's short terms
  // are left out for speed: that only selects more), and the escape rule.
  std::string Explain() const;

  class Scanner {  // one per thread (owns its hs_scratch)
   public:
    explicit Scanner(const RawPrefilter& prefilter);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // Selects the lines of `block` (whole lines separated by '\n'; the last may lack one) that
    // some plan may match: for each, in order, calls on_line(begin, end excluding the newline,
    // mask of the plans that may match it). One Vectorscan scan over the whole block.
    // Blank and whitespace-only lines are never selected.
    void SelectLines(std::string_view block, const std::function<void(size_t, size_t, const PlanMask&)>& on_line);

    // For one event's text (a Records element, a document, newlines allowed): which plans may
    // match it (mask is resized and overwritten); false if none (or the text is blank).
    bool MayMatch(std::string_view text, PlanMask& mask);

    // For the scan's callback (internal).
    struct State;

   private:
    const RawPrefilter& prefilter_;
    hs_scratch* scratch_ = nullptr;
    std::unique_ptr<State> state_;
  };

 private:
  // A plan's expression over term indexes, flattened: node 0 is the root.
  struct Node {
    PrefilterExpr::Kind kind;
    uint32_t term = 0;                 // kTerm
    std::vector<uint32_t> children;    // kAnd / kOr: node indexes
  };
  struct Plan {
    PrefilterExpr derived;             // as given
    PrefilterExpr expr;                // what is scanned for: implied by `derived` (see .cpp)
    std::vector<Node> nodes;
    std::vector<uint64_t> any_terms;   // the terms it names: none present means no match
  };
  static uint32_t Flatten(const PrefilterExpr& e, const std::vector<std::string>& terms, std::vector<Node>& nodes);
  bool Eval(const Plan& plan, uint32_t node, const std::vector<uint64_t>& present) const;
  // Fills `mask` with the plans whose expression holds for the terms present; true if any.
  bool Decide(const std::vector<uint64_t>& present, bool escaped, PlanMask& mask) const;

  std::vector<std::string> terms_;
  std::vector<Plan> plans_;
  bool enabled_ = true;
  hs_database* db_ = nullptr;
  uint32_t escape_id_ = 0;
};

}  // namespace trailhound
