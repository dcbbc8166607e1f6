#include "bridge/bwe/send_side_bandwidth_estimator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "bridge/bwe/aimd_rate_control.hpp"
#include "bridge/bwe/inter_arrival.hpp"
#include "bridge/bwe/loss_based_controller.hpp"
#include "bridge/bwe/trendline_estimator.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::bridge::bwe {
namespace {

using TimePoint = SendSideBandwidthEstimator::TimePoint;
constexpr uint32_t kPacketBytes = 1200;

TimePoint At(int64_t us) { return TimePoint{} + std::chrono::microseconds(us); }

// A bottleneck link: FIFO at `capacity_bps` with a drop-tail queue of at most 400 ms, 20 ms
// propagation, optional random loss (deterministic LCG). A greedy sender paces 1200-byte
// packets at the current estimate; the receiver sends transport-cc feedback every 50 ms.
class LinkSimulation {
 public:
  explicit LinkSimulation(double capacity_bps, BweConfig config = {})
      : capacity_bps_(capacity_bps), bwe_(config) {}

  void set_capacity(double bps) { capacity_bps_ = bps; }
  void set_loss(double ratio) { loss_ = ratio; }
  // Deterministic loss: every n-th packet (0 = off).
  void set_loss_every(int n) { loss_every_ = n; }
  SendSideBandwidthEstimator& bwe() { return bwe_; }

  // Runs until `end_us`; samples the estimate every 100 ms into `samples`.
  void RunUntil(int64_t end_us) {
    while (now_us_ < end_us) {
      now_us_ += 1000;  // 1 ms steps
      while (next_send_us_ <= now_us_) Send(next_send_us_);
      if (now_us_ >= next_feedback_us_) {
        Feedback();
        next_feedback_us_ += 50'000;
      }
      if (now_us_ % 100'000 == 0) samples.push_back(bwe_.estimate_bps());
    }
  }

  // Mean of the samples in [from_s, to_s).
  double Mean(double from_s, double to_s) const {
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
      const double t = static_cast<double>(i + 1) / 10.0;
      if (t >= from_s && t < to_s) {
        sum += static_cast<double>(samples[i]);
        ++n;
      }
    }
    return n > 0 ? sum / n : 0;
  }
  double Max(double from_s, double to_s) const {
    int64_t m = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
      const double t = static_cast<double>(i + 1) / 10.0;
      if (t >= from_s && t < to_s) m = std::max(m, samples[i]);
    }
    return static_cast<double>(m);
  }

  std::vector<int64_t> samples;

 private:
  struct InFlight {
    uint16_t seq;
    std::optional<int64_t> arrival_us;
  };

  bool Lost() {
    if (loss_every_ > 0 && ++loss_counter_ % loss_every_ == 0) return true;
    rng_ = rng_ * 1103515245u + 12345u;
    return static_cast<double>((rng_ >> 8) % 10000) / 10000.0 < loss_;
  }

  void Send(int64_t t) {
    const uint16_t seq = next_seq_++;
    bwe_.OnPacketSent(seq, kPacketBytes, At(t));
    std::optional<int64_t> arrival;
    const int64_t start = std::max(t, link_free_us_);
    if (start - t <= 400'000 && !Lost()) {
      link_free_us_ = start + static_cast<int64_t>(kPacketBytes * 8 * 1e6 / capacity_bps_);
      arrival = link_free_us_ + 20'000 + kReceiverClockOffsetUs;
    }
    in_flight_.push_back({seq, arrival});
    const double rate = static_cast<double>(std::max<int64_t>(bwe_.estimate_bps(), 10'000));
    next_send_us_ = t + static_cast<int64_t>(kPacketBytes * 8 * 1e6 / rate);
  }

  void Feedback() {
    // Report, in order, every packet that has arrived by now (losses are reported once a
    // later packet arrived).
    std::vector<PacketResult> results;
    const int64_t receiver_now = now_us_ + kReceiverClockOffsetUs;
    size_t last_arrived = 0;
    bool any = false;
    for (size_t i = 0; i < in_flight_.size(); ++i) {
      if (in_flight_[i].arrival_us && *in_flight_[i].arrival_us <= receiver_now) {
        last_arrived = i;
        any = true;
      }
    }
    if (!any) return;
    for (size_t i = 0; i <= last_arrived; ++i) {
      const InFlight& p = in_flight_[i];
      const bool received = p.arrival_us && *p.arrival_us <= receiver_now;
      results.push_back({p.seq, received, received ? *p.arrival_us : 0});
    }
    in_flight_.erase(in_flight_.begin(), in_flight_.begin() + static_cast<long>(last_arrived + 1));
    bwe_.OnFeedback(results, At(now_us_ + 20'000));
  }

  static constexpr int64_t kReceiverClockOffsetUs = 7'000'000'000;
  double capacity_bps_;
  double loss_ = 0;
  int loss_every_ = 0;
  int loss_counter_ = 0;
  uint32_t rng_ = 12345;
  SendSideBandwidthEstimator bwe_;
  int64_t now_us_ = 0;
  int64_t next_send_us_ = 0;
  int64_t next_feedback_us_ = 50'000;
  int64_t link_free_us_ = 0;
  uint16_t next_seq_ = 65000;  // wraps during the run
  std::deque<InFlight> in_flight_;
};

TEST(Bwe, StartsAt2500KbpsWithinLimits) {
  SendSideBandwidthEstimator bwe;
  EXPECT_EQ(bwe.estimate_bps(), 2'500'000);
  SendSideBandwidthEstimator low(BweConfig{.initial_bps = 10'000});
  EXPECT_EQ(low.estimate_bps(), 30'000);
  SendSideBandwidthEstimator capped(BweConfig{.max_bps = 1'000'000});
  EXPECT_EQ(capped.estimate_bps(), 1'000'000);
}

TEST(Bwe, ConvergesNearA1MbpsBottleneckAndBacksOffOnQueueingDelay) {
  LinkSimulation sim(1'000'000);
  sim.RunUntil(30'000'000);
  // The queue built by sending at 2.5 Mbps is detected within the first 2 seconds.
  EXPECT_LT(sim.Max(1.5, 3.0), 1'300'000);
  // Then it settles near the capacity: neither far below nor above.
  const double mean = sim.Mean(10.0, 30.0);
  EXPECT_GT(mean, 650'000) << mean;
  EXPECT_LT(mean, 1'150'000) << mean;
  EXPECT_LT(sim.Max(10.0, 30.0), 1'400'000);
}

TEST(Bwe, RecoversWhenCapacityGrows) {
  LinkSimulation sim(1'000'000);
  sim.RunUntil(15'000'000);
  const double before = sim.Mean(10.0, 15.0);
  sim.set_capacity(3'000'000);
  sim.RunUntil(45'000'000);
  const double after = sim.Mean(40.0, 45.0);
  EXPECT_GT(after, 1.8 * before) << before << " -> " << after;
  EXPECT_LT(after, 3'500'000);
}

TEST(Bwe, CapacityDropIsFollowed) {
  LinkSimulation sim(2'000'000);
  sim.RunUntil(15'000'000);
  EXPECT_GT(sim.Mean(10.0, 15.0), 1'300'000);
  sim.set_capacity(500'000);
  sim.RunUntil(30'000'000);
  EXPECT_LT(sim.Mean(22.0, 30.0), 600'000);
  EXPECT_GT(sim.Mean(22.0, 30.0), 250'000);
}

TEST(Bwe, LossAboveTenPercentReducesAndRecoveryIncreases) {
  // A fast link (no queueing): only losses limit the estimate.
  LinkSimulation sim(50'000'000, BweConfig{.max_bps = 5'000'000});
  sim.RunUntil(3'000'000);
  const double clean = sim.Mean(2.0, 3.0);
  EXPECT_GT(clean, 2'400'000);
  sim.set_loss(0.2);
  sim.RunUntil(10'000'000);
  const double lossy = sim.Mean(9.0, 10.0);
  EXPECT_LT(lossy, 0.4 * clean) << clean << " -> " << lossy;
  EXPECT_GT(sim.bwe().loss_ratio(), 0.1);  // the last evaluated interval
  EXPECT_LT(sim.bwe().loss_based_bps(), sim.bwe().delay_based_bps());
  sim.set_loss(0.0);
  sim.RunUntil(25'000'000);
  const double recovered = sim.Mean(24.0, 25.0);
  EXPECT_GT(recovered, 2.0 * lossy) << lossy << " -> " << recovered;
  EXPECT_LT(sim.bwe().loss_ratio(), 0.02);
}

TEST(Bwe, ModerateLossHolds) {
  LinkSimulation sim(50'000'000, BweConfig{.max_bps = 5'000'000});
  sim.RunUntil(3'000'000);
  sim.set_loss_every(16);  // 6.25 %, between 2 % and 10 %: neither decrease nor increase
  sim.RunUntil(4'000'000);  // past the interval that mixed clean and lossy packets
  const int64_t before = sim.bwe().loss_based_bps();
  sim.RunUntil(10'000'000);
  EXPECT_EQ(sim.bwe().loss_based_bps(), before);
  EXPECT_GT(sim.bwe().loss_ratio(), 0.02);
  EXPECT_LT(sim.bwe().loss_ratio(), 0.10);
}

TEST(Bwe, NeverBelowTheMinimum) {
  LinkSimulation sim(20'000);  // slower than the 30 kbps floor
  sim.RunUntil(20'000'000);
  EXPECT_GE(*std::min_element(sim.samples.begin(), sim.samples.end()), 30'000);
  EXPECT_LT(sim.Mean(15.0, 20.0), 100'000);
}

TEST(Bwe, UnknownAndDuplicateFeedbackIsIgnored) {
  SendSideBandwidthEstimator bwe;
  for (uint16_t s = 0; s < 30; ++s) bwe.OnPacketSent(s, 1200, At(s * 5'000));
  // Every packet reported lost, in two feedback packets 600 ms apart: loss is evaluated over
  // at least 500 ms, then 100 % loss halves the estimate.
  std::vector<PacketResult> first;
  std::vector<PacketResult> second;
  for (uint16_t s = 0; s < 30; ++s) (s < 15 ? first : second).push_back({s, false, 0});
  EXPECT_EQ(bwe.OnFeedback(first, At(200'000)), 2'500'000);
  const int64_t after_loss = bwe.OnFeedback(second, At(800'000));
  EXPECT_EQ(after_loss, 1'250'000);
  EXPECT_DOUBLE_EQ(bwe.loss_ratio(), 1.0);
  // The same feedback again, and feedback for packets never sent, change nothing.
  EXPECT_EQ(bwe.OnFeedback(first, At(1'500'000)), after_loss);
  EXPECT_EQ(bwe.OnFeedback(second, At(2'100'000)), after_loss);
  std::vector<PacketResult> unknown{{500, true, 1000}, {501, false, 0}};
  EXPECT_EQ(bwe.OnFeedback(unknown, At(2'700'000)), after_loss);
}

TEST(Bwe, ReadsParsedTransportFeedback) {
  SendSideBandwidthEstimator bwe;
  for (uint16_t s = 100; s < 140; ++s) bwe.OnPacketSent(s, 1200, At((s - 100) * 5'000));
  // The receiver's two reports of 20 packets each: every 4th lost, 5 ms apart (20 ticks);
  // the second report's reference time is 128 ms (2 units) later.
  const auto feed = [&](uint16_t base, int32_t reference_time, int64_t now_us) {
    std::vector<media::rtcp::TccPacketResult> packets;
    for (uint16_t s = base; s < base + 20; ++s) {
      const bool received = (s % 4) != 0;
      packets.push_back({s, received, received ? 20 : 0});
    }
    media::rtcp::TccFeedbackHeader header{1, 2, base, reference_time, 0};
    std::vector<uint8_t> bytes(media::rtcp::TransportFeedback::MaxBuildSize(packets.size()));
    auto size = media::rtcp::TransportFeedback::Build(header, packets, bytes);
    EXPECT_TRUE(size.ok());
    if (!size.ok()) return int64_t{-1};
    auto rtcp = media::rtcp::ParseRtcpHeader(std::span<const uint8_t>(bytes.data(), *size), 0);
    EXPECT_TRUE(rtcp.ok());
    if (!rtcp.ok()) return int64_t{-1};
    std::vector<media::rtcp::TccPacketResult> out(64);
    auto feedback = media::rtcp::TransportFeedback::Parse(*rtcp, out);
    EXPECT_TRUE(feedback.ok());
    if (!feedback.ok()) return int64_t{-1};
    EXPECT_EQ(feedback->status_count(), 20u);
    return bwe.OnTransportFeedback(*feedback, At(now_us));
  };
  EXPECT_EQ(feed(100, 1000, 300'000), 2'500'000);
  // 25 % loss > 10 %: (1 - 0.125) x 2.5 Mbps.
  EXPECT_EQ(feed(120, 1002, 900'000), 2'187'500);
  EXPECT_NEAR(bwe.loss_ratio(), 0.25, 1e-9);
  // 30 packets of 1200 bytes arrived over about 200 ms: roughly 1.4 Mbps acknowledged.
  ASSERT_TRUE(bwe.acknowledged_bps().has_value());
  EXPECT_GT(*bwe.acknowledged_bps(), 1'000'000);
  EXPECT_LT(*bwe.acknowledged_bps(), 2'000'000);
}

TEST(BweParts, InterArrivalGroupsBurstsAndReportsDelayVariation) {
  InterArrival ia;
  // Group 1: sent 0..4 ms, group 2: 20..24 ms, group 3: 40 ms.
  EXPECT_FALSE(ia.OnPacket(0, 100'000));
  EXPECT_FALSE(ia.OnPacket(4'000, 104'000));
  EXPECT_FALSE(ia.OnPacket(20'000, 121'000));  // completes group 1 (no previous)
  EXPECT_FALSE(ia.OnPacket(24'000, 126'000));
  auto d = ia.OnPacket(40'000, 150'000);       // completes group 2
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->send_delta_us, 20'000);
  EXPECT_EQ(d->arrival_delta_us, 22'000);  // 2 ms of queueing added
  // A reordered packet (sent before the current group) is ignored.
  EXPECT_FALSE(ia.OnPacket(10'000, 151'000));
}

TEST(BweParts, TrendlineDetectsGrowingDelayNotConstantDelay) {
  TrendlineEstimator steady;
  TrendlineEstimator growing;
  BandwidthUsage steady_state = BandwidthUsage::kNormal;
  bool overuse = false;
  for (int i = 0; i < 100; ++i) {
    const int64_t t = 1'000'000 + i * 20'000;
    // Jitter of +-1 ms around zero for the steady one, +3 ms per group for the other.
    steady_state = steady.Update(20'000, 20'000 + ((i % 2) ? 1000 : -1000), t);
    overuse |= growing.Update(20'000, 23'000, t) == BandwidthUsage::kOverusing;
    EXPECT_NE(steady_state, BandwidthUsage::kOverusing) << i;
  }
  EXPECT_TRUE(overuse);
  // Draining queue: underuse.
  TrendlineEstimator draining;
  BandwidthUsage last = BandwidthUsage::kNormal;
  for (int i = 0; i < 60; ++i) last = draining.Update(20'000, 16'000, 1'000'000 + i * 20'000);
  EXPECT_EQ(last, BandwidthUsage::kUnderusing);
}

TEST(BweParts, AimdDecreasesToBetaTimesAckedAndIncreases) {
  AimdRateControl aimd(BweConfig{});
  EXPECT_EQ(aimd.Update(BandwidthUsage::kOverusing, 1'000'000, 1'000'000), 850'000);
  EXPECT_TRUE(aimd.link_capacity_known());
  // A second overuse within the response time does not cut again.
  EXPECT_EQ(aimd.Update(BandwidthUsage::kOverusing, 900'000, 1'050'000), 850'000);
  // Normal: hold -> increase, additively near the known capacity.
  const int64_t b = aimd.Update(BandwidthUsage::kNormal, 850'000, 1'300'000);
  const int64_t a = aimd.Update(BandwidthUsage::kNormal, 850'000, 2'300'000);
  // One 1200-byte packet per response time (100 ms RTT + 100 ms) per second: 48 kbps/s.
  EXPECT_EQ(a - b, 48'000);
  // Underuse holds.
  EXPECT_EQ(aimd.Update(BandwidthUsage::kUnderusing, 850'000, 3'300'000), a);
  // Without a known capacity the increase is multiplicative (8 %/s), capped by 1.5 x acked.
  AimdRateControl fresh(BweConfig{.initial_bps = 1'000'000});
  fresh.Update(BandwidthUsage::kNormal, std::nullopt, 0);
  EXPECT_EQ(fresh.Update(BandwidthUsage::kNormal, std::nullopt, 1'000'000), 1'080'000);
  EXPECT_EQ(fresh.Update(BandwidthUsage::kNormal, 400'000, 2'000'000), 1'080'000);
}

TEST(BweParts, LossControllerThresholds) {
  LossBasedController loss(BweConfig{.initial_bps = 1'000'000});
  loss.OnPacketResults(3, 10);  // fewer than 20 packets: not evaluated yet
  EXPECT_EQ(loss.Update(1'000'000, 0), 1'000'000);
  loss.OnPacketResults(3, 10);  // 6/20 = 30 %, but only 100 ms of reports: not yet
  EXPECT_EQ(loss.Update(1'000'000, 100'000), 1'000'000);
  EXPECT_EQ(loss.Update(1'000'000, 600'000), 850'000);
  loss.OnPacketResults(1, 20);  // 5 %: hold
  EXPECT_EQ(loss.Update(850'000, 1'100'000), 850'000);
  loss.OnPacketResults(0, 40);  // 0 %: +8 %/s (+1 kbps/s)
  EXPECT_EQ(loss.Update(850'000, 2'100'000), 919'000);
  loss.OnPacketResults(5, 3);   // nonsense is ignored
  EXPECT_DOUBLE_EQ(loss.last_loss_ratio(), 0.0);
}

}  // namespace
}  // namespace meet::bridge::bwe
