#include "spl/search_parser.hpp"

#include <cctype>
#include <string>

#include "common/error.hpp"

namespace trailhound {

namespace {

struct SearchToken {
  enum class Kind { kEnd, kWord, kString, kCmp, kLParen, kRParen, kComma };
  Kind kind = Kind::kEnd;
  std::string text;
  size_t position = 0;
};

class SearchLexer {
 public:
  SearchLexer(std::string_view text, size_t base) : text_(text), base_(base) {}

  // `value_mode`: the token follows a comparison operator, so it runs to whitespace or ')'.
  SearchToken Next(bool value_mode) {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    SearchToken t;
    t.position = base_ + pos_;
    if (pos_ >= text_.size()) return t;
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      std::string out;
      while (pos_ < text_.size() && text_[pos_] != '"') {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) ++pos_;
        out += text_[pos_++];
      }
      if (pos_ >= text_.size()) throw QueryError("unterminated quoted string", t.position);
      ++pos_;
      t.kind = SearchToken::Kind::kString;
      t.text = std::move(out);
      return t;
    }
    if (c == '(') {
      ++pos_;
      t.kind = SearchToken::Kind::kLParen;
      t.text = "(";
      return t;
    }
    if (c == ')') {
      ++pos_;
      t.kind = SearchToken::Kind::kRParen;
      t.text = ")";
      return t;
    }
    if (c == ',') {
      ++pos_;
      t.kind = SearchToken::Kind::kComma;
      t.text = ",";
      return t;
    }
    if (!value_mode && IsCmpStart(pos_)) {
      t.kind = SearchToken::Kind::kCmp;
      size_t n = (text_[pos_] == '!' || (pos_ + 1 < text_.size() && text_[pos_ + 1] == '=')) ? 2 : 1;
      if (text_[pos_] == '=' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') n = 2;
      t.text = std::string(text_.substr(pos_, n));
      if (t.text == "==") t.text = "=";
      pos_ += n;
      return t;
    }
    size_t start = pos_;
    while (pos_ < text_.size()) {
      char ch = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == ')' || ch == '"') break;
      if (ch == '(' && !value_mode) break;
      if (ch == ',' && in_list_) break;
      if (!value_mode && IsCmpStart(pos_)) break;
      ++pos_;
    }
    t.kind = SearchToken::Kind::kWord;
    t.text = std::string(text_.substr(start, pos_ - start));
    return t;
  }

  void set_in_list(bool v) { in_list_ = v; }
  // The next character is '(' with nothing between (as in TERM(x)).
  bool NextIsParen() const { return pos_ < text_.size() && text_[pos_] == '('; }
  size_t offset() const { return pos_; }
  void Rewind(size_t offset) { pos_ = offset; }

 private:
  bool IsCmpStart(size_t p) const {
    char ch = text_[p];
    if (ch == '=' || ch == '<' || ch == '>') return true;
    return ch == '!' && p + 1 < text_.size() && text_[p + 1] == '=';
  }

  std::string_view text_;
  size_t base_;
  size_t pos_ = 0;
  bool in_list_ = false;
};

// Deeper nesting is refused, so that a hostile search cannot exhaust the stack.
constexpr int kMaxSearchDepth = 256;

class SearchParser {
 public:
  SearchParser(std::string_view text, size_t base) : lexer_(text, base), base_(base) { Advance(false); }

  SearchExprPtr ParseAll() {
    if (cur_.kind == SearchToken::Kind::kEnd) return Make(SearchExpr::Kind::kMatchAll, cur_.position);
    auto e = ParseAnd();
    if (cur_.kind != SearchToken::Kind::kEnd) throw QueryError("unexpected '" + cur_.text + "' in search", cur_.position);
    return e;
  }

 private:
  static SearchExprPtr Make(SearchExpr::Kind kind, size_t pos) {
    auto e = std::make_unique<SearchExpr>();
    e->kind = kind;
    e->position = pos;
    return e;
  }

  void Advance(bool value_mode) { cur_ = lexer_.Next(value_mode); }

  struct DepthGuard {
    DepthGuard(SearchParser& p, size_t position) : parser(p) {
      if (++parser.depth_ > kMaxSearchDepth) {
        throw QueryError("search nested too deeply (more than " + std::to_string(kMaxSearchDepth) + " levels)", position);
      }
    }
    ~DepthGuard() { --parser.depth_; }
    SearchParser& parser;
  };
  bool IsWord(const char* w) const { return cur_.kind == SearchToken::Kind::kWord && cur_.text == w; }
  bool AtTermStart() const {
    return cur_.kind == SearchToken::Kind::kWord || cur_.kind == SearchToken::Kind::kString ||
           cur_.kind == SearchToken::Kind::kLParen;
  }

  // and := or (AND? or)*   -- implicit AND between adjacent terms
  SearchExprPtr ParseAnd() {
    DepthGuard guard(*this, cur_.position);
    auto first = ParseOr();
    std::vector<SearchExprPtr> parts;
    parts.push_back(std::move(first));
    while (true) {
      if (IsWord("AND")) {
        Advance(false);
        parts.push_back(ParseOr());
      } else if (AtTermStart()) {
        parts.push_back(ParseOr());
      } else {
        break;
      }
    }
    if (parts.size() == 1) return std::move(parts[0]);
    auto e = Make(SearchExpr::Kind::kAnd, parts[0]->position);
    e->children = std::move(parts);
    return e;
  }

  SearchExprPtr ParseOr() {
    auto first = ParseNot();
    if (!IsWord("OR")) return first;
    auto e = Make(SearchExpr::Kind::kOr, first->position);
    e->children.push_back(std::move(first));
    while (IsWord("OR")) {
      Advance(false);
      e->children.push_back(ParseNot());
    }
    return e;
  }

  SearchExprPtr ParseNot() {
    if (IsWord("NOT")) {
      DepthGuard guard(*this, cur_.position);
      auto e = Make(SearchExpr::Kind::kNot, cur_.position);
      Advance(false);
      e->children.push_back(ParseNot());
      return e;
    }
    return ParsePrimary();
  }

  SearchExprPtr ParsePrimary() {
    SearchToken t = cur_;
    if (t.kind == SearchToken::Kind::kLParen) {
      Advance(false);
      if (cur_.kind == SearchToken::Kind::kRParen) throw QueryError("empty parentheses in search", cur_.position);
      auto e = ParseAnd();
      if (cur_.kind != SearchToken::Kind::kRParen) throw QueryError("expected ')' in search", cur_.position);
      Advance(false);
      return e;
    }
    if (t.kind == SearchToken::Kind::kString) {
      Advance(false);
      // "field"=value and "field" IN (...): a quoted field name on the left.
      if (cur_.kind == SearchToken::Kind::kCmp) return ParseComparison(t);
      if (IsWord("IN")) return ParseIn(t);
      auto e = Make(SearchExpr::Kind::kTerm, t.position);
      e->value = t.text;
      return e;
    }
    if (t.kind == SearchToken::Kind::kWord) {
      RejectUnsupported(t);
      Advance(false);
      if (cur_.kind == SearchToken::Kind::kCmp) return ParseComparison(t);
      if (IsWord("IN")) return ParseIn(t);
      if (t.text == "AND" || t.text == "OR") throw QueryError("'" + t.text + "' needs a term on each side", t.position);
      if (t.text == "*") return Make(SearchExpr::Kind::kMatchAll, t.position);
      auto e = Make(SearchExpr::Kind::kTerm, t.position);
      e->value = t.text;
      return e;
    }
    if (t.kind == SearchToken::Kind::kCmp) throw QueryError("a comparison needs a field name before '" + t.text + "'", t.position);
    if (t.kind == SearchToken::Kind::kEnd) throw QueryError("search ends where a term was expected", t.position);
    throw QueryError("unexpected '" + t.text + "' in search", t.position);
  }

  // Syntax that would otherwise parse as something else and silently match nothing.
  void RejectUnsupported(const SearchToken& t) const {
    if (!t.text.empty() && t.text[0] == '[') {
      throw QueryError("subsearches ([ ... ]) inside search are not supported yet (those of join and append are)", t.position);
    }
    std::string upper = t.text;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if ((upper == "TERM" || upper == "CASE") && lexer_.NextIsParen()) {
      throw QueryError(upper + "() in search is not supported yet", t.position);
    }
  }

  SearchExprPtr ParseComparison(const SearchToken& field) {
    static const char* kTimeModifiers[] = {"earliest", "latest", "_index_earliest", "_index_latest", "starttime", "endtime",
                                           "starttimeu", "endtimeu", "starthoursago", "endhoursago", "startdaysago",
                                           "enddaysago", "startminutesago", "endminutesago", "searchtimespanhours",
                                           "searchtimespandays", "searchtimespanminutes"};
    for (const char* m : kTimeModifiers) {
      if (field.text == m) {
        throw QueryError("time modifier '" + field.text + "=' is not supported yet (filter on _time with where)", field.position);
      }
    }
    auto e = Make(SearchExpr::Kind::kCompare, field.position);
    e->field = FieldNames::Intern(field.text);
    e->op = cur_.text;
    size_t op_pos = cur_.position;
    Advance(true);
    if (cur_.kind != SearchToken::Kind::kWord && cur_.kind != SearchToken::Kind::kString) {
      throw QueryError("expected a value after '" + field.text + e->op + "'", op_pos + e->op.size());
    }
    e->value = cur_.text;
    Advance(false);
    return e;
  }

  SearchExprPtr ParseIn(const SearchToken& field) {
    auto e = Make(SearchExpr::Kind::kIn, field.position);
    e->field = FieldNames::Intern(field.text);
    lexer_.set_in_list(true);
    Advance(false);
    if (cur_.kind != SearchToken::Kind::kLParen) throw QueryError("expected '(' after IN", cur_.position);
    Advance(true);
    while (cur_.kind != SearchToken::Kind::kRParen) {
      if (cur_.kind == SearchToken::Kind::kWord || cur_.kind == SearchToken::Kind::kString) {
        e->values.push_back(cur_.text);
      } else if (cur_.kind != SearchToken::Kind::kComma) {
        throw QueryError("expected a value or ')' in the IN list", cur_.position);
      }
      Advance(true);
    }
    lexer_.set_in_list(false);
    Advance(false);
    return e;
  }

  SearchLexer lexer_;
  size_t base_;
  SearchToken cur_;
  int depth_ = 0;
};

}  // namespace

SearchExprPtr ParseSearchExpression(std::string_view text, size_t base_offset) {
  SearchParser parser(text, base_offset);
  return parser.ParseAll();
}

}  // namespace trailhound
