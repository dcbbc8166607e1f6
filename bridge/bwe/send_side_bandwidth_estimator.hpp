#pragma once
// SendSideBandwidthEstimator: the bridge's estimate of the bandwidth towards one receiver,
// from transport-cc feedback (jitsi-protocol.md 5.4; GCC-like, our own implementation):
//   sent packets (transport-wide seq, send time, size) + feedback (arrival time or lost)
//   -> inter-group delay variation (InterArrival) -> trendline + adaptive-threshold overuse
//   detector (TrendlineEstimator) -> AIMD rate control on the acknowledged bitrate
//   -> min with the loss-based limit (LossBasedController) -> clamp [min, max].
// Starts at 2.5 Mbps, never below 30 kbps. The clock is injected (every call takes `now`).
// Not thread-safe: one per receiver, on its conference's loop.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "bridge/bwe/acknowledged_bitrate.hpp"
#include "bridge/bwe/aimd_rate_control.hpp"
#include "bridge/bwe/bwe_config.hpp"
#include "bridge/bwe/inter_arrival.hpp"
#include "bridge/bwe/loss_based_controller.hpp"
#include "bridge/bwe/sent_packet_history.hpp"
#include "bridge/bwe/trendline_estimator.hpp"
#include "media/rtcp/transport_feedback.hpp"

namespace meet::bridge::bwe {

// One packet's fate as the receiver reported it.
struct PacketResult {
  uint16_t sequence_number = 0;
  bool received = false;
  int64_t arrival_time_us = 0;  // receiver clock; only differences matter
};

class SendSideBandwidthEstimator {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // Feedback reporting more packets than this is truncated.
  static constexpr size_t kMaxFeedbackPackets = 8192;

  explicit SendSideBandwidthEstimator(BweConfig config = {});

  void OnPacketSent(uint16_t transport_sequence_number, size_t size_bytes, TimePoint now);
  // Results in sequence-number order. Unknown or already reported sequence numbers are
  // ignored. Returns the new estimate.
  int64_t OnFeedback(std::span<const PacketResult> results, TimePoint now);
  // The same from a parsed transport-cc feedback packet.
  int64_t OnTransportFeedback(const media::rtcp::TransportFeedback& feedback, TimePoint now);
  void OnRtt(std::chrono::microseconds rtt);

  int64_t estimate_bps() const { return estimate_bps_; }
  int64_t delay_based_bps() const { return aimd_.estimate(); }
  int64_t loss_based_bps() const { return loss_.estimate(); }
  double loss_ratio() const { return loss_.last_loss_ratio(); }
  BandwidthUsage usage() const { return trendline_.state(); }
  std::optional<int64_t> acknowledged_bps() const { return acked_.bitrate_bps(); }

 private:
  static int64_t Micros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }

  BweConfig config_;
  SentPacketHistory history_;
  InterArrival inter_arrival_;
  TrendlineEstimator trendline_;
  AcknowledgedBitrate acked_;
  AimdRateControl aimd_;
  LossBasedController loss_;
  int64_t estimate_bps_;
};

}  // namespace meet::bridge::bwe
