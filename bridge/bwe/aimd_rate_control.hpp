#pragma once
// AimdRateControl: GCC's delay-based rate controller. Overuse -> decrease to 0.85 x the
// acknowledged (received) bitrate, at most once per response time (RTT + 100 ms), and hold;
// underuse -> hold; normal -> increase: multiplicatively (8 % per second) while the link
// capacity is unknown, additively (about one packet per response time) once a decrease has
// measured it, never above 1.5 x the acknowledged bitrate + 10 kbps. Clamped to min..max.

#include <cstdint>
#include <optional>

#include "bridge/bwe/bwe_config.hpp"

namespace meet::bridge::bwe {

class AimdRateControl {
 public:
  static constexpr double kBeta = 0.85;

  explicit AimdRateControl(const BweConfig& config);

  int64_t Update(BandwidthUsage usage, std::optional<int64_t> acked_bps, int64_t now_us);
  void SetRtt(int64_t rtt_us) { rtt_us_ = rtt_us; }
  int64_t estimate() const { return estimate_bps_; }
  bool link_capacity_known() const { return link_capacity_kbps_ >= 0; }

 private:
  enum class State { kHold, kIncrease, kDecrease };
  int64_t ResponseTimeUs() const { return rtt_us_ + 100'000; }
  void UpdateLinkCapacity(double acked_kbps);

  BweConfig config_;
  int64_t estimate_bps_;
  State state_ = State::kHold;
  int64_t rtt_us_ = 100'000;
  int64_t last_update_us_ = -1;
  int64_t last_decrease_us_ = -1;
  double link_capacity_kbps_ = -1;  // EWMA of the acked bitrate at overuse; -1 unknown
  double link_capacity_var_ = 0.4;  // normalised variance
};

}  // namespace meet::bridge::bwe
