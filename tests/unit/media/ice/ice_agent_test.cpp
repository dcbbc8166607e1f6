// Two libnice agents on loopback (127.0.0.1 only, added explicitly: libnice never gathers it by
// itself), one controlling like the bridge, one controlled like a browser.
#include "media/ice/ice_agent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "media/loop/event_loop.hpp"

namespace meet::media::ice {
namespace {

using namespace std::chrono_literals;
using loop::EventLoop;

struct Peer : IceAgent::Listener {
  std::unique_ptr<IceAgent> agent;
  std::vector<IceCandidate> candidates;
  bool gathering_done = false;
  std::vector<IceState> states;
  std::vector<std::vector<uint8_t>> received;
  int selected_pair_changes = 0;
  // When set, local candidates are trickled to this peer as they appear.
  Peer* trickle_to = nullptr;

  void OnIceCandidate(const IceCandidate& c) override {
    candidates.push_back(c);
    if (trickle_to != nullptr && trickle_to->agent) trickle_to->agent->AddRemoteCandidate(c);
  }
  void OnIceGatheringDone() override { gathering_done = true; }
  void OnIceStateChanged(IceState s) override { states.push_back(s); }
  void OnIcePacket(std::span<const uint8_t> p) override { received.emplace_back(p.begin(), p.end()); }
  void OnIceSelectedPairChanged(const IceCandidate&, const IceCandidate&) override {
    ++selected_pair_changes;
  }
  bool Connected() const {
    return agent && (agent->state() == IceState::kConnected ||
                     agent->state() == IceState::kCompleted);
  }
  bool Saw(IceState s) const { return std::find(states.begin(), states.end(), s) != states.end(); }
};

IceConfig LoopbackConfig(bool controlling) {
  IceConfig config;
  config.controlling = controlling;
  config.local_addresses = {"127.0.0.1"};
  return config;
}

std::vector<uint8_t> Bytes(const std::string& s) { return {s.begin(), s.end()}; }

void Create(EventLoop& loop, Peer& peer, const IceConfig& config) {
  auto agent = IceAgent::Create(loop, config, &peer);
  ASSERT_TRUE(agent.ok()) << agent.error().ToString();
  peer.agent = std::move(*agent);
}

// Full exchange of credentials and candidates, both ways.
void Exchange(Peer& from, Peer& to) {
  ASSERT_TRUE(to.agent->SetRemoteCredentials(from.agent->local_credentials()).ok());
  for (const IceCandidate& c : from.agent->local_candidates()) {
    EXPECT_TRUE(to.agent->AddRemoteCandidate(c)) << ToSdpAttribute(c);
  }
  to.agent->SetRemoteGatheringDone();
}

class IceAgentTest : public ::testing::Test {
 protected:
  void GatherBoth() {
    ASSERT_TRUE(a_.agent->Gather().ok());
    ASSERT_TRUE(b_.agent->Gather().ok());
    ASSERT_TRUE(loop_.RunUntil([&] { return a_.gathering_done && b_.gathering_done; }, 5s));
  }
  void ConnectBoth() {
    Exchange(a_, b_);
    Exchange(b_, a_);
    ASSERT_TRUE(loop_.RunUntil([&] { return a_.Connected() && b_.Connected(); }, 10s))
        << "a=" << ToString(a_.agent->state()) << " b=" << ToString(b_.agent->state());
  }
  void PingPong(const std::string& tag) {
    const auto a_before = a_.received.size();
    const auto b_before = b_.received.size();
    ASSERT_TRUE(a_.agent->Send(Bytes("to-b " + tag)));
    ASSERT_TRUE(b_.agent->Send(Bytes("to-a " + tag)));
    ASSERT_TRUE(loop_.RunUntil(
        [&] { return a_.received.size() > a_before && b_.received.size() > b_before; }, 5s));
    EXPECT_EQ(b_.received.back(), Bytes("to-b " + tag));
    EXPECT_EQ(a_.received.back(), Bytes("to-a " + tag));
  }
  void TearDown() override {
    a_.agent.reset();
    b_.agent.reset();
  }

  EventLoop loop_{"ice-test"};
  Peer a_;  // controlling (the bridge)
  Peer b_;  // controlled (the browser)
};

TEST_F(IceAgentTest, ConnectsOnLoopbackAndExchangesDatagramsBothWays) {
  Create(loop_, a_, LoopbackConfig(true));
  Create(loop_, b_, LoopbackConfig(false));
  EXPECT_FALSE(a_.agent->Send(Bytes("too early")));
  GatherBoth();
  ASSERT_EQ(a_.candidates.size(), 1u);
  EXPECT_EQ(a_.candidates[0].address, "127.0.0.1");
  EXPECT_EQ(a_.candidates[0].type, IceCandidateType::kHost);
  EXPECT_NE(a_.candidates[0].port, 0);
  const IceCredentials creds = a_.agent->local_credentials();
  EXPECT_GE(creds.ufrag.size(), 4u);
  EXPECT_GE(creds.pwd.size(), 22u);
  EXPECT_NE(creds, b_.agent->local_credentials());

  ConnectBoth();
  EXPECT_TRUE(a_.Saw(IceState::kChecking));
  for (int i = 0; i < 5; ++i) PingPong(std::to_string(i));
  // A 1200-byte datagram (a typical RTP packet) arrives intact.
  std::vector<uint8_t> big(1200);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 7);
  ASSERT_TRUE(a_.agent->Send(big));
  ASSERT_TRUE(loop_.RunUntil([&] { return b_.received.size() == 6; }, 5s));
  EXPECT_EQ(b_.received.back(), big);

  ASSERT_TRUE(loop_.RunUntil([&] { return a_.agent->selected_pair().has_value(); }, 5s));
  const auto pair = *a_.agent->selected_pair();
  EXPECT_EQ(pair.first.address, "127.0.0.1");
  EXPECT_EQ(pair.first.port, a_.agent->local_port());
  EXPECT_EQ(pair.second.port, b_.agent->local_port());
  EXPECT_GE(a_.selected_pair_changes, 1);
  EXPECT_EQ(a_.agent->stats().packets_sent, 6u);
  EXPECT_EQ(b_.agent->stats().packets_received, 6u);
  EXPECT_EQ(a_.agent->stats().send_failures, 1u);  // the early one
}

TEST_F(IceAgentTest, TrickledCandidatesBeforeCredentialsAreKeptAndApplied) {
  Create(loop_, a_, LoopbackConfig(true));
  Create(loop_, b_, LoopbackConfig(false));
  a_.trickle_to = &b_;  // a's candidates reach b before b knows a's credentials
  b_.trickle_to = &a_;
  GatherBoth();
  a_.agent->SetRemoteGatheringDone();  // also before credentials
  b_.agent->SetRemoteGatheringDone();
  // Nothing can connect yet: let the loop spin a little without credentials.
  EXPECT_FALSE(loop_.RunUntil([&] { return a_.Connected() || b_.Connected(); }, 200ms));
  ASSERT_TRUE(b_.agent->SetRemoteCredentials(a_.agent->local_credentials()).ok());
  ASSERT_TRUE(a_.agent->SetRemoteCredentials(b_.agent->local_credentials()).ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return a_.Connected() && b_.Connected(); }, 10s));
  PingPong("trickle");
}

TEST_F(IceAgentTest, RemoteCandidatesLibniceCannotUseAreRejectedAndCounted) {
  Create(loop_, a_, LoopbackConfig(true));
  IceCandidate tcp{.foundation = "1", .protocol = "tcp", .priority = 1, .address = "127.0.0.1",
                   .port = 9, .tcptype = "active"};
  IceCandidate mdns{.foundation = "2", .priority = 1, .address = "4b8f1c.local", .port = 5000};
  IceCandidate rtcp{.foundation = "3", .component = 2, .priority = 1, .address = "127.0.0.1",
                    .port = 5001};
  EXPECT_FALSE(a_.agent->AddRemoteCandidate(tcp));
  EXPECT_FALSE(a_.agent->AddRemoteCandidate(mdns));
  EXPECT_FALSE(a_.agent->AddRemoteCandidate(rtcp));
  EXPECT_EQ(a_.agent->stats().remote_candidates_rejected, 3u);
  EXPECT_FALSE(a_.agent->SetRemoteCredentials({"ab", "short"}).ok());
}

TEST_F(IceAgentTest, RestartGivesNewCredentialsAndReconnects) {
  Create(loop_, a_, LoopbackConfig(true));
  Create(loop_, b_, LoopbackConfig(false));
  GatherBoth();
  ConnectBoth();
  PingPong("before");
  const IceCredentials old_a = a_.agent->local_credentials();
  const IceCredentials old_b = b_.agent->local_credentials();
  ASSERT_TRUE(a_.agent->Restart().ok());
  ASSERT_TRUE(b_.agent->Restart().ok());
  EXPECT_NE(a_.agent->local_credentials(), old_a);
  EXPECT_NE(b_.agent->local_credentials(), old_b);
  EXPECT_EQ(a_.agent->state(), IceState::kNew);
  EXPECT_FALSE(a_.agent->Send(Bytes("during restart")));
  ConnectBoth();
  PingPong("after");
  EXPECT_EQ(a_.agent->stats().restarts, 1u);
}

TEST_F(IceAgentTest, RevokedConsentFailsThePeer) {
  Create(loop_, a_, LoopbackConfig(true));
  Create(loop_, b_, LoopbackConfig(false));
  GatherBoth();
  ConnectBoth();
  PingPong("x");
  // b (like an expired endpoint) revokes consent: a's next consent check gets 403 (RFC 7675),
  // libnice checks every 4-6 s.
  b_.agent->RevokeConsent();
  ASSERT_TRUE(loop_.RunUntil([&] { return a_.agent->state() == IceState::kFailed; }, 15s))
      << ToString(a_.agent->state());
  EXPECT_FALSE(a_.agent->Send(Bytes("gone")));
}

TEST_F(IceAgentTest, PeerThatDisappearsIsDetectedByConsentFreshness) {
  Create(loop_, a_, LoopbackConfig(true));
  Create(loop_, b_, LoopbackConfig(false));
  GatherBoth();
  ConnectBoth();
  PingPong("x");
  b_.agent.reset();  // stops answering, socket closed
  // libnice's consent timeout is fixed at 10 s (not configurable in 0.1.21).
  ASSERT_TRUE(loop_.RunUntil([&] { return a_.agent->state() == IceState::kFailed; }, 25s))
      << ToString(a_.agent->state());
  EXPECT_TRUE(a_.Saw(IceState::kFailed));
}

TEST_F(IceAgentTest, PortRangeIsHonoured) {
  IceConfig config = LoopbackConfig(true);
  config.min_port = 46200;
  config.max_port = 46299;
  Create(loop_, a_, config);
  Create(loop_, b_, config);
  GatherBoth();
  for (Peer* p : {&a_, &b_}) {
    ASSERT_FALSE(p->candidates.empty());
    EXPECT_GE(p->candidates[0].port, 46200);
    EXPECT_LE(p->candidates[0].port, 46299);
  }
  EXPECT_NE(a_.candidates[0].port, b_.candidates[0].port);
  ConnectBoth();
  PingPong("range");
}

TEST_F(IceAgentTest, PublicAddressMappingAddsSrflxCandidateWithSamePort) {
  IceConfig config = LoopbackConfig(true);
  config.public_addresses = {{"127.0.0.1", "198.51.100.7"}};
  Create(loop_, a_, config);
  ASSERT_TRUE(a_.agent->Gather().ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return a_.gathering_done; }, 5s));
  ASSERT_EQ(a_.candidates.size(), 2u);
  const IceCandidate& host = a_.candidates[0];
  const IceCandidate& mapped = a_.candidates[1];
  EXPECT_EQ(host.type, IceCandidateType::kHost);
  EXPECT_EQ(mapped.type, IceCandidateType::kSrflx);
  EXPECT_EQ(mapped.address, "198.51.100.7");
  EXPECT_EQ(mapped.port, host.port);
  EXPECT_EQ(mapped.related_address, "127.0.0.1");
  EXPECT_EQ(mapped.related_port, host.port);
  EXPECT_NE(mapped.foundation, host.foundation);
  EXPECT_LT(mapped.priority, host.priority);
  EXPECT_EQ(a_.agent->local_candidates(), a_.candidates);
  EXPECT_TRUE(ParseSdpAttribute(ToSdpAttribute(mapped)).ok());
}

TEST_F(IceAgentTest, BadConfigIsAnError) {
  IceConfig bad = LoopbackConfig(true);
  bad.local_addresses = {"not-an-ip"};
  auto r = IceAgent::Create(loop_, bad, &a_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ice.bad-local-address");
  IceConfig range = LoopbackConfig(true);
  range.min_port = 5000;
  range.max_port = 4000;
  EXPECT_FALSE(IceAgent::Create(loop_, range, &a_).ok());
  EXPECT_FALSE(IceAgent::Create(loop_, LoopbackConfig(true), nullptr).ok());
}

// The production layout: each agent on its own worker thread, signalling between them posted.
TEST(IceAgentThreads, AgentsOnTwoWorkerLoopsConnect) {
  EventLoop loop_a("worker-a");
  EventLoop loop_b("worker-b");
  ASSERT_TRUE(loop_a.Start());
  ASSERT_TRUE(loop_b.Start());
  Peer a;
  Peer b;
  loop_a.Invoke([&] { a.agent = IceAgent::Create(loop_a, LoopbackConfig(true), &a).value(); });
  loop_b.Invoke([&] { b.agent = IceAgent::Create(loop_b, LoopbackConfig(false), &b).value(); });
  ASSERT_TRUE(a.agent && b.agent);
  loop_a.Invoke([&] { ASSERT_TRUE(a.agent->Gather().ok()); });
  loop_b.Invoke([&] { ASSERT_TRUE(b.agent->Gather().ok()); });
  auto wait = [](const std::function<bool()>& done) {
    for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(10ms);
    return done();
  };
  auto on = [](EventLoop& loop, const std::function<bool()>& f) {
    bool r = false;
    loop.Invoke([&] { r = f(); });
    return r;
  };
  ASSERT_TRUE(wait([&] {
    return on(loop_a, [&] { return a.gathering_done; }) && on(loop_b, [&] { return b.gathering_done; });
  }));
  IceCredentials ca, cb;
  std::vector<IceCandidate> la, lb;
  loop_a.Invoke([&] { ca = a.agent->local_credentials(); la = a.agent->local_candidates(); });
  loop_b.Invoke([&] { cb = b.agent->local_credentials(); lb = b.agent->local_candidates(); });
  loop_a.Post([&, cb, lb] {
    (void)a.agent->SetRemoteCredentials(cb);
    for (const auto& c : lb) a.agent->AddRemoteCandidate(c);
  });
  loop_b.Post([&, ca, la] {
    (void)b.agent->SetRemoteCredentials(ca);
    for (const auto& c : la) b.agent->AddRemoteCandidate(c);
  });
  ASSERT_TRUE(wait([&] {
    return on(loop_a, [&] { return a.Connected(); }) && on(loop_b, [&] { return b.Connected(); });
  }));
  loop_a.Invoke([&] { EXPECT_TRUE(a.agent->Send(Bytes("cross-thread"))); });
  ASSERT_TRUE(wait([&] { return on(loop_b, [&] { return !b.received.empty(); }); }));
  loop_b.Invoke([&] { EXPECT_EQ(b.received[0], Bytes("cross-thread")); });
  // Destroyed from this (non-loop) thread: the destructor's barrier runs teardown on the loop.
  a.agent.reset();
  b.agent.reset();
}

}  // namespace
}  // namespace meet::media::ice
