#pragma once
// Wraparound arithmetic on RTP sequence numbers (16 bit) and timestamps (32 bit), RFC 3550
// style: `a` is newer than `b` when it is less than half the number space ahead.

#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace meet::media::rtp {

// Signed distance a - b, in [-2^(N-1), 2^(N-1)]; for 16 bit: SequenceDiff(1, 65535) == 2.
// At exactly half the space apart the larger value is ahead (as libwebrtc breaks the tie), so
// SequenceDiff(a, b) == -SequenceDiff(b, a) always.
template <std::unsigned_integral T>
constexpr int64_t SequenceDiff(T a, T b) {
  const T forward = static_cast<T>(a - b);
  constexpr T kHalf = static_cast<T>(T{1} << (std::numeric_limits<T>::digits - 1));
  if (forward == kHalf) return a > b ? static_cast<int64_t>(kHalf) : -static_cast<int64_t>(kHalf);
  if (forward > kHalf) return -static_cast<int64_t>(static_cast<T>(b - a));
  return static_cast<int64_t>(forward);
}

// True when a comes after b (within half the number space ahead; see the tie rule above).
template <std::unsigned_integral T>
constexpr bool IsNewer(T a, T b) {
  return a != b && SequenceDiff(a, b) > 0;
}

constexpr bool IsNewerSequenceNumber(uint16_t a, uint16_t b) { return IsNewer<uint16_t>(a, b); }
constexpr bool IsNewerTimestamp(uint32_t a, uint32_t b) { return IsNewer<uint32_t>(a, b); }

// The newer of two sequence numbers.
constexpr uint16_t LatestSequenceNumber(uint16_t a, uint16_t b) {
  return IsNewerSequenceNumber(a, b) ? a : b;
}

}  // namespace meet::media::rtp
