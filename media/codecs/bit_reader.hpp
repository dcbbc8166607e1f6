#pragma once
// MSB-first bit reader over a byte span. Reading past the end yields zeros and sets a sticky
// failure flag that callers check once at the end of a parse step.

#include <cstddef>
#include <cstdint>
#include <span>

namespace meet::media::codecs {

class BitReader {
 public:
  explicit BitReader(std::span<const uint8_t> data) : data_(data) {}

  // n <= 32.
  uint32_t ReadBits(unsigned n) {
    uint32_t v = 0;
    for (unsigned i = 0; i < n; ++i) v = (v << 1) | ReadBit();
    return v;
  }
  uint32_t ReadBit() {
    if (bit_ >= data_.size() * 8) {
      failed_ = true;
      return 0;
    }
    const uint32_t b = (data_[bit_ / 8] >> (7 - bit_ % 8)) & 1u;
    ++bit_;
    return b;
  }
  // ns(n) of the AV1 specification: a value in 0..n-1 (n >= 1).
  uint32_t ReadNonSymmetric(uint32_t n) {
    unsigned w = 0;
    for (uint32_t x = n; x != 0; x >>= 1) ++w;
    const uint32_t m = (1u << w) - n;
    const uint32_t v = ReadBits(w - 1);
    if (v < m) return v;
    return (v << 1) - m + ReadBit();
  }

  bool failed() const { return failed_; }
  size_t bit_position() const { return bit_; }
  size_t remaining_bits() const { return data_.size() * 8 - (bit_ < data_.size() * 8 ? bit_ : data_.size() * 8); }

 private:
  std::span<const uint8_t> data_;
  size_t bit_ = 0;
  bool failed_ = false;
};

}  // namespace meet::media::codecs
