#pragma once
// Unwraps a stream of 16-bit sequence numbers (or 32-bit timestamps) to a monotone-ish 64-bit
// count: each value is placed at the nearest position to the last one, so reordering within
// half the number space unwraps correctly across a wrap.

#include <concepts>
#include <cstdint>
#include <optional>

#include "media/rtp/sequence_number.hpp"

namespace meet::media::rtp {

template <std::unsigned_integral T>
class SeqNumUnwrapper {
 public:
  int64_t Unwrap(T value) {
    if (!last_) {
      last_ = static_cast<int64_t>(value);
    } else {
      last_ = *last_ + SequenceDiff<T>(value, static_cast<T>(*last_));
    }
    return *last_;
  }
  // The value Unwrap would return, without updating the state.
  int64_t PeekUnwrap(T value) const {
    if (!last_) return static_cast<int64_t>(value);
    return *last_ + SequenceDiff<T>(value, static_cast<T>(*last_));
  }
  std::optional<int64_t> last() const { return last_; }
  void Reset() { last_.reset(); }

 private:
  std::optional<int64_t> last_;
};

using SequenceNumberUnwrapper = SeqNumUnwrapper<uint16_t>;
using TimestampUnwrapper = SeqNumUnwrapper<uint32_t>;

}  // namespace meet::media::rtp
