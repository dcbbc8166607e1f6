#include "bridge/bwe/loss_based_controller.hpp"

#include <algorithm>
#include <cmath>

namespace meet::bridge::bwe {

LossBasedController::LossBasedController(const BweConfig& config)
    : config_(config), estimate_bps_(std::clamp(config.initial_bps, config.min_bps, config.max_bps)) {}

void LossBasedController::OnPacketResults(int lost, int total) {
  if (lost < 0 || total <= 0 || lost > total) return;
  lost_ += lost;
  total_ += total;
}

int64_t LossBasedController::Update(int64_t current_bps, int64_t now_us) {
  if (last_increase_us_ < 0) last_increase_us_ = now_us;
  if (interval_start_us_ < 0) interval_start_us_ = now_us;
  if (total_ >= kMinPackets && now_us - interval_start_us_ >= kMinIntervalUs) {
    interval_start_us_ = now_us;
    last_loss_ratio_ = static_cast<double>(lost_) / static_cast<double>(total_);
    lost_ = total_ = 0;
    if (last_loss_ratio_ > config_.high_loss) {
      if (last_decrease_us_ < 0 || now_us - last_decrease_us_ >= 300'000 + rtt_us_) {
        const int64_t base = std::min(estimate_bps_, current_bps);
        estimate_bps_ = static_cast<int64_t>(static_cast<double>(base) * (1.0 - 0.5 * last_loss_ratio_));
        last_decrease_us_ = now_us;
      }
      last_increase_us_ = now_us;
    } else if (last_loss_ratio_ < config_.low_loss) {
      const double dt_s = std::min(static_cast<double>(now_us - last_increase_us_) / 1e6, 1.0);
      const double grown = static_cast<double>(estimate_bps_) * std::pow(1.08, dt_s) + 1000.0 * dt_s;
      estimate_bps_ = static_cast<int64_t>(grown);
      last_increase_us_ = now_us;
    } else {
      last_increase_us_ = now_us;  // hold
    }
  }
  estimate_bps_ = std::clamp(estimate_bps_, config_.min_bps, config_.max_bps);
  return estimate_bps_;
}

}  // namespace meet::bridge::bwe
