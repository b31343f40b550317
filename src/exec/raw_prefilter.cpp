#include "exec/raw_prefilter.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>

#include "common/error.hpp"

namespace trailhound {

void PlanMask::SetAll() {
  std::fill(words.begin(), words.end(), ~uint64_t{0});
  if (bits_ % 64 != 0 && !words.empty()) words.back() = (uint64_t{1} << (bits_ % 64)) - 1;
}

bool PlanMask::All() const { return Count() == bits_; }

bool PlanMask::Any() const {
  return std::any_of(words.begin(), words.end(), [](uint64_t w) { return w != 0; });
}

size_t PlanMask::Count() const {
  size_t n = 0;
  for (uint64_t w : words) n += static_cast<size_t>(std::popcount(w));
  return n;
}

namespace {

// The escape rule's pattern: a backslash followed by u (JSON's \uXXXX), in any text.
constexpr std::string_view kEscape = "\\u";

bool Blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// Lines are found around matches, so a term must not contain '\n': such a term (never derived:
// control bytes split fragments) is cut to its longest piece without one, or dropped.
PrefilterExpr WithoutNewlines(const PrefilterExpr& e) {
  switch (e.kind) {
    case PrefilterExpr::Kind::kTrue:
      return e;
    case PrefilterExpr::Kind::kTerm: {
      if (e.term.find('\n') == std::string::npos && !e.term.empty()) return e;
      std::string best;
      size_t start = 0;
      while (start <= e.term.size()) {
        size_t nl = e.term.find('\n', start);
        if (nl == std::string::npos) nl = e.term.size();
        if (nl - start > best.size()) best = e.term.substr(start, nl - start);
        start = nl + 1;
      }
      return best.empty() ? PrefilterExpr::True() : PrefilterExpr::Term(best);
    }
    case PrefilterExpr::Kind::kAnd:
    case PrefilterExpr::Kind::kOr: {
      std::vector<PrefilterExpr> children;
      for (const auto& c : e.children) children.push_back(WithoutNewlines(c));
      return e.kind == PrefilterExpr::Kind::kAnd ? PrefilterExpr::And(std::move(children))
                                                 : PrefilterExpr::Or(std::move(children));
    }
  }
  return PrefilterExpr::True();
}

// What is scanned for. An AND needs all of its children, so dropping one only selects more lines.
// Short terms cost the scan the most (they occur often, and Vectorscan confirms short literals
// slowly), so an AND with a strong child keeps only its strong children: terms of kStrongTerm
// bytes or more, and ANDs / ORs of them.
constexpr size_t kStrongTerm = 8;

bool Strong(const PrefilterExpr& e) {
  if (e.kind == PrefilterExpr::Kind::kTerm) return e.term.size() >= kStrongTerm;
  if (e.kind == PrefilterExpr::Kind::kTrue) return false;
  return std::all_of(e.children.begin(), e.children.end(), Strong);
}

PrefilterExpr ForScanning(const PrefilterExpr& e) {
  if (e.kind == PrefilterExpr::Kind::kTrue || e.kind == PrefilterExpr::Kind::kTerm) return e;
  std::vector<PrefilterExpr> children;
  for (const auto& c : e.children) children.push_back(ForScanning(c));
  if (e.kind == PrefilterExpr::Kind::kOr) return PrefilterExpr::Or(std::move(children));
  if (std::any_of(children.begin(), children.end(), Strong)) children.erase(std::remove_if(children.begin(), children.end(), [](const PrefilterExpr& c) { return !Strong(c); }), children.end());
  return PrefilterExpr::And(std::move(children));
}

}  // namespace

struct RawPrefilter::Scanner::State {
  // One match: the pattern id and its end offset (exclusive) in the scanned text.
  struct Match {
    uint32_t id;
    uint64_t to;
  };
  std::vector<Match> hits;
  std::vector<uint64_t> present;  // term bits of the current line / text
  bool escaped = false;
  uint32_t escape_id = 0;
  PlanMask mask;
  // Selected lines of the current block: begin, end, and the offset of their mask words.
  struct Selected {
    size_t begin, end, mask_offset;
  };
  std::vector<Selected> selected;
  std::vector<uint64_t> masks;
};

namespace {

int CollectHit(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/, void* context) {
  auto* s = static_cast<RawPrefilter::Scanner::State*>(context);
  s->hits.push_back({id, to});
  return 0;
}

int SetBit(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/, unsigned int /*flags*/, void* context) {
  auto* s = static_cast<RawPrefilter::Scanner::State*>(context);
  if (id == s->escape_id) {
    s->escaped = true;
    return 1;  // every plan is selected: stop scanning
  }
  s->present[id >> 6] |= uint64_t{1} << (id & 63);
  return 0;
}

}  // namespace

RawPrefilter::RawPrefilter(const std::vector<PrefilterExpr>& given) {
  std::vector<PrefilterExpr> per_plan;
  for (const auto& e : given) per_plan.push_back(ForScanning(WithoutNewlines(e)));
  for (const auto& e : per_plan) e.CollectTerms(terms_);
  for (const auto& e : per_plan) {
    Plan p;
    p.expr = e;
    p.derived = given[plans_.size()];
    if (e.IsTrue()) enabled_ = false;
    Flatten(e, terms_, p.nodes);
    p.any_terms.assign((terms_.size() + 63) / 64, 0);
    std::vector<std::string> mine;
    e.CollectTerms(mine);
    for (const auto& t : mine) {
      size_t i = static_cast<size_t>(std::find(terms_.begin(), terms_.end(), t) - terms_.begin());
      p.any_terms[i >> 6] |= uint64_t{1} << (i & 63);
    }
    plans_.push_back(std::move(p));
  }
  if (plans_.empty()) enabled_ = false;

  std::vector<const char*> patterns;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < terms_.size(); ++i) {
    patterns.push_back(terms_[i].data());
    lengths.push_back(terms_[i].size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  escape_id_ = static_cast<uint32_t>(terms_.size());
  // Caseless: JSON only knows \u, but selecting more is safe.
  patterns.push_back(kEscape.data());
  lengths.push_back(kEscape.size());
  flags.push_back(HS_FLAG_CASELESS);
  ids.push_back(escape_id_);

  hs_compile_error_t* error = nullptr;
  hs_error_t rc = hs_compile_lit_multi(patterns.data(), flags.data(), ids.data(), lengths.data(),
                                       static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db_, &error);
  if (rc != HS_SUCCESS) {
    std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr) hs_free_compile_error(error);
    throw Error(ErrorKind::kInternal, "prefilter: vectorscan could not compile the terms: " + message);
  }
}

RawPrefilter::~RawPrefilter() {
  if (db_ != nullptr) hs_free_database(db_);
}

uint32_t RawPrefilter::Flatten(const PrefilterExpr& e, const std::vector<std::string>& terms, std::vector<Node>& nodes) {
  uint32_t index = static_cast<uint32_t>(nodes.size());
  nodes.push_back({e.kind, 0, {}});
  if (e.kind == PrefilterExpr::Kind::kTerm) {
    nodes[index].term = static_cast<uint32_t>(std::find(terms.begin(), terms.end(), e.term) - terms.begin());
  }
  for (const auto& c : e.children) {
    uint32_t child = Flatten(c, terms, nodes);
    nodes[index].children.push_back(child);
  }
  return index;
}

bool RawPrefilter::Eval(const Plan& plan, uint32_t node, const std::vector<uint64_t>& present) const {
  const Node& n = plan.nodes[node];
  switch (n.kind) {
    case PrefilterExpr::Kind::kTrue:
      return true;
    case PrefilterExpr::Kind::kTerm:
      return (present[n.term >> 6] >> (n.term & 63)) & 1;
    case PrefilterExpr::Kind::kAnd:
      for (uint32_t c : n.children) {
        if (!Eval(plan, c, present)) return false;
      }
      return true;
    case PrefilterExpr::Kind::kOr:
      for (uint32_t c : n.children) {
        if (Eval(plan, c, present)) return true;
      }
      return false;
  }
  return true;
}

bool RawPrefilter::Decide(const std::vector<uint64_t>& present, bool escaped, PlanMask& mask) const {
  mask.Clear();
  if (escaped) {
    mask.SetAll();
    return !plans_.empty();
  }
  bool any = false;
  for (size_t i = 0; i < plans_.size(); ++i) {
    const Plan& p = plans_[i];
    bool may = p.expr.IsTrue();
    if (!may) {
      bool some_term = false;
      for (size_t w = 0; w < present.size(); ++w) {
        if (present[w] & p.any_terms[w]) {
          some_term = true;
          break;
        }
      }
      may = some_term && Eval(p, 0, present);
    }
    if (may) {
      mask.Set(i);
      any = true;
    }
  }
  return any;
}

std::string RawPrefilter::Explain() const {
  std::string out;
  for (size_t i = 0; i < plans_.size(); ++i) {
    out += "prefilter plan " + std::to_string(i) + ": " + DescribePrefilter(plans_[i].derived);
    if (!(plans_[i].expr == plans_[i].derived)) out += " (scanned for: " + DescribePrefilter(plans_[i].expr) + ")";
    out += "\n";
  }
  out += "prefilter escape rule: a text containing \\u (a JSON \\uXXXX escape) is selected for every plan\n";
  if (!enabled_) out += "prefilter disabled: some plan may match any event\n";
  return out;
}

RawPrefilter::Scanner::Scanner(const RawPrefilter& prefilter) : prefilter_(prefilter), state_(std::make_unique<State>()) {
  if (hs_alloc_scratch(prefilter_.db_, &scratch_) != HS_SUCCESS) {
    throw Error(ErrorKind::kInternal, "prefilter: vectorscan could not allocate scratch space");
  }
  state_->present.assign((prefilter_.terms_.size() + 63) / 64, 0);
  state_->escape_id = prefilter_.escape_id_;
  state_->mask.Resize(prefilter_.plans_.size());
}

RawPrefilter::Scanner::~Scanner() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

void RawPrefilter::Scanner::SelectLines(std::string_view block,
                                        const std::function<void(size_t, size_t, const PlanMask&)>& on_line) {
  State& s = *state_;
  const RawPrefilter& pf = prefilter_;
  s.selected.clear();
  s.masks.clear();
  PlanMask& mask = s.mask;
  const size_t words = mask.words.size();
  // hs_scan takes an unsigned length: scan in pieces of at most 1 GiB that end at a newline.
  size_t piece_begin = 0;
  while (piece_begin < block.size()) {
    size_t piece_end = block.size();
    if (piece_end - piece_begin > (size_t{1} << 30)) {
      size_t nl = block.rfind('\n', piece_begin + (size_t{1} << 30) - 1);
      piece_end = nl != std::string_view::npos && nl >= piece_begin ? nl + 1 : block.size();
    }
    std::string_view piece = block.substr(piece_begin, piece_end - piece_begin);
    if (piece.size() > UINT_MAX) throw Error(ErrorKind::kInternal, "prefilter: a line longer than 4 GiB");
    const char* base = piece.data();
    const size_t n = piece.size();

    // One scan of the piece collects every term (and escape) match with its end offset; the
    // lines are then found around the matches only, so lines without one cost nothing more.
    s.hits.clear();
    hs_error_t rc = hs_scan(pf.db_, base, static_cast<unsigned>(n), 0, scratch_, CollectHit, &s);
    if (rc != HS_SUCCESS) throw Error(ErrorKind::kInternal, "prefilter: vectorscan scan failed");
    auto by_end = [](const State::Match& a, const State::Match& b) { return a.to < b.to; };
    if (!std::is_sorted(s.hits.begin(), s.hits.end(), by_end)) std::sort(s.hits.begin(), s.hits.end(), by_end);

    std::fill(s.present.begin(), s.present.end(), 0);
    s.escaped = false;
    size_t h = 0;
    // Adds the matches that end in the line ending at `e` (a term never contains '\n', so a
    // match ending at or before e and after the line's start lies in the line), then decides.
    auto finish_line = [&](size_t b, size_t e) {
      bool any = false;
      for (; h < s.hits.size() && s.hits[h].to <= e; ++h) {
        uint32_t id = s.hits[h].id;
        if (id == pf.escape_id_) {
          s.escaped = true;
        } else {
          s.present[id >> 6] |= uint64_t{1} << (id & 63);
        }
        any = true;
      }
      bool chosen = (any || !pf.enabled_) && pf.Decide(s.present, s.escaped, mask);
      if (chosen && !Blank(piece.substr(b, e - b))) {
        s.selected.push_back({piece_begin + b, piece_begin + e, s.masks.size()});
        s.masks.insert(s.masks.end(), mask.words.begin(), mask.words.end());
      }
      if (any) {
        std::fill(s.present.begin(), s.present.end(), 0);
        s.escaped = false;
      }
    };
    auto line_end = [&](size_t from) {
      const void* nl = std::memchr(base + from, '\n', n - from);
      return nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - base) : n;
    };
    if (!pf.enabled_) {
      // Some plan takes every event: every line is visited.
      for (size_t b = 0; b < n;) {
        size_t e = line_end(b);
        finish_line(b, e);
        b = e + 1;
      }
    } else {
      while (h < s.hits.size()) {
        size_t last = static_cast<size_t>(s.hits[h].to) - 1;  // a byte of the match, never '\n'
        const void* prev = memrchr(base, '\n', last);
        size_t b = prev != nullptr ? static_cast<size_t>(static_cast<const char*>(prev) - base) + 1 : 0;
        finish_line(b, line_end(last));
      }
    }
    piece_begin = piece_end;
  }
  for (const auto& sel : s.selected) {
    std::copy(s.masks.begin() + static_cast<std::ptrdiff_t>(sel.mask_offset),
              s.masks.begin() + static_cast<std::ptrdiff_t>(sel.mask_offset + words), mask.words.begin());
    on_line(sel.begin, sel.end, mask);
  }
}

bool RawPrefilter::Scanner::MayMatch(std::string_view text, PlanMask& mask) {
  State& s = *state_;
  const RawPrefilter& pf = prefilter_;
  mask.Resize(pf.plans_.size());
  if (Blank(text)) return false;
  std::fill(s.present.begin(), s.present.end(), 0);
  s.escaped = false;
  if (text.size() > (size_t{1} << 30)) {
    s.escaped = true;  // a text over 1 GiB is not scanned: select it for every plan
  } else {
    hs_error_t rc = hs_scan(pf.db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_, SetBit, &s);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) throw Error(ErrorKind::kInternal, "prefilter: vectorscan scan failed");
  }
  return pf.Decide(s.present, s.escaped, mask);
}

}  // namespace trailhound
