#include "services/query/search/query_language.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/text/quoted_string.h"
#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

enum class TokenKind { kPhrase, kAnd, kOr, kNot, kLeftParen, kRightParen, kEnd };

struct Token {
  TokenKind kind;
  std::string text;
  int column;  // 1-based, in code points
};

absl::Status ErrorAt(int column, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("query: ", Absl(what), " at column ", column));
}

// The normalizer's character folding, so a phrase typed with full-width forms still matches.
char32_t FoldChar(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (c == 0x3000 || c == 0x00A0 || c == '\t') return ' ';
  return c;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

class Lexer final {
 public:
  explicit Lexer(std::string_view input) : input_(input) {
    for (size_t offset = 0; offset < input.size();) {
      text::DecodedCodepoint decoded = text::DecodeCodepoint(input, offset);
      chars_.push_back(decoded.codepoint);
      offsets_.push_back(offset);
      offset += std::max(decoded.length, 1);
    }
  }

  absl::StatusOr<std::vector<Token>> Tokenize() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < chars_.size() && IsSpace(chars_[pos_])) ++pos_;
      int column = static_cast<int>(pos_) + 1;
      if (pos_ >= chars_.size()) {
        tokens.push_back({TokenKind::kEnd, "", column});
        return tokens;
      }
      absl::StatusOr<Token> token = Next(column);
      if (!token.ok()) return token.status();
      tokens.push_back(std::move(*token));
    }
  }

 private:
  absl::StatusOr<Token> Next(int column) {
    char32_t c = chars_[pos_];
    if (c == '(') return Single(TokenKind::kLeftParen, column);
    if (c == ')') return Single(TokenKind::kRightParen, column);
    if (c == '-') return Single(TokenKind::kNot, column);
    if (c == '"') return Quoted(column);
    std::string word;
    while (pos_ < chars_.size() && !IsSpace(chars_[pos_]) && chars_[pos_] != '(' &&
           chars_[pos_] != ')' && chars_[pos_] != '"') {
      text::AppendUtf8(word, FoldChar(chars_[pos_++]));
    }
    if (word == "AND") return Token{TokenKind::kAnd, word, column};
    if (word == "OR") return Token{TokenKind::kOr, word, column};
    if (word == "NOT") return Token{TokenKind::kNot, word, column};
    // "调解 or 仲裁" meant OR; searching the phrase "or" would silently find nothing useful.
    if (const std::string upper = absl::AsciiStrToUpper(word);
        upper == "AND" || upper == "OR" || upper == "NOT") {
      return absl::InvalidArgumentError(absl::StrCat(
          "query: '", word, "' at column ", column, " is not an operator; write ", upper,
          " to combine phrases, or \"", word, "\" in quotes to search the word"));
    }
    return Token{TokenKind::kPhrase, word, column};
  }

  Token Single(TokenKind kind, int column) {
    ++pos_;
    return {kind, "", column};
  }

  // Quoted as a filter's strings are (common/text/quoted_string.h), then folded like a word.
  absl::StatusOr<Token> Quoted(int column) {
    text::QuotedString quoted = text::ReadQuotedString(input_, offsets_[pos_]);
    if (!quoted.error.empty()) return ErrorAt(column, quoted.error);
    while (pos_ < chars_.size() && offsets_[pos_] < quoted.end) ++pos_;
    std::string phrase;
    for (size_t offset = 0; offset < quoted.value.size();) {
      text::DecodedCodepoint decoded = text::DecodeCodepoint(quoted.value, offset);
      text::AppendUtf8(phrase, FoldChar(decoded.codepoint));
      offset += std::max(decoded.length, 1);
    }
    if (phrase.empty()) return ErrorAt(column, "empty quoted phrase");
    return Token{TokenKind::kPhrase, phrase, column};
  }

  std::string_view input_;
  std::vector<char32_t> chars_;
  std::vector<size_t> offsets_;  // byte offset in input_ of each of chars_
  size_t pos_ = 0;
};

class Parser final {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  absl::StatusOr<std::unique_ptr<QueryNode>> Parse() {
    if (Peek().kind == TokenKind::kEnd) return ErrorAt(Peek().column, "empty query");
    absl::StatusOr<std::unique_ptr<QueryNode>> root = Expr();
    if (!root.ok()) return root;
    if (Peek().kind != TokenKind::kEnd) return ErrorAt(Peek().column, "unexpected ')'");
    return root;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }

  static std::unique_ptr<QueryNode> Combine(QueryNode::Kind kind,
                                            std::vector<std::unique_ptr<QueryNode>> parts) {
    if (parts.size() == 1) return std::move(parts[0]);
    auto node = std::make_unique<QueryNode>();
    node->kind = kind;
    node->children = std::move(parts);
    return node;
  }

  absl::StatusOr<std::unique_ptr<QueryNode>> Expr() {
    std::vector<std::unique_ptr<QueryNode>> parts;
    while (true) {
      absl::StatusOr<std::unique_ptr<QueryNode>> term = Term();
      if (!term.ok()) return term;
      parts.push_back(std::move(*term));
      if (Peek().kind != TokenKind::kOr) return Combine(QueryNode::Kind::kOr, std::move(parts));
      ++pos_;
    }
  }

  bool StartsFactor() const {
    TokenKind kind = Peek().kind;
    return kind == TokenKind::kPhrase || kind == TokenKind::kNot || kind == TokenKind::kLeftParen;
  }

  absl::StatusOr<std::unique_ptr<QueryNode>> Term() {
    std::vector<std::unique_ptr<QueryNode>> parts;
    while (true) {
      absl::StatusOr<std::unique_ptr<QueryNode>> factor = Factor();
      if (!factor.ok()) return factor;
      parts.push_back(std::move(*factor));
      if (Peek().kind == TokenKind::kAnd) {
        ++pos_;
      } else if (!StartsFactor()) {
        return Combine(QueryNode::Kind::kAnd, std::move(parts));
      }
    }
  }

  absl::StatusOr<std::unique_ptr<QueryNode>> Factor() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNot: {
        ++pos_;
        absl::StatusOr<std::unique_ptr<QueryNode>> operand = Factor();
        if (!operand.ok()) return operand;
        auto node = std::make_unique<QueryNode>();
        node->kind = QueryNode::Kind::kNot;
        node->children.push_back(std::move(*operand));
        return node;
      }
      case TokenKind::kLeftParen: {
        ++pos_;
        absl::StatusOr<std::unique_ptr<QueryNode>> inner = Expr();
        if (!inner.ok()) return inner;
        if (Peek().kind != TokenKind::kRightParen) return ErrorAt(Peek().column, "expected ')'");
        ++pos_;
        return inner;
      }
      case TokenKind::kPhrase:
        return PhraseNode(token);
      default:
        return ErrorAt(token.column, token.kind == TokenKind::kEnd ? "unexpected end of query"
                                                                   : "expected a phrase");
    }
  }

  absl::StatusOr<std::unique_ptr<QueryNode>> PhraseNode(const Token& token) {
    ++pos_;
    if (text::CountCodepoints(token.text) > kMaxPhraseCodepoints) {
      return ErrorAt(token.column,
                     absl::StrCat("phrase longer than ", kMaxPhraseCodepoints, " characters"));
    }
    if (++phrase_count_ > kMaxPhrases) {
      return ErrorAt(token.column, absl::StrCat("more than ", kMaxPhrases, " phrases"));
    }
    auto node = std::make_unique<QueryNode>();
    node->phrase = token.text;
    return node;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int phrase_count_ = 0;
};

void CollectPositive(const QueryNode& node, bool negated, std::vector<std::string>* phrases) {
  if (node.kind == QueryNode::Kind::kPhrase) {
    if (!negated && std::find(phrases->begin(), phrases->end(), node.phrase) == phrases->end()) {
      phrases->push_back(node.phrase);
    }
    return;
  }
  for (const auto& child : node.children) {
    CollectPositive(*child, negated != (node.kind == QueryNode::Kind::kNot), phrases);
  }
}

}  // namespace

std::vector<std::string> PositivePhrases(const QueryNode& root) {
  std::vector<std::string> phrases;
  CollectPositive(root, false, &phrases);
  return phrases;
}

absl::StatusOr<std::unique_ptr<QueryNode>> ParseSearchQuery(std::string_view query) {
  absl::StatusOr<std::vector<Token>> tokens = Lexer(query).Tokenize();
  if (!tokens.ok()) return tokens.status();
  return Parser(std::move(*tokens)).Parse();
}

}  // namespace fazhi::query
