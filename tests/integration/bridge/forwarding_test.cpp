// The bridge as an SFU, end to end without XMPP: a real Bridge (HTTP colibri2 API, worker
// loops, WebRtcTransports) and three TestEndpoints (real ICE/DTLS/SRTP/SCTP over loopback)
// that send synthetic Opus and VP8 simulcast. Checks forwarding, simulcast layer selection and
// switching, NACK/RTX, PLI, the bridge channel, dominant speaker, statistics and teardown.
#include <dirent.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bridge/bridge.hpp"
#include "bridge/forwarding_transport_factory.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/loop/event_loop.hpp"
#include "signaling/bridge_channel/messages.hpp"
#include "signaling/colibri2/colibri2_json.hpp"
#include "tests/support/prosody/free_port.hpp"
#include "tests/support/test_endpoint/test_endpoint.hpp"
#include "tests/unit/bridge/http_client.hpp"

namespace meet::bridge::test {
namespace {

using namespace std::chrono_literals;
namespace colibri2 = signaling::colibri2;
namespace bc = signaling::bridge_channel;
using meet::test::TestEndpoint;
using meet::test::TestEndpointConfig;

constexpr const char* kMeetingId = "7d3c1f0e-5b2a-4c9d-8e7f-0a1b2c3d4e5f";

size_t OpenDescriptors() {
  size_t n = 0;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (::readdir(d) != nullptr) ++n;
    ::closedir(d);
  }
  return n;
}

TestEndpointConfig MakeConfig(const std::string& id, uint32_t base) {
  TestEndpointConfig c;
  c.id = id;
  c.audio_ssrc = base;
  c.video_ssrcs = {base + 10, base + 20, base + 30};
  c.rtx_ssrcs = {base + 11, base + 21, base + 31};
  return c;
}

class ForwardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(control_.Start());
    ASSERT_TRUE(clients_.Start());
    BridgeConfig config;
    config.http_address = "127.0.0.1";
    config.http_port = meet::test::FreeTcpPort();
    config.bridge_id = "jvb-test";
    Status started;
    control_.Invoke([&] {
      ForwardingConfig media;
      media.media_addresses = {"127.0.0.1"};
      media.workers = 1;
      auto factory = ForwardingTransportFactory::Create(media);
      if (!factory.ok()) {
        started = factory.error();
        return;
      }
      factory_ = factory->get();
      bridge_ = std::make_unique<Bridge>(control_, config, std::move(*factory));
      started = bridge_->Start();
      port_ = bridge_->http_port();
    });
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    certificate_ = media::dtls::DtlsCertificate::Generate("test-endpoint").value();
  }

  void TearDown() override {
    clients_.Invoke([&] { endpoints_.clear(); });
    control_.Invoke([&] { bridge_.reset(); });
    clients_.Stop();
    control_.Stop();
  }

  meet::bridge::test::HttpReply Patch(const colibri2::ConferenceModify& m) {
    return HttpRequest(port_, m.create ? "POST" : "PATCH",
                       m.create ? "/colibri/v2/conferences" : std::string("/colibri/v2/conferences/") + kMeetingId,
                       colibri2::DumpJson(colibri2::ToJson(m)));
  }

  // Creates the endpoint on the bridge (the first one creates the conference), connects it
  // and sends its transport back, as the focus would after session-accept.
  TestEndpoint* AddEndpoint(TestEndpointConfig config) {
    std::unique_ptr<TestEndpoint> ep;
    clients_.Invoke([&] {
      auto created = TestEndpoint::Create(clients_, config, certificate_);
      if (created.ok()) ep = std::move(*created);
    });
    EXPECT_TRUE(ep);
    if (!ep) return nullptr;
    colibri2::ConferenceModify create;
    create.meeting_id = kMeetingId;
    create.name = "room@muc.meet.test";
    create.create = endpoints_.empty();
    clients_.Invoke([&] { create.endpoints.push_back(ep->CreateRequest()); });
    auto reply = Patch(create);
    EXPECT_EQ(reply.status, 200) << reply.body;
    auto modified = colibri2::ConferenceModifiedFromJson(std::string_view(reply.body));
    EXPECT_TRUE(modified.ok()) << reply.body;
    if (!modified.ok() || modified->endpoints.empty() || !modified->endpoints[0].transport ||
        !modified->endpoints[0].transport->ice_udp) {
      ADD_FAILURE() << "no transport in " << reply.body;
      return nullptr;
    }
    const auto& bridge_transport = *modified->endpoints[0].transport->ice_udp;
    EXPECT_FALSE(bridge_transport.candidates.empty());
    EXPECT_TRUE(modified->endpoints[0].transport->sctp.has_value());
    Result<colibri2::Endpoint> answer = MakeError("x", "x");
    clients_.Invoke([&] { answer = ep->Connect(bridge_transport); });
    EXPECT_TRUE(answer.ok()) << answer.error().ToString();
    colibri2::ConferenceModify update;
    update.meeting_id = kMeetingId;
    update.endpoints.push_back(*answer);
    auto updated = Patch(update);
    EXPECT_EQ(updated.status, 200) << updated.body;
    TestEndpoint* raw = ep.get();
    clients_.Invoke([&] { endpoints_.push_back(std::move(ep)); });
    return raw;
  }

  void AddThree() {
    a_ = AddEndpoint(MakeConfig("aaaa1111", 1000));
    b_ = AddEndpoint(MakeConfig("bbbb2222", 2000));
    c_ = AddEndpoint(MakeConfig("cccc3333", 3000));
    ASSERT_TRUE(a_ && b_ && c_);
    ASSERT_TRUE(WaitFor([&] {
      for (auto& e : endpoints_) {
        if (!e->connected() || !e->channel_open()) return false;
      }
      return true;
    }, 15s)) << "endpoints did not connect";
    clients_.Invoke([&] {
      for (auto& e : endpoints_) e->StartMedia();
    });
  }

  bool WaitFor(const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      bool ok = false;
      clients_.Invoke([&] { ok = predicate(); });
      if (ok) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  template <typename F>
  auto OnClients(F&& f) {
    decltype(f()) out{};
    clients_.Invoke([&] { out = f(); });
    return out;
  }

  void SendConstraints(TestEndpoint* ep, int32_t max_height) {
    bc::ReceiverVideoConstraints c;
    c.default_constraints = bc::VideoConstraints{max_height};
    clients_.Invoke([&] { ASSERT_TRUE(ep->SendBridgeMessage(c).ok()); });
  }

  static uint64_t Packets(const TestEndpoint* ep, uint32_t ssrc) {
    const auto* r = ep->ReceivedOn(ssrc);
    return r == nullptr ? 0 : r->packets;
  }

  template <typename T>
  static std::vector<T> MessagesOf(const TestEndpoint* ep) {
    std::vector<T> out;
    for (const auto& m : ep->messages()) {
      if (const T* t = std::get_if<T>(&m)) out.push_back(*t);
    }
    return out;
  }

  nlohmann::json Stats() {
    auto reply = HttpRequest(port_, "GET", "/colibri/stats");
    EXPECT_EQ(reply.status, 200);
    return nlohmann::json::parse(reply.body, nullptr, false);
  }

  media::loop::EventLoop control_{"control"};
  media::loop::EventLoop clients_{"clients"};
  std::unique_ptr<Bridge> bridge_;
  ForwardingTransportFactory* factory_ = nullptr;
  uint16_t port_ = 0;
  media::dtls::DtlsCertificate certificate_ = media::dtls::DtlsCertificate::Generate("unused").value();
  std::vector<std::unique_ptr<TestEndpoint>> endpoints_;  // clients_ thread
  TestEndpoint* a_ = nullptr;
  TestEndpoint* b_ = nullptr;
  TestEndpoint* c_ = nullptr;
};

TEST_F(ForwardingTest, ThreeEndpointsReceiveEachOthersAudioAndVideoWithLiveStats) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  // Audio flows at once; no video before the first ReceiverVideoConstraints (maxHeight 0).
  ASSERT_TRUE(WaitFor([&] {
    return Packets(a_, 2000) > 20 && Packets(a_, 3000) > 20 && Packets(b_, 1000) > 20 &&
           Packets(b_, 3000) > 20 && Packets(c_, 1000) > 20 && Packets(c_, 2000) > 20;
  }, 10s));
  EXPECT_EQ(OnClients([&] { return Packets(a_, 2010) + Packets(b_, 1010) + Packets(c_, 1010); }), 0u);
  EXPECT_FALSE(OnClients([&] { return MessagesOf<bc::ServerHello>(a_).empty(); }));

  for (TestEndpoint* ep : {a_, b_, c_}) SendConstraints(ep, 720);
  // Each receives the other two's video on the source's first SSRC only (simulcast stripped).
  ASSERT_TRUE(WaitFor([&] {
    return Packets(a_, 2010) > 30 && Packets(a_, 3010) > 30 && Packets(b_, 1010) > 30 &&
           Packets(b_, 3010) > 30 && Packets(c_, 1010) > 30 && Packets(c_, 2010) > 30;
  }, 10s));
  OnClients([&] {
    for (TestEndpoint* ep : {a_, b_, c_}) {
      for (const auto& [ssrc, r] : ep->received()) {
        const uint32_t offset = ssrc % 1000;
        EXPECT_TRUE(offset == 0 || offset == 10 || offset == 11) << ep->id() << " got SSRC " << ssrc;
        EXPECT_NE(ssrc / 1000 * 1000, ep->config().audio_ssrc) << "own media echoed";
      }
      auto forwarded = MessagesOf<bc::ForwardedSources>(ep);
      EXPECT_FALSE(forwarded.empty());
      if (!forwarded.empty()) {
        EXPECT_EQ(forwarded.back().forwarded_sources.size(), 2u);
      }
    }
    return 0;
  });

  // Live figures: health, /colibri/stats and /metrics.
  EXPECT_EQ(HttpRequest(port_, "GET", "/about/health").status, 200);
  ASSERT_TRUE(WaitFor([&] {
    auto s = Stats();
    return s.is_object() && s["endpoints_sending_audio"] == 3 && s["endpoints_sending_video"] == 3 &&
           s["packet_rate_download"].get<double>() > 100;
  }, 5s));
  auto stats = Stats();
  EXPECT_EQ(stats["conferences"], 1);
  EXPECT_EQ(stats["endpoints"], 3);
  EXPECT_GT(stats["bit_rate_download"].get<double>(), 100.0);
  EXPECT_GT(stats["bit_rate_upload"].get<double>(), 100.0);
  EXPECT_GT(stats["packet_rate_upload"].get<double>(), 100.0);
  auto metrics = HttpRequest(port_, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("jitsi_jvb_endpoints 3"), std::string::npos);
  EXPECT_NE(metrics.body.find("jitsi_jvb_endpoints_sending_video 3"), std::string::npos);
  // The bridge terminates RTCP and sends its own: RRs and transport-cc to senders, SRs to receivers.
  EXPECT_TRUE(WaitFor([&] {
    return a_->receiver_reports_received() > 0 && a_->sender_reports_received() > 0 &&
           a_->transport_feedbacks_received() > 0;
  }, 5s));
}

TEST_F(ForwardingTest, MaxHeightSelectsLayerAndSwitchesOnKeyFrameWithContinuousSequence) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  SendConstraints(b_, 180);
  ASSERT_TRUE(WaitFor([&] { return Packets(b_, 1010) > 40; }, 10s));
  OnClients([&] {
    const auto* r = b_->ReceivedOn(1010);
    for (uint16_t size : r->payload_sizes) EXPECT_EQ(size, 250u) << "not the low layer";
    return 0;
  });
  const uint64_t before = OnClients([&] { return Packets(b_, 1010); });
  SendConstraints(b_, 720);
  ASSERT_TRUE(WaitFor([&] {
    const auto* r = b_->ReceivedOn(1010);
    return r->payload_sizes.back() == 1000 && r->packets > before + 60;
  }, 10s));
  OnClients([&] {
    const auto* r = b_->ReceivedOn(1010);
    // Sequence numbers continue across the switch (loopback: no loss, no reordering).
    for (size_t i = 1; i < r->sequence_numbers.size(); ++i) {
      EXPECT_EQ(static_cast<uint16_t>(r->sequence_numbers[i - 1] + 1), r->sequence_numbers[i]) << "at " << i;
    }
    // Picture ids continue frame by frame.
    for (size_t i = 1; i < r->picture_ids.size(); ++i) {
      EXPECT_EQ((r->picture_ids[i - 1] + 1) & 0x7fff, r->picture_ids[i]) << "frame " << i;
    }
    // The first high-layer packet is a key frame.
    size_t first_high = 0;
    while (first_high < r->payload_sizes.size() && r->payload_sizes[first_high] != 1000) ++first_high;
    EXPECT_LT(first_high, r->payload_sizes.size());
    const uint16_t seq = r->sequence_numbers[first_high];
    EXPECT_NE(std::find(r->key_frame_sequence_numbers.begin(), r->key_frame_sequence_numbers.end(), seq),
              r->key_frame_sequence_numbers.end());
    return 0;
  });
  // The switch needed a key frame of the high layer: the bridge asked the sender for one.
  EXPECT_GT(OnClients([&] { return a_->plis_received(1030); }), 0u);
}

TEST_F(ForwardingTest, ReceiverNackIsAnsweredFromTheCacheAsRtx) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  SendConstraints(c_, 720);
  ASSERT_TRUE(WaitFor([&] { return Packets(c_, 1010) > 30; }, 10s));
  clients_.Invoke([&] { c_->DropNextReceived(1010); });
  ASSERT_TRUE(WaitFor([&] { return !c_->dropped().empty(); }, 5s));
  const uint16_t dropped = OnClients([&] { return c_->dropped().front(); });
  // Retransmitted on the receiver's RTX SSRC (the source's first FID partner) with the OSN.
  ASSERT_TRUE(WaitFor([&] {
    const auto* r = c_->ReceivedOn(1011);
    return r != nullptr && std::find(r->rtx_osns.begin(), r->rtx_osns.end(), dropped) != r->rtx_osns.end();
  }, 5s)) << "no RTX for " << dropped;
}

TEST_F(ForwardingTest, SenderLossIsNackedAndRepairedThroughTheBridge) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  SendConstraints(b_, 720);
  ASSERT_TRUE(WaitFor([&] { return Packets(b_, 1010) > 30; }, 10s));
  clients_.Invoke([&] { a_->SkipNextSent(1030); });
  ASSERT_TRUE(WaitFor([&] { return a_->nacks_received(1030) > 0 && a_->rtx_sent() > 0; }, 5s));
  // After the repair b's stream has no gap.
  std::this_thread::sleep_for(300ms);
  OnClients([&] {
    auto seqs = b_->ReceivedOn(1010)->sequence_numbers;
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    EXPECT_EQ(static_cast<size_t>(static_cast<uint16_t>(seqs.back() - seqs.front()) + 1), seqs.size());
    return 0;
  });
}

TEST_F(ForwardingTest, ReceiverPliReachesTheSender) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  SendConstraints(c_, 360);
  ASSERT_TRUE(WaitFor([&] { return Packets(c_, 2010) > 20; }, 10s));
  std::this_thread::sleep_for(400ms);  // past the key-frame request spacing
  const uint64_t before = OnClients([&] { return b_->plis_received(2020); });
  clients_.Invoke([&] { ASSERT_TRUE(c_->SendPli(2010).ok()); });
  // Mapped from the receiver's SSRC to the encoding it gets (mid).
  ASSERT_TRUE(WaitFor([&] { return b_->plis_received(2020) > before; }, 5s));
}

TEST_F(ForwardingTest, LoudestSenderBecomesDominantSpeaker) {
  a_ = AddEndpoint(MakeConfig("aaaa1111", 1000));
  auto loud = MakeConfig("bbbb2222", 2000);
  loud.audio_level_dbov = 5;
  b_ = AddEndpoint(loud);
  c_ = AddEndpoint(MakeConfig("cccc3333", 3000));
  ASSERT_TRUE(a_ && b_ && c_);
  ASSERT_TRUE(WaitFor([&] { return a_->channel_open() && b_->channel_open() && c_->channel_open(); }, 15s));
  clients_.Invoke([&] {
    for (auto& e : endpoints_) e->StartMedia();
  });
  ASSERT_TRUE(WaitFor([&] {
    auto events = MessagesOf<bc::DominantSpeakerEndpointChangeEvent>(a_);
    auto events_c = MessagesOf<bc::DominantSpeakerEndpointChangeEvent>(c_);
    return !events.empty() && events.back().dominant_speaker_endpoint == "bbbb2222" && !events_c.empty() &&
           events_c.back().dominant_speaker_endpoint == "bbbb2222";
  }, 10s));
}

TEST_F(ForwardingTest, EndpointMessagesAreRelayedWithFromSetAndBadJsonIsCounted) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  bc::EndpointMessage m;
  m.to = "cccc3333";
  m.from = "spoofed";
  m.msg_payload = bc::Json{{"type", "e2e-ping-request"}, {"id", 3}};
  clients_.Invoke([&] {
    ASSERT_TRUE(a_->SendBridgeMessage(m).ok());
    ASSERT_TRUE(a_->SendBridgeText("{not json").ok());
  });
  ASSERT_TRUE(WaitFor([&] { return !MessagesOf<bc::EndpointMessage>(c_).empty(); }, 5s));
  OnClients([&] {
    auto got = MessagesOf<bc::EndpointMessage>(c_);
    EXPECT_EQ(got[0].from, "aaaa1111");
    EXPECT_EQ(got[0].msg_payload, m.msg_payload);
    EXPECT_TRUE(MessagesOf<bc::EndpointMessage>(b_).empty());
    return 0;
  });
  ASSERT_TRUE(WaitFor([&] { return factory_->Snapshot().bridge_messages_bad >= 1; }, 3s));
}

TEST_F(ForwardingTest, ForceMuteDropsTheSendersAudio) {
  ASSERT_NO_FATAL_FAILURE(AddThree());
  ASSERT_TRUE(WaitFor([&] { return Packets(b_, 1000) > 10; }, 10s));
  colibri2::ConferenceModify mute;
  mute.meeting_id = kMeetingId;
  colibri2::Endpoint ep;
  ep.id = "aaaa1111";
  ep.force_mute = colibri2::ForceMute{true, false};
  mute.endpoints.push_back(ep);
  ASSERT_EQ(Patch(mute).status, 200);
  std::this_thread::sleep_for(200ms);
  const uint64_t muted_at = OnClients([&] { return Packets(b_, 1000); });
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(OnClients([&] { return Packets(b_, 1000); }), muted_at);
  EXPECT_GT(OnClients([&] { return Packets(b_, 3000); }), 10u);  // others still flow
}

TEST_F(ForwardingTest, ExpiringTheConferenceFreesEverything) {
  const size_t fds_before = OpenDescriptors();
  ASSERT_NO_FATAL_FAILURE(AddThree());
  SendConstraints(a_, 720);
  ASSERT_TRUE(WaitFor([&] { return Packets(a_, 2010) > 10; }, 10s));
  EXPECT_EQ(factory_->media_conference_count(), 1u);
  clients_.Invoke([&] { endpoints_.clear(); });
  colibri2::ConferenceModify expire;
  expire.meeting_id = kMeetingId;
  expire.expire = true;
  ASSERT_EQ(Patch(expire).status, 200);
  size_t conferences = 1;
  control_.Invoke([&] { conferences = factory_->media_conference_count(); });
  EXPECT_EQ(conferences, 0u);
  auto stats = Stats();
  EXPECT_EQ(stats["conferences"], 0);
  EXPECT_EQ(stats["endpoints"], 0);
  // Sockets, timers and eventfds of 6 transports are gone (allow the HTTP client's socket).
  std::this_thread::sleep_for(200ms);
  EXPECT_LE(OpenDescriptors(), fds_before + 1);
}

}  // namespace
}  // namespace meet::bridge::test
