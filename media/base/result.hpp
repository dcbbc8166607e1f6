#pragma once
// meet::Result<T>: a value or an Error that says what went wrong and where. Used by every
// parser of untrusted input and by the control plane; nothing here throws.
// (std::expected needs C++23; g++ 12 is C++20.)

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace meet {

struct Error {
  // Short machine-readable code, dotted by area: "jid.domain-empty", "sdp.bad-line".
  std::string code;
  // What is wrong, for a person.
  std::string text;
  // Where: a byte offset, a line number or an element path ("jingle/content[1]/transport").
  std::string where;
  // XMPP error condition to report when this reaches an IQ ("bad-request", ...). Optional.
  std::string condition;

  std::string ToString() const {
    std::string s = code;
    if (!text.empty()) s += ": " + text;
    if (!where.empty()) s += " (at " + where + ")";
    return s;
  }
};

inline Error MakeError(std::string code, std::string text, std::string where = {},
                       std::string condition = "bad-request") {
  return Error{std::move(code), std::move(text), std::move(where), std::move(condition)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& { return ok() ? value() : T(std::forward<U>(fallback)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace meet

// Propagate an error: MEET_TRY(auto x, ParseFoo(...)); is not expressible in C++20 without
// statement expressions, so the helpers below cover the two common cases.
#define MEET_RETURN_IF_ERROR(expr)              \
  do {                                          \
    auto meet_status_ = (expr);                 \
    if (!meet_status_.ok()) return meet_status_.error(); \
  } while (0)
