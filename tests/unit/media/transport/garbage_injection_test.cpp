// The bridge's WebRtcTransport against a hand-driven peer (IceAgent + DtlsTransport +
// SrtpSession in the test), which sends what no well-behaved peer would, from the validated
// ICE address: malformed STUN, broken DTLS framing, RTP/RTCP before DTLS, unknown first bytes,
// then after DTLS forged SRTP tags, replays, oversize datagrams, and SRTP-valid packets whose
// plain text is malformed. Each must be dropped and counted under its reason, and media sent
// afterwards must still arrive.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "media/dtls/dtls_transport.hpp"
#include "media/ice/ice_agent.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/packet/classifier.hpp"
#include "media/rtp/rtp_packet_builder.hpp"
#include "media/srtp/srtp_session.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "tests/unit/media/transport/transport_test_peer.hpp"

namespace meet::media::transport::test {
namespace {

using namespace std::chrono_literals;
using loop::EventLoop;

struct ManualPeer : ice::IceAgent::Listener, dtls::DtlsTransport::Listener {
  std::unique_ptr<ice::IceAgent> ice;
  std::unique_ptr<dtls::DtlsTransport> dtls;
  bool ice_up = false;
  std::optional<srtp::SrtpKeyMaterial> keys;
  std::vector<Error> failures;

  void OnIceCandidate(const ice::IceCandidate&) override {}
  void OnIceGatheringDone() override {}
  void OnIceStateChanged(ice::IceState s) override {
    if (s == ice::IceState::kConnected || s == ice::IceState::kCompleted) ice_up = true;
  }
  void OnIcePacket(std::span<const uint8_t> p) override {
    if (dtls && packet::Classify(p) == packet::PacketKind::kDtls) dtls->HandleIncoming(p);
  }
  void OnIceSelectedPairChanged(const ice::IceCandidate&, const ice::IceCandidate&) override {}
  void OnDtlsSendPacket(std::span<const uint8_t> d) override { ice->Send(d); }
  void OnDtlsConnected(const srtp::SrtpKeyMaterial& k) override { keys = k; }
  void OnDtlsApplicationData(std::span<const uint8_t>) override {}  // the bridge's SCTP INIT
  void OnDtlsClosed() override {}
  void OnDtlsFailed(const Error& e) override { failures.push_back(e); }

  void Send(std::vector<uint8_t> d) { ASSERT_TRUE(ice->Send(d)) << "ICE refused " << d.size() << " bytes"; }
};

std::vector<uint8_t> Rtp(uint16_t seq, size_t payload_size, std::vector<uint8_t>& storage) {
  storage.assign(1500, 0);
  std::vector<uint8_t> payload(payload_size, 0x5A);
  rtp::RtpPacketBuilder b(storage);
  b.SetPayloadType(96).SetSequenceNumber(seq).SetTimestamp(1000u * seq).SetSsrc(0xABCD0001).SetPayload(payload);
  auto view = b.Build();
  EXPECT_TRUE(view.ok());
  return std::vector<uint8_t>(storage.begin(), storage.begin() + static_cast<long>(view->size()));
}

// Protects `plain` with `session` and returns the wire bytes.
std::vector<uint8_t> Protect(srtp::SrtpSession& session, std::vector<uint8_t> plain, bool rtcp) {
  const size_t n = plain.size();
  plain.resize(n + srtp::SrtpSession::kMaxTrailer);
  auto len = rtcp ? session.ProtectRtcp(plain, n) : session.ProtectRtp(plain, n);
  EXPECT_TRUE(len.ok()) << len.error().ToString();
  plain.resize(len.ok() ? *len : 0);
  return plain;
}

TEST(WebRtcTransportGarbage, InjectedDatagramsAreCountedByReasonAndMediaStillFlows) {
  EventLoop loop("garbage-test");
  RecordingPeer bridge;
  ManualPeer peer;
  auto created = WebRtcTransport::Create(loop, LoopbackConfig(TestCertificate(0), true, "actpass", "ep=bridge"),
                                         &bridge);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  bridge.transport = std::move(*created);

  ice::IceConfig ic;
  ic.controlling = false;
  ic.local_addresses = {"127.0.0.1"};
  auto agent = ice::IceAgent::Create(loop, ic, &peer);
  ASSERT_TRUE(agent.ok());
  peer.ice = std::move(*agent);
  ASSERT_TRUE(peer.ice->Gather().ok());
  auto dtls = dtls::DtlsTransport::Create(TestCertificate(1), &peer);
  ASSERT_TRUE(dtls.ok());
  peer.dtls = std::move(*dtls);
  ASSERT_TRUE(loop.RunUntil([&] {
    return peer.ice->gathering_done() && !bridge.transport->local_parameters().candidates.empty();
  }, 10s));

  // Signalling: the peer answers 'active' (DTLS client).
  const LocalParameters bridge_local = bridge.transport->local_parameters();
  RemoteParameters remote;
  remote.ufrag = peer.ice->local_credentials().ufrag;
  remote.pwd = peer.ice->local_credentials().pwd;
  remote.fingerprint_hash = "sha-256";
  remote.fingerprint = TestCertificate(1).fingerprint();
  remote.setup = "active";
  remote.candidates = peer.ice->local_candidates();
  ASSERT_TRUE(bridge.transport->SetRemoteParameters(remote).ok());
  ASSERT_TRUE(peer.ice->SetRemoteCredentials({bridge_local.ufrag, bridge_local.pwd}).ok());
  for (const auto& c : bridge_local.candidates) peer.ice->AddRemoteCandidate(c);
  peer.ice->SetRemoteGatheringDone();
  ASSERT_TRUE(loop.RunUntil([&] {
    const auto s = bridge.transport->ice_state();
    return peer.ice_up && (s == ice::IceState::kConnected || s == ice::IceState::kCompleted);
  }, 10s));

  // --- Before DTLS ---
  // STUN first byte, wrong magic cookie: libnice does not take it as STUN and passes it on.
  peer.Send({0x00, 0x01, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  // DTLS handshake record whose length runs past the datagram.
  peer.Send({0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 1, 0x00, 0x40, 1, 2, 3});
  // RTP and RTCP before any SRTP key exists.
  std::vector<uint8_t> storage;
  peer.Send(Rtp(1, 50, storage));
  peer.Send({0x80, 0xC8, 0x00, 0x01, 0, 0, 0, 1});
  // First bytes no protocol of ours owns: 255, TURN channel (64-79), ZRTP (16-19), 4-15.
  peer.Send({0xFF, 0, 0, 0});
  peer.Send({0x40, 0, 0, 4, 1, 2, 3, 4});
  peer.Send({0x10, 0x00});
  peer.Send({0x05});
  ASSERT_TRUE(loop.RunUntil([&] {
    const auto s = bridge.transport->stats();
    return s.dropped_malformed_stun + s.dropped_malformed_dtls + s.dropped_before_dtls + s.dropped_unknown >= 8;
  }, 10s));
  {
    const WebRtcTransport::Stats s = bridge.transport->stats();
    EXPECT_EQ(s.dropped_malformed_stun, 1u);
    EXPECT_EQ(s.parse_drops.Get(packet::DropReason::kStunBadCookie), 1u);
    EXPECT_EQ(s.dropped_malformed_dtls, 1u);
    EXPECT_EQ(s.parse_drops.Get(packet::DropReason::kDtlsRecordOverflow), 1u);
    EXPECT_EQ(s.dropped_before_dtls, 2u);
    EXPECT_EQ(s.dropped_unknown, 4u);
    EXPECT_EQ(s.parse_drops.Get(packet::DropReason::kUnknownFirstByte), 4u);
    EXPECT_EQ(s.rtp_in.packets, 0u);
    EXPECT_EQ(bridge.transport->state(), TransportState::kConnecting);
  }

  // --- DTLS ---
  ASSERT_TRUE(peer.dtls->SetRole(dtls::DtlsRole::kClient).ok());
  ASSERT_TRUE(peer.dtls->SetRemoteFingerprint(bridge_local.fingerprint_hash, bridge_local.fingerprint).ok());
  ASSERT_TRUE(peer.dtls->Start().ok());
  loop::Timer retransmit(loop);
  retransmit.Start(50ms, [&] { peer.dtls->HandleTimeout(); }, /*repeating=*/true);
  ASSERT_TRUE(loop.RunUntil([&] { return peer.keys.has_value() && bridge.connected > 0; }, 10s));
  retransmit.Cancel();
  EXPECT_TRUE(peer.failures.empty());

  auto out = srtp::SrtpSession::Create(peer.keys->profile, peer.keys->local_key_salt, srtp::SrtpDirection::kOutbound);
  ASSERT_TRUE(out.ok());
  srtp::SrtpSession& srtp_out = *out;

  // A good packet, then the very same datagram again (replay).
  const std::vector<uint8_t> good = Protect(srtp_out, Rtp(10, 100, storage), false);
  peer.Send(good);
  peer.Send(good);
  // A forged tag.
  std::vector<uint8_t> forged = Protect(srtp_out, Rtp(11, 100, storage), false);
  forged.back() ^= 0x01;
  peer.Send(forged);
  // Random bytes with an RTP first byte.
  std::vector<uint8_t> random(60);
  for (size_t i = 0; i < random.size(); ++i) random[i] = static_cast<uint8_t>(i * 37 + 11);
  random[0] = 0x80;
  random[1] = 0x60;
  peer.Send(random);
  // Larger than any pooled buffer (and than any RTP packet over UDP with a 1500 MTU).
  std::vector<uint8_t> huge = Rtp(12, 1400, storage);
  huge.resize(3000, 0x33);
  peer.Send(huge);
  // Valid SRTP whose plain RTP is malformed: P bit with a padding count past the payload.
  std::vector<uint8_t> padded = Rtp(13, 20, storage);
  padded[0] |= 0x20;
  padded.back() = 200;
  peer.Send(Protect(srtp_out, padded, false));
  // Valid SRTCP whose compound framing is broken: the header claims 10 words, 2 follow.
  peer.Send(Protect(srtp_out, {0x80, 0xC9, 0x00, 0x0A, 0xAB, 0xCD, 0x00, 0x01, 0, 0, 0, 0}, true));
  // And media still flows.
  peer.Send(Protect(srtp_out, Rtp(14, 100, storage), false));

  ASSERT_TRUE(loop.RunUntil([&] { return bridge.rtp.size() >= 2; }, 10s));
  ASSERT_TRUE(loop.RunUntil([&] { return bridge.transport->stats().dropped_malformed_rtcp >= 1; }, 5s));
  const WebRtcTransport::Stats s = bridge.transport->stats();
  EXPECT_EQ(bridge.rtp.size(), 2u);
  EXPECT_EQ(s.rtp_in.packets, 2u);
  EXPECT_EQ(s.dropped_srtp_replay, 1u);
  EXPECT_EQ(s.dropped_srtp_auth, 2u);
  EXPECT_EQ(s.dropped_malformed_rtp, 2u);  // oversize + bad padding
  EXPECT_EQ(s.parse_drops.Get(packet::DropReason::kRtpPaddingOverflow), 1u);
  EXPECT_EQ(s.dropped_malformed_rtcp, 1u);
  EXPECT_EQ(s.parse_drops.Get(packet::DropReason::kRtcpBadLength), 1u);
  EXPECT_EQ(s.dropped_unexpected_address, 0u);
  EXPECT_TRUE(bridge.rtcp.empty());
  EXPECT_TRUE(bridge.failures.empty());
  EXPECT_EQ(bridge.transport->state(), TransportState::kConnected);

  bridge.transport.reset();
  peer.dtls.reset();
  peer.ice.reset();
  loop.RunPending();
}

}  // namespace
}  // namespace meet::media::transport::test
