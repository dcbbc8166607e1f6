#include "media/codecs/h264_payload.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::codecs {

using packet::Drop;
using packet::DropReason;

namespace {

bool ValidNalHeader(uint8_t header) {
  const uint8_t type = header & 0x1f;
  return (header & 0x80) == 0 && type >= 1 && type <= 23;
}

// Whether a NAL starting with `type` and followed by `rest` (the bytes after the NAL header)
// begins a new frame.
bool StartsFrame(uint8_t type, std::span<const uint8_t> rest) {
  if (type == h264_nal::kSlice || type == h264_nal::kIdr || (type >= 2 && type <= 4)) {
    // first_mb_in_slice is ue(v): "1" (value 0) as the first bit.
    return !rest.empty() && (rest[0] & 0x80) != 0;
  }
  return type == h264_nal::kSps || type == h264_nal::kPps || type == h264_nal::kSei ||
         type == h264_nal::kAud;
}

void Note(H264PayloadInfo& info, uint8_t type) {
  info.nal_type_mask |= 1u << type;
  info.has_idr |= type == h264_nal::kIdr;
  info.has_sps |= type == h264_nal::kSps;
  info.has_pps |= type == h264_nal::kPps;
  ++info.nal_count;
}

}  // namespace

packet::ParseResult<H264PayloadInfo> ParseH264Payload(std::span<const uint8_t> p) {
  if (p.empty()) return Drop{DropReason::kEmpty, 0};
  if (p[0] & 0x80) return Drop{DropReason::kH264BadNal, 0};
  H264PayloadInfo info;
  const uint8_t type = p[0] & 0x1f;
  if (type >= 1 && type <= 23) {
    info.packetization = H264Packetization::kSingleNal;
    info.nal_type = type;
    info.start_of_nal = info.end_of_nal = true;
    Note(info, type);
    info.start_of_frame = StartsFrame(type, p.subspan(1));
  } else if (type == h264_nal::kStapA) {
    info.packetization = H264Packetization::kStapA;
    info.start_of_nal = info.end_of_nal = true;
    size_t pos = 1;
    if (pos == p.size()) return Drop{DropReason::kH264BadAggregation, pos};
    while (pos < p.size()) {
      if (p.size() - pos < 2) return Drop{DropReason::kH264BadAggregation, pos};
      const size_t size = packet::ReadBe16(&p[pos]);
      if (size == 0 || size > p.size() - pos - 2) return Drop{DropReason::kH264BadAggregation, pos};
      const uint8_t header = p[pos + 2];
      if (!ValidNalHeader(header)) return Drop{DropReason::kH264BadNal, pos + 2};
      const uint8_t inner = header & 0x1f;
      if (info.nal_count == 0) {
        info.nal_type = inner;
        info.start_of_frame = StartsFrame(inner, p.subspan(pos + 3, size - 1));
      }
      Note(info, inner);
      if (info.nal_count == 255) return Drop{DropReason::kH264BadAggregation, pos};
      pos += 2 + size;
    }
  } else if (type == h264_nal::kFuA) {
    info.packetization = H264Packetization::kFuA;
    if (p.size() < 3) return Drop{DropReason::kH264BadNal, p.size()};
    const uint8_t fu = p[1];
    info.start_of_nal = (fu & 0x80) != 0;
    info.end_of_nal = (fu & 0x40) != 0;
    const uint8_t inner = fu & 0x1f;
    if ((info.start_of_nal && info.end_of_nal) || inner < 1 || inner > 23) {
      return Drop{DropReason::kH264BadNal, 1};
    }
    info.nal_type = inner;
    Note(info, inner);
    info.start_of_frame = info.start_of_nal && StartsFrame(inner, p.subspan(2));
  } else {
    return Drop{DropReason::kH264BadNal, 0};  // 0, STAP-B, MTAP16/24, FU-B, reserved
  }
  info.key_frame = info.has_idr || info.has_sps;
  return info;
}

}  // namespace meet::media::codecs
