#pragma once
// TrendlineEstimator: GCC's delay-based detector. The accumulated inter-group delay variation
// is smoothed and its slope over the last kWindow groups (least squares) estimates whether
// the bottleneck queue grows. The slope, scaled, is compared with an adaptive threshold:
// above it for more than kOveruseTimeMs (and more than one sample) is overuse, below the
// negative threshold underuse. The threshold follows |trend| slowly (k_up / k_down), staying
// within [6, 600], so it adapts to competing flows and jitter.

#include <array>
#include <cstddef>
#include <cstdint>

#include "bridge/bwe/bwe_config.hpp"

namespace meet::bridge::bwe {

class TrendlineEstimator {
 public:
  static constexpr size_t kWindow = 20;
  static constexpr double kSmoothing = 0.9;
  static constexpr double kThresholdGain = 4.0;
  static constexpr double kOveruseTimeMs = 10.0;
  static constexpr double kInitialThreshold = 12.5;
  static constexpr double kKUp = 0.0087;
  static constexpr double kKDown = 0.039;

  // One group delta (microseconds); returns the detector state after it.
  BandwidthUsage Update(int64_t send_delta_us, int64_t arrival_delta_us, int64_t arrival_time_us);
  BandwidthUsage state() const { return state_; }
  double threshold() const { return threshold_; }
  double modified_trend() const { return modified_trend_; }

 private:
  void Detect(double trend, double ts_delta_ms, int64_t now_ms);
  void UpdateThreshold(double modified_trend, int64_t now_ms);

  struct Sample {
    double x = 0;  // arrival time, ms since the first
    double y = 0;  // smoothed accumulated delay, ms
  };
  std::array<Sample, kWindow> samples_{};
  size_t count_ = 0;  // samples in the window
  size_t next_ = 0;   // ring position
  int num_deltas_ = 0;
  int64_t first_arrival_ms_ = -1;
  double accumulated_delay_ = 0;
  double smoothed_delay_ = 0;
  double previous_trend_ = 0;
  double modified_trend_ = 0;
  double threshold_ = kInitialThreshold;
  int64_t last_threshold_update_ms_ = -1;
  double time_over_using_ = -1;
  int overuse_counter_ = 0;
  BandwidthUsage state_ = BandwidthUsage::kNormal;
};

}  // namespace meet::bridge::bwe
