#pragma once
// LossBasedController: the loss-based limit of GCC's send-side estimate. Losses are counted
// over intervals of at least kMinPackets reported packets and kMinIntervalUs; above high_loss (10 %) the limit
// drops to (1 - loss / 2) x the current estimate (at most once per 300 ms + RTT); below
// low_loss (2 %) it grows 8 % per second; in between it holds.

#include <cstdint>

#include "bridge/bwe/bwe_config.hpp"

namespace meet::bridge::bwe {

class LossBasedController {
 public:
  static constexpr int kMinPackets = 20;
  static constexpr int64_t kMinIntervalUs = 500'000;

  explicit LossBasedController(const BweConfig& config);

  void OnPacketResults(int lost, int total);
  // Evaluates the accumulated interval (if large enough) against `current_bps`, the
  // combined estimate, and returns the loss-based limit.
  int64_t Update(int64_t current_bps, int64_t now_us);
  void SetRtt(int64_t rtt_us) { rtt_us_ = rtt_us; }
  int64_t estimate() const { return estimate_bps_; }
  double last_loss_ratio() const { return last_loss_ratio_; }

 private:
  BweConfig config_;
  int64_t estimate_bps_;
  int lost_ = 0;
  int total_ = 0;
  double last_loss_ratio_ = 0;
  int64_t rtt_us_ = 100'000;
  int64_t last_increase_us_ = -1;
  int64_t last_decrease_us_ = -1;
  int64_t interval_start_us_ = -1;
};

}  // namespace meet::bridge::bwe
