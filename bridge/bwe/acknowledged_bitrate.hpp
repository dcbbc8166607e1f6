#pragma once
// AcknowledgedBitrate: the rate at which the receiver got our packets, from the arrival times
// in transport-cc feedback, over a sliding window of kWindowUs. A fixed ring (no allocation).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace meet::bridge::bwe {

class AcknowledgedBitrate {
 public:
  static constexpr int64_t kWindowUs = 500'000;
  static constexpr size_t kCapacity = 4096;

  void OnPacketReceived(int64_t arrival_time_us, uint32_t size_bytes);
  // nullopt until the window has at least 100 ms and 5 packets.
  std::optional<int64_t> bitrate_bps() const;

 private:
  struct Entry {
    int64_t arrival_us = 0;
    uint32_t size = 0;
  };
  void Expire(int64_t newest_us);

  std::array<Entry, kCapacity> ring_{};
  size_t head_ = 0;  // oldest
  size_t count_ = 0;
  int64_t bytes_ = 0;
  int64_t newest_us_ = 0;
};

}  // namespace meet::bridge::bwe
