#include "bridge/bwe/aimd_rate_control.hpp"

#include <algorithm>
#include <cmath>

namespace meet::bridge::bwe {

AimdRateControl::AimdRateControl(const BweConfig& config)
    : config_(config), estimate_bps_(std::clamp(config.initial_bps, config.min_bps, config.max_bps)) {}

void AimdRateControl::UpdateLinkCapacity(double acked_kbps) {
  constexpr double kAlpha = 0.05;
  if (link_capacity_kbps_ < 0) {
    link_capacity_kbps_ = acked_kbps;
  } else {
    link_capacity_kbps_ = (1 - kAlpha) * link_capacity_kbps_ + kAlpha * acked_kbps;
  }
  const double norm = std::max(link_capacity_kbps_, 1.0);
  const double error = link_capacity_kbps_ - acked_kbps;
  link_capacity_var_ = (1 - kAlpha) * link_capacity_var_ + kAlpha * error * error / norm;
  link_capacity_var_ = std::clamp(link_capacity_var_, 0.4, 2.5);
}

int64_t AimdRateControl::Update(BandwidthUsage usage, std::optional<int64_t> acked_bps,
                                int64_t now_us) {
  if (last_update_us_ < 0) last_update_us_ = now_us;
  const double dt_s = std::min(static_cast<double>(now_us - last_update_us_) / 1e6, 1.0);
  last_update_us_ = now_us;

  switch (usage) {
    case BandwidthUsage::kNormal:
      if (state_ == State::kHold) state_ = State::kIncrease;
      break;
    case BandwidthUsage::kOverusing:
      state_ = State::kDecrease;
      break;
    case BandwidthUsage::kUnderusing:
      state_ = State::kHold;
      break;
  }

  // A link capacity far below what is acknowledged now is stale.
  if (acked_bps && link_capacity_known()) {
    const double acked_kbps = static_cast<double>(*acked_bps) / 1000.0;
    const double sigma = std::sqrt(link_capacity_var_ * link_capacity_kbps_);
    if (acked_kbps > link_capacity_kbps_ + 3 * sigma) link_capacity_kbps_ = -1;
  }

  int64_t next = estimate_bps_;
  switch (state_) {
    case State::kHold:
      break;
    case State::kIncrease: {
      double increase = 0;
      if (link_capacity_known()) {
        // Additive: about one 1200-byte packet per response time, per second.
        const double response_s = static_cast<double>(ResponseTimeUs()) / 1e6;
        increase = dt_s * std::max(4000.0, 1200.0 * 8.0 / response_s);
      } else {
        increase = static_cast<double>(estimate_bps_) * (std::pow(1.08, dt_s) - 1.0);
        increase = std::max(increase, 1000.0 * dt_s);
      }
      next = estimate_bps_ + static_cast<int64_t>(increase);
      if (acked_bps) {
        const int64_t cap = std::max<int64_t>(estimate_bps_, *acked_bps * 3 / 2 + 10'000);
        next = std::min(next, cap);
      }
      break;
    }
    case State::kDecrease: {
      if (last_decrease_us_ >= 0 && now_us - last_decrease_us_ < ResponseTimeUs()) {
        state_ = State::kHold;
        break;
      }
      if (acked_bps) {
        next = static_cast<int64_t>(kBeta * static_cast<double>(*acked_bps));
        UpdateLinkCapacity(static_cast<double>(*acked_bps) / 1000.0);
      } else {
        next = static_cast<int64_t>(kBeta * static_cast<double>(estimate_bps_));
      }
      next = std::min(next, estimate_bps_);
      last_decrease_us_ = now_us;
      state_ = State::kHold;
      break;
    }
  }
  estimate_bps_ = std::clamp(next, config_.min_bps, config_.max_bps);
  return estimate_bps_;
}

}  // namespace meet::bridge::bwe
