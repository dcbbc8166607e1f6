// RTP packet view fuzz target. The first 4 input bytes register header extensions (high
// nibble: type, low nibble: id), the rest is the packet. Every accessor and typed extension
// reader runs; seq/ts/ssrc are rewritten on a copy, and an RTX wrap/unwrap round trip must
// give the packet back.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "media/rtp/extension_map.hpp"
#include "media/rtp/header_extensions.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtx.hpp"

using namespace meet::media::rtp;  // NOLINT

namespace {

void Check(bool invariant) {
  if (!invariant) __builtin_trap();
}

template <typename Ext>
void Read(const RtpPacketView& v, const ExtensionMap& map) {
  auto value = v.GetExtension<Ext>(map);
  if (value) {
    volatile size_t sink = Ext::ValueSize(*value);
    (void)sink;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  ExtensionMap map;
  for (size_t i = 0; i < 4; ++i) {
    const auto type = static_cast<ExtensionType>(1 + (data[i] >> 4) % (kExtensionTypeCount - 1));
    map.Register(static_cast<uint8_t>(data[i] & 0x0f), type);  // id 0 is refused
  }
  std::vector<uint8_t> packet(data + 4, data + size);
  auto parsed = RtpPacketView::Parse(packet);
  if (!parsed) return 0;
  RtpPacketView& v = *parsed;
  Check(v.header_size() + v.payload_size() + v.padding_size() == v.size());
  Check(v.header_size() >= kRtpHeaderSize + 4 * v.csrc_count());
  volatile uint64_t sink = v.marker() + v.payload_type() + v.sequence_number() + v.timestamp() + v.ssrc();
  for (size_t i = 0; i < v.csrc_count(); ++i) sink = sink + v.csrc(i);
  for (uint8_t b : v.payload()) sink = sink + b;
  v.ForEachExtension([&](uint8_t id, std::span<uint8_t> value) {
    auto found = v.FindExtension(id);
    Check(found.has_value());
    sink = sink + id + value.size();
  });
  Read<AudioLevelExtension>(v, map);
  Read<AbsSendTimeExtension>(v, map);
  Read<TransportSequenceNumberExtension>(v, map);
  Read<MidExtension>(v, map);
  Read<RidExtension>(v, map);
  Read<RepairedRidExtension>(v, map);
  Read<DependencyDescriptorExtension>(v, map);
  Read<VideoOrientationExtension>(v, map);

  // Rewrites on a copy (with headroom, as the send path has).
  std::vector<uint8_t> copy(packet.size() + 64);
  std::memcpy(copy.data(), packet.data(), packet.size());
  auto rewritten = RtpPacketView::Parse(std::span(copy).first(packet.size()));
  Check(rewritten.ok());
  rewritten->SetSequenceNumber(static_cast<uint16_t>(v.sequence_number() + 1000));
  rewritten->SetTimestamp(v.timestamp() ^ 0x5a5a5a5a);
  rewritten->SetSsrc(~v.ssrc());
  auto again = RtpPacketView::Parse(std::span(copy).first(packet.size()));
  Check(again.ok() && again->sequence_number() == static_cast<uint16_t>(v.sequence_number() + 1000) &&
        again->ssrc() == ~v.ssrc() && again->payload_size() == v.payload_size());
  again->SetExtension<TransportSequenceNumberExtension>(map, 0x1234);

  // RTX round trip.
  std::vector<uint8_t> rtx_buf(RtxSize(v));
  auto rtx = RtxWrap(v, 97, 0xABCDEF01, 7, rtx_buf);
  Check(rtx.ok());
  auto back = RtxUnwrap(*rtx, v.payload_type(), v.ssrc());
  Check(back.ok() && back->sequence_number() == v.sequence_number() &&
        back->payload_size() == v.payload_size() &&
        std::memcmp(back->payload().data(), v.payload().data(), v.payload_size()) == 0);
  return 0;
}
