// DtlsTransport: two transports back to back in memory complete DTLS 1.2 handshakes,
// derive matching DTLS-SRTP keys that drive SrtpSession, carry application data, recover
// lost flights through the retransmission timer and reject bad peers and bad input.
#include "media/dtls/dtls_transport.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "media/packet/dtls_record.hpp"
#include "media/srtp/srtp_session.hpp"
#include "tests/unit/media/dtls/dtls_test_peer.hpp"

namespace meet::media::dtls {
namespace {

using srtp::SrtpDirection;
using srtp::SrtpProfile;
using srtp::SrtpSession;
using test::Pair;
using test::Peer;

DtlsTransport::Options WithProfiles(std::vector<SrtpProfile> profiles) {
  auto o = DtlsTransport::DefaultOptions();
  o.srtp_profiles = std::move(profiles);
  return o;
}

DtlsTransport::Options FastTimer() {
  auto o = DtlsTransport::DefaultOptions();
  o.initial_retransmit = std::chrono::milliseconds(20);
  o.max_retransmit = std::chrono::milliseconds(40);
  return o;
}

// Waits for the peer's retransmission timer (OpenSSL reads the real clock) and fires it.
void WaitAndHandleTimeout(Peer& peer) {
  const auto timeout = peer.transport->NextTimeout();
  ASSERT_TRUE(timeout.has_value()) << "no retransmission timer armed";
  ASSERT_LE(*timeout, std::chrono::milliseconds(100));
  std::this_thread::sleep_for(*timeout);
  peer.transport->HandleTimeout();
}

std::vector<uint8_t> Rtp(uint32_t ssrc, uint16_t seq) {
  std::vector<uint8_t> p = {0x80, 111, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq), 0, 0, 3, 0xc0,
                            static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                            static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc)};
  for (int i = 0; i < 160; ++i) p.push_back(static_cast<uint8_t>(i ^ seq));  // an Opus-sized payload
  return p;
}

std::vector<uint8_t> RtcpSr(uint32_t ssrc) {
  std::vector<uint8_t> p = {0x80, 200, 0, 6, static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                            static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc)};
  for (int i = 0; i < 20; ++i) p.push_back(static_cast<uint8_t>(0x40 + i));
  return p;
}

// Sends RTP and RTCP from `from` (protected with its local keys) to `to` (unprotected with
// its remote keys) and checks the plain packets survive.
void ExpectSrtpFlows(const srtp::SrtpKeyMaterial& from, const srtp::SrtpKeyMaterial& to) {
  ASSERT_EQ(from.profile, to.profile);
  auto tx = SrtpSession::Create(from.profile, from.local_key_salt, SrtpDirection::kOutbound);
  auto rx = SrtpSession::Create(to.profile, to.remote_key_salt, SrtpDirection::kInbound);
  ASSERT_TRUE(tx.ok()) << tx.error().ToString();
  ASSERT_TRUE(rx.ok()) << rx.error().ToString();
  for (uint16_t seq = 1; seq <= 3; ++seq) {
    for (bool rtcp : {false, true}) {
      const auto plain = rtcp ? RtcpSr(0x1234) : Rtp(0x1234, seq);
      std::vector<uint8_t> buf(plain);
      buf.resize(plain.size() + SrtpSession::kMaxTrailer);
      auto len = rtcp ? tx->ProtectRtcp(buf, plain.size()) : tx->ProtectRtp(buf, plain.size());
      ASSERT_TRUE(len.ok()) << len.error().ToString();
      auto back = rtcp ? rx->UnprotectRtcp(buf, *len) : rx->UnprotectRtp(buf, *len);
      ASSERT_TRUE(back.ok()) << back.error().ToString();
      buf.resize(*back);
      EXPECT_EQ(buf, plain);
    }
  }
}

TEST(DtlsTransportTest, HandshakeDerivesMatchingKeys) {
  Pair pair;
  pair.Start();
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kConnecting);
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kConnecting);
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  ASSERT_EQ(pair.client.connected_calls, 1);
  ASSERT_EQ(pair.server.connected_calls, 1);
  const auto& c = *pair.client.keys;
  const auto& s = *pair.server.keys;
  // Default offer prefers AEAD_AES_128_GCM: 16-byte key + 12-byte salt per direction.
  EXPECT_EQ(c.profile, SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(pair.server.transport->srtp_profile(), SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(c.local_key_salt.size(), 28u);
  EXPECT_EQ(c.local_key_salt, s.remote_key_salt);
  EXPECT_EQ(c.remote_key_salt, s.local_key_salt);
  EXPECT_NE(c.local_key_salt, c.remote_key_salt);
  EXPECT_FALSE(pair.client.failure.has_value());
  EXPECT_FALSE(pair.server.failure.has_value());
  EXPECT_FALSE(pair.client.transport->NextTimeout().has_value());
  // Handshake flights fit the 1200-byte MTU.
  for (const auto& d : pair.client.sent_all) EXPECT_LE(d.size(), 1200u);
  for (const auto& d : pair.server.sent_all) EXPECT_LE(d.size(), 1200u);
  // Every datagram is well-formed DTLS 1.2 record framing.
  for (const auto& d : pair.server.sent_all) EXPECT_TRUE(packet::ParseDtlsDatagram(d));
}

class DtlsSrtpProfileTest : public ::testing::TestWithParam<SrtpProfile> {};

TEST_P(DtlsSrtpProfileTest, NegotiatedKeysProtectRtpAndRtcpBothWays) {
  Pair pair(WithProfiles({GetParam()}), WithProfiles({GetParam()}));
  pair.Start();
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  EXPECT_EQ(pair.client.keys->profile, GetParam());
  EXPECT_EQ(pair.client.keys->local_key_salt.size(), srtp::KeySaltLength(GetParam()));
  ExpectSrtpFlows(*pair.client.keys, *pair.server.keys);
  ExpectSrtpFlows(*pair.server.keys, *pair.client.keys);
}

INSTANTIATE_TEST_SUITE_P(Profiles, DtlsSrtpProfileTest,
                         ::testing::Values(SrtpProfile::kAes128CmSha1_80, SrtpProfile::kAeadAes128Gcm,
                                           SrtpProfile::kAes128CmSha1_32, SrtpProfile::kAeadAes256Gcm),
                         [](const auto& p) { return std::string(srtp::ProfileName(p.param)); });

TEST(DtlsTransportTest, ProfileSelection) {
  {  // Both offer both: GCM.
    Pair pair(WithProfiles({SrtpProfile::kAes128CmSha1_80, SrtpProfile::kAeadAes128Gcm}),
              DtlsTransport::DefaultOptions());
    pair.Start();
    pair.Pump();
    ASSERT_TRUE(pair.BothConnected());
    EXPECT_EQ(pair.client.keys->profile, SrtpProfile::kAeadAes128Gcm);
  }
  {  // A client that offers only AES-CM gets AES-CM.
    Pair pair(WithProfiles({SrtpProfile::kAes128CmSha1_80}), DtlsTransport::DefaultOptions());
    pair.Start();
    pair.Pump();
    ASSERT_TRUE(pair.BothConnected());
    EXPECT_EQ(pair.server.keys->profile, SrtpProfile::kAes128CmSha1_80);
    EXPECT_EQ(pair.server.keys->local_key_salt.size(), 30u);
  }
  {  // No common profile: the handshake fails.
    Pair pair(WithProfiles({SrtpProfile::kAes128CmSha1_32}), WithProfiles({SrtpProfile::kAeadAes128Gcm}));
    pair.Start();
    pair.Pump();
    EXPECT_EQ(pair.client.transport->state(), DtlsState::kFailed);
    ASSERT_TRUE(pair.client.failure.has_value());
    EXPECT_EQ(pair.client.failure->code, "dtls.no-srtp-profile");
    EXPECT_EQ(pair.client.connected_calls, 0);
  }
}

TEST(DtlsTransportTest, FingerprintMismatchFailsOnTheVerifyingSide) {
  // The client expects some other certificate: it rejects the server's.
  Pair pair(DtlsTransport::DefaultOptions(), DtlsTransport::DefaultOptions(), false);
  auto other = DtlsCertificate::Generate("someone-else");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(pair.client.transport->SetRemoteFingerprint("sha-256", other->fingerprint()).ok());
  ASSERT_TRUE(pair.server.transport->SetRemoteFingerprint("sha-256", test::SharedCertificate(0).fingerprint()).ok());
  pair.Start();
  pair.Pump();
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kFailed);
  ASSERT_TRUE(pair.client.failure.has_value());
  EXPECT_EQ(pair.client.failure->code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(pair.client.transport->counters().fingerprint_mismatches, 1u);
  EXPECT_EQ(pair.client.connected_calls, 0);
  // The server got the bad_certificate alert and failed too, but not for a mismatch.
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kFailed);
  ASSERT_TRUE(pair.server.failure.has_value());
  EXPECT_NE(pair.server.failure->code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(pair.server.transport->counters().fingerprint_mismatches, 0u);
  EXPECT_EQ(pair.server.connected_calls, 0);
}

TEST(DtlsTransportTest, ServerRejectsClientWithWrongFingerprint) {
  Pair pair(DtlsTransport::DefaultOptions(), DtlsTransport::DefaultOptions(), false);
  ASSERT_TRUE(pair.client.transport->SetRemoteFingerprint("sha-256", test::SharedCertificate(1).fingerprint()).ok());
  // Right certificate, wrong hash function's digest: sha-1 of the client certificate,
  // signalled with one byte flipped.
  auto sha1 = test::SharedCertificate(0).FingerprintFor(HashFunction::kSha1);
  ASSERT_TRUE(sha1.ok());
  std::string wrong = sha1->ToString();
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  ASSERT_TRUE(pair.server.transport->SetRemoteFingerprint("SHA-1", wrong).ok());
  pair.Start();
  pair.Pump();
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kFailed);
  ASSERT_TRUE(pair.server.failure.has_value());
  EXPECT_EQ(pair.server.failure->code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(pair.server.connected_calls, 0);
  EXPECT_NE(pair.client.transport->state(), DtlsState::kConnected);
}

TEST(DtlsTransportTest, Sha1AndSha512FingerprintsAccepted) {
  Pair pair(DtlsTransport::DefaultOptions(), DtlsTransport::DefaultOptions(), false);
  auto s512 = test::SharedCertificate(1).FingerprintFor(HashFunction::kSha512);
  auto s1 = test::SharedCertificate(0).FingerprintFor(HashFunction::kSha1);
  ASSERT_TRUE(s512.ok() && s1.ok());
  ASSERT_TRUE(pair.client.transport->SetRemoteFingerprint(*s512).ok());
  ASSERT_TRUE(pair.server.transport->SetRemoteFingerprint("sha-1", s1->ToString()).ok());
  pair.Start();
  pair.Pump();
  EXPECT_TRUE(pair.BothConnected());
}

TEST(DtlsTransportTest, FingerprintSignalledAfterHandshake) {
  Pair pair(DtlsTransport::DefaultOptions(), DtlsTransport::DefaultOptions(), false);
  ASSERT_TRUE(pair.client.transport->SetRemoteFingerprint("sha-256", test::SharedCertificate(1).fingerprint()).ok());
  pair.Start();
  pair.Pump();
  // The client is connected; the server finished OpenSSL's part but has not verified yet.
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kConnected);
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kConnecting);
  EXPECT_EQ(pair.server.connected_calls, 0);
  // Data from the unverified peer is not delivered.
  const std::vector<uint8_t> early = {1, 2, 3};
  ASSERT_TRUE(pair.client.transport->SendApplicationData(early).ok());
  pair.Pump();
  EXPECT_TRUE(pair.server.received.empty());
  EXPECT_EQ(pair.server.transport->counters().dropped_wrong_state, 1u);
  // The fingerprint arrives (e.g. the transport-info came late): now it connects.
  const std::string lower = [] {
    std::string f = test::SharedCertificate(0).fingerprint();
    for (char& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return f;
  }();
  ASSERT_TRUE(pair.server.transport->SetRemoteFingerprint("sha-256", lower).ok());
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kConnected);
  ASSERT_EQ(pair.server.connected_calls, 1);
  EXPECT_EQ(pair.server.keys->remote_key_salt, pair.client.keys->local_key_salt);
}

TEST(DtlsTransportTest, LateFingerprintMismatchFails) {
  Pair pair(DtlsTransport::DefaultOptions(), DtlsTransport::DefaultOptions(), false);
  ASSERT_TRUE(pair.client.transport->SetRemoteFingerprint("sha-256", test::SharedCertificate(1).fingerprint()).ok());
  pair.Start();
  pair.Pump();
  ASSERT_TRUE(pair.server.transport->SetRemoteFingerprint("sha-256", test::SharedCertificate(1).fingerprint()).ok());
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kFailed);
  ASSERT_TRUE(pair.server.failure.has_value());
  EXPECT_EQ(pair.server.failure->code, "dtls.fingerprint-mismatch");
  EXPECT_EQ(pair.server.transport->counters().fingerprint_mismatches, 1u);
  // Its close_notify reaches the client.
  pair.Pump();
  EXPECT_EQ(pair.client.closed_calls, 1);
}

TEST(DtlsTransportTest, LostClientHelloRecoveredByTimeout) {
  Pair pair(FastTimer(), FastTimer());
  pair.Start();
  // The first flight (ClientHello) is lost.
  pair.Pump([](bool from_client, int n) { return from_client && n == 0; });
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kConnecting);
  EXPECT_EQ(pair.server.transport->counters().datagrams_received, 0u);
  // Nothing expires early: HandleTimeout right now resends nothing.
  const size_t sent_before = pair.client.sent_all.size();
  pair.client.transport->HandleTimeout();
  EXPECT_EQ(pair.client.sent_all.size(), sent_before);
  WaitAndHandleTimeout(pair.client);
  EXPECT_EQ(pair.client.sent_all.size(), sent_before + 1);
  EXPECT_EQ(pair.client.transport->counters().retransmit_timeouts, 1u);
  pair.Pump();
  EXPECT_TRUE(pair.BothConnected());
}

TEST(DtlsTransportTest, LostServerFinalFlightRecovered) {
  Pair pair(FastTimer(), FastTimer());
  pair.Start();
  // Deliver everything except the server's last flight (CCS + Finished, sent once the server
  // has finished): the server is connected, the client is not.
  bool dropping = true;
  pair.Pump([&](bool from_client, int) {
    return dropping && !from_client && pair.server.transport->state() == DtlsState::kConnected;
  });
  ASSERT_EQ(pair.server.transport->state(), DtlsState::kConnected);
  ASSERT_EQ(pair.client.transport->state(), DtlsState::kConnecting);
  dropping = false;
  // The client's timer resends its flight; the connected server answers it again.
  WaitAndHandleTimeout(pair.client);
  pair.Pump();
  EXPECT_TRUE(pair.BothConnected());
  EXPECT_EQ(pair.client.keys->local_key_salt, pair.server.keys->remote_key_salt);
  EXPECT_EQ(pair.server.connected_calls, 1);
}

TEST(DtlsTransportTest, HandshakeGivesUpAfterRepeatedLoss) {
  auto fast = DtlsTransport::DefaultOptions();
  fast.initial_retransmit = std::chrono::milliseconds(20);
  fast.max_retransmit = std::chrono::milliseconds(20);
  Pair pair(fast, fast);
  pair.Start();
  pair.Pump([](bool from_client, int) { return from_client; });  // the server never hears us
  for (int i = 0; i < 20 && pair.client.transport->state() == DtlsState::kConnecting; ++i) {
    WaitAndHandleTimeout(pair.client);
    pair.client.outbox.clear();
  }
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kFailed);
  ASSERT_TRUE(pair.client.failure.has_value());
  EXPECT_EQ(pair.client.failure->code, "dtls.handshake-timeout");
  EXPECT_GE(pair.client.transport->counters().retransmit_timeouts, 10u);
}

TEST(DtlsTransportTest, ApplicationDataBothWays) {
  Pair pair;
  pair.Start();
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  // An SCTP INIT-sized message, and a full 1200-byte one, each way.
  std::vector<uint8_t> small(100), big(1200);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 13);
  for (size_t i = 0; i < small.size(); ++i) small[i] = static_cast<uint8_t>(255 - i);
  ASSERT_TRUE(pair.client.transport->SendApplicationData(small).ok());
  ASSERT_TRUE(pair.client.transport->SendApplicationData(big).ok());
  ASSERT_TRUE(pair.server.transport->SendApplicationData(big).ok());
  pair.Pump();
  ASSERT_EQ(pair.server.received.size(), 2u);
  EXPECT_EQ(pair.server.received[0], small);
  EXPECT_EQ(pair.server.received[1], big);
  ASSERT_EQ(pair.client.received.size(), 1u);
  EXPECT_EQ(pair.client.received[0], big);
  // Encrypted on the wire: the plaintext does not appear in what the client sent.
  const auto& wire = pair.client.sent_all.back();
  EXPECT_EQ(std::search(wire.begin(), wire.end(), big.begin(), big.begin() + 64), wire.end());
  EXPECT_EQ(pair.server.transport->counters().app_messages_received, 2u);
  EXPECT_EQ(pair.client.transport->counters().app_messages_sent, 2u);

  // Two records in one datagram are both delivered.
  ASSERT_TRUE(pair.client.transport->SendApplicationData(small).ok());
  ASSERT_TRUE(pair.client.transport->SendApplicationData(small).ok());
  ASSERT_EQ(pair.client.outbox.size(), 2u);
  std::vector<uint8_t> joined = pair.client.outbox[0];
  joined.insert(joined.end(), pair.client.outbox[1].begin(), pair.client.outbox[1].end());
  pair.client.outbox.clear();
  pair.server.transport->HandleIncoming(joined);
  EXPECT_EQ(pair.server.received.size(), 4u);

  // Limits.
  EXPECT_FALSE(pair.client.transport->SendApplicationData({}).ok());
  std::vector<uint8_t> huge(DtlsTransport::kMaxApplicationData + 1);
  auto too_big = pair.client.transport->SendApplicationData(huge);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, "dtls.too-large");
}

TEST(DtlsTransportTest, GarbageInputDroppedAndCounted) {
  Pair pair;
  pair.Start();
  auto& server = *pair.server.transport;
  const std::vector<std::vector<uint8_t>> garbage = {
      {},                                              // empty
      {0x16},                                          // one byte
      {0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x00, 1, 2, 3},  // length past the end
      {0x18, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // heartbeat content type
      {0x16, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // TLS, not DTLS, version
      {0x80, 0x60, 0x00, 0x01},                        // RTP
  };
  for (const auto& g : garbage) server.HandleIncoming(g);
  EXPECT_EQ(server.counters().dropped_malformed, garbage.size());
  // Oversize.
  std::vector<uint8_t> huge(DtlsTransport::kMaxDatagramSize + 1, 0x16);
  server.HandleIncoming(huge);
  EXPECT_EQ(server.counters().dropped_oversize, 1u);
  // A well-framed record of a future epoch (as a forged encrypted Finished would be): OpenSSL
  // discards it when it does not decrypt, nothing fails. (A malformed epoch-0 handshake
  // message, by contrast, is a fatal protocol error in OpenSSL.)
  std::vector<uint8_t> junk = {0x16, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 0xde, 0xad, 0xbe, 0xef};
  server.HandleIncoming(junk);
  EXPECT_EQ(server.state(), DtlsState::kConnecting);
  EXPECT_TRUE(pair.server.outbox.empty());
  // The real handshake still completes.
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  // Garbage and a stale handshake record after connecting change nothing either.
  for (const auto& g : garbage) server.HandleIncoming(g);
  server.HandleIncoming(junk);
  std::vector<uint8_t> fake_app = {0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 7, 0, 3, 1, 2, 3};
  server.HandleIncoming(fake_app);
  EXPECT_EQ(server.state(), DtlsState::kConnected);
  EXPECT_TRUE(pair.server.received.empty());
  const std::vector<uint8_t> msg = {9, 8, 7};
  ASSERT_TRUE(pair.client.transport->SendApplicationData(msg).ok());
  pair.Pump();
  ASSERT_EQ(pair.server.received.size(), 1u);
  EXPECT_EQ(pair.server.received[0], msg);
}

TEST(DtlsTransportTest, CloseSendsCloseNotify) {
  Pair pair;
  pair.Start();
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  pair.client.transport->Close();
  EXPECT_EQ(pair.client.transport->state(), DtlsState::kClosed);
  ASSERT_FALSE(pair.client.outbox.empty());
  // close_notify is an encrypted alert record.
  EXPECT_EQ(pair.client.outbox.front()[0], 21);
  pair.Pump();
  EXPECT_EQ(pair.server.closed_calls, 1);
  EXPECT_EQ(pair.server.transport->state(), DtlsState::kClosed);
  EXPECT_EQ(pair.client.closed_calls, 0);  // local Close does not call back
  const std::vector<uint8_t> msg = {1};
  auto r = pair.server.transport->SendApplicationData(msg);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "dtls.bad-state");
  EXPECT_FALSE(pair.server.transport->NextTimeout().has_value());
}

TEST(DtlsTransportTest, SmallMtuFragmentsFlights) {
  auto small = DtlsTransport::DefaultOptions();
  small.mtu = 300;
  Pair pair(small, small);
  pair.Start();
  pair.Pump();
  ASSERT_TRUE(pair.BothConnected());
  size_t largest = 0;
  for (const auto& d : pair.server.sent_all) largest = std::max(largest, d.size());
  for (const auto& d : pair.client.sent_all) largest = std::max(largest, d.size());
  EXPECT_LE(largest, 300u);
  EXPECT_GT(largest, 200u);
}

TEST(DtlsTransportTest, StateRules) {
  Peer peer;
  auto t = DtlsTransport::Create(test::SharedCertificate(0), &peer);
  ASSERT_TRUE(t.ok());
  auto& transport = **t;
  EXPECT_EQ(transport.state(), DtlsState::kNew);
  auto r = transport.Start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "dtls.no-role");
  // Input before Start is dropped.
  const std::vector<uint8_t> hello = {0x16, 0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  transport.HandleIncoming(hello);
  EXPECT_EQ(transport.counters().dropped_wrong_state, 1u);
  EXPECT_FALSE(transport.NextTimeout().has_value());
  ASSERT_TRUE(transport.SetRole(DtlsRole::kClient).ok());
  ASSERT_TRUE(transport.Start().ok());
  EXPECT_EQ(transport.SetRole(DtlsRole::kServer).error().code, "dtls.bad-state");
  EXPECT_EQ(transport.Start().error().code, "dtls.bad-state");
  // A client sends its ClientHello at once and arms the timer (default 100 ms).
  ASSERT_EQ(peer.outbox.size(), 1u);
  EXPECT_EQ(peer.outbox[0][0], 22);
  EXPECT_EQ(peer.outbox[0][13], 1);  // handshake type client_hello
  const auto timeout = transport.NextTimeout();
  ASSERT_TRUE(timeout.has_value());
  EXPECT_LE(*timeout, std::chrono::milliseconds(100));
  EXPECT_EQ(transport.SendApplicationData(hello).error().code, "dtls.bad-state");
  EXPECT_EQ(transport.SetRemoteFingerprint("md5", "00").error().code, "dtls.bad-hash");
  // Options are checked.
  auto bad = DtlsTransport::DefaultOptions();
  bad.mtu = 100;
  EXPECT_FALSE(DtlsTransport::Create(test::SharedCertificate(0), &peer, bad).ok());
  bad = DtlsTransport::DefaultOptions();
  bad.srtp_profiles.clear();
  EXPECT_FALSE(DtlsTransport::Create(test::SharedCertificate(0), &peer, bad).ok());
  EXPECT_FALSE(DtlsTransport::Create(test::SharedCertificate(0), nullptr).ok());
}

}  // namespace
}  // namespace meet::media::dtls
