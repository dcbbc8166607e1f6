// First-byte demux fuzz target: classify, then hand the datagram to the parser the class
// names, as the receive path does.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/packet/classifier.hpp"
#include "media/packet/drop_counters.hpp"
#include "media/packet/dtls_record.hpp"
#include "media/packet/stun_message.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtp/rtp_packet_view.hpp"

using namespace meet::media;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> d(data, size);
  const packet::PacketKind kind = packet::Classify(d);
  if ((kind == packet::PacketKind::kRtcp) != packet::IsRtcp(d)) __builtin_trap();
  packet::DropCounters counters;
  switch (kind) {
    case packet::PacketKind::kStun:
      counters.Add(packet::ParseStun(d).reason());
      break;
    case packet::PacketKind::kDtls:
      counters.Add(packet::ParseDtlsDatagram(d).reason());
      break;
    case packet::PacketKind::kRtcp:
      counters.Add(rtcp::ValidateRtcpCompound(d).reason());
      break;
    case packet::PacketKind::kRtp: {
      std::vector<uint8_t> copy(d.begin(), d.end());
      counters.Add(rtp::RtpPacketView::Parse(copy).reason());
      break;
    }
    default:
      counters.Add(packet::DropReason::kUnknownFirstByte);
      break;
  }
  if (counters.Total() > 1) __builtin_trap();
  return 0;
}
