#include "bridge/bwe/acknowledged_bitrate.hpp"

#include <algorithm>

namespace meet::bridge::bwe {

void AcknowledgedBitrate::Expire(int64_t newest_us) {
  while (count_ > 0 && (newest_us - ring_[head_].arrival_us > kWindowUs || count_ == kCapacity)) {
    bytes_ -= ring_[head_].size;
    head_ = (head_ + 1) % kCapacity;
    --count_;
  }
}

void AcknowledgedBitrate::OnPacketReceived(int64_t arrival_time_us, uint32_t size_bytes) {
  newest_us_ = count_ == 0 ? arrival_time_us : std::max(newest_us_, arrival_time_us);
  Expire(newest_us_);
  ring_[(head_ + count_) % kCapacity] = Entry{arrival_time_us, size_bytes};
  ++count_;
  bytes_ += size_bytes;
}

std::optional<int64_t> AcknowledgedBitrate::bitrate_bps() const {
  if (count_ < 5) return std::nullopt;
  const int64_t span_us = newest_us_ - ring_[head_].arrival_us;
  if (span_us < 100'000) return std::nullopt;
  // The oldest packet's bytes arrived before the span started; leave them out.
  const int64_t bytes = bytes_ - ring_[head_].size;
  return bytes * 8 * 1'000'000 / span_us;
}

}  // namespace meet::bridge::bwe
