#pragma once
// Configuration of the send-side bandwidth estimation (JVB cc.*, libwebrtc GoogCC defaults).

#include <cstdint>

namespace meet::bridge::bwe {

struct BweConfig {
  int64_t initial_bps = 2'500'000;
  int64_t min_bps = 30'000;
  int64_t max_bps = 20'000'000;
  // Loss-based control: decrease above this loss ratio, increase below the other.
  double high_loss = 0.10;
  double low_loss = 0.02;
};

// The delay-based detector's verdict.
enum class BandwidthUsage { kNormal, kUnderusing, kOverusing };

}  // namespace meet::bridge::bwe
