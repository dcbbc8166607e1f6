// SrtpSession: protect/unprotect round trips for every profile, in place, plus the failure
// kinds (auth, replay, malformed) and their counters.
#include "media/srtp/srtp_session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "media/srtp/srtp_library.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace meet::media::srtp {
namespace {

std::vector<uint8_t> TestKey(SrtpProfile profile, uint8_t seed) {
  std::vector<uint8_t> key(KeySaltLength(profile));
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(seed + i * 7);
  return key;
}

// A realistic VP8-sized RTP packet: V=2, PT 100, one-byte header extension block (RFC 8285)
// with an abs-send-time element, then `payload` bytes.
std::vector<uint8_t> MakeRtp(uint32_t ssrc, uint16_t seq, size_t payload = 1000) {
  std::vector<uint8_t> p = {0x90, 100, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq),
                            0x00, 0x01, 0x5f, 0x90,  // timestamp
                            static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                            static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc),
                            0xbe, 0xde, 0x00, 0x01,  // one-byte extensions, 1 word
                            0x32, 0x12, 0x34, 0x56};  // id 3 len 3
  for (size_t i = 0; i < payload; ++i) p.push_back(static_cast<uint8_t>(i * 31 + seq));
  return p;
}

// RTCP receiver report with one report block.
std::vector<uint8_t> MakeRtcpRr(uint32_t ssrc, uint32_t media_ssrc) {
  std::vector<uint8_t> p = {0x81, 201, 0x00, 0x07,
                            static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                            static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc),
                            static_cast<uint8_t>(media_ssrc >> 24), static_cast<uint8_t>(media_ssrc >> 16),
                            static_cast<uint8_t>(media_ssrc >> 8), static_cast<uint8_t>(media_ssrc)};
  for (int i = 0; i < 20; ++i) p.push_back(static_cast<uint8_t>(i));
  return p;
}

struct Pair {
  SrtpSession tx;
  SrtpSession rx;
};

Pair MakePair(SrtpProfile profile, const SrtpSession::Options& options = SrtpSession::DefaultOptions()) {
  const auto key = TestKey(profile, 3);
  auto tx = SrtpSession::Create(profile, key, SrtpDirection::kOutbound, options);
  auto rx = SrtpSession::Create(profile, key, SrtpDirection::kInbound, options);
  EXPECT_TRUE(tx.ok()) << tx.error().ToString();
  EXPECT_TRUE(rx.ok()) << rx.error().ToString();
  return Pair{std::move(tx).value(), std::move(rx).value()};
}

// Protects `plain` into a buffer sized exactly for its trailer (so ASan catches any write
// past it) and returns the protected bytes.
std::vector<uint8_t> Protect(SrtpSession& tx, const std::vector<uint8_t>& plain, bool rtcp) {
  const size_t trailer = rtcp ? RtcpTrailerLength(tx.profile()) : RtpTrailerLength(tx.profile());
  std::vector<uint8_t> buf(plain.size() + trailer);
  std::copy(plain.begin(), plain.end(), buf.begin());
  auto len = rtcp ? tx.ProtectRtcp(buf, plain.size()) : tx.ProtectRtp(buf, plain.size());
  EXPECT_TRUE(len.ok()) << len.error().ToString();
  if (!len.ok()) return {};
  EXPECT_EQ(*len, plain.size() + trailer);
  buf.resize(*len);
  return buf;
}

Result<size_t> Unprotect(SrtpSession& rx, std::vector<uint8_t> packet, bool rtcp,
                         std::vector<uint8_t>* out = nullptr) {
  auto len = rtcp ? rx.UnprotectRtcp(packet, packet.size()) : rx.UnprotectRtp(packet, packet.size());
  if (len.ok() && out != nullptr) *out = std::vector<uint8_t>(packet.begin(), packet.begin() + *len);
  return len;
}

class SrtpProfileTest : public ::testing::TestWithParam<SrtpProfile> {};

TEST_P(SrtpProfileTest, RtpRoundTripInPlace) {
  Pair pair = MakePair(GetParam());
  for (uint16_t seq = 65530; seq != 10; ++seq) {  // crosses the sequence-number wrap (ROC)
    const auto plain = MakeRtp(0x11223344, seq);
    const auto srtp = Protect(pair.tx, plain, false);
    ASSERT_FALSE(srtp.empty());
    // Header stays in clear, payload is encrypted.
    EXPECT_TRUE(std::equal(plain.begin(), plain.begin() + 20, srtp.begin()));
    EXPECT_FALSE(std::equal(plain.begin() + 20, plain.end(), srtp.begin() + 20));
    std::vector<uint8_t> back;
    auto len = Unprotect(pair.rx, srtp, false, &back);
    ASSERT_TRUE(len.ok()) << len.error().ToString();
    EXPECT_EQ(back, plain);
  }
  EXPECT_EQ(pair.tx.counters().rtp_protected, 16u);
  EXPECT_EQ(pair.rx.counters().rtp_unprotected, 16u);
}

TEST_P(SrtpProfileTest, RtcpRoundTrip) {
  Pair pair = MakePair(GetParam());
  for (int i = 0; i < 5; ++i) {
    const auto plain = MakeRtcpRr(0xaabbccdd, 0x11223344);
    const auto srtcp = Protect(pair.tx, plain, true);
    ASSERT_FALSE(srtcp.empty());
    // The SRTCP index with the E bit set follows the encrypted part (RFC 3711 section 3.4);
    // with AEAD it comes after the tag instead (RFC 7714 section 9).
    const bool aead = GetParam() == SrtpProfile::kAeadAes128Gcm || GetParam() == SrtpProfile::kAeadAes256Gcm;
    const size_t idx_at = aead ? srtcp.size() - 4 : plain.size();
    EXPECT_EQ(srtcp[idx_at] & 0x80, 0x80);
    EXPECT_EQ(srtcp[idx_at + 3], i + 1);
    std::vector<uint8_t> back;
    auto len = Unprotect(pair.rx, srtcp, true, &back);
    ASSERT_TRUE(len.ok()) << len.error().ToString();
    EXPECT_EQ(back, plain);
  }
  EXPECT_EQ(pair.rx.counters().rtcp_unprotected, 5u);
}

TEST_P(SrtpProfileTest, TamperedPacketFailsAuthentication) {
  Pair pair = MakePair(GetParam());
  auto srtp = Protect(pair.tx, MakeRtp(7, 100), false);
  srtp[40] ^= 0x01;  // one payload bit
  auto len = Unprotect(pair.rx, srtp, false);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.error().code, "srtp.auth-fail");
  srtp[40] ^= 0x01;
  srtp[2] ^= 0x80;  // the sequence number is authenticated too
  len = Unprotect(pair.rx, srtp, false);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.error().code, "srtp.auth-fail");
  auto srtcp = Protect(pair.tx, MakeRtcpRr(7, 8), true);
  srtcp.back() ^= 0xff;  // tag byte
  len = Unprotect(pair.rx, srtcp, true);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.error().code, "srtp.auth-fail");
  EXPECT_EQ(pair.rx.counters().auth_failures, 3u);
  EXPECT_EQ(pair.rx.counters().rtp_unprotected, 0u);
}

TEST_P(SrtpProfileTest, WrongKeyFailsAuthentication) {
  const auto profile = GetParam();
  auto tx = SrtpSession::Create(profile, TestKey(profile, 1), SrtpDirection::kOutbound);
  auto rx = SrtpSession::Create(profile, TestKey(profile, 2), SrtpDirection::kInbound);
  ASSERT_TRUE(tx.ok() && rx.ok());
  auto len = Unprotect(*rx, Protect(*tx, MakeRtp(9, 1), false), false);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.error().code, "srtp.auth-fail");
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, SrtpProfileTest,
                         ::testing::Values(SrtpProfile::kAes128CmSha1_80, SrtpProfile::kAes128CmSha1_32,
                                           SrtpProfile::kAeadAes128Gcm, SrtpProfile::kAeadAes256Gcm),
                         [](const auto& p) { return std::string(ProfileName(p.param)); });

TEST(SrtpSessionTest, ProfileTable) {
  EXPECT_EQ(KeySaltLength(SrtpProfile::kAes128CmSha1_80), 30u);
  EXPECT_EQ(KeySaltLength(SrtpProfile::kAeadAes128Gcm), 28u);
  EXPECT_EQ(KeySaltLength(SrtpProfile::kAeadAes256Gcm), 44u);
  EXPECT_EQ(DtlsProfileId(SrtpProfile::kAes128CmSha1_80), 0x0001);
  EXPECT_EQ(DtlsProfileId(SrtpProfile::kAes128CmSha1_32), 0x0002);
  EXPECT_EQ(DtlsProfileId(SrtpProfile::kAeadAes128Gcm), 0x0007);
  EXPECT_EQ(DtlsProfileId(SrtpProfile::kAeadAes256Gcm), 0x0008);
  EXPECT_EQ(ProfileFromDtlsId(0x0007), SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(ProfileFromDtlsId(0x0005), std::nullopt);
  EXPECT_EQ(OpenSslProfileName(SrtpProfile::kAeadAes128Gcm), "SRTP_AEAD_AES_128_GCM");
  EXPECT_LE(RtcpTrailerLength(SrtpProfile::kAeadAes256Gcm), SrtpSession::kMaxTrailer);
  EXPECT_NE(SrtpLibrary::Version().find("2."), std::string_view::npos);
}

TEST(SrtpSessionTest, ReplayedPacketRejectedAndCounted) {
  Pair pair = MakePair(SrtpProfile::kAeadAes128Gcm);
  const auto srtp = Protect(pair.tx, MakeRtp(5, 1000), false);
  ASSERT_TRUE(Unprotect(pair.rx, srtp, false).ok());
  auto again = Unprotect(pair.rx, srtp, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "srtp.replay");
  EXPECT_EQ(pair.rx.counters().replay_duplicate, 1u);
  // SRTCP replay too.
  const auto srtcp = Protect(pair.tx, MakeRtcpRr(5, 6), true);
  ASSERT_TRUE(Unprotect(pair.rx, srtcp, true).ok());
  again = Unprotect(pair.rx, srtcp, true);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "srtp.replay");
  EXPECT_EQ(pair.rx.counters().replay_duplicate, 2u);
}

TEST(SrtpSessionTest, LateRetransmissionInsideWindowAcceptedOutsideRejected) {
  auto options = SrtpSession::DefaultOptions();
  options.replay_window = 1024;
  Pair pair = MakePair(SrtpProfile::kAes128CmSha1_80, options);
  std::vector<std::vector<uint8_t>> sent;
  for (uint16_t seq = 0; seq < 1200; ++seq) sent.push_back(Protect(pair.tx, MakeRtp(42, seq, 100), false));
  // Receive everything except seq 300 and seq 50 (lost), then they arrive late (NACK/RTX of
  // the original stream): 300 is 899 packets behind (inside 1024), 50 is 1149 behind.
  for (uint16_t seq = 0; seq < 1200; ++seq) {
    if (seq == 300 || seq == 50) continue;
    ASSERT_TRUE(Unprotect(pair.rx, sent[seq], false).ok()) << seq;
  }
  EXPECT_TRUE(Unprotect(pair.rx, sent[300], false).ok());
  auto old = Unprotect(pair.rx, sent[50], false);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, "srtp.replay-old");
  EXPECT_EQ(pair.rx.counters().replay_old, 1u);

  // The libsrtp default window (128) would have rejected seq 300: the option matters.
  Pair small = MakePair(SrtpProfile::kAes128CmSha1_80, SrtpSession::Options{128, true});
  for (uint16_t seq = 0; seq < 1200; ++seq) {
    if (seq == 300) continue;
    ASSERT_TRUE(Unprotect(small.rx, sent[seq], false).ok());
  }
  auto late = Unprotect(small.rx, sent[300], false);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "srtp.replay-old");
}

TEST(SrtpSessionTest, NewSsrcsWorkWithoutRegistration) {
  Pair pair = MakePair(SrtpProfile::kAeadAes128Gcm);
  // Interleave packets of several SSRCs (audio, simulcast video layers, RTX), each with its
  // own sequence space; each SSRC gets its own context and replay state.
  const uint32_t ssrcs[] = {111, 222, 333, 0xdeadbeef};
  for (uint16_t seq = 0; seq < 20; ++seq) {
    for (uint32_t ssrc : ssrcs) {
      const auto plain = MakeRtp(ssrc, static_cast<uint16_t>(seq + ssrc), 200);
      std::vector<uint8_t> back;
      auto len = Unprotect(pair.rx, Protect(pair.tx, plain, false), false, &back);
      ASSERT_TRUE(len.ok()) << ssrc << ": " << len.error().ToString();
      EXPECT_EQ(back, plain);
    }
  }
  EXPECT_EQ(pair.rx.counters().rtp_unprotected, 80u);
  // Forgetting a context resets its replay state: the same SSRC starts over.
  EXPECT_TRUE(pair.rx.RemoveSsrc(222));
  EXPECT_FALSE(pair.rx.RemoveSsrc(999));
}

TEST(SrtpSessionTest, RtcpFromUnknownSsrc) {
  Pair pair = MakePair(SrtpProfile::kAes128CmSha1_80);
  // RTCP from an SSRC that never sent RTP (a receive-only participant's RR) is accepted.
  const auto plain = MakeRtcpRr(0x01020304, 0x0a0b0c0d);
  std::vector<uint8_t> back;
  auto len = Unprotect(pair.rx, Protect(pair.tx, plain, true), true, &back);
  ASSERT_TRUE(len.ok()) << len.error().ToString();
  EXPECT_EQ(back, plain);
  // A forged SRTCP packet with an unknown SSRC is rejected on authentication, and no
  // context is created for it: a later genuine packet from that SSRC still works.
  auto forged = MakeRtcpRr(0x55555555, 1);
  forged.insert(forged.end(), {0x80, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  len = Unprotect(pair.rx, forged, true);
  ASSERT_FALSE(len.ok());
  EXPECT_EQ(len.error().code, "srtp.auth-fail");
  EXPECT_TRUE(Unprotect(pair.rx, Protect(pair.tx, MakeRtcpRr(0x55555555, 1), true), true).ok());
}

TEST(SrtpSessionTest, MalformedInputRejected) {
  Pair pair = MakePair(SrtpProfile::kAeadAes128Gcm);
  std::vector<uint8_t> buf(1500, 0);
  // Too short, wrong version, CSRC count past the end, extension length past the end.
  const std::vector<std::vector<uint8_t>> bad = {
      {},
      {0x80, 0x60, 0x00},
      {0x40, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0x8f, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0},
      {0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xbe, 0xde, 0xff, 0xff, 0, 0, 0, 0}};
  for (const auto& packet : bad) {
    std::copy(packet.begin(), packet.end(), buf.begin());
    auto r = pair.rx.UnprotectRtp(buf, packet.size());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "srtp.bad-packet");
    r = pair.tx.ProtectRtp(buf, packet.size());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "srtp.bad-packet");
  }
  // RTP header only, without room for a tag.
  const auto header_only = MakeRtp(1, 1, 0);
  std::copy(header_only.begin(), header_only.end(), buf.begin());
  auto r = pair.rx.UnprotectRtp(buf, header_only.size());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.bad-packet");
  // Length beyond the buffer.
  r = pair.rx.UnprotectRtp(std::span<uint8_t>(buf.data(), 100), 101);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.bad-packet");
  // SRTCP too short to carry index and tag.
  const auto rr = MakeRtcpRr(1, 2);
  std::copy(rr.begin(), rr.end(), buf.begin());
  r = pair.rx.UnprotectRtcp(buf, 12);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.bad-packet");
  EXPECT_EQ(pair.rx.counters().bad_packets, 8u);
  EXPECT_EQ(pair.tx.counters().bad_packets, 5u);
  EXPECT_EQ(pair.rx.counters().rtp_unprotected, 0u);
}

TEST(SrtpSessionTest, ProtectNeedsTrailerRoom) {
  Pair pair = MakePair(SrtpProfile::kAeadAes128Gcm);
  auto plain = MakeRtp(1, 1, 100);
  std::vector<uint8_t> buf(plain.size() + 15);  // GCM needs 16
  std::copy(plain.begin(), plain.end(), buf.begin());
  auto r = pair.tx.ProtectRtp(buf, plain.size());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.no-room");
  EXPECT_EQ(pair.tx.counters().no_room, 1u);
  buf.resize(plain.size() + 16);
  r = pair.tx.ProtectRtp(buf, plain.size());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, plain.size() + 16);
}

TEST(SrtpSessionTest, DirectionEnforced) {
  Pair pair = MakePair(SrtpProfile::kAes128CmSha1_80);
  auto plain = MakeRtp(1, 1, 100);
  plain.resize(plain.size() + SrtpSession::kMaxTrailer);
  auto r = pair.rx.ProtectRtp(plain, plain.size() - SrtpSession::kMaxTrailer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.wrong-direction");
  r = pair.tx.UnprotectRtp(plain, plain.size());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.wrong-direction");
}

TEST(SrtpSessionTest, RepeatedTransmissionAllowedOnlyWhenConfigured) {
  Pair allow = MakePair(SrtpProfile::kAes128CmSha1_80);
  const auto plain = MakeRtp(77, 500, 300);
  const auto first = Protect(allow.tx, plain, false);
  const auto second = Protect(allow.tx, plain, false);  // retransmission of the original
  EXPECT_EQ(first, second);
  Pair strict = MakePair(SrtpProfile::kAes128CmSha1_80, SrtpSession::Options{1024, false});
  (void)Protect(strict.tx, plain, false);
  std::vector<uint8_t> buf(plain);
  buf.resize(plain.size() + SrtpSession::kMaxTrailer);
  auto r = strict.tx.ProtectRtp(buf, plain.size());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "srtp.replay");
}

TEST(SrtpSessionTest, CreateValidatesKeyAndOptions) {
  std::vector<uint8_t> key(29);
  auto s = SrtpSession::Create(SrtpProfile::kAes128CmSha1_80, key, SrtpDirection::kInbound);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "srtp.bad-key");
  key.resize(30);
  s = SrtpSession::Create(SrtpProfile::kAes128CmSha1_80, key, SrtpDirection::kInbound,
                          SrtpSession::Options{32768, true});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "srtp.bad-options");
  s = SrtpSession::Create(SrtpProfile::kAes128CmSha1_80, key, SrtpDirection::kInbound,
                          SrtpSession::Options{63, true});
  ASSERT_FALSE(s.ok());
  s = SrtpSession::Create(SrtpProfile::kAes128CmSha1_80, key, SrtpDirection::kInbound);
  ASSERT_TRUE(s.ok());
  // Move keeps the context usable.
  SrtpSession moved = std::move(s).value();
  EXPECT_EQ(moved.direction(), SrtpDirection::kInbound);
}

}  // namespace
}  // namespace meet::media::srtp
