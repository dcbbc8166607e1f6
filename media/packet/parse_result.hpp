#pragma once
// ParseResult<T>: the outcome of parsing untrusted bytes on the data path. Either a value or
// a DropReason plus the byte offset where the input went wrong. Unlike meet::Result it never
// allocates, so a flood of malformed packets costs nothing but a counter; ToError() /
// ToResult() turn it into a meet::Error (code = DropReasonName, where = "byte N") for logs and
// control-plane callers.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "media/base/result.hpp"
#include "media/packet/drop_reason.hpp"

namespace meet::media::packet {

// The failure half, implicitly convertible to any ParseResult<T>.
struct Drop {
  DropReason reason = DropReason::kNone;
  size_t offset = 0;
};

template <typename T>
class [[nodiscard]] ParseResult {
 public:
  ParseResult(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  ParseResult(Drop drop) : drop_(drop) {}             // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

  // DropReason::kNone when ok().
  DropReason reason() const { return ok() ? DropReason::kNone : drop_.reason; }
  size_t offset() const { return drop_.offset; }
  Drop drop() const { return drop_; }

  Error ToError() const {
    return MakeError(std::string(DropReasonName(reason())), "malformed packet",
                     "byte " + std::to_string(drop_.offset));
  }
  Result<T> ToResult() const& {
    if (ok()) return *value_;
    return ToError();
  }

 private:
  std::optional<T> value_;
  Drop drop_;
};

}  // namespace meet::media::packet
