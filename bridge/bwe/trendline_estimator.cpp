#include "bridge/bwe/trendline_estimator.hpp"

#include <algorithm>
#include <cmath>

namespace meet::bridge::bwe {

BandwidthUsage TrendlineEstimator::Update(int64_t send_delta_us, int64_t arrival_delta_us,
                                          int64_t arrival_time_us) {
  const double delta_ms = static_cast<double>(arrival_delta_us - send_delta_us) / 1000.0;
  const int64_t now_ms = arrival_time_us / 1000;
  if (first_arrival_ms_ < 0) first_arrival_ms_ = now_ms;
  ++num_deltas_;
  num_deltas_ = std::min(num_deltas_, 1000);
  accumulated_delay_ += delta_ms;
  smoothed_delay_ = kSmoothing * smoothed_delay_ + (1 - kSmoothing) * accumulated_delay_;

  samples_[next_] = Sample{static_cast<double>(now_ms - first_arrival_ms_), smoothed_delay_};
  next_ = (next_ + 1) % kWindow;
  count_ = std::min(count_ + 1, kWindow);

  double trend = previous_trend_;
  if (count_ == kWindow) {
    double mean_x = 0, mean_y = 0;
    for (const Sample& s : samples_) {
      mean_x += s.x;
      mean_y += s.y;
    }
    mean_x /= kWindow;
    mean_y /= kWindow;
    double num = 0, den = 0;
    for (const Sample& s : samples_) {
      num += (s.x - mean_x) * (s.y - mean_y);
      den += (s.x - mean_x) * (s.x - mean_x);
    }
    if (den > 0) trend = num / den;
  }
  Detect(trend, static_cast<double>(send_delta_us) / 1000.0, now_ms);
  return state_;
}

void TrendlineEstimator::Detect(double trend, double ts_delta_ms, int64_t now_ms) {
  if (num_deltas_ < 2) {
    state_ = BandwidthUsage::kNormal;
    return;
  }
  modified_trend_ = std::min(num_deltas_, 60) * trend * kThresholdGain;
  if (modified_trend_ > threshold_) {
    if (time_over_using_ < 0) {
      time_over_using_ = ts_delta_ms / 2;  // assume half the interval was over-use
    } else {
      time_over_using_ += ts_delta_ms;
    }
    ++overuse_counter_;
    if (time_over_using_ > kOveruseTimeMs && overuse_counter_ > 1 && trend >= previous_trend_) {
      time_over_using_ = 0;
      overuse_counter_ = 0;
      state_ = BandwidthUsage::kOverusing;
    }
  } else if (modified_trend_ < -threshold_) {
    time_over_using_ = -1;
    overuse_counter_ = 0;
    state_ = BandwidthUsage::kUnderusing;
  } else {
    time_over_using_ = -1;
    overuse_counter_ = 0;
    state_ = BandwidthUsage::kNormal;
  }
  previous_trend_ = trend;
  UpdateThreshold(modified_trend_, now_ms);
}

void TrendlineEstimator::UpdateThreshold(double modified_trend, int64_t now_ms) {
  if (last_threshold_update_ms_ < 0) last_threshold_update_ms_ = now_ms;
  const double abs_trend = std::fabs(modified_trend);
  // Spikes far above the threshold (e.g. a sudden capacity drop) do not drag it up.
  if (abs_trend > threshold_ + 15.0) {
    last_threshold_update_ms_ = now_ms;
    return;
  }
  const double k = abs_trend < threshold_ ? kKDown : kKUp;
  const double dt_ms = static_cast<double>(std::min<int64_t>(now_ms - last_threshold_update_ms_, 100));
  threshold_ += k * (abs_trend - threshold_) * dt_ms;
  threshold_ = std::clamp(threshold_, 6.0, 600.0);
  last_threshold_update_ms_ = now_ms;
}

}  // namespace meet::bridge::bwe
