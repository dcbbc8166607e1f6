#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "media/sctp/dcep.hpp"
#include "media/sctp/sctp_packet.hpp"

namespace meet::media::sctp {
namespace {

// DATA_CHANNEL_OPEN as Chromium sends it for lib-jitsi-meet's bridge channel.
std::vector<uint8_t> JvbOpen() {
  const std::string label = "JVB data channel";
  const std::string protocol = "http://jitsi.org/protocols/colibri";
  std::vector<uint8_t> m = {0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0x00,
                            static_cast<uint8_t>(label.size()), 0x00,
                            static_cast<uint8_t>(protocol.size())};
  m.insert(m.end(), label.begin(), label.end());
  m.insert(m.end(), protocol.begin(), protocol.end());
  return m;
}

TEST(Dcep, ParsesBrowserOpenAndSerializesIdentically) {
  auto open = ParseDataChannelOpen(JvbOpen());
  ASSERT_TRUE(open.ok()) << open.error().ToString();
  EXPECT_EQ(open->channel_type, DataChannelType::kReliable);
  EXPECT_EQ(open->priority, 256);
  EXPECT_EQ(open->reliability, 0u);
  EXPECT_EQ(open->label, "JVB data channel");
  EXPECT_EQ(open->protocol, "http://jitsi.org/protocols/colibri");
  EXPECT_EQ(SerializeDataChannelOpen(*open), JvbOpen());
  EXPECT_TRUE(IsDataChannelAck(kDataChannelAck));
  EXPECT_FALSE(IsDataChannelAck(JvbOpen()));
  EXPECT_FALSE(IsUnordered(DataChannelType::kPartialReliableRexmit));
  EXPECT_TRUE(IsUnordered(DataChannelType::kPartialReliableTimedUnordered));
}

TEST(Dcep, RejectsTruncatedAndInconsistentOpens) {
  auto m = JvbOpen();
  EXPECT_EQ(ParseDataChannelOpen({}).error().code, "dcep.not-open");
  EXPECT_EQ(ParseDataChannelOpen(std::span(m).first(11)).error().code, "dcep.short");
  EXPECT_EQ(ParseDataChannelOpen(std::span(m).first(m.size() - 1)).error().code, "dcep.length");
  auto bad_type = m;
  bad_type[1] = 0x7f;
  EXPECT_EQ(ParseDataChannelOpen(bad_type).error().code, "dcep.channel-type");
  auto huge = m;
  huge[8] = 0xff;
  huge[9] = 0xff;  // label length 65535
  EXPECT_EQ(ParseDataChannelOpen(huge).error().code, "dcep.length");
}

TEST(SctpPacket, ChecksumMatchesCrc32cTestVector) {
  // RFC 3720 (iSCSI) CRC32c test vector B.4: 32 bytes of zeros -> 0x8a9136aa; the checksum
  // field (bytes 8..11) is zero, so it is also the SCTP checksum of that "packet". Checked
  // against an independent bitwise computation too.
  std::vector<uint8_t> packet(32, 0);
  uint32_t crc = 0xffffffff;
  for (uint8_t b : packet) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
  }
  EXPECT_EQ(~crc, 0x8a9136aau);
  EXPECT_EQ(ComputeSctpChecksum(packet), 0x8a9136aau);
  WriteSctpChecksum(packet);
  EXPECT_EQ(packet[8], 0xaa);  // little-endian in the header, as usrsctp stores it
  EXPECT_EQ(packet[11], 0x8a);
  EXPECT_TRUE(VerifySctpChecksum(packet));
  packet[20] ^= 1;
  EXPECT_FALSE(VerifySctpChecksum(packet));
}

TEST(SctpPacket, StructureCheckBoundsEveryChunk) {
  // Header (ports 5000/5000, vtag 0x01020304) + a 20-byte INIT-like chunk + a 5-byte chunk
  // whose padding is missing at the end.
  std::vector<uint8_t> p = {0x13, 0x88, 0x13, 0x88, 1, 2, 3, 4, 0, 0, 0, 0};
  std::vector<uint8_t> chunk1(20, 0);
  chunk1[0] = 1;
  chunk1[3] = 20;
  p.insert(p.end(), chunk1.begin(), chunk1.end());
  p.insert(p.end(), {0x00, 0x03, 0x00, 0x05, 0x41});
  auto info = CheckSctpPacket(p);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->source_port, 5000);
  EXPECT_EQ(info->verification_tag, 0x01020304u);
  EXPECT_EQ(info->chunk_count, 2u);
  EXPECT_EQ(info->first_chunk_type, 1);

  auto zero_len = p;
  zero_len[15] = 0;  // chunk length 0 would loop forever
  auto r = CheckSctpPacket(zero_len);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sctp.chunk-length");
  EXPECT_EQ(r.error().where, "12");
  auto past_end = p;
  past_end[34] = 0x00;
  past_end[35] = 0x40;
  EXPECT_EQ(CheckSctpPacket(past_end).error().code, "sctp.chunk-length");
  EXPECT_EQ(CheckSctpPacket(std::span(p).first(8)).error().code, "sctp.short");
  EXPECT_EQ(CheckSctpPacket(std::span(p).first(12)).error().code, "sctp.no-chunks");
  std::vector<uint8_t> too_long(kMaxSctpPacketSize + 1, 0);
  EXPECT_EQ(CheckSctpPacket(too_long).error().code, "sctp.too-long");
}

}  // namespace
}  // namespace meet::media::sctp
