#include "services/query/filter/filter.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/archive/records_schema.h"
#include "common/compat/string_view.h"
#include "common/status/quoted_input.h"
#include "common/text/quoted_string.h"
#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

enum class ValueType { kString, kInteger, kDate, kNumber };

struct FieldSpec {
  std::string name;
  std::string column;
  ValueType type;
  bool prefix_match;         // allows `field: "prefix"`
  std::string_view allowed;  // the only values, comma-separated (and "" for unknown); empty: any
};

ValueType ValueTypeOf(const RecordColumn& column) {
  if (column.type == "integer") return ValueType::kInteger;
  if (column.type == "date") return ValueType::kDate;
  return ValueType::kString;
}

// The filterable fields of a report: the records columns the archive schema marks as filters
// (common/archive/records_schema.h, the place to add one), and the report's state. Values of the
// enum-like fields are the record's (report.proto): any other is refused, since it could only
// ever match nothing.
std::vector<FieldSpec> MakeFields() {
  std::vector<FieldSpec> fields;
  for (const RecordColumn& column : RecordColumns()) {
    if (!column.filtered()) continue;
    fields.push_back({std::string(column.name), absl::StrCat("rec.", Absl(column.name)),
                      ValueTypeOf(column), column.prefix_filtered(), column.allowed_values});
  }
  fields.push_back({"state", "r.state", ValueType::kString, false, "pending,extracted,failed"});
  return fields;
}

const std::vector<FieldSpec>& Fields() {
  static const auto* const kFields = new std::vector<FieldSpec>(MakeFields());
  return *kFields;
}

constexpr std::string_view kIndicatorPrefix = "indicators.";

// Bounds that keep a hostile filter from exhausting the parser's stack or the server's time.
constexpr size_t kMaxFilterBytes = 20000;
constexpr int kMaxNesting = 64;  // parentheses and NOTs, counted together

enum class TokenKind {
  kIdentifier,
  kString,
  kNumber,
  kOperator,
  kLeftParen,
  kRightParen,
  kStar,
  kEnd
};

struct Token {
  TokenKind kind;
  std::string text;
  int column;  // 1-based, in characters
};

absl::Status ErrorAt(const Token& token, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("filter: ", Absl(what), " at column ", token.column));
}

bool IsIdentifierByte(unsigned char c, bool first) {
  return std::isalpha(c) || c == '_' || (!first && (std::isdigit(c) || c == '.'));
}

class Lexer final {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  absl::StatusOr<std::vector<Token>> Tokenize() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaces();
      int column = Column();
      if (pos_ >= input_.size()) {
        tokens.push_back({TokenKind::kEnd, "", column});
        return tokens;
      }
      absl::StatusOr<Token> token = Next(column);
      if (!token.ok()) return token.status();
      tokens.push_back(std::move(*token));
    }
  }

 private:
  // Counts only the characters since the last call, so tokenizing stays linear.
  int Column() {
    column_ += static_cast<int>(text::CountCodepoints(input_.substr(counted_, pos_ - counted_)));
    counted_ = pos_;
    return column_;
  }

  void SkipSpaces() {
    while (pos_ < input_.size() && std::isspace(static_cast<unsigned char>(input_[pos_]))) ++pos_;
  }

  absl::StatusOr<Token> Next(int column) {
    char c = input_[pos_];
    if (c == '(') return Single(TokenKind::kLeftParen, column);
    if (c == ')') return Single(TokenKind::kRightParen, column);
    if (c == '*') return Single(TokenKind::kStar, column);
    if (c == '"' || c == '\'') return QuotedString(column);
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') return Number(column);
    if (IsIdentifierByte(c, true)) return Identifier(column);
    for (std::string_view op : {"<=", ">=", "!=", "=", "<", ">", ":"}) {
      if (input_.substr(pos_, op.size()) == op) {
        pos_ += op.size();
        return Token{TokenKind::kOperator, std::string(op), column};
      }
    }
    return ErrorAt({TokenKind::kEnd, "", column}, "unexpected character");
  }

  Token Single(TokenKind kind, int column) {
    return {kind, std::string(1, input_[pos_++]), column};
  }

  absl::StatusOr<Token> QuotedString(int column) {
    text::QuotedString quoted = text::ReadQuotedString(input_, pos_);
    if (!quoted.error.empty()) return ErrorAt({TokenKind::kEnd, "", column}, quoted.error);
    pos_ = quoted.end;
    return Token{TokenKind::kString, std::move(quoted.value), column};
  }

  absl::StatusOr<Token> Number(int column) {
    size_t start = pos_++;
    while (pos_ < input_.size() &&
           (std::isdigit(static_cast<unsigned char>(input_[pos_])) || input_[pos_] == '.')) {
      ++pos_;
    }
    return Token{TokenKind::kNumber, std::string(input_.substr(start, pos_ - start)), column};
  }

  absl::StatusOr<Token> Identifier(int column) {
    size_t start = pos_;
    while (pos_ < input_.size() && IsIdentifierByte(input_[pos_], pos_ == start)) ++pos_;
    return Token{TokenKind::kIdentifier, std::string(input_.substr(start, pos_ - start)), column};
  }

  std::string_view input_;
  size_t pos_ = 0;
  size_t counted_ = 0;  // input_[0, counted_) is counted in column_
  int column_ = 1;
};

// "YYYY-MM-DD" naming a day that exists (PostgreSQL would fail on 2021-02-30).
bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  int year = std::stoi(text.substr(0, 4));
  int month = std::stoi(text.substr(5, 2));
  int day = std::stoi(text.substr(8, 2));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && !leap ? 28 : kDaysInMonth[month - 1]);
}

class Parser final {
 public:
  Parser(std::vector<Token> tokens, int first_param)
      : tokens_(std::move(tokens)), next_param_(first_param) {}

  absl::StatusOr<SqlCondition> Parse() {
    absl::StatusOr<std::string> sql = Expression();
    if (!sql.ok()) return sql.status();
    if (Peek().kind != TokenKind::kEnd) return ErrorAt(Peek(), "expected AND, OR or the end");
    return SqlCondition{*sql, std::move(params_), !reads_reports_, std::move(indicator_ids_)};
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_ == tokens_.size() - 1 ? pos_ : pos_++]; }
  bool TakeKeyword(std::string_view keyword) {
    if (Peek().kind == TokenKind::kIdentifier && Peek().text == keyword) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::string Param(std::string value) {
    params_.push_back(std::move(value));
    return absl::StrCat("$", next_param_++);
  }

  absl::StatusOr<std::string> Expression() {
    absl::StatusOr<std::string> left = Term();
    if (!left.ok()) return left;
    std::string sql = *left;
    while (TakeKeyword("OR")) {
      absl::StatusOr<std::string> right = Term();
      if (!right.ok()) return right;
      sql = absl::StrCat("(", sql, " OR ", *right, ")");
    }
    return sql;
  }

  absl::StatusOr<std::string> Term() {
    absl::StatusOr<std::string> left = Factor();
    if (!left.ok()) return left;
    std::string sql = *left;
    while (TakeKeyword("AND") || StartsFactor()) {  // AIP-160: juxtaposition means AND
      absl::StatusOr<std::string> right = Factor();
      if (!right.ok()) return right;
      sql = absl::StrCat("(", sql, " AND ", *right, ")");
    }
    return sql;
  }

  bool StartsFactor() const {
    const Token& token = Peek();
    return token.kind == TokenKind::kLeftParen ||
           (token.kind == TokenKind::kIdentifier && token.text != "OR" && token.text != "AND");
  }

  absl::StatusOr<std::string> Factor() {
    const bool nests = Peek().kind == TokenKind::kLeftParen ||
                       (Peek().kind == TokenKind::kIdentifier && Peek().text == "NOT");
    if (nests && depth_ >= kMaxNesting) {
      return ErrorAt(Peek(), absl::StrCat("nested more than ", kMaxNesting, " deep"));
    }
    if (TakeKeyword("NOT")) {
      ++depth_;
      absl::StatusOr<std::string> inner = Factor();
      --depth_;
      if (!inner.ok()) return inner;
      return absl::StrCat("(NOT ", *inner, ")");
    }
    if (Peek().kind == TokenKind::kLeftParen) {
      Take();
      ++depth_;
      absl::StatusOr<std::string> inner = Expression();
      --depth_;
      if (!inner.ok()) return inner;
      if (Peek().kind != TokenKind::kRightParen) return ErrorAt(Peek(), "expected ')'");
      Take();
      return inner;
    }
    return Comparison();
  }

  absl::StatusOr<std::string> Comparison() {
    const Token field = Take();
    if (field.kind != TokenKind::kIdentifier) return ErrorAt(field, "expected a field name");
    const Token op = Take();
    if (op.kind != TokenKind::kOperator) {
      return ErrorAt(op,
                     absl::StrCat("expected an operator after '", QuotedInput(field.text), "'"));
    }
    if (field.text.rfind(kIndicatorPrefix, 0) == 0) return IndicatorComparison(field, op);
    const FieldSpec* spec = nullptr;
    for (const FieldSpec& candidate : Fields()) {
      if (candidate.name == field.text) spec = &candidate;
    }
    if (spec == nullptr)
      return ErrorAt(field, absl::StrCat("unknown field '", QuotedInput(field.text), "'"));
    if (spec->column.rfind("rec.", 0) != 0) reads_reports_ = true;
    const Token value = Take();
    if (op.text == ":") {
      if (!spec->prefix_match) {
        return ErrorAt(op, absl::StrCat("field '", spec->name, "' has no prefix match ':'"));
      }
      if (value.kind != TokenKind::kString && value.kind != TokenKind::kNumber) {
        return ErrorAt(value, "expected a quoted prefix");
      }
      return absl::StrCat("starts_with(", spec->column, ", ", Param(value.text), ")");
    }
    absl::Status typed = CheckValue(*spec, value);
    if (!typed.ok()) return typed;
    std::string_view cast = spec->type == ValueType::kInteger ? "::integer"
                            : spec->type == ValueType::kDate  ? "::date"
                                                              : "";
    return absl::StrCat(spec->column, " ", op.text, " ", Param(value.text), Absl(cast));
  }

  absl::Status CheckValue(const FieldSpec& spec, const Token& value) {
    switch (spec.type) {
      case ValueType::kInteger: {
        int32_t parsed;  // the column is a PostgreSQL integer
        if (value.kind != TokenKind::kNumber || !absl::SimpleAtoi(value.text, &parsed)) {
          return ErrorAt(value, absl::StrCat("field '", spec.name, "' expects an integer"));
        }
        return absl::OkStatus();
      }
      case ValueType::kDate:
        if (value.kind != TokenKind::kString || !IsIsoDate(value.text)) {
          return ErrorAt(
              value, absl::StrCat("field '", spec.name, "' expects a quoted date \"YYYY-MM-DD\""));
        }
        return absl::OkStatus();
      default:
        if (value.kind != TokenKind::kString && value.kind != TokenKind::kNumber) {
          return ErrorAt(value, absl::StrCat("field '", spec.name, "' expects a quoted string"));
        }
        if (!spec.allowed.empty() && !value.text.empty()) {
          std::vector<std::string> allowed = absl::StrSplit(Absl(spec.allowed), ',');
          if (std::find(allowed.begin(), allowed.end(), value.text) == allowed.end()) {
            return ErrorAt(
                value,
                absl::StrCat("field '", spec.name, "' is one of ", absl::StrJoin(allowed, ", "),
                             " (or \"\" for unknown), not \"", QuotedInput(value.text), "\""));
          }
        }
        return absl::OkStatus();
    }
  }

  absl::StatusOr<std::string> IndicatorComparison(const Token& field, const Token& op) {
    std::string id = field.text.substr(kIndicatorPrefix.size());
    if (id.empty()) return ErrorAt(field, "expected an indicator id after 'indicators.'");
    reads_reports_ = true;  // the EXISTS refers to r.id
    indicator_ids_.push_back(id);
    const Token value = Take();
    std::string exists = absl::StrCat(
        "EXISTS (SELECT 1 FROM indicator_values iv WHERE iv.report_id = r.id AND iv.indicator_id "
        "= ",
        Param(id));
    if (op.text == ":") {
      if (value.kind != TokenKind::kStar) {
        return ErrorAt(value, "expected '*' (presence) after ':' on an indicator");
      }
      return absl::StrCat(exists, ")");
    }
    double number;
    if (value.kind != TokenKind::kNumber || !absl::SimpleAtod(value.text, &number) ||
        !std::isfinite(number)) {
      return ErrorAt(value,
                     absl::StrCat("indicator '", QuotedInput(id), "' compares with a number"));
    }
    return absl::StrCat(exists, " AND iv.value ", op.text, " ", Param(value.text),
                        "::double precision)");
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;  // open parentheses and NOTs around the current factor
  int next_param_;
  std::vector<std::string> params_;
  bool reads_reports_ = false;  // some comparison refers to `r`, not only to `rec`
  std::vector<std::string> indicator_ids_;
};

}  // namespace

ReportSource ReportSourceFor(bool records_only) {
  if (records_only) return {" FROM records rec ", "rec.report_id"};
  return {" FROM reports r LEFT JOIN records rec ON rec.report_id = r.id ", "r.id"};
}

absl::StatusOr<SqlCondition> ParseReportFilter(std::string_view filter, int first_param) {
  if (!text::IsValidUtf8(filter)) return absl::InvalidArgumentError("filter: invalid UTF-8");
  if (filter.size() > kMaxFilterBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter: ", filter.size(), " bytes, over the limit of ", kMaxFilterBytes));
  }
  absl::StatusOr<std::vector<Token>> tokens = Lexer(filter).Tokenize();
  if (!tokens.ok()) return tokens.status();
  if (tokens->size() == 1) return SqlCondition{};  // empty filter
  return Parser(std::move(*tokens), first_param).Parse();
}

}  // namespace fazhi::query
