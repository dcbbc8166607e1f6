#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "media/rtp/extension_map.hpp"
#include "media/rtp/header_extensions.hpp"
#include "media/rtp/rtp_packet_builder.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtx.hpp"
#include "media/rtp/seq_num_unwrapper.hpp"
#include "media/rtp/sequence_number.hpp"
#include "tests/support/test_data.hpp"

namespace meet::media::rtp {
namespace {

using packet::DropReason;

std::vector<uint8_t> Data(const char* name) {
  const std::string s = test::ReadData(std::string("rtp/") + name);
  return std::vector<uint8_t>(s.begin(), s.end());
}

ExtensionMap JitsiAudioMap() {
  ExtensionMap map;
  map.Register(1, ExtensionType::kAudioLevel);
  map.Register(5, ExtensionType::kTransportSequenceNumber);
  map.Register(10, ExtensionType::kMid);
  return map;
}

TEST(RtpPacketView, ParsesChromeStyleOpusPacket) {
  auto d = Data("rtp_opus_audio_level.bin");
  auto v = RtpPacketView::Parse(d);
  ASSERT_TRUE(v.ok()) << packet::DropReasonName(v.reason());
  EXPECT_TRUE(v->marker());
  EXPECT_EQ(v->payload_type(), 111);
  EXPECT_EQ(v->sequence_number(), 4660);
  EXPECT_EQ(v->timestamp(), 0x3C4B5A69u);
  EXPECT_EQ(v->ssrc(), 0xA1B2C3D4u);
  EXPECT_EQ(v->csrc_count(), 0u);
  EXPECT_TRUE(v->is_one_byte_form());
  EXPECT_EQ(v->header_size(), 12u + 4 + 8);
  EXPECT_EQ(v->payload_size(), 20u);
  EXPECT_EQ(v->padding_size(), 0u);
  EXPECT_EQ(v->payload()[0], 0x78);

  const ExtensionMap map = JitsiAudioMap();
  auto level = v->GetExtension<AudioLevelExtension>(map);
  ASSERT_TRUE(level.has_value());
  EXPECT_TRUE(level->voice_activity);
  EXPECT_EQ(level->level, 42);
  EXPECT_EQ(v->GetExtension<TransportSequenceNumberExtension>(map), std::optional<uint16_t>(300));
  EXPECT_EQ(v->GetExtension<MidExtension>(map), std::optional<std::string_view>("0"));
  EXPECT_FALSE(v->GetExtension<AbsSendTimeExtension>(map).has_value());  // not registered
  EXPECT_FALSE(v->FindExtension(3).has_value());

  std::vector<int> ids;
  v->ForEachExtension([&](uint8_t id, std::span<uint8_t>) { ids.push_back(id); });
  EXPECT_EQ(ids, (std::vector<int>{1, 5, 10}));
}

TEST(RtpPacketView, SettersRewriteInPlace) {
  auto d = Data("rtp_opus_audio_level.bin");
  auto v = RtpPacketView::Parse(d);
  ASSERT_TRUE(v.ok());
  v->SetSequenceNumber(65535);
  v->SetTimestamp(0xDEADBEEF);
  v->SetSsrc(0x01020304);
  v->SetPayloadType(96);
  v->SetMarker(false);
  auto again = RtpPacketView::Parse(d);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sequence_number(), 65535);
  EXPECT_EQ(again->timestamp(), 0xDEADBEEFu);
  EXPECT_EQ(again->ssrc(), 0x01020304u);
  EXPECT_EQ(again->payload_type(), 96);
  EXPECT_FALSE(again->marker());
  EXPECT_EQ(d[0], 0x90);  // version/X untouched

  const ExtensionMap map = JitsiAudioMap();
  EXPECT_TRUE(again->SetExtension<TransportSequenceNumberExtension>(map, 0xABCD));
  EXPECT_EQ(again->GetExtension<TransportSequenceNumberExtension>(map), std::optional<uint16_t>(0xABCD));
  EXPECT_TRUE(again->SetExtension<MidExtension>(map, "7"));
  EXPECT_FALSE(again->SetExtension<MidExtension>(map, "12"));  // size differs: untouched
  EXPECT_EQ(again->GetExtension<MidExtension>(map), std::optional<std::string_view>("7"));
  EXPECT_TRUE(again->SetExtension<AudioLevelExtension>(map, AudioLevel{false, 127}));
  EXPECT_EQ(again->GetExtension<AudioLevelExtension>(map), (AudioLevel{false, 127}));
  EXPECT_FALSE(again->WriteExtension(3, std::vector<uint8_t>{1}));
}

TEST(RtpPacketView, DropsMalformedHeadersByReason) {
  auto parse = [](std::vector<uint8_t> d) { return RtpPacketView::Parse(d).reason(); };
  EXPECT_EQ(parse({}), DropReason::kEmpty);
  EXPECT_EQ(parse({0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0}), DropReason::kTooShort);
  EXPECT_EQ(parse({0x40, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}), DropReason::kRtpBadVersion);
  // CC = 2 but only one CSRC present.
  EXPECT_EQ(parse({0x82, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9}), DropReason::kRtpCsrcOverflow);
  // X set, no room for the extension header.
  EXPECT_EQ(parse({0x90, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE}), DropReason::kRtpExtensionOverflow);
  // Extension length of 2 words, only 1 present.
  std::vector<uint8_t> ext_over_bytes = {0x90, 111, 0, 1,    0, 0, 0, 2,    0,    0,
                                         0,    1,   0xBE, 0xDE, 0, 2, 0x10, 0xff, 0, 0};
  auto ext_over = RtpPacketView::Parse(ext_over_bytes);
  EXPECT_EQ(ext_over.reason(), DropReason::kRtpExtensionOverflow);
  EXPECT_EQ(ext_over.offset(), 14u);
  // One-byte element (id 1, len 4) running past its 4-byte block.
  EXPECT_EQ(parse({0x90, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x13, 1, 2, 3, 0xAA}),
            DropReason::kRtpBadExtension);
  // Two-byte element with length 9 in a 4-byte block.
  EXPECT_EQ(parse({0x90, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x10, 0x00, 0, 1, 7, 9, 1, 2}),
            DropReason::kRtpBadExtension);
  // Padding count larger than the payload.
  EXPECT_EQ(parse({0xA0, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA, 0x05}), DropReason::kRtpPaddingOverflow);
  // Padding bit with no byte after the header.
  EXPECT_EQ(parse({0xA0, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}), DropReason::kRtpPaddingOverflow);
  EXPECT_EQ(parse({0xA0, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA, 0x00}), DropReason::kRtpZeroPadding);
}

TEST(RtpPacketView, AcceptsPaddingAndReservedIdAndUnknownProfiles) {
  // Padding-only probe: 4 padding bytes, payload empty.
  std::vector<uint8_t> probe_bytes = {0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4};
  auto probe = RtpPacketView::Parse(probe_bytes);
  ASSERT_TRUE(probe.ok());
  EXPECT_EQ(probe->payload_size(), 0u);
  EXPECT_EQ(probe->padding_size(), 4u);
  // One-byte id 15 stops element parsing (the rest is not validated).
  std::vector<uint8_t> stop = {0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x10, 7, 0xFF, 0xFF, 1};
  auto s = RtpPacketView::Parse(stop);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->FindExtension(1).has_value());
  EXPECT_EQ((*s->FindExtension(1))[0], 7);
  // A one-byte element header with id 0 is a single padding byte whatever its length bits
  // say (found by the rtp_packet fuzzer).
  std::vector<uint8_t> id0 = {0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x01, 0x50, 9, 0, 1};
  auto z = RtpPacketView::Parse(id0);
  ASSERT_TRUE(z.ok());
  std::vector<int> seen;
  z->ForEachExtension([&](uint8_t id, std::span<uint8_t> value) { seen.push_back(id * 100 + value[0]); });
  EXPECT_EQ(seen, (std::vector<int>{509}));
  // A non-RFC 8285 profile is bounded but not interpreted.
  std::vector<uint8_t> other = {0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x12, 0x34, 0, 1, 0x13, 1, 2, 3, 9};
  auto o = RtpPacketView::Parse(other);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->extension_profile(), 0x1234);
  EXPECT_FALSE(o->FindExtension(1).has_value());
  EXPECT_EQ(o->payload_size(), 1u);
}

TEST(RtpPacketBuilder, BuildsWhatParseReadsBack) {
  const ExtensionMap map = JitsiAudioMap();
  std::array<uint8_t, 1500> buf{};
  const std::array<uint8_t, 1> level = {0x80 | 30};
  const std::array<uint8_t, 2> tcc = {0x12, 0x34};
  const std::array<uint8_t, 2> mid = {'a', '1'};
  const std::vector<uint8_t> payload(160, 0x5a);
  auto v = RtpPacketBuilder(buf)
               .SetMarker(true)
               .SetPayloadType(111)
               .SetSequenceNumber(7)
               .SetTimestamp(960)
               .SetSsrc(0xCAFEBABE)
               .AddCsrc(0x11111111)
               .AddExtension(1, level)
               .AddExtension(5, tcc)
               .AddExtension(10, mid)
               .SetPayload(payload)
               .SetPadding(3)
               .Build();
  ASSERT_TRUE(v.ok()) << packet::DropReasonName(v.reason());
  EXPECT_EQ(v->size(), 12u + 4 + 4 + 8 + 160 + 3);
  EXPECT_TRUE(v->is_one_byte_form());
  EXPECT_EQ(v->csrc_count(), 1u);
  EXPECT_EQ(v->csrc(0), 0x11111111u);
  EXPECT_EQ(v->payload_size(), 160u);
  EXPECT_EQ(v->padding_size(), 3u);
  EXPECT_EQ(v->GetExtension<AudioLevelExtension>(map), (AudioLevel{true, 30}));
  EXPECT_EQ(v->GetExtension<TransportSequenceNumberExtension>(map), std::optional<uint16_t>(0x1234));
  EXPECT_EQ(v->GetExtension<MidExtension>(map), std::optional<std::string_view>("a1"));
  EXPECT_TRUE(std::equal(payload.begin(), payload.end(), v->payload().begin()));
}

TEST(RtpPacketBuilder, UsesTwoByteFormWhenNeededAndReportsErrors) {
  std::array<uint8_t, 256> buf{};
  const std::vector<uint8_t> dd(20, 0x42);  // longer than 16: two-byte form
  const std::array<uint8_t, 3> ast = {0x01, 0x02, 0x03};
  ExtensionMap map;
  map.Register(11, ExtensionType::kAv1DependencyDescriptor);
  map.Register(3, ExtensionType::kAbsSendTime);
  auto v = RtpPacketBuilder(buf).SetPayloadType(45).AddExtension(11, dd).AddExtension(3, ast).Build();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->is_two_byte_form());
  auto raw = v->GetExtension<DependencyDescriptorExtension>(map);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 20u);
  EXPECT_EQ(v->GetExtension<AbsSendTimeExtension>(map), std::optional<uint32_t>(0x010203));

  std::array<uint8_t, 20> small{};
  EXPECT_EQ(RtpPacketBuilder(small).SetPayload(dd).Build().reason(), DropReason::kBufferTooSmall);
  EXPECT_EQ(RtpPacketBuilder(buf).SetPayloadType(200).Build().reason(), DropReason::kInvalidArgument);
  RtpPacketBuilder many(buf);
  for (int i = 0; i < 16; ++i) many.AddCsrc(static_cast<uint32_t>(i));
  EXPECT_EQ(many.Build().reason(), DropReason::kInvalidArgument);
}

TEST(Rtx, WrapsAndUnwrapsWithOriginalSequenceNumber) {
  std::array<uint8_t, 300> buf{};
  const std::array<uint8_t, 2> tcc = {0x00, 0x10};
  const std::vector<uint8_t> payload = {0x90, 0xe0, 0x80, 0x01, 0x02, 0x03, 0x04};
  auto original = RtpPacketBuilder(buf)
                      .SetPayloadType(100)
                      .SetSequenceNumber(5000)
                      .SetTimestamp(90000)
                      .SetSsrc(1111)
                      .SetMarker(true)
                      .AddExtension(5, tcc)
                      .SetPayload(payload)
                      .SetPadding(5)
                      .Build();
  ASSERT_TRUE(original.ok());
  std::array<uint8_t, 300> rtx_buf{};
  auto rtx = RtxWrap(*original, 96, 2222, 17, rtx_buf);
  ASSERT_TRUE(rtx.ok()) << packet::DropReasonName(rtx.reason());
  EXPECT_EQ(rtx->size(), RtxSize(*original));
  EXPECT_EQ(rtx->payload_type(), 96);
  EXPECT_EQ(rtx->ssrc(), 2222u);
  EXPECT_EQ(rtx->sequence_number(), 17);
  EXPECT_TRUE(rtx->marker());
  EXPECT_EQ(rtx->timestamp(), 90000u);
  EXPECT_EQ(rtx->padding_size(), 0u);
  EXPECT_EQ(rtx->payload_size(), payload.size() + 2);
  EXPECT_EQ(rtx->payload()[0], 5000 >> 8);
  EXPECT_EQ(rtx->payload()[1], 5000 & 0xff);
  ASSERT_TRUE(rtx->FindExtension(5).has_value());

  auto back = RtxUnwrap(*rtx, 100, 1111);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->sequence_number(), 5000);
  EXPECT_EQ(back->payload_type(), 100);
  EXPECT_EQ(back->ssrc(), 1111u);
  EXPECT_EQ(back->timestamp(), 90000u);
  ASSERT_EQ(back->payload_size(), payload.size());
  EXPECT_TRUE(std::equal(payload.begin(), payload.end(), back->payload().begin()));

  // A padding-only RTX probe carries no OSN.
  std::vector<uint8_t> probe = {0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4};
  auto p = RtpPacketView::Parse(probe);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(RtxUnwrap(*p, 100, 1).reason(), DropReason::kRtxNoOsn);
  std::array<uint8_t, 8> tiny{};
  EXPECT_EQ(RtxWrap(*original, 96, 1, 1, tiny).reason(), DropReason::kBufferTooSmall);
}

TEST(SequenceNumbers, CompareAcrossWraparound) {
  EXPECT_TRUE(IsNewerSequenceNumber(1, 65535));
  EXPECT_FALSE(IsNewerSequenceNumber(65535, 1));
  EXPECT_TRUE(IsNewerSequenceNumber(100, 99));
  EXPECT_FALSE(IsNewerSequenceNumber(100, 100));
  EXPECT_TRUE(IsNewerSequenceNumber(0x8000, 0));  // exactly half: the larger is newer
  EXPECT_FALSE(IsNewerSequenceNumber(0, 0x8000));
  EXPECT_TRUE(IsNewerSequenceNumber(0x8001, 1));
  EXPECT_FALSE(IsNewerSequenceNumber(1, 0x8001));
  for (uint32_t a = 0; a < 65536; a += 257) {
    for (uint32_t b = 0; b < 65536; b += 263) {
      const auto x = static_cast<uint16_t>(a), y = static_cast<uint16_t>(b);
      EXPECT_EQ(SequenceDiff(x, y), -SequenceDiff(y, x));
      if (x != y) {
        EXPECT_NE(IsNewerSequenceNumber(x, y), IsNewerSequenceNumber(y, x));
      }
    }
  }
  EXPECT_EQ(SequenceDiff<uint16_t>(1, 65535), 2);
  EXPECT_EQ(SequenceDiff<uint16_t>(65535, 1), -2);
  EXPECT_EQ(LatestSequenceNumber(65530, 3), 3);
  EXPECT_TRUE(IsNewerTimestamp(10, 0xFFFFFF00u));
}

TEST(SequenceNumbers, UnwrapperFollowsWrapsAndReordering) {
  SequenceNumberUnwrapper u;
  EXPECT_EQ(u.Unwrap(65534), 65534);
  EXPECT_EQ(u.Unwrap(65535), 65535);
  EXPECT_EQ(u.Unwrap(0), 65536);
  EXPECT_EQ(u.Unwrap(65533), 65533);  // late packet from before the wrap
  EXPECT_EQ(u.Unwrap(2), 65538);
  EXPECT_EQ(u.PeekUnwrap(1), 65537);
  for (int i = 0; i < 3 * 65536; i += 1000) u.Unwrap(static_cast<uint16_t>(65538 + i));
  EXPECT_GT(*u.last(), 3 * 65536 - 1000);
  TimestampUnwrapper t;
  EXPECT_EQ(t.Unwrap(0xFFFFFFF0u), 0xFFFFFFF0ll);
  EXPECT_EQ(t.Unwrap(0x10), 0x100000010ll);
}

TEST(ExtensionMap, MapsIdsTypesAndUris) {
  ExtensionMap map;
  EXPECT_FALSE(map.Register(0, ExtensionType::kMid));
  EXPECT_TRUE(map.Register(10, ExtensionType::kMid));
  EXPECT_EQ(map.TypeOf(10), ExtensionType::kMid);
  EXPECT_EQ(map.IdOf(ExtensionType::kMid), 10);
  EXPECT_TRUE(map.Register(4, ExtensionType::kMid));  // re-registered elsewhere
  EXPECT_EQ(map.TypeOf(10), ExtensionType::kNone);
  EXPECT_EQ(map.IdOf(ExtensionType::kMid), 4);
  EXPECT_TRUE(map.Register(4, ExtensionType::kRid));  // id taken over by another type
  EXPECT_FALSE(map.IsRegistered(ExtensionType::kMid));
  EXPECT_EQ(ExtensionTypeFromUri("urn:ietf:params:rtp-hdrext:ssrc-audio-level"), ExtensionType::kAudioLevel);
  EXPECT_EQ(ExtensionTypeFromUri(
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
            ExtensionType::kTransportSequenceNumber);
  EXPECT_EQ(ExtensionTypeFromUri("urn:example:unknown"), ExtensionType::kNone);
  for (size_t i = 1; i < kExtensionTypeCount; ++i) {
    const auto type = static_cast<ExtensionType>(i);
    EXPECT_EQ(ExtensionTypeFromUri(ExtensionUri(type)), type);
  }
}

TEST(HeaderExtensions, TypedValueCodecs) {
  EXPECT_EQ(AbsSendTimeExtension::FromMicros(1000000), 1u << 18);  // 1 s
  EXPECT_EQ(AbsSendTimeExtension::FromMicros(64000000), 0u);      // wraps at 64 s
  std::array<uint8_t, 1> b{};
  EXPECT_TRUE(VideoOrientationExtension::Write(b, VideoOrientation{true, false, 3}));
  EXPECT_EQ(b[0], 0x0B);
  EXPECT_EQ(VideoOrientationExtension::Parse(b), (VideoOrientation{true, false, 3}));
  EXPECT_FALSE(AudioLevelExtension::Write(b, AudioLevel{true, 128}));
  const std::array<uint8_t, 4> rid = {'h', 0, 0, 0};  // NUL-padded
  EXPECT_EQ(RidExtension::Parse(rid), std::optional<std::string_view>("h"));
  const std::array<uint8_t, 2> empty = {0, 0};
  EXPECT_FALSE(RidExtension::Parse(empty).has_value());
  const std::array<uint8_t, 3> tcc3 = {1, 2, 3};
  EXPECT_FALSE(TransportSequenceNumberExtension::Parse(tcc3).has_value());
}

}  // namespace
}  // namespace meet::media::rtp
