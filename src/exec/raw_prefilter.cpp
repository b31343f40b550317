#include "exec/raw_prefilter.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <bit>
#include <climits>

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

}  // namespace

struct RawPrefilter::Scanner::State {
  // One match: the pattern id and its end offset (exclusive) in the scanned text.
  struct Hit {
    uint32_t id;
    uint64_t to;
  };
  std::vector<Hit> hits;
  std::vector<uint64_t> present;  // term bits of the current line / text
  bool escaped = false;
  uint32_t newline_id = 0;
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
  if (id != s->newline_id) s->present[id >> 6] |= uint64_t{1} << (id & 63);
  return 0;
}

}  // namespace

RawPrefilter::RawPrefilter(const std::vector<PrefilterExpr>& per_plan) {
  for (const auto& e : per_plan) e.CollectTerms(terms_);
  for (const auto& e : per_plan) {
    Plan p;
    p.expr = e;
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
  newline_id_ = static_cast<uint32_t>(terms_.size());
  escape_id_ = newline_id_ + 1;
  patterns.push_back("\n");
  lengths.push_back(1);
  flags.push_back(0);
  ids.push_back(newline_id_);
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
    out += "prefilter plan " + std::to_string(i) + ": " + DescribePrefilter(plans_[i].expr) + "\n";
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
  state_->newline_id = prefilter_.newline_id_;
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
  // hs_scan takes an unsigned length: scan in pieces that end at a newline.
  size_t piece_begin = 0;
  while (piece_begin < block.size()) {
    size_t piece_end = block.size();
    if (piece_end - piece_begin > (size_t{1} << 30)) {
      size_t nl = block.rfind('\n', piece_begin + (size_t{1} << 30) - 1);
      piece_end = nl != std::string_view::npos && nl >= piece_begin ? nl + 1 : block.size();
    }
    std::string_view piece = block.substr(piece_begin, piece_end - piece_begin);
    s.hits.clear();
    if (piece.size() > UINT_MAX) {
      throw Error(ErrorKind::kInternal, "prefilter: a line longer than 4 GiB");
    }
    hs_error_t rc = hs_scan(pf.db_, piece.data(), static_cast<unsigned>(piece.size()), 0, scratch_, CollectHit, &s);
    if (rc != HS_SUCCESS) throw Error(ErrorKind::kInternal, "prefilter: vectorscan scan failed");
    // Matches come in order of end offset; make sure (a term never contains '\n', so a term's
    // match and a newline never end at the same offset).
    if (!std::is_sorted(s.hits.begin(), s.hits.end(), [](const State::Hit& a, const State::Hit& b) { return a.to < b.to; })) {
      std::stable_sort(s.hits.begin(), s.hits.end(), [](const State::Hit& a, const State::Hit& b) { return a.to < b.to; });
    }
    size_t line_begin = 0;
    bool any = false;
    auto end_line = [&](size_t line_end) {
      std::string_view line = piece.substr(line_begin, line_end - line_begin);
      bool chosen = false;
      if (any || !pf.enabled_) chosen = pf.Decide(s.present, s.escaped, mask);
      if (chosen && !Blank(line)) {
        s.selected.push_back({piece_begin + line_begin, piece_begin + line_end, s.masks.size()});
        s.masks.insert(s.masks.end(), mask.words.begin(), mask.words.end());
      }
      if (any) {
        std::fill(s.present.begin(), s.present.end(), 0);
        s.escaped = false;
        any = false;
      }
    };
    for (const State::Hit& h : s.hits) {
      if (h.id == s.newline_id) {
        end_line(h.to - 1);
        line_begin = h.to;
      } else if (h.id == s.escape_id) {
        s.escaped = true;
        any = true;
      } else {
        s.present[h.id >> 6] |= uint64_t{1} << (h.id & 63);
        any = true;
      }
    }
    if (line_begin < piece.size()) end_line(piece.size());  // the last line without '\n'
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
