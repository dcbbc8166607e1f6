#include "media/rtp/rtx.hpp"

#include <cstring>

namespace meet::media::rtp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<RtpPacketView> RtxWrap(const RtpPacketView& original, uint8_t rtx_payload_type,
                                           uint32_t rtx_ssrc, uint16_t rtx_sequence_number,
                                           std::span<uint8_t> out) {
  if (rtx_payload_type > 127) return Drop{DropReason::kInvalidArgument, 0};
  const size_t size = RtxSize(original);
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  const size_t header = original.header_size();
  std::memcpy(out.data(), original.data().data(), header);
  packet::WriteBe16(out.data() + header, original.sequence_number());
  if (original.payload_size() > 0) {
    std::memcpy(out.data() + header + 2, original.payload().data(), original.payload_size());
  }
  out[0] &= static_cast<uint8_t>(~0x20);  // no padding
  auto view = RtpPacketView::Parse(out.first(size));
  if (!view) return view;
  view->SetPayloadType(rtx_payload_type);
  view->SetSsrc(rtx_ssrc);
  view->SetSequenceNumber(rtx_sequence_number);
  return view;
}

packet::ParseResult<RtpPacketView> RtxUnwrap(const RtpPacketView& rtx, uint8_t original_payload_type,
                                             uint32_t original_ssrc) {
  if (original_payload_type > 127) return Drop{DropReason::kInvalidArgument, 0};
  if (rtx.payload_size() < 2) return Drop{DropReason::kRtxNoOsn, rtx.header_size()};
  std::span<uint8_t> data = rtx.data();
  const size_t header = rtx.header_size();
  const uint16_t osn = packet::ReadBe16(&data[header]);
  const size_t payload = rtx.payload_size() - 2;
  if (payload > 0) std::memmove(&data[header], &data[header + 2], payload);
  data[0] &= static_cast<uint8_t>(~0x20);
  auto view = RtpPacketView::Parse(data.first(header + payload));
  if (!view) return view;
  view->SetSequenceNumber(osn);
  view->SetPayloadType(original_payload_type);
  view->SetSsrc(original_ssrc);
  return view;
}

}  // namespace meet::media::rtp
