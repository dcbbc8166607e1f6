#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "media/packet/classifier.hpp"
#include "media/packet/drop_counters.hpp"
#include "media/packet/dtls_record.hpp"
#include "media/packet/stun_message.hpp"
#include "tests/support/test_data.hpp"

namespace meet::media::packet {
namespace {

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }
std::vector<uint8_t> Data(const char* name) { return Bytes(test::ReadData(std::string("rtp/") + name)); }

TEST(Classifier, FollowsRfc7983Ranges) {
  auto kind = [](std::vector<uint8_t> d) { return Classify(d); };
  EXPECT_EQ(kind({}), PacketKind::kUnknown);
  EXPECT_EQ(kind({0x00, 0x01}), PacketKind::kStun);
  EXPECT_EQ(kind({0x03}), PacketKind::kStun);
  EXPECT_EQ(kind({0x04}), PacketKind::kUnknown);
  EXPECT_EQ(kind({16}), PacketKind::kZrtp);
  EXPECT_EQ(kind({19}), PacketKind::kZrtp);
  EXPECT_EQ(kind({20}), PacketKind::kDtls);
  EXPECT_EQ(kind({63}), PacketKind::kDtls);
  EXPECT_EQ(kind({64}), PacketKind::kTurnChannel);
  EXPECT_EQ(kind({79}), PacketKind::kTurnChannel);
  EXPECT_EQ(kind({80}), PacketKind::kUnknown);
  EXPECT_EQ(kind({127}), PacketKind::kUnknown);
  EXPECT_EQ(kind({0x80, 111}), PacketKind::kRtp);
  EXPECT_EQ(kind({0x80, 0x80 | 111}), PacketKind::kRtp);  // marker set
  EXPECT_EQ(kind({0x81, 200}), PacketKind::kRtcp);
  EXPECT_EQ(kind({0x8f, 206}), PacketKind::kRtcp);
  EXPECT_EQ(kind({0xbf, 223}), PacketKind::kRtcp);
  EXPECT_EQ(kind({0x80, 224}), PacketKind::kRtp);  // PT 96 with marker
  EXPECT_EQ(kind({0x80, 191}), PacketKind::kRtp);  // PT 63 with marker
  EXPECT_EQ(kind({192}), PacketKind::kUnknown);
  EXPECT_EQ(kind({255}), PacketKind::kUnknown);
  EXPECT_EQ(PacketKindName(PacketKind::kDtls), "dtls");
}

TEST(Classifier, IsRtcpMasksTheMarkerBit) {
  for (int pt = 0; pt < 256; ++pt) {
    const std::vector<uint8_t> d{0x80, static_cast<uint8_t>(pt)};
    const int masked = pt & 0x7f;
    EXPECT_EQ(IsRtcp(d), masked >= 64 && masked <= 95) << pt;
  }
  EXPECT_FALSE(IsRtcp(std::vector<uint8_t>{0x81}));
  EXPECT_FALSE(IsRtcp(std::vector<uint8_t>{0x40, 200}));  // not in 128-191
}

TEST(Stun, ParsesRfc5769RequestWithIceAttributes) {
  const auto d = Data("stun_rfc5769_request.bin");
  ASSERT_EQ(d.size(), 108u);
  EXPECT_TRUE(LooksLikeStun(d));
  EXPECT_EQ(Classify(d), PacketKind::kStun);
  auto m = ParseStun(d);
  ASSERT_TRUE(m.ok()) << DropReasonName(m.reason()) << " at " << m.offset();
  EXPECT_TRUE(m->IsBindingRequest());
  EXPECT_EQ(m->message_class, StunClass::kRequest);
  EXPECT_EQ(m->method, 1);
  EXPECT_EQ(m->transaction_id[0], 0xb7);
  EXPECT_EQ(m->transaction_id[11], 0xae);
  EXPECT_EQ(m->username, "evtj:h6vY");
  ASSERT_TRUE(m->priority.has_value());
  EXPECT_EQ(*m->priority, 0x6e0001ffu);
  ASSERT_TRUE(m->ice_controlled.has_value());
  EXPECT_EQ(*m->ice_controlled, 0x932ff9b151263b36ull);
  EXPECT_FALSE(m->ice_controlling.has_value());
  EXPECT_FALSE(m->use_candidate);
  ASSERT_TRUE(m->message_integrity_offset.has_value());
  EXPECT_EQ(*m->message_integrity_offset, 108u - 8 - 24);
  EXPECT_TRUE(m->has_fingerprint);
  EXPECT_EQ(m->attribute_count, 6u);
}

TEST(Stun, ParsesRfc5769ResponseXorMappedAddress) {
  const auto d = Data("stun_rfc5769_response_ipv4.bin");
  auto m = ParseStun(d);
  ASSERT_TRUE(m.ok()) << DropReasonName(m.reason());
  EXPECT_EQ(m->message_class, StunClass::kSuccess);
  EXPECT_EQ(m->method, 1);
  ASSERT_TRUE(m->xor_mapped_address.has_value());
  EXPECT_EQ(m->xor_mapped_address->family, 1);
  EXPECT_EQ(m->xor_mapped_address->port, 32853);
  EXPECT_EQ(m->xor_mapped_address->address[0], 192);
  EXPECT_EQ(m->xor_mapped_address->address[1], 0);
  EXPECT_EQ(m->xor_mapped_address->address[2], 2);
  EXPECT_EQ(m->xor_mapped_address->address[3], 1);
}

TEST(Stun, DropsMalformedMessagesByReason) {
  const auto good = Data("stun_rfc5769_request.bin");
  EXPECT_EQ(ParseStun({}).reason(), DropReason::kEmpty);
  EXPECT_EQ(ParseStun(std::span(good).first(19)).reason(), DropReason::kTooShort);

  auto bad = good;
  bad[0] |= 0x40;
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadHeader);

  bad = good;
  bad[5] ^= 1;  // magic cookie
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadCookie);

  bad = good;
  bad[3] = 0x59;  // not a multiple of 4
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadLength);
  EXPECT_EQ(ParseStun(std::span(good).first(100)).reason(), DropReason::kStunBadLength);

  bad = good;
  bad[20 + 3] = 0x60;  // SOFTWARE length runs past the end
  auto r = ParseStun(bad);
  EXPECT_EQ(r.reason(), DropReason::kStunAttributeOverflow);
  EXPECT_EQ(r.offset(), 20u);

  bad = good;
  bad.back() ^= 0xff;  // FINGERPRINT value
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadFingerprint);

  // XOR-MAPPED-ADDRESS with an empty value (found by the stun_message fuzzer).
  const std::vector<uint8_t> empty_xma = {0x01, 0x01, 0x00, 0x04, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4,
                                          5,    6,    7,    8,    9,    10,   11,   12,   0x00, 0x20,
                                          0x00, 0x00};
  EXPECT_EQ(ParseStun(empty_xma).reason(), DropReason::kStunBadAttribute);
  // A type whose first byte is outside RFC 7983's STUN range (4-63 is not STUN here).
  bad = good;
  bad[0] = 0x2f;
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadHeader);

  bad = good;
  bad[40 + 3] = 0x08;  // PRIORITY with 8 bytes swallows the next header: wrong size
  EXPECT_EQ(ParseStun(bad).reason(), DropReason::kStunBadAttribute);
}

TEST(Stun, EnforcesIntegrityAndFingerprintPositions) {
  // Binding request: MESSAGE-INTEGRITY then USERNAME (not allowed after integrity).
  std::vector<uint8_t> m = {0x00, 0x01, 0x00, 0x20, 0x21, 0x12, 0xa4, 0x42,
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  for (int i = 0; i < 4; ++i) m.push_back(i == 1 ? 0x08 : (i == 3 ? 0x14 : 0));
  m.insert(m.end(), 20, 0xab);
  m.insert(m.end(), {0x00, 0x06, 0x00, 0x04, 'a', ':', 'b', 'c'});
  EXPECT_EQ(ParseStun(m).reason(), DropReason::kStunAttributeAfterIntegrity);

  // FINGERPRINT (valid) followed by PRIORITY.
  std::vector<uint8_t> f = {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42,
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const uint32_t crc = Crc32(f) ^ 0x5354554E;
  f.insert(f.end(), {0x80, 0x28, 0x00, 0x04, static_cast<uint8_t>(crc >> 24),
                     static_cast<uint8_t>(crc >> 16), static_cast<uint8_t>(crc >> 8),
                     static_cast<uint8_t>(crc)});
  auto ok = ParseStun(f);
  ASSERT_TRUE(ok.ok()) << DropReasonName(ok.reason());
  EXPECT_TRUE(ok->has_fingerprint);
  f[3] = 0x10;
  f.insert(f.end(), {0x00, 0x24, 0x00, 0x04, 0, 0, 0, 1});
  // The CRC covered a header with length 8, so recompute for the new length first.
  const uint32_t crc2 = Crc32(std::span(f).first(20)) ^ 0x5354554E;
  f[24] = static_cast<uint8_t>(crc2 >> 24);
  f[25] = static_cast<uint8_t>(crc2 >> 16);
  f[26] = static_cast<uint8_t>(crc2 >> 8);
  f[27] = static_cast<uint8_t>(crc2);
  EXPECT_EQ(ParseStun(f).reason(), DropReason::kStunAttributeAfterFingerprint);
}

TEST(Stun, Crc32MatchesTheStandardCheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(Crc32(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(Dtls, ParsesOpenSslClientHello) {
  const auto d = Data("dtls_client_hello.bin");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(Classify(d), PacketKind::kDtls);
  auto info = ParseDtlsDatagram(d);
  ASSERT_TRUE(info.ok()) << DropReasonName(info.reason()) << " at " << info.offset();
  EXPECT_EQ(info->record_count, 1u);
  EXPECT_EQ(info->first_content_type, dtls_content::kHandshake);
  ASSERT_TRUE(info->first_handshake.has_value());
  EXPECT_EQ(info->first_handshake->msg_type, 1);  // ClientHello
  EXPECT_EQ(info->first_handshake->message_seq, 0);
  EXPECT_EQ(info->first_handshake->fragment_offset, 0u);
  EXPECT_EQ(info->first_handshake->fragment_length, info->first_handshake->length);
  auto rec = ParseDtlsRecord(d, 0);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->epoch, 0);
  EXPECT_EQ(rec->sequence, 0u);
  EXPECT_EQ(rec->size(), d.size());
}

TEST(Dtls, IteratesSeveralRecordsAndDropsBadOnes) {
  // ChangeCipherSpec (epoch 0) + an encrypted handshake record (epoch 1), as in a Finished flight.
  std::vector<uint8_t> d = {20, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 5, 0, 1, 1};
  const std::vector<uint8_t> enc = {22, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4, 9, 9, 9, 9};
  d.insert(d.end(), enc.begin(), enc.end());
  auto info = ParseDtlsDatagram(d);
  ASSERT_TRUE(info.ok()) << DropReasonName(info.reason());
  EXPECT_EQ(info->record_count, 2u);
  EXPECT_EQ(info->first_content_type, dtls_content::kChangeCipherSpec);
  EXPECT_FALSE(info->first_handshake.has_value());
  auto second = ParseDtlsRecord(d, 14);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->epoch, 1);
  EXPECT_EQ(second->sequence, 0u);

  EXPECT_EQ(ParseDtlsDatagram({}).reason(), DropReason::kEmpty);
  auto truncated = d;
  truncated.pop_back();
  auto t = ParseDtlsDatagram(truncated);
  EXPECT_EQ(t.reason(), DropReason::kDtlsRecordOverflow);
  EXPECT_EQ(t.offset(), 14u + 11);
  auto bad_version = d;
  bad_version[2] = 0x03;
  EXPECT_EQ(ParseDtlsDatagram(bad_version).reason(), DropReason::kDtlsBadVersion);
  auto bad_type = d;
  bad_type[0] = 30;
  EXPECT_EQ(ParseDtlsDatagram(bad_type).reason(), DropReason::kDtlsBadContentType);
  auto tail = d;
  tail.push_back(22);  // a partial header after the last record
  EXPECT_EQ(ParseDtlsDatagram(tail).reason(), DropReason::kTooShort);
  std::vector<uint8_t> huge = {23, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 0x48, 0x01};
  huge.resize(13 + 0x4801);
  EXPECT_EQ(ParseDtlsDatagram(huge).reason(), DropReason::kDtlsRecordTooLarge);
}

TEST(Dtls, DropsHandshakeFragmentLongerThanItsRecord) {
  auto d = Data("dtls_client_hello.bin");
  ASSERT_GT(d.size(), 25u);
  d[13 + 11] = 0xff;  // fragment_length low byte
  d[13 + 10] = 0xff;
  EXPECT_EQ(ParseDtlsDatagram(d).reason(), DropReason::kDtlsBadHandshake);
}

TEST(DropCounters, CountsByReasonAndConvertsToError) {
  DropCounters counters;
  counters.Add(DropReason::kStunBadCookie);
  counters.Add(DropReason::kStunBadCookie);
  counters.Add(DropReason::kRtpBadVersion);
  counters.Add(DropReason::kNone);
  EXPECT_EQ(counters.Get(DropReason::kStunBadCookie), 2u);
  EXPECT_EQ(counters.Get(DropReason::kRtpBadVersion), 1u);
  EXPECT_EQ(counters.Total(), 3u);
  DropCounters other;
  other.Add(DropReason::kRtpBadVersion);
  counters.Merge(other);
  EXPECT_EQ(counters.Get(DropReason::kRtpBadVersion), 2u);

  auto r = ParseStun(std::vector<uint8_t>(20, 0));
  ASSERT_FALSE(r.ok());
  const Error e = r.ToError();
  EXPECT_EQ(e.code, "stun.bad-cookie");
  EXPECT_EQ(e.where, "byte 4");
  EXPECT_FALSE(r.ToResult().ok());
  // Every reason has a distinct name.
  for (size_t i = 1; i < kDropReasonCount; ++i) {
    for (size_t j = i + 1; j < kDropReasonCount; ++j) {
      EXPECT_NE(DropReasonName(static_cast<DropReason>(i)), DropReasonName(static_cast<DropReason>(j)));
    }
  }
}

}  // namespace
}  // namespace meet::media::packet
