// Our WebRtcTransport against real headless Chromium (driver.mjs + peer.html), in a
// loopback-only network namespace. The browser publishes its fake camera (VP8) and microphone
// (Opus) and opens lib-jitsi-meet's 'JVB data channel'; we answer with one BUNDLEd transport
// and check: ICE + DTLS connect, the browser's RTP decrypts to VP8 (with a key frame) and Opus
// on the SSRCs and payload types of its offer, and a text message crosses the data channel
// both ways. Two set-ups: browser as DTLS client with every candidate in the SDP, and us as DTLS
// client with candidates trickled both ways.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "media/codecs/vp8_descriptor.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/ice/ice_candidate.hpp"
#include "media/loop/event_loop.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "signaling/sdp/candidate.hpp"
#include "signaling/sdp/session_description.hpp"
#include "tests/interop/media/chromium/chromium_driver.hpp"
#include "tests/interop/media/chromium/sdp_answer.hpp"

namespace meet::test::chromium {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
namespace sdp = signaling::sdp;
namespace transport = media::transport;
namespace ice = media::ice;

constexpr const char* kJvbLabel = "JVB data channel";
constexpr const char* kColibriProtocol = "http://jitsi.org/protocols/colibri";
constexpr milliseconds kOfferWait{15000};
constexpr milliseconds kConnectWait{10000};
constexpr milliseconds kMediaWait{10000};
constexpr milliseconds kStepWait{5000};
// Packets each kind must reach: a few hundred ms of Opus, and some video after the key frame.
constexpr size_t kMinAudioPackets = 25;
constexpr size_t kMinVideoPackets = 30;

// What our side saw, recorded from the Listener calls (all on the test thread's loop).
struct Recorder : transport::WebRtcTransport::Listener {
  bool connected = false;
  std::optional<Error> failure;
  std::vector<ice::IceCandidate> local_candidates;
  std::map<uint32_t, size_t> packets_by_ssrc;
  std::map<uint8_t, size_t> packets_by_payload_type;
  std::set<uint32_t> key_frame_ssrcs;  // SSRCs with a VP8 key frame start
  size_t vp8_frames = 0;
  size_t malformed_rtp = 0;
  size_t rtcp = 0;
  uint8_t vp8_payload_type = 0;
  struct Channel {
    uint16_t id;
    std::string label;
    std::string protocol;
  };
  std::vector<Channel> channels;
  std::vector<std::string> texts;

  void OnTransportLocalCandidate(const ice::IceCandidate& c) override {
    local_candidates.push_back(c);
  }
  void OnTransportConnected() override { connected = true; }
  void OnTransportFailed(const Error& error) override { failure = error; }
  void OnTransportRtp(std::span<uint8_t> packet) override {
    auto view = media::rtp::RtpPacketView::Parse(packet);
    if (!view.ok()) {
      ++malformed_rtp;
      return;
    }
    ++packets_by_ssrc[view->ssrc()];
    ++packets_by_payload_type[view->payload_type()];
    if (view->payload_type() == vp8_payload_type) {
      auto vp8 = media::codecs::ParseVp8Descriptor(view->payload());
      if (vp8.ok() && vp8->start_of_frame) {
        ++vp8_frames;
        if (vp8->key_frame) key_frame_ssrcs.insert(view->ssrc());
      }
    }
  }
  void OnTransportRtcp(std::span<uint8_t> /*compound*/) override { ++rtcp; }
  void OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) override {
    channels.push_back({id, std::string(label), std::string(protocol)});
  }
  void OnDataChannelMessage(uint16_t /*id*/, std::span<const uint8_t> message,
                            bool binary) override {
    if (!binary) texts.emplace_back(message.begin(), message.end());
  }

  size_t PacketsFor(const std::vector<uint32_t>& ssrcs) const {
    size_t n = 0;
    for (uint32_t s : ssrcs) {
      auto it = packets_by_ssrc.find(s);
      if (it != packets_by_ssrc.end()) n += it->second;
    }
    return n;
  }
};

struct CallOptions {
  std::string our_setup;  // "passive": the browser is the DTLS client; "active": we are
  bool trickle = false;
};

sdp::Candidate ToSdp(const ice::IceCandidate& c) {
  auto parsed = sdp::ParseCandidate(ice::ToSdpAttribute(c));
  EXPECT_TRUE(parsed.ok()) << ice::ToSdpAttribute(c);
  return parsed.ok() ? *parsed : sdp::Candidate{};
}

class ChromiumTransportTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (driver_ && HasFailure()) {
      driver_->ReportFailure(::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    if (transport_) {
      transport_->Close();
      loop_.RunPending();
      transport_.reset();
    }
    loop_.RunPending();
    if (driver_) {
      driver_->Close();
      if (HasFailure()) ADD_FAILURE() << "at the end: " << driver_->Describe();
    }
  }

  // Iterates our loop and reads the driver until `done` or `timeout`; stops early when the
  // driver died (the caller's assertion then says what did not happen).
  bool WaitFor(const std::function<bool()>& done, milliseconds timeout) {
    return loop_.RunUntil(
        [&] {
          driver_->Poll(milliseconds(0));
          return done() || driver_->exited();
        },
        timeout) &&
           done();
  }

  std::string OurState() const {
    std::string s = "ours: ";
    if (!transport_) return s + "no transport";
    s += "state=" + std::string(transport::TransportStateName(transport_->state()));
    s += " ice=" + std::string(ice::ToString(transport_->ice_state()));
    const auto st = transport_->stats();
    s += " dtls_in=" + std::to_string(st.dtls_in.packets) +
         " rtp_in=" + std::to_string(st.rtp_in.packets) +
         " srtp_auth_drops=" + std::to_string(st.dropped_srtp_auth) +
         " before_dtls_drops=" + std::to_string(st.dropped_before_dtls);
    if (recorder_.failure) s += " failure=" + recorder_.failure->ToString();
    return s;
  }
  std::string Both() const { return OurState() + "; " + driver_->Describe(); }

  // The whole call; every step asserts with what did not happen.
  void RunCall(const CallOptions& options);

  media::loop::EventLoop loop_{"chromium-interop"};
  Recorder recorder_;
  std::unique_ptr<transport::WebRtcTransport> transport_;
  std::unique_ptr<ChromiumDriver> driver_;
};

void ChromiumTransportTest::RunCall(const CallOptions& options) {
  // 1. The browser's offer.
  ChromiumDriver::Options driver_options;
  driver_options.node = MEET_NODE_EXECUTABLE;
  driver_options.driver_script = std::string(MEET_CHROMIUM_INTEROP_DIR) + "/driver.mjs";
  driver_options.trickle = options.trickle;
  driver_options.driver_timeout = milliseconds(45000);
  auto started = ChromiumDriver::Start(driver_options);
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  driver_ = std::move(*started);
  ASSERT_TRUE(WaitFor([&] { return driver_->FindEvent("offer") != nullptr; }, kOfferWait))
      << "no offer from Chromium after 15 s; " << driver_->Describe();
  auto offer = sdp::Parse(ChromiumDriver::StringField(*driver_->FindEvent("offer"), "sdp"));
  ASSERT_TRUE(offer.ok()) << "browser offer does not parse: " << offer.error().ToString();
  auto info = InspectOffer(*offer);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  ASSERT_FALSE(info->data_mid.empty()) << "the offer has no data channel m-line";
  recorder_.vp8_payload_type = *info->vp8_payload_type;

  // 2. Our transport, gathering on 127.0.0.1 only; the offerer is ICE-controlling.
  auto certificate = media::dtls::DtlsCertificate::Generate("meet-interop");
  ASSERT_TRUE(certificate.ok()) << certificate.error().ToString();
  transport::TransportConfig config{.ice = {}, .certificate = *certificate};
  config.ice.controlling = false;
  config.ice.local_addresses = {"127.0.0.1"};
  config.ice.log_context = "ep=chromium";
  config.enable_sctp = true;
  config.sctp_port = kSctpPort;
  config.dtls_setup = options.our_setup;
  auto created = transport::WebRtcTransport::Create(loop_, std::move(config), &recorder_);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  transport_ = std::move(*created);
  if (!options.trickle) {
    ASSERT_TRUE(WaitFor([&] { return !transport_->local_parameters().candidates.empty(); },
                        kStepWait))
        << "our transport gathered no candidate on 127.0.0.1 in 5 s; " << OurState();
  }

  // 3. The browser's parameters and candidates into our transport.
  transport::RemoteParameters remote;
  remote.ufrag = info->ice_ufrag;
  remote.pwd = info->ice_pwd;
  remote.fingerprint_hash = info->fingerprint.hash;
  remote.fingerprint = info->fingerprint.value;
  remote.setup = info->setup;
  remote.sctp_port = info->sctp_port.value_or(kSctpPort);
  for (const sdp::Candidate& c : info->candidates) {
    auto converted = ice::ParseSdpAttribute(sdp::CandidateValue(c));
    ASSERT_TRUE(converted.ok()) << converted.error().ToString();
    remote.candidates.push_back(*converted);
  }
  if (!options.trickle) {
    ASSERT_FALSE(remote.candidates.empty()) << "the full offer carries no UDP candidate";
  }
  const Status set = transport_->SetRemoteParameters(remote);
  ASSERT_TRUE(set.ok()) << set.error().ToString();

  // 4. Our answer.
  const auto local = transport_->local_parameters();
  LocalTransport ours{local.ufrag, local.pwd, local.fingerprint_hash, local.fingerprint,
                      local.setup, {}, options.trickle};
  if (!options.trickle) {
    for (const auto& c : local.candidates) ours.candidates.push_back(ToSdp(c));
  }
  auto answer = BuildAnswer(*offer, *info, ours);
  ASSERT_TRUE(answer.ok()) << answer.error().ToString();
  ASSERT_TRUE(driver_->SendAnswer(sdp::ToString(*answer)));
  ASSERT_TRUE(WaitFor([&] { return driver_->FindEvent("answer-applied") != nullptr; }, kStepWait))
      << "Chromium did not apply our answer in 5 s; " << driver_->Describe() << "\nanswer:\n"
      << sdp::ToString(*answer);

  // 5. Trickle both ways: ours as they come, the browser's after our remote parameters.
  size_t sent_candidates = 0;
  size_t taken_candidates = 0;
  bool sent_end = false;
  const auto trickle_step = [&] {
    if (!options.trickle) return;
    for (; sent_candidates < recorder_.local_candidates.size(); ++sent_candidates) {
      driver_->SendCandidate(ice::ToSdpAttribute(recorder_.local_candidates[sent_candidates]),
                             info->bundle_mid, static_cast<int>(info->bundle_index));
    }
    if (!sent_end && sent_candidates > 0) {
      driver_->SendCandidate("", info->bundle_mid, static_cast<int>(info->bundle_index));
      sent_end = true;
    }
    const auto events = driver_->EventsOfType("candidate");
    for (; taken_candidates < events.size(); ++taken_candidates) {
      const std::string text = ChromiumDriver::StringField(*events[taken_candidates], "candidate");
      if (text.empty()) continue;
      auto c = ice::ParseSdpAttribute(text);
      if (!c.ok() || c->protocol != "udp") continue;
      const Status added = transport_->AddRemoteCandidate(*c);
      EXPECT_TRUE(added.ok()) << added.error().ToString() << ": " << text;
    }
  };

  // 6. ICE + DTLS.
  ASSERT_TRUE(WaitFor(
      [&] {
        trickle_step();
        return recorder_.connected || recorder_.failure.has_value();
      },
      kConnectWait))
      << "no DTLS after 10 s; " << Both();
  ASSERT_TRUE(recorder_.connected) << "transport failed: " << Both();
  if (options.trickle) {
    EXPECT_GT(sent_candidates, 0u) << "we trickled no candidate";
    EXPECT_GT(taken_candidates, 0u) << "the browser trickled no candidate";
  }
  ASSERT_TRUE(transport_->dtls_role().has_value());
  EXPECT_EQ(*transport_->dtls_role(), options.our_setup == "passive"
                                          ? media::dtls::DtlsRole::kServer
                                          : media::dtls::DtlsRole::kClient);

  // 7. Media: decrypted VP8 with a key frame and Opus, on the offer's SSRCs.
  ASSERT_TRUE(WaitFor(
      [&] {
        return recorder_.PacketsFor(info->audio_ssrcs) >= kMinAudioPackets &&
               recorder_.PacketsFor(info->video_ssrcs) >= kMinVideoPackets &&
               !recorder_.key_frame_ssrcs.empty();
      },
      kMediaWait))
      << "after 10 s: " << recorder_.PacketsFor(info->audio_ssrcs) << " Opus packets (want "
      << kMinAudioPackets << "), " << recorder_.PacketsFor(info->video_ssrcs)
      << " VP8 packets (want " << kMinVideoPackets << "), VP8 key frame "
      << (recorder_.key_frame_ssrcs.empty() ? "not seen" : "seen") << "; " << Both();
  EXPECT_EQ(recorder_.key_frame_ssrcs, std::set<uint32_t>{info->video_ssrcs.front()});
  EXPECT_GE(recorder_.packets_by_payload_type[*info->opus_payload_type], kMinAudioPackets)
      << "audio did not use the offered Opus payload type";
  EXPECT_GE(recorder_.packets_by_payload_type[*info->vp8_payload_type], kMinVideoPackets)
      << "video did not use the offered VP8 payload type";
  EXPECT_GT(recorder_.vp8_frames, 1u);
  EXPECT_EQ(recorder_.malformed_rtp, 0u);
  for (const auto& [pt, count] : recorder_.packets_by_payload_type) {
    EXPECT_TRUE(pt == *info->opus_payload_type || pt == *info->vp8_payload_type)
        << count << " packets with payload type " << int{pt} << " we did not accept";
  }
  EXPECT_EQ(transport_->stats().dropped_srtp_auth, 0u);

  // 8. The browser's data channel opens on our side.
  ASSERT_TRUE(WaitFor(
      [&] { return !recorder_.channels.empty() && driver_->FindEvent("datachannel-open"); },
      kStepWait))
      << "data channel not open after 5 s (ours: " << recorder_.channels.size()
      << " channels); " << Both();
  ASSERT_EQ(recorder_.channels.size(), 1u);
  EXPECT_EQ(recorder_.channels[0].label, kJvbLabel);
  EXPECT_EQ(recorder_.channels[0].protocol, kColibriProtocol);
  // RFC 8832: the DTLS client opens channels with even stream ids.
  const bool browser_is_client = options.our_setup == "passive";
  EXPECT_EQ(recorder_.channels[0].id % 2, browser_is_client ? 0 : 1);
  const json* open = driver_->FindEvent("datachannel-open");
  EXPECT_EQ(open->value("id", -1), recorder_.channels[0].id);

  // 9. Text both ways.
  const std::string to_us = R"({"colibriClass":"EndpointMessage","from":"chromium","n":1})";
  ASSERT_TRUE(driver_->SendText(to_us));
  ASSERT_TRUE(WaitFor([&] { return !recorder_.texts.empty(); }, kStepWait))
      << "the browser's data-channel message did not arrive in 5 s; " << Both();
  EXPECT_EQ(recorder_.texts, std::vector<std::string>{to_us});

  const std::string to_browser = R"({"colibriClass":"ServerHello","version":"meet"})";
  const Status sent = transport_->SendDataText(recorder_.channels[0].id, to_browser);
  ASSERT_TRUE(sent.ok()) << sent.error().ToString();
  ASSERT_TRUE(WaitFor([&] { return driver_->FindEvent("datachannel-message") != nullptr; },
                      kStepWait))
      << "our data-channel message did not reach the browser in 5 s; " << Both();
  const json* got = driver_->FindEvent("datachannel-message");
  EXPECT_EQ(ChromiumDriver::StringField(*got, "text"), to_browser);
  EXPECT_EQ(ChromiumDriver::StringField(*got, "label"), kJvbLabel);

  // 10. What the browser's getStats says about the same call.
  ASSERT_TRUE(driver_->RequestStats());
  ASSERT_TRUE(WaitFor([&] { return driver_->LatestStats() != nullptr; }, kStepWait))
      << "no stats from the browser in 5 s; " << driver_->Describe();
  const json stats = *driver_->LatestStats();
  EXPECT_EQ(ChromiumDriver::StringField(stats, "connectionState"), "connected") << stats.dump();
  EXPECT_EQ(ChromiumDriver::StringField(stats, "dtlsState"), "connected") << stats.dump();
  EXPECT_EQ(ChromiumDriver::StringField(stats, "dtlsRole"), browser_is_client ? "client" : "server")
      << stats.dump();
  // OpenSSL 3.0 speaks DTLS 1.2 (FEFD).
  EXPECT_EQ(ChromiumDriver::StringField(stats, "tlsVersion"), "FEFD") << stats.dump();
  ASSERT_TRUE(stats.contains("selectedPair")) << stats.dump();
  const std::string local_pair = ChromiumDriver::StringField(stats["selectedPair"], "local");
  const std::string remote_pair = ChromiumDriver::StringField(stats["selectedPair"], "remote");
  EXPECT_NE(local_pair.find("127.0.0.1:"), std::string::npos) << stats.dump();
  ASSERT_FALSE(local.candidates.empty() && !options.trickle);
  const uint16_t our_port = options.trickle ? recorder_.local_candidates.at(0).port
                                            : local.candidates.front().port;
  EXPECT_NE(remote_pair.find("127.0.0.1:" + std::to_string(our_port)), std::string::npos)
      << "browser's selected remote is not our candidate: " << stats.dump();
  const json outbound = stats.value("outbound", json::object());
  ASSERT_TRUE(outbound.contains("video") && outbound.contains("audio")) << stats.dump();
  EXPECT_EQ(ChromiumDriver::StringField(outbound["video"], "mimeType"), "video/VP8");
  EXPECT_EQ(ChromiumDriver::StringField(outbound["audio"], "mimeType"), "audio/opus");
  EXPECT_EQ(outbound["video"].value("ssrc", 0u), info->video_ssrcs.front());
  EXPECT_GE(outbound["video"].value("keyFramesEncoded", 0), 1);
  EXPECT_GE(outbound["video"].value("packetsSent", 0u), kMinVideoPackets);
  ASSERT_EQ(stats.value("dataChannels", json::array()).size(), 1u) << stats.dump();
  const json dc = stats["dataChannels"][0];
  EXPECT_EQ(ChromiumDriver::StringField(dc, "state"), "open");
  EXPECT_EQ(dc.value("messagesSent", 0), 1);
  EXPECT_EQ(dc.value("messagesReceived", 0), 1);
  EXPECT_EQ(driver_->FindEvent("error"), nullptr) << driver_->Describe();
}

TEST_F(ChromiumTransportTest, BrowserIsDtlsClientWithFullCandidateLists) {
  RunCall({.our_setup = "passive", .trickle = false});
}

TEST_F(ChromiumTransportTest, WeAreDtlsClientWithTrickledCandidates) {
  RunCall({.our_setup = "active", .trickle = true});
}

}  // namespace
}  // namespace meet::test::chromium
