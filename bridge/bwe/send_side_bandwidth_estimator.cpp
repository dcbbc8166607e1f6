#include "bridge/bwe/send_side_bandwidth_estimator.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace meet::bridge::bwe {

SendSideBandwidthEstimator::SendSideBandwidthEstimator(BweConfig config)
    : config_(config),
      aimd_(config_),
      loss_(config_),
      estimate_bps_(std::clamp(config_.initial_bps, config_.min_bps, config_.max_bps)) {}

void SendSideBandwidthEstimator::OnPacketSent(uint16_t transport_sequence_number,
                                              size_t size_bytes, TimePoint now) {
  const auto size = static_cast<uint32_t>(std::min<size_t>(size_bytes, std::numeric_limits<uint32_t>::max()));
  history_.OnPacketSent(transport_sequence_number, Micros(now), size);
}

void SendSideBandwidthEstimator::OnRtt(std::chrono::microseconds rtt) {
  const int64_t us = std::clamp<int64_t>(rtt.count(), 0, 10'000'000);
  aimd_.SetRtt(us);
  loss_.SetRtt(us);
}

int64_t SendSideBandwidthEstimator::OnFeedback(std::span<const PacketResult> results,
                                               TimePoint now) {
  const int64_t now_us = Micros(now);
  if (results.size() > kMaxFeedbackPackets) results = results.first(kMaxFeedbackPackets);
  int lost = 0;
  int total = 0;
  bool overused = false;
  for (const PacketResult& r : results) {
    auto sent = history_.TakeForFeedback(r.sequence_number);
    if (!sent) continue;
    ++total;
    if (!r.received) {
      ++lost;
      continue;
    }
    acked_.OnPacketReceived(r.arrival_time_us, sent->size_bytes);
    if (auto delta = inter_arrival_.OnPacket(sent->send_time_us, r.arrival_time_us)) {
      const BandwidthUsage usage =
          trendline_.Update(delta->send_delta_us, delta->arrival_delta_us, delta->arrival_time_us);
      overused |= usage == BandwidthUsage::kOverusing;
    }
  }
  if (total == 0) return estimate_bps_;
  const BandwidthUsage usage = overused ? BandwidthUsage::kOverusing : trendline_.state();
  const int64_t delay_based = aimd_.Update(usage, acked_.bitrate_bps(), now_us);
  loss_.OnPacketResults(lost, total);
  const int64_t loss_based = loss_.Update(estimate_bps_, now_us);
  estimate_bps_ = std::clamp(std::min(delay_based, loss_based), config_.min_bps, config_.max_bps);
  return estimate_bps_;
}

int64_t SendSideBandwidthEstimator::OnTransportFeedback(
    const media::rtcp::TransportFeedback& feedback, TimePoint now) {
  std::array<PacketResult, 512> batch;
  size_t n = 0;
  int64_t arrival_us = feedback.reference_time_us();
  for (const media::rtcp::TccPacketResult& p : feedback.packets()) {
    PacketResult r;
    r.sequence_number = p.sequence_number;
    r.received = p.received;
    if (p.received) {
      arrival_us += int64_t{p.delta_ticks} * media::rtcp::kTccDeltaTickUs;
      r.arrival_time_us = arrival_us;
    }
    batch[n++] = r;
    if (n == batch.size()) {
      OnFeedback(std::span<const PacketResult>(batch.data(), n), now);
      n = 0;
    }
  }
  return OnFeedback(std::span<const PacketResult>(batch.data(), n), now);
}

}  // namespace meet::bridge::bwe
