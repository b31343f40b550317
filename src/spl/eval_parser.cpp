#include "spl/eval_parser.hpp"

#include <cctype>
#include <string>

#include "common/error.hpp"
#include "functions/scalar_function.hpp"

namespace trailhound {

namespace {

struct Token {
  enum class Kind { kEnd, kNumber, kString, kIdent, kQuotedField, kOp, kLParen, kRParen, kComma };
  Kind kind = Kind::kEnd;
  std::string text;  // identifier/operator text, or the unescaped string/field name
  size_t position = 0;
};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class EvalLexer {
 public:
  EvalLexer(std::string_view text, size_t base) : text_(text), base_(base) {}

  Token Next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    Token t;
    t.position = base_ + pos_;
    if (pos_ >= text_.size()) return t;
    char c = text_[pos_];
    if (c == '"' || c == '\'') return Quoted(c, t);
    if (std::isdigit(static_cast<unsigned char>(c))) return Number(t);
    if (IsIdentStart(c)) {
      size_t start = pos_;
      while (pos_ < text_.size()) {
        if (IsIdentChar(text_[pos_])) {
          ++pos_;
        } else if (text_[pos_] == '.' && pos_ + 1 < text_.size() && IsIdentChar(text_[pos_ + 1])) {
          // a.b is one dotted field name; "a . b" and a."x" are concatenations.
          ++pos_;
        } else {
          break;
        }
      }
      t.kind = Token::Kind::kIdent;
      t.text = std::string(text_.substr(start, pos_ - start));
      return t;
    }
    ++pos_;
    switch (c) {
      case '(': t.kind = Token::Kind::kLParen; t.text = "("; return t;
      case ')': t.kind = Token::Kind::kRParen; t.text = ")"; return t;
      case ',': t.kind = Token::Kind::kComma; t.text = ","; return t;
      case '=':
        t.kind = Token::Kind::kOp;
        t.text = Peek('=') ? (++pos_, "==") : "=";
        return t;
      case '!':
        t.kind = Token::Kind::kOp;
        t.text = Peek('=') ? (++pos_, "!=") : "!";
        return t;
      case '<':
      case '>':
        t.kind = Token::Kind::kOp;
        t.text = std::string(1, c);
        if (Peek('=')) {
          ++pos_;
          t.text += '=';
        }
        return t;
      case '+': case '-': case '*': case '/': case '%': case '.':
        t.kind = Token::Kind::kOp;
        t.text = std::string(1, c);
        return t;
      default:
        throw QueryError(std::string("unexpected character '") + c + "' in expression", t.position);
    }
  }

 private:
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  Token Quoted(char quote, Token& t) {
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == quote || text_[pos_ + 1] == '\\')) {
        ++pos_;
      }
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) throw QueryError(std::string("unterminated ") + (quote == '"' ? "string" : "quoted field name"), t.position);
    ++pos_;
    t.kind = quote == '"' ? Token::Kind::kString : Token::Kind::kQuotedField;
    t.text = std::move(out);
    return t;
  }

  Token Number(Token& t) {
    size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t save = pos_++;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      } else {
        pos_ = save;
      }
    }
    t.kind = Token::Kind::kNumber;
    t.text = std::string(text_.substr(start, pos_ - start));
    return t;
  }

  std::string_view text_;
  size_t base_;
  size_t pos_ = 0;
};

// Deeper nesting is refused, so that a hostile expression cannot exhaust the stack.
constexpr int kMaxExpressionDepth = 256;

class EvalParser {
 public:
  EvalParser(std::string_view text, size_t base) : lexer_(text, base) { Advance(); }

  EvalExprPtr ParseAll() {
    auto e = ParseXor();
    if (cur_.kind != Token::Kind::kEnd) throw QueryError("unexpected '" + cur_.text + "' in expression", cur_.position);
    return e;
  }

 private:
  void Advance() { cur_ = lexer_.Next(); }

  struct DepthGuard {
    DepthGuard(EvalParser& p, size_t position) : parser(p) {
      if (++parser.depth_ > kMaxExpressionDepth) {
        throw QueryError("expression nested too deeply (more than " + std::to_string(kMaxExpressionDepth) + " levels)", position);
      }
    }
    ~DepthGuard() { --parser.depth_; }
    EvalParser& parser;
  };

  // A chain of binary operators (a+b+c+...) builds a tree as deep as the chain is long.
  void CheckChain(int& chained, size_t position) const {
    if (++chained + depth_ > kMaxExpressionDepth * 16) {
      throw QueryError("expression too long: more than " + std::to_string(kMaxExpressionDepth * 16) + " chained operators", position);
    }
  }

  bool IsKeyword(const char* kw) const { return cur_.kind == Token::Kind::kIdent && Upper(cur_.text) == kw; }
  bool IsOp(const char* op) const { return cur_.kind == Token::Kind::kOp && cur_.text == op; }

  static EvalExprPtr MakeBinary(std::string op, size_t pos, EvalExprPtr l, EvalExprPtr r) {
    auto e = std::make_unique<EvalExpr>();
    e->kind = EvalExpr::Kind::kBinary;
    e->op = std::move(op);
    e->position = pos;
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return e;
  }

  EvalExprPtr ParseXor() {
    DepthGuard guard(*this, cur_.position);
    auto l = ParseOr();
    int chained = 0;
    while (IsKeyword("XOR")) {
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary("XOR", p, std::move(l), ParseOr());
    }
    return l;
  }
  EvalExprPtr ParseOr() {
    auto l = ParseAnd();
    int chained = 0;
    while (IsKeyword("OR")) {
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary("OR", p, std::move(l), ParseAnd());
    }
    return l;
  }
  EvalExprPtr ParseAnd() {
    auto l = ParseNot();
    int chained = 0;
    while (IsKeyword("AND")) {
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary("AND", p, std::move(l), ParseNot());
    }
    return l;
  }
  EvalExprPtr ParseNot() {
    if (IsKeyword("NOT") || IsOp("!")) {
      DepthGuard guard(*this, cur_.position);
      auto e = std::make_unique<EvalExpr>();
      e->kind = EvalExpr::Kind::kUnary;
      e->op = "NOT";
      e->position = cur_.position;
      Advance();
      e->args.push_back(ParseNot());
      return e;
    }
    return ParseEquality();
  }
  EvalExprPtr ParseEquality() {
    auto l = ParseRelational();
    int chained = 0;
    while (true) {
      if (IsOp("=") || IsOp("==") || IsOp("!=")) {
        std::string op = cur_.text == "==" ? "=" : cur_.text;
        size_t p = cur_.position;
        CheckChain(chained, p);
        Advance();
        l = MakeBinary(op, p, std::move(l), ParseRelational());
      } else if (IsKeyword("LIKE")) {
        size_t p = cur_.position;
        CheckChain(chained, p);
        Advance();
        l = MakeBinary("LIKE", p, std::move(l), ParseRelational());
      } else if (IsKeyword("IN")) {
        // x IN (a, b, ...) is in(x, a, b, ...).
        size_t p = cur_.position;
        Advance();
        if (cur_.kind != Token::Kind::kLParen) throw QueryError("expected '(' after IN", cur_.position);
        auto call = MakeCall("in", p);
        call->args.push_back(std::move(l));
        ParseArgs(*call);
        BindCall(*call);
        l = std::move(call);
      } else {
        return l;
      }
    }
  }
  EvalExprPtr ParseRelational() {
    auto l = ParseAdditive();
    int chained = 0;
    while (IsOp("<") || IsOp("<=") || IsOp(">") || IsOp(">=")) {
      std::string op = cur_.text;
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary(op, p, std::move(l), ParseAdditive());
    }
    return l;
  }
  EvalExprPtr ParseAdditive() {
    auto l = ParseMultiplicative();
    int chained = 0;
    while (IsOp("+") || IsOp("-") || IsOp(".")) {
      std::string op = cur_.text;
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary(op, p, std::move(l), ParseMultiplicative());
    }
    return l;
  }
  EvalExprPtr ParseMultiplicative() {
    auto l = ParseUnary();
    int chained = 0;
    while (IsOp("*") || IsOp("/") || IsOp("%")) {
      std::string op = cur_.text;
      size_t p = cur_.position;
      CheckChain(chained, p);
      Advance();
      l = MakeBinary(op, p, std::move(l), ParseUnary());
    }
    return l;
  }
  EvalExprPtr ParseUnary() {
    if (IsOp("-") || IsOp("+")) {
      DepthGuard guard(*this, cur_.position);
      std::string op = cur_.text;
      size_t p = cur_.position;
      Advance();
      auto operand = ParseUnary();
      if (op == "+") return operand;
      if (operand->kind == EvalExpr::Kind::kLiteral && operand->literal.IsNumber()) {
        operand->literal = Value::Num(-operand->literal.num());
        return operand;
      }
      auto e = std::make_unique<EvalExpr>();
      e->kind = EvalExpr::Kind::kUnary;
      e->op = "-";
      e->position = p;
      e->args.push_back(std::move(operand));
      return e;
    }
    return ParsePrimary();
  }

  static EvalExprPtr MakeCall(std::string name, size_t pos) {
    auto e = std::make_unique<EvalExpr>();
    e->kind = EvalExpr::Kind::kCall;
    e->name = std::move(name);
    e->position = pos;
    return e;
  }

  void ParseArgs(EvalExpr& call) {
    Advance();  // past '('
    if (cur_.kind == Token::Kind::kRParen) {
      Advance();
      return;
    }
    while (true) {
      call.args.push_back(ParseXor());
      if (cur_.kind == Token::Kind::kComma) {
        Advance();
        continue;
      }
      if (cur_.kind == Token::Kind::kRParen) {
        Advance();
        return;
      }
      throw QueryError("expected ',' or ')' in the arguments of " + call.name + "()", cur_.position);
    }
  }

  static void BindCall(EvalExpr& call) {
    call.function = FindScalarFunction(call.name);
    if (call.function == nullptr) throw QueryError("unknown eval function '" + call.name + "'", call.position);
    if (call.args.size() < call.function->min_args || call.args.size() > call.function->max_args) {
      std::string want = call.function->min_args == call.function->max_args
                             ? std::to_string(call.function->min_args)
                             : std::to_string(call.function->min_args) + " to " +
                                   (call.function->max_args == SIZE_MAX ? std::string("any number of")
                                                                        : std::to_string(call.function->max_args));
      throw QueryError(call.name + "() takes " + want + " arguments, got " + std::to_string(call.args.size()),
                       call.position);
    }
  }

  EvalExprPtr ParsePrimary() {
    Token t = cur_;
    switch (t.kind) {
      case Token::Kind::kNumber: {
        Advance();
        auto e = std::make_unique<EvalExpr>();
        e->kind = EvalExpr::Kind::kLiteral;
        e->position = t.position;
        auto n = ParseNumber(t.text);
        if (!n) throw QueryError("number out of range: " + t.text, t.position);
        e->literal = Value::Num(*n);
        return e;
      }
      case Token::Kind::kString: {
        Advance();
        auto e = std::make_unique<EvalExpr>();
        e->kind = EvalExpr::Kind::kLiteral;
        e->position = t.position;
        e->literal = Value::Str(t.text);
        return e;
      }
      case Token::Kind::kQuotedField: {
        Advance();
        auto e = std::make_unique<EvalExpr>();
        e->kind = EvalExpr::Kind::kField;
        e->position = t.position;
        e->field = FieldNames::Intern(t.text);
        return e;
      }
      case Token::Kind::kIdent: {
        Advance();
        if (cur_.kind == Token::Kind::kLParen) {
          std::string name = t.text;
          for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          auto call = MakeCall(name, t.position);
          ParseArgs(*call);
          BindCall(*call);
          return call;
        }
        auto e = std::make_unique<EvalExpr>();
        e->kind = EvalExpr::Kind::kField;
        e->position = t.position;
        e->field = FieldNames::Intern(t.text);
        return e;
      }
      case Token::Kind::kLParen: {
        Advance();
        auto e = ParseXor();
        if (cur_.kind != Token::Kind::kRParen) throw QueryError("expected ')'", cur_.position);
        Advance();
        return e;
      }
      case Token::Kind::kEnd:
        throw QueryError("expression ends where a value was expected", t.position);
      default:
        throw QueryError("unexpected '" + t.text + "' where a value was expected", t.position);
    }
  }

  EvalLexer lexer_;
  Token cur_;
  int depth_ = 0;
};

}  // namespace

EvalExprPtr ParseEvalExpression(std::string_view text, size_t base_offset) {
  EvalParser parser(text, base_offset);
  return parser.ParseAll();
}

}  // namespace trailhound
