#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "media/rtcp/bye.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/sdes.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "tests/support/test_data.hpp"

namespace meet::media::rtcp {
namespace {

using packet::DropReason;

std::vector<uint8_t> Data(const char* name) {
  const std::string s = test::ReadData(std::string("rtp/") + name);
  return std::vector<uint8_t>(s.begin(), s.end());
}

RtcpHeader Header(std::span<const uint8_t> d, size_t offset = 0) {
  auto h = ParseRtcpHeader(d, offset);
  EXPECT_TRUE(h.ok()) << packet::DropReasonName(h.reason());
  return h.ok() ? *h : RtcpHeader{};
}

TEST(RtcpCompound, ParsesSenderReportAndSdesFixture) {
  const auto d = Data("rtcp_sr_sdes.bin");
  std::vector<uint8_t> types;
  auto count = ForEachRtcpPacket(d, [&](const RtcpHeader& h) { types.push_back(h.packet_type); });
  ASSERT_TRUE(count.ok()) << packet::DropReasonName(count.reason());
  EXPECT_EQ(*count, 2u);
  EXPECT_EQ(types, (std::vector<uint8_t>{packet_type::kSr, packet_type::kSdes}));

  const RtcpHeader sr_header = Header(d);
  auto sr = SenderReport::Parse(sr_header);
  ASSERT_TRUE(sr.ok());
  EXPECT_EQ(sr->sender_ssrc(), 0x3C4B5A69u);
  EXPECT_EQ(sr->sender_info().ntp_timestamp, 0xE9A1B2C3D4E5F607ull);
  EXPECT_EQ(sr->sender_info().rtp_timestamp, 123456u);
  EXPECT_EQ(sr->sender_info().packet_count, 1000u);
  EXPECT_EQ(sr->sender_info().octet_count, 120000u);
  ASSERT_EQ(sr->report_block_count(), 1u);
  const ReportBlock b = sr->report_block(0);
  EXPECT_EQ(b.source_ssrc, 0x11223344u);
  EXPECT_EQ(b.fraction_lost, 26);
  EXPECT_EQ(b.cumulative_lost, 5);
  EXPECT_EQ(b.extended_highest_sequence, 0x1F2A0u);
  EXPECT_EQ(b.jitter, 37u);
  EXPECT_EQ(b.last_sr, 0xB2C3D4E5u);
  EXPECT_EQ(b.delay_since_last_sr, 6554u);

  auto sdes = Sdes::Parse(Header(d, sr_header.size()));
  ASSERT_TRUE(sdes.ok());
  std::vector<std::pair<uint32_t, std::string>> chunks;
  sdes->ForEachChunk([&](const SdesChunk& c) { chunks.emplace_back(c.ssrc, std::string(c.cname)); });
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].first, 0x3C4B5A69u);
  EXPECT_EQ(chunks[0].second, "f4hDx2sNt6oB1Zb3");
  // Typed parsers refuse the wrong packet.
  EXPECT_EQ(ReceiverReport::Parse(sr_header).reason(), DropReason::kRtcpWrongType);
}

TEST(RtcpCompound, DropsBadFramingByReason) {
  const auto good = Data("rtcp_sr_sdes.bin");
  EXPECT_EQ(ValidateRtcpCompound({}).reason(), DropReason::kEmpty);
  auto bad = good;
  bad[0] = 0x41;  // version 1
  EXPECT_EQ(ValidateRtcpCompound(bad).reason(), DropReason::kRtcpBadVersion);
  auto over = good;
  over[2] = 0x10;  // length far past the datagram
  auto r = ValidateRtcpCompound(over);
  EXPECT_EQ(r.reason(), DropReason::kRtcpBadLength);
  EXPECT_EQ(r.offset(), 2u);
  auto truncated = std::vector<uint8_t>(good.begin(), good.end() - 4);
  EXPECT_EQ(ValidateRtcpCompound(truncated).reason(), DropReason::kRtcpBadLength);
  auto tail = good;
  tail.push_back(0x80);  // a partial header after the last packet
  EXPECT_EQ(ValidateRtcpCompound(tail).reason(), DropReason::kTooShort);
  auto padded_first = good;
  padded_first[0] |= 0x20;  // padding on the SR, which is not last
  EXPECT_EQ(ValidateRtcpCompound(padded_first).reason(), DropReason::kRtcpPaddingNotLast);
  auto zero_pad = good;
  zero_pad[52] |= 0x20;  // SDES is last; its last byte (0) is an invalid padding count
  EXPECT_EQ(zero_pad[52] & 0x1f, 1);
  EXPECT_EQ(ValidateRtcpCompound(zero_pad).reason(), DropReason::kRtcpBadPadding);
  // A header-only SR claiming a report block is truncated.
  const std::vector<uint8_t> short_sr = {0x81, 200, 0x00, 0x06, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                                         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(SenderReport::Parse(Header(short_sr)).reason(), DropReason::kRtcpTruncated);
  // SDES whose item runs past the packet.
  const std::vector<uint8_t> bad_sdes = {0x81, 202, 0x00, 0x02, 0, 0, 0, 1, 1, 9, 'a', 'b'};
  EXPECT_EQ(Sdes::Parse(Header(bad_sdes)).reason(), DropReason::kRtcpBadSdes);
}

TEST(RtcpReports, BuildsSenderAndReceiverReportsThatParseBack) {
  const std::array<ReportBlock, 2> blocks = {
      ReportBlock{1, 255, -3, 70000, 12, 0xAABBCCDD, 65536},
      ReportBlock{2, 0, 0x7FFFFF, 1, 0, 0, 0}};
  std::array<uint8_t, 256> buf{};
  auto n = SenderReport::Build(0x1234, SenderInfo{0x0102030405060708ull, 9, 10, 11}, blocks, buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, SenderReport::BuildSize(2));
  auto sr = SenderReport::Parse(Header(std::span(buf).first(*n)));
  ASSERT_TRUE(sr.ok());
  EXPECT_EQ(sr->sender_info(), (SenderInfo{0x0102030405060708ull, 9, 10, 11}));
  ASSERT_EQ(sr->report_block_count(), 2u);
  EXPECT_EQ(sr->report_block(0), blocks[0]);
  EXPECT_EQ(sr->report_block(1), blocks[1]);

  auto m = ReceiverReport::Build(0x99, std::span(blocks).first(1), buf);
  ASSERT_TRUE(m.ok());
  auto rr = ReceiverReport::Parse(Header(std::span(buf).first(*m)));
  ASSERT_TRUE(rr.ok());
  EXPECT_EQ(rr->sender_ssrc(), 0x99u);
  ASSERT_EQ(rr->report_block_count(), 1u);
  EXPECT_EQ(rr->report_block(0).cumulative_lost, -3);
  std::array<uint8_t, 10> tiny{};
  EXPECT_EQ(ReceiverReport::Build(1, blocks, tiny).reason(), DropReason::kBufferTooSmall);
}

TEST(RtcpSdesBye, BuildAndParseRoundTrip) {
  const std::array<SdesChunk, 2> chunks = {SdesChunk{0xA, "abcd"}, SdesChunk{0xB, "xyz123456"}};
  std::array<uint8_t, 128> buf{};
  auto n = Sdes::Build(chunks, buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n % 4, 0u);
  ASSERT_TRUE(ValidateRtcpCompound(std::span(buf).first(*n)).ok());
  auto sdes = Sdes::Parse(Header(std::span(buf).first(*n)));
  ASSERT_TRUE(sdes.ok());
  std::vector<std::string> names;
  sdes->ForEachChunk([&](const SdesChunk& c) { names.emplace_back(c.cname); });
  EXPECT_EQ(names, (std::vector<std::string>{"abcd", "xyz123456"}));

  const std::array<uint32_t, 2> ssrcs = {0x11, 0x22};
  auto m = Bye::Build(ssrcs, "endpoint left", buf);
  ASSERT_TRUE(m.ok());
  auto bye = Bye::Parse(Header(std::span(buf).first(*m)));
  ASSERT_TRUE(bye.ok());
  ASSERT_EQ(bye->ssrc_count(), 2u);
  EXPECT_EQ(bye->ssrc(1), 0x22u);
  EXPECT_EQ(bye->reason(), "endpoint left");
  // A reason length past the packet.
  const std::vector<uint8_t> bad = {0x81, 203, 0x00, 0x02, 0, 0, 0, 1, 20, 'a', 'b', 'c'};
  EXPECT_EQ(Bye::Parse(Header(bad)).reason(), DropReason::kRtcpBadBye);
}

TEST(RtcpNack, ParsesPidAndBitmask) {
  // PID 1000, BLP 0x8005: 1000, 1001, 1003, 1016; second entry PID 65535 BLP 0x0001: 65535, 0.
  const std::vector<uint8_t> d = {0x81, 205, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 2,
                                  0x03, 0xE8, 0x80, 0x05, 0xFF, 0xFF, 0x00, 0x01};
  auto nack = GenericNack::Parse(Header(d));
  ASSERT_TRUE(nack.ok());
  EXPECT_EQ(nack->sender_ssrc(), 1u);
  EXPECT_EQ(nack->media_ssrc(), 2u);
  EXPECT_EQ(nack->item_count(), 2u);
  EXPECT_EQ(nack->LostCount(), 6u);
  std::array<uint16_t, 16> lost{};
  const size_t n = nack->LostSequenceNumbers(lost);
  EXPECT_EQ(std::vector<uint16_t>(lost.begin(), lost.begin() + n),
            (std::vector<uint16_t>{1000, 1001, 1003, 1016, 65535, 0}));
  std::array<uint16_t, 3> few{};
  EXPECT_EQ(nack->LostSequenceNumbers(few), 3u);
}

TEST(RtcpNack, DropsNackWithoutFci) {
  const std::vector<uint8_t> d = {0x81, 205, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2};
  auto nack = GenericNack::Parse(Header(d));
  EXPECT_EQ(nack.reason(), DropReason::kRtcpNackEmpty);
  EXPECT_EQ(nack.offset(), 12u);
  const std::vector<uint8_t> truncated = {0x81, 205, 0x00, 0x01, 0, 0, 0, 1};
  EXPECT_EQ(GenericNack::Parse(Header(truncated)).reason(), DropReason::kRtcpTruncated);
}

TEST(RtcpNack, BuildsFromListAcrossWrapAndParsesBack) {
  const std::vector<uint16_t> lost = {65530, 65531, 65535, 0, 5, 30, 31, 47, 48, 100};
  std::array<uint8_t, 256> buf{};
  auto n = GenericNack::Build(7, 8, lost, buf);
  ASSERT_TRUE(n.ok());
  auto nack = GenericNack::Parse(Header(std::span(buf).first(*n)));
  ASSERT_TRUE(nack.ok());
  // 65530..5 in one entry (distance 11), 30..46 -> 30,31; 47 starts a new one with 48; 100.
  EXPECT_EQ(nack->item_count(), 4u);
  std::vector<uint16_t> back;
  nack->ForEachLost([&](uint16_t s) { back.push_back(s); });
  EXPECT_EQ(back, lost);
  EXPECT_EQ(GenericNack::Build(7, 8, {}, buf).reason(), DropReason::kInvalidArgument);
  std::array<uint8_t, 16> small{};
  EXPECT_EQ(GenericNack::Build(7, 8, lost, small).reason(), DropReason::kBufferTooSmall);
}

TEST(RtcpKeyframeRequests, PliAndFirRoundTrip) {
  std::array<uint8_t, 64> buf{};
  auto n = Pli::Build(0xAAAA, 0xBBBB, buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 12u);
  EXPECT_EQ(buf[0], 0x81);
  EXPECT_EQ(buf[1], 206);
  auto pli = Pli::Parse(Header(std::span(buf).first(*n)));
  ASSERT_TRUE(pli.ok());
  EXPECT_EQ(pli->media_ssrc(), 0xBBBBu);
  EXPECT_EQ(Fir::Parse(Header(std::span(buf).first(*n))).reason(), DropReason::kRtcpWrongType);

  const std::array<FirEntry, 2> entries = {FirEntry{0x1111, 3}, FirEntry{0x2222, 250}};
  auto m = Fir::Build(0xCCCC, entries, buf);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, 28u);
  auto fir = Fir::Parse(Header(std::span(buf).first(*m)));
  ASSERT_TRUE(fir.ok());
  ASSERT_EQ(fir->entry_count(), 2u);
  EXPECT_EQ(fir->entry(0), entries[0]);
  EXPECT_EQ(fir->entry(1), entries[1]);
  const std::vector<uint8_t> no_fci = {0x84, 206, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 0};
  EXPECT_EQ(Fir::Parse(Header(no_fci)).reason(), DropReason::kRtcpTruncated);
}

TEST(RtcpRemb, ParsesGoogRembAndRoundTrips) {
  // 'REMB', 2 SSRCs, exponent 3, mantissa 0x3A98 (15000) -> 120000 bps.
  const std::vector<uint8_t> d = {0x8F, 206, 0x00, 0x06, 0, 0, 0, 1, 0, 0, 0, 0, 'R', 'E', 'M', 'B',
                                  2, (3 << 2) | 0x00, 0x3A, 0x98, 0, 0, 0, 7, 0, 0, 0, 8};
  auto remb = Remb::Parse(Header(d));
  ASSERT_TRUE(remb.ok()) << packet::DropReasonName(remb.reason());
  EXPECT_EQ(remb->bitrate_bps(), 120000u);
  ASSERT_EQ(remb->ssrc_count(), 2u);
  EXPECT_EQ(remb->ssrc(1), 8u);

  std::array<uint8_t, 64> buf{};
  const std::array<uint32_t, 1> ssrcs = {42};
  auto n = Remb::Build(1, 2'500'000, ssrcs, buf);
  ASSERT_TRUE(n.ok());
  auto back = Remb::Parse(Header(std::span(buf).first(*n)));
  ASSERT_TRUE(back.ok());
  EXPECT_LE(back->bitrate_bps(), 2'500'000u);
  EXPECT_GT(back->bitrate_bps(), 2'500'000u - 16);  // exponent 4: rounded down by < 16
  auto bad_tag = d;
  bad_tag[12] = 'X';
  EXPECT_EQ(Remb::Parse(Header(bad_tag)).reason(), DropReason::kRtcpBadRemb);
  auto bad_count = d;
  bad_count[16] = 3;
  EXPECT_EQ(Remb::Parse(Header(bad_count)).reason(), DropReason::kRtcpBadRemb);
}

TEST(RtcpTransportFeedback, ParsesRunLengthFixture) {
  const auto d = Data("rtcp_tcc_run_length.bin");
  ASSERT_TRUE(ValidateRtcpCompound(d).ok());
  std::array<TccPacketResult, 64> out{};
  auto fb = TransportFeedback::Parse(Header(d), out);
  ASSERT_TRUE(fb.ok()) << packet::DropReasonName(fb.reason());
  EXPECT_EQ(fb->header().media_ssrc, 0x3C4B5A69u);
  EXPECT_EQ(fb->header().base_sequence_number, 100);
  EXPECT_EQ(fb->header().reference_time, 0x123);
  EXPECT_EQ(fb->reference_time_us(), 0x123 * 64000);
  EXPECT_EQ(fb->header().feedback_count, 7);
  ASSERT_EQ(fb->status_count(), 5u);
  EXPECT_EQ(fb->received_count(), 5u);
  const std::vector<int32_t> deltas = {4, 4, 8, 0, 252};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(fb->packets()[i].sequence_number, 100 + i);
    EXPECT_TRUE(fb->packets()[i].received);
    EXPECT_EQ(fb->packets()[i].delta_ticks, deltas[i]);
  }
}

TEST(RtcpTransportFeedback, ParsesStatusVectorsWithLargeDeltas) {
  // base 65534, 9 packets: 2-bit vector [small, large, not, not, small, not, not] then 1-bit
  // vector [1, 0] (padded with 0 symbols); deltas 10, -4 (large), 7, 3.
  std::vector<uint8_t> d = {0x8F, 205, 0x00, 0x07, 0, 0, 0, 1, 0, 0, 0, 2, 0xFF, 0xFE, 0x00, 0x09,
                            0xFF, 0xFF, 0xFF, 0x01,  // reference time -1, fb count 1
                            0xD8, 0x10,              // 11 01 10 00 00 01 00 00
                            0xA0, 0x00,              // 1 0 | 1 0 ...
                            10, 0xFF, 0xFC, 7, 3, 0, 0, 0};
  std::array<TccPacketResult, 16> out{};
  auto fb = TransportFeedback::Parse(Header(d), out);
  ASSERT_TRUE(fb.ok()) << packet::DropReasonName(fb.reason()) << " at " << fb.offset();
  EXPECT_EQ(fb->header().reference_time, -1);
  ASSERT_EQ(fb->status_count(), 9u);
  EXPECT_EQ(fb->received_count(), 4u);
  const auto p = fb->packets();
  EXPECT_EQ(p[0], (TccPacketResult{65534, true, 10}));
  EXPECT_EQ(p[1], (TccPacketResult{65535, true, -4}));
  EXPECT_EQ(p[2], (TccPacketResult{0, false, 0}));
  EXPECT_EQ(p[4], (TccPacketResult{2, true, 7}));
  EXPECT_EQ(p[7], (TccPacketResult{5, true, 3}));
  EXPECT_EQ(p[8], (TccPacketResult{6, false, 0}));
}

TEST(RtcpTransportFeedback, DropsMalformedFeedbackByReason) {
  const auto good = Data("rtcp_tcc_run_length.bin");
  std::array<TccPacketResult, 64> out{};
  auto parse = [&](const std::vector<uint8_t>& d) {
    auto h = ParseRtcpHeader(d, 0);
    EXPECT_TRUE(h.ok());
    return TransportFeedback::Parse(*h, out).reason();
  };
  auto zero = good;
  zero[14] = 0;
  zero[15] = 0;
  EXPECT_EQ(parse(zero), DropReason::kTccZeroStatusCount);
  auto too_many = good;
  too_many[15] = 65;
  EXPECT_EQ(TransportFeedback::Parse(Header(too_many), std::span(out).first(64)).reason(),
            DropReason::kTccTooManyPackets);
  // Make the single chunk a run of 60 small deltas: the deltas run out.
  auto delta_over = good;
  delta_over[15] = 60;
  delta_over[21] = 60;
  EXPECT_EQ(parse(delta_over), DropReason::kTccDeltaOverflow);
  auto reserved = good;
  reserved[20] = 0x60;  // run-length chunk with symbol 3
  EXPECT_EQ(parse(reserved), DropReason::kTccBadChunk);
  auto wrong = good;
  wrong[0] = 0xA1;  // FMT 1 (NACK)
  EXPECT_EQ(parse(wrong), DropReason::kRtcpWrongType);
}

TEST(RtcpTransportFeedback, ChunkOverflowWhenStatusCountExceedsChunks) {
  // Status count 20 but only one 1-bit vector chunk (14 symbols) before the end.
  const std::vector<uint8_t> d = {0x8F, 205, 0x00, 0x05, 0, 0, 0, 1, 0, 0, 0, 2,
                                  0x00, 0x01, 0x00, 20, 0, 0, 0, 0, 0x80, 0x00, 0, 0};
  std::array<TccPacketResult, 32> out{};
  auto fb = TransportFeedback::Parse(Header(d), out);
  // The two zero bytes after the vector read as a run-length chunk of 0 packets, then the
  // packet ends with 6 statuses missing.
  EXPECT_EQ(fb.reason(), DropReason::kTccChunkOverflow);
  EXPECT_EQ(fb.offset(), 24u);
}

TEST(RtcpTransportFeedback, BuildProducesWhatParseReadsBack) {
  std::vector<TccPacketResult> packets;
  const uint16_t base = 65000;
  for (int i = 0; i < 700; ++i) {
    TccPacketResult r;
    r.sequence_number = static_cast<uint16_t>(base + i);
    if (i % 97 == 3 || (i >= 200 && i < 260)) {
      r.received = false;
    } else {
      r.received = true;
      r.delta_ticks = (i % 50 == 7) ? -25 : (i % 33 == 1 ? 1000 : (i % 7) * 4);
    }
    packets.push_back(r);
  }
  TccFeedbackHeader h{0x1, 0x2, base, -5, 200};
  std::vector<uint8_t> buf(TransportFeedback::MaxBuildSize(packets.size()));
  auto n = TransportFeedback::Build(h, packets, buf);
  ASSERT_TRUE(n.ok()) << packet::DropReasonName(n.reason());
  EXPECT_EQ(*n % 4, 0u);
  const std::span<const uint8_t> built(buf.data(), *n);
  ASSERT_TRUE(ValidateRtcpCompound(built).ok());
  std::vector<TccPacketResult> out(packets.size());
  auto fb = TransportFeedback::Parse(Header(built), out);
  ASSERT_TRUE(fb.ok()) << packet::DropReasonName(fb.reason()) << " at " << fb.offset();
  EXPECT_EQ(fb->header().reference_time, -5);
  EXPECT_EQ(fb->header().feedback_count, 200);
  ASSERT_EQ(fb->status_count(), packets.size());
  for (size_t i = 0; i < packets.size(); ++i) ASSERT_EQ(fb->packets()[i], packets[i]) << i;

  // Single packet, and a long run that needs run-length chunks.
  std::vector<TccPacketResult> one = {TccPacketResult{9, true, 300}};
  ASSERT_TRUE(TransportFeedback::Build(TccFeedbackHeader{1, 2, 9, 0, 0}, one, buf).ok());
  std::vector<TccPacketResult> bad = {TccPacketResult{1, true, 0}};
  EXPECT_EQ(TransportFeedback::Build(TccFeedbackHeader{1, 2, 9, 0, 0}, bad, buf).reason(),
            DropReason::kInvalidArgument);  // sequence number not base + 0
  std::vector<TccPacketResult> huge = {TccPacketResult{9, true, 40000}};
  EXPECT_EQ(TransportFeedback::Build(TccFeedbackHeader{1, 2, 9, 0, 0}, huge, buf).reason(),
            DropReason::kInvalidArgument);
}

}  // namespace
}  // namespace meet::media::rtcp
