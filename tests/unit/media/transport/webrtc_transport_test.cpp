// Two WebRtcTransports on loopback (ICE on 127.0.0.1 only) in one EventLoop iterated by the
// test thread: ICE -> DTLS -> SRTP, RTP and RTCP both ways, data channels, every SRTP
// profile, fingerprint mismatches, close, ICE restart, and parameter validation.
#include "media/transport/webrtc_transport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "media/loop/event_loop.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtp/rtp_packet_builder.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "tests/unit/media/transport/transport_test_peer.hpp"

namespace meet::media::transport::test {
namespace {

using namespace std::chrono_literals;
using loop::EventLoop;

constexpr const char* kJvbLabel = "JVB data channel";
constexpr const char* kColibriProtocol = "http://jitsi.org/protocols/colibri";
constexpr auto kWait = 10s;

// One RTP packet as a browser would send it: VP8-like payload type, audio-level style
// one-byte extension, marker on the last packet of a frame.
struct RtpSpec {
  uint8_t pt;
  uint16_t seq;
  uint32_t ts;
  uint32_t ssrc;
  bool marker;
  std::vector<uint8_t> payload;
};

std::vector<uint8_t> BuildRtp(const RtpSpec& spec) {
  std::vector<uint8_t> buffer(1200);
  const std::array<uint8_t, 1> level{0x80 | 42};
  const std::array<uint8_t, 2> twcc{0x12, 0x34};
  rtp::RtpPacketBuilder builder(buffer);
  builder.SetPayloadType(spec.pt)
      .SetSequenceNumber(spec.seq)
      .SetTimestamp(spec.ts)
      .SetSsrc(spec.ssrc)
      .SetMarker(spec.marker)
      .AddExtension(1, level)
      .AddExtension(5, twcc)
      .SetPayload(spec.payload);
  auto view = builder.Build();
  EXPECT_TRUE(view.ok());
  buffer.resize(view.ok() ? view->size() : 0);
  return buffer;
}

void ExpectRtpEquals(std::vector<uint8_t> received, const RtpSpec& spec) {
  auto view = rtp::RtpPacketView::Parse(received);
  ASSERT_TRUE(view.ok()) << packet::DropReasonName(view.reason());
  EXPECT_EQ(view->payload_type(), spec.pt);
  EXPECT_EQ(view->sequence_number(), spec.seq);
  EXPECT_EQ(view->timestamp(), spec.ts);
  EXPECT_EQ(view->ssrc(), spec.ssrc);
  EXPECT_EQ(view->marker(), spec.marker);
  auto level = view->FindExtension(1);
  ASSERT_TRUE(level.has_value());
  ASSERT_EQ(level->size(), 1u);
  EXPECT_EQ((*level)[0], 0x80 | 42);
  auto twcc = view->FindExtension(5);
  ASSERT_TRUE(twcc.has_value());
  ASSERT_EQ(twcc->size(), 2u);
  EXPECT_EQ((*twcc)[0], 0x12);
  EXPECT_EQ((*twcc)[1], 0x34);
  const auto payload = view->payload();
  EXPECT_EQ(std::vector<uint8_t>(payload.begin(), payload.end()), spec.payload);
}

std::vector<uint8_t> Payload(size_t n, uint8_t seed) {
  std::vector<uint8_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = static_cast<uint8_t>(seed + i * 7);
  return p;
}

// SR (with one report block) followed by a PLI, as one compound.
std::vector<uint8_t> BuildSrPli(uint32_t sender, uint32_t media, const rtcp::SenderInfo& info,
                                const rtcp::ReportBlock& block) {
  std::vector<uint8_t> out(rtcp::SenderReport::BuildSize(1) + rtcp::Pli::kSize);
  auto sr = rtcp::SenderReport::Build(sender, info, std::span<const rtcp::ReportBlock>(&block, 1), out);
  EXPECT_TRUE(sr.ok());
  auto pli = rtcp::Pli::Build(sender, media, std::span<uint8_t>(out).subspan(*sr));
  EXPECT_TRUE(pli.ok());
  out.resize(*sr + *pli);
  return out;
}

void ExpectSrPli(const std::vector<uint8_t>& compound, uint32_t sender, uint32_t media,
                 const rtcp::SenderInfo& info, const rtcp::ReportBlock& block) {
  int srs = 0;
  int plis = 0;
  auto count = rtcp::ForEachRtcpPacket(compound, [&](const rtcp::RtcpHeader& h) {
    if (h.packet_type == rtcp::packet_type::kSr) {
      auto sr = rtcp::SenderReport::Parse(h);
      ASSERT_TRUE(sr.ok());
      EXPECT_EQ(sr->sender_ssrc(), sender);
      EXPECT_EQ(sr->sender_info(), info);
      ASSERT_EQ(sr->report_block_count(), 1u);
      EXPECT_EQ(sr->report_block(0), block);
      ++srs;
    } else if (h.packet_type == rtcp::packet_type::kPsfb && h.count == rtcp::fmt::kPli) {
      auto pli = rtcp::Pli::Parse(h);
      ASSERT_TRUE(pli.ok());
      EXPECT_EQ(pli->sender_ssrc(), sender);
      EXPECT_EQ(pli->media_ssrc(), media);
      ++plis;
    }
  });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2u);
  EXPECT_EQ(srs, 1);
  EXPECT_EQ(plis, 1);
}

class WebRtcTransportTest : public ::testing::Test {
 protected:
  void TearDown() override {
    bridge_.transport.reset();
    browser_.transport.reset();
    loop_.RunPending();
  }

  void Create(RecordingPeer& peer, TransportConfig config) {
    auto t = WebRtcTransport::Create(loop_, std::move(config), &peer);
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    peer.transport = std::move(*t);
  }

  // The bridge offers (actpass, ICE-controlling); the browser answers with `browser_setup`.
  void CreatePair(const std::string& browser_setup = "active",
                  const std::vector<srtp::SrtpProfile>& profiles = {}) {
    TransportConfig b = LoopbackConfig(TestCertificate(0), true, "actpass", "ep=bridge");
    b.srtp_profiles = profiles;
    TransportConfig c = LoopbackConfig(TestCertificate(1), false, browser_setup, "ep=browser");
    c.srtp_profiles = profiles;
    ASSERT_NO_FATAL_FAILURE(Create(bridge_, std::move(b)));
    ASSERT_NO_FATAL_FAILURE(Create(browser_, std::move(c)));
    ASSERT_TRUE(loop_.RunUntil([&] {
      return !bridge_.transport->local_parameters().candidates.empty() &&
             !browser_.transport->local_parameters().candidates.empty();
    }, kWait));
  }

  void Exchange() {
    Status s1 = browser_.transport->SetRemoteParameters(ToRemote(bridge_.transport->local_parameters()));
    ASSERT_TRUE(s1.ok()) << s1.error().ToString();
    Status s2 = bridge_.transport->SetRemoteParameters(ToRemote(browser_.transport->local_parameters()));
    ASSERT_TRUE(s2.ok()) << s2.error().ToString();
  }

  void ConnectPair(const std::string& browser_setup = "active",
                   const std::vector<srtp::SrtpProfile>& profiles = {}) {
    ASSERT_NO_FATAL_FAILURE(CreatePair(browser_setup, profiles));
    ASSERT_NO_FATAL_FAILURE(Exchange());
    ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.connected > 0 && browser_.connected > 0; }, kWait))
        << "bridge failures " << bridge_.failures.size() << ", browser failures " << browser_.failures.size();
  }

  void ExchangeRtpAndRtcp() {
    const RtpSpec to_browser{100, 65535, 90000, 0x11223344, true, Payload(700, 1)};
    const RtpSpec to_bridge{111, 1, 48000, 0x55667788, false, Payload(160, 9)};
    ASSERT_TRUE(bridge_.transport->SendRtp(BuildRtp(to_browser)).ok());
    ASSERT_TRUE(browser_.transport->SendRtp(BuildRtp(to_bridge)).ok());

    const rtcp::SenderInfo info{0xE1234567'89ABCDEFull, 90000, 10, 7000};
    const rtcp::ReportBlock block{0x55667788, 3, 5, 70000, 12, 0x4567, 655};
    const std::vector<uint8_t> bridge_rtcp = BuildSrPli(0x11223344, 0x55667788, info, block);
    const std::vector<uint8_t> browser_rtcp = BuildSrPli(0x55667788, 0x11223344, info, block);
    ASSERT_TRUE(bridge_.transport->SendRtcp(bridge_rtcp).ok());
    ASSERT_TRUE(browser_.transport->SendRtcp(browser_rtcp).ok());

    ASSERT_TRUE(loop_.RunUntil([&] {
      return !bridge_.rtp.empty() && !browser_.rtp.empty() && !bridge_.rtcp.empty() && !browser_.rtcp.empty();
    }, kWait));
    ASSERT_EQ(browser_.rtp.size(), 1u);
    ASSERT_EQ(bridge_.rtp.size(), 1u);
    ExpectRtpEquals(browser_.rtp[0], to_browser);
    ExpectRtpEquals(bridge_.rtp[0], to_bridge);
    ExpectSrPli(browser_.rtcp[0], 0x11223344, 0x55667788, info, block);
    ExpectSrPli(bridge_.rtcp[0], 0x55667788, 0x11223344, info, block);

    const WebRtcTransport::Stats s = bridge_.transport->stats();
    EXPECT_EQ(s.rtp_out.packets, 1u);
    EXPECT_EQ(s.rtp_in.packets, 1u);
    EXPECT_EQ(s.rtcp_out.packets, 1u);
    EXPECT_EQ(s.rtcp_in.packets, 1u);
    EXPECT_GT(s.rtp_out.bytes, BuildRtp(to_browser).size());  // plus the SRTP tag
    EXPECT_EQ(s.dropped_srtp_auth + s.dropped_srtp_replay + s.dropped_malformed_rtp, 0u);
  }

  EventLoop loop_{"transport-test"};
  RecordingPeer bridge_;
  RecordingPeer browser_;
};

TEST_F(WebRtcTransportTest, ConnectsIceDtlsSrtpWithRolesFromSetup) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair("active"));
  // The browser answered 'active': it is the DTLS client, the bridge the server.
  EXPECT_EQ(bridge_.transport->dtls_role(), dtls::DtlsRole::kServer);
  EXPECT_EQ(browser_.transport->dtls_role(), dtls::DtlsRole::kClient);
  EXPECT_EQ(bridge_.transport->state(), TransportState::kConnected);
  EXPECT_EQ(browser_.transport->state(), TransportState::kConnected);
  // Both prefer AEAD_AES_128_GCM by default.
  EXPECT_EQ(bridge_.transport->srtp_profile(), srtp::SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(browser_.transport->srtp_profile(), srtp::SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(bridge_.connected, 1);
  EXPECT_TRUE(bridge_.failures.empty());
  // Only loopback candidates were gathered and announced.
  ASSERT_FALSE(bridge_.local_candidates.empty());
  for (const auto& c : bridge_.local_candidates) EXPECT_EQ(c.address, "127.0.0.1");
  const LocalParameters local = bridge_.transport->local_parameters();
  EXPECT_EQ(local.fingerprint_hash, "sha-256");
  EXPECT_EQ(local.fingerprint, TestCertificate(0).fingerprint());
  EXPECT_EQ(local.setup, "actpass");
  EXPECT_GE(local.ufrag.size(), 4u);
  EXPECT_GE(local.pwd.size(), 22u);
  EXPECT_GT(bridge_.transport->stats().dtls_in.packets, 0u);
  EXPECT_GT(bridge_.transport->stats().dtls_out.packets, 0u);
}

TEST_F(WebRtcTransportTest, AnswerPassiveMakesTheOffererTheDtlsClient) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair("passive"));
  EXPECT_EQ(bridge_.transport->dtls_role(), dtls::DtlsRole::kClient);
  EXPECT_EQ(browser_.transport->dtls_role(), dtls::DtlsRole::kServer);
  ASSERT_NO_FATAL_FAILURE(ExchangeRtpAndRtcp());
}

TEST_F(WebRtcTransportTest, RtpAndRtcpBothWays) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair());
  ASSERT_NO_FATAL_FAILURE(ExchangeRtpAndRtcp());
  // A burst in order, checked packet by packet.
  std::vector<RtpSpec> sent;
  for (uint16_t i = 0; i < 50; ++i) {
    sent.push_back({100, static_cast<uint16_t>(1000 + i), 3000u * (i / 3), 0xCAFE0001, i % 3 == 2,
                     Payload(100 + i * 10, static_cast<uint8_t>(i))});
    ASSERT_TRUE(bridge_.transport->SendRtp(BuildRtp(sent.back())).ok());
  }
  ASSERT_TRUE(loop_.RunUntil([&] { return browser_.rtp.size() >= 1 + sent.size(); }, kWait))
      << browser_.rtp.size();
  for (size_t i = 0; i < sent.size(); ++i) ExpectRtpEquals(browser_.rtp[1 + i], sent[i]);
}

class WebRtcTransportProfileTest : public WebRtcTransportTest,
                                   public ::testing::WithParamInterface<srtp::SrtpProfile> {};

TEST_P(WebRtcTransportProfileTest, NegotiatesProfileAndCarriesMedia) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair("active", {GetParam()}));
  EXPECT_EQ(bridge_.transport->srtp_profile(), GetParam());
  EXPECT_EQ(browser_.transport->srtp_profile(), GetParam());
  ASSERT_NO_FATAL_FAILURE(ExchangeRtpAndRtcp());
}

INSTANTIATE_TEST_SUITE_P(Profiles, WebRtcTransportProfileTest,
                         ::testing::Values(srtp::SrtpProfile::kAeadAes128Gcm, srtp::SrtpProfile::kAes128CmSha1_80,
                                           srtp::SrtpProfile::kAes128CmSha1_32, srtp::SrtpProfile::kAeadAes256Gcm),
                         [](const auto& p) { return std::string(srtp::OpenSslProfileName(p.param)).substr(5); });

TEST_F(WebRtcTransportTest, BrowserOpenedDataChannelCarriesTextBothWays) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair());
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.data_ready && browser_.data_ready; }, kWait));
  EXPECT_TRUE(bridge_.transport->data_channels_ready());
  // The browser (DTLS client, even stream ids) opens the bridge channel, as lib-jitsi-meet does.
  auto id = browser_.transport->OpenDataChannel(kJvbLabel, kColibriProtocol);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  EXPECT_EQ(*id % 2, 0);
  ASSERT_TRUE(loop_.RunUntil([&] { return !bridge_.opened.empty() && !browser_.opened.empty(); }, kWait));
  ASSERT_EQ(bridge_.opened.size(), 1u);
  EXPECT_EQ(bridge_.opened[0].id, *id);
  EXPECT_EQ(bridge_.opened[0].label, kJvbLabel);
  EXPECT_EQ(bridge_.opened[0].protocol, kColibriProtocol);

  const std::string hello = R"({"colibriClass":"ClientHello"})";
  const std::string stats = R"({"colibriClass":"EndpointStats","bitrate":{"download":0}})";
  ASSERT_TRUE(browser_.transport->SendDataText(*id, hello).ok());
  ASSERT_TRUE(bridge_.transport->SendDataText(*id, stats).ok());
  const std::vector<uint8_t> blob{0, 1, 2, 255};
  ASSERT_TRUE(bridge_.transport->SendDataBinary(*id, blob).ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return !bridge_.messages.empty() && browser_.messages.size() >= 2; }, kWait));
  EXPECT_EQ(bridge_.messages[0].id, *id);
  EXPECT_EQ(bridge_.messages[0].text, hello);
  EXPECT_FALSE(bridge_.messages[0].binary);
  EXPECT_EQ(browser_.messages[0].text, stats);
  EXPECT_FALSE(browser_.messages[0].binary);
  EXPECT_EQ(browser_.messages[1].text, std::string("\x00\x01\x02\xff", 4));
  EXPECT_TRUE(browser_.messages[1].binary);
  EXPECT_EQ(bridge_.transport->stats().data_messages_out, 2u);
  EXPECT_EQ(bridge_.transport->stats().data_messages_in, 1u);
}

TEST_F(WebRtcTransportTest, BridgeOpenedChannelUsesOddStreamIdsAsDtlsServer) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair());
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.data_ready && browser_.data_ready; }, kWait));
  auto id = bridge_.transport->OpenDataChannel(kJvbLabel, kColibriProtocol);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  EXPECT_EQ(*id % 2, 1);
  ASSERT_TRUE(loop_.RunUntil([&] { return !browser_.opened.empty(); }, kWait));
  EXPECT_EQ(browser_.opened[0].label, kJvbLabel);
  ASSERT_TRUE(browser_.transport->SendDataText(*id, "pong").ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return !bridge_.messages.empty(); }, kWait));
  EXPECT_EQ(bridge_.messages[0].text, "pong");
}

TEST_F(WebRtcTransportTest, FingerprintMismatchFailsTheClient) {
  ASSERT_NO_FATAL_FAILURE(CreatePair());
  RemoteParameters wrong = ToRemote(bridge_.transport->local_parameters());
  wrong.fingerprint = TestCertificate(2).fingerprint();  // not the bridge's certificate
  ASSERT_TRUE(browser_.transport->SetRemoteParameters(wrong).ok());
  ASSERT_TRUE(bridge_.transport->SetRemoteParameters(ToRemote(browser_.transport->local_parameters())).ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return !browser_.failures.empty(); }, kWait));
  EXPECT_EQ(browser_.failures[0].code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(browser_.transport->state(), TransportState::kFailed);
  EXPECT_EQ(browser_.connected, 0);
  EXPECT_EQ(bridge_.connected, 0);
  EXPECT_FALSE(browser_.transport->SendRtp(BuildRtp({96, 1, 1, 1, false, Payload(10, 0)})).ok());
}

TEST_F(WebRtcTransportTest, FingerprintMismatchFailsTheServer) {
  ASSERT_NO_FATAL_FAILURE(CreatePair());
  ASSERT_TRUE(browser_.transport->SetRemoteParameters(ToRemote(bridge_.transport->local_parameters())).ok());
  RemoteParameters wrong = ToRemote(browser_.transport->local_parameters());
  wrong.fingerprint = TestCertificate(2).fingerprint();
  ASSERT_TRUE(bridge_.transport->SetRemoteParameters(wrong).ok());
  ASSERT_TRUE(loop_.RunUntil([&] { return !bridge_.failures.empty(); }, kWait));
  EXPECT_EQ(bridge_.failures[0].code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(bridge_.connected, 0);
  EXPECT_EQ(bridge_.transport->state(), TransportState::kFailed);
}

TEST_F(WebRtcTransportTest, CloseSendsCloseNotifyAndStopsSending) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair());
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.data_ready && browser_.data_ready; }, kWait));
  bridge_.transport->Close();
  bridge_.transport->Close();  // idempotent
  EXPECT_EQ(bridge_.transport->state(), TransportState::kClosed);
  auto sent = bridge_.transport->SendRtp(BuildRtp({96, 1, 1, 1, false, Payload(10, 0)}));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, "transport.not-connected");
  EXPECT_EQ(bridge_.transport->OpenDataChannel("x", "").error().code, "transport.sctp-not-ready");
  ASSERT_TRUE(loop_.RunUntil([&] { return !browser_.failures.empty(); }, kWait));
  EXPECT_EQ(browser_.failures[0].code, "transport.dtls-closed");
  EXPECT_TRUE(bridge_.failures.empty());
}

TEST_F(WebRtcTransportTest, IceRestartKeepsDtlsAndSrtp) {
  ASSERT_NO_FATAL_FAILURE(ConnectPair());
  const LocalParameters before = bridge_.transport->local_parameters();
  ASSERT_TRUE(bridge_.transport->RestartIce().ok());
  ASSERT_TRUE(browser_.transport->RestartIce().ok());
  const LocalParameters after = bridge_.transport->local_parameters();
  EXPECT_NE(after.ufrag, before.ufrag);
  EXPECT_NE(after.pwd, before.pwd);
  EXPECT_EQ(after.fingerprint, before.fingerprint);
  ASSERT_NO_FATAL_FAILURE(Exchange());
  ASSERT_TRUE(loop_.RunUntil([&] {
    const auto s = bridge_.transport->ice_state();
    return s == ice::IceState::kConnected || s == ice::IceState::kCompleted;
  }, kWait));
  // Same DTLS association and SRTP contexts: media flows without a new handshake.
  ASSERT_NO_FATAL_FAILURE(ExchangeRtpAndRtcp());
  EXPECT_EQ(bridge_.connected, 1);
  EXPECT_EQ(browser_.connected, 1);
}

TEST_F(WebRtcTransportTest, RejectsBadConfigAndRemoteParameters) {
  RecordingPeer p;
  TransportConfig bad_setup = LoopbackConfig(TestCertificate(0), true, "sideways", "ep=x");
  auto r = WebRtcTransport::Create(loop_, bad_setup, &p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "dtls.bad-setup");
  EXPECT_FALSE(WebRtcTransport::Create(loop_, LoopbackConfig(TestCertificate(0), true, "actpass", ""), nullptr).ok());

  ASSERT_NO_FATAL_FAILURE(CreatePair());
  WebRtcTransport& t = *bridge_.transport;
  const RemoteParameters good = ToRemote(browser_.transport->local_parameters());
  EXPECT_EQ(t.SendRtp(BuildRtp({96, 1, 1, 1, false, Payload(10, 0)})).error().code, "transport.not-connected");
  EXPECT_EQ(t.OpenDataChannel(kJvbLabel, kColibriProtocol).error().code, "transport.sctp-not-ready");

  RemoteParameters p1 = good;
  p1.ufrag = "ab";
  EXPECT_EQ(t.SetRemoteParameters(p1).error().code, "transport.bad-remote");
  RemoteParameters p2 = good;
  p2.pwd = std::string(300, 'x');
  EXPECT_EQ(t.SetRemoteParameters(p2).error().code, "transport.bad-remote");
  RemoteParameters p3 = good;
  p3.setup = "holdconn";
  EXPECT_EQ(t.SetRemoteParameters(p3).error().code, "dtls.setup-conflict");
  RemoteParameters p4 = good;
  p4.setup = "whatever";
  EXPECT_EQ(t.SetRemoteParameters(p4).error().code, "dtls.bad-setup");
  RemoteParameters p5 = good;
  p5.fingerprint = "AB:CD";
  EXPECT_EQ(t.SetRemoteParameters(p5).error().code, "dtls.bad-fingerprint");
  RemoteParameters p6 = good;
  p6.fingerprint_hash = "md5";
  EXPECT_EQ(t.SetRemoteParameters(p6).error().code, "dtls.bad-hash");
  // Our answer said 'active' and so did the offer: no role works.
  RemoteParameters p7 = ToRemote(bridge_.transport->local_parameters());
  p7.setup = "active";
  EXPECT_EQ(browser_.transport->SetRemoteParameters(p7).error().code, "dtls.setup-conflict");

  ice::IceCandidate tcp = good.candidates.at(0);
  tcp.protocol = "tcp";
  tcp.tcptype = "passive";
  EXPECT_EQ(t.AddRemoteCandidate(tcp).error().code, "transport.candidate-rejected");
  // Nothing above changed the transport: the good parameters still connect.
  ASSERT_NO_FATAL_FAILURE(Exchange());
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.connected > 0 && browser_.connected > 0; }, kWait));
}

}  // namespace
}  // namespace meet::media::transport::test
