#include "media/codecs/vp8_descriptor.hpp"

#include "media/codecs/picture_id.hpp"

namespace meet::media::codecs {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Vp8Descriptor> ParseVp8Descriptor(std::span<const uint8_t> p) {
  if (p.empty()) return Drop{DropReason::kEmpty, 0};
  Vp8Descriptor d;
  const uint8_t b0 = p[0];
  d.non_reference = (b0 & 0x20) != 0;
  d.start_of_partition = (b0 & 0x10) != 0;
  d.partition_id = b0 & 0x07;
  size_t pos = 1;
  if (b0 & 0x80) {
    if (p.size() <= pos) return Drop{DropReason::kVp8BadDescriptor, pos};
    const uint8_t x = p[pos++];
    d.has_picture_id = (x & 0x80) != 0;
    d.has_tl0_pic_idx = (x & 0x40) != 0;
    d.has_tid = (x & 0x20) != 0;
    d.has_key_idx = (x & 0x10) != 0;
    if (d.has_picture_id) {
      if (p.size() <= pos) return Drop{DropReason::kVp8BadDescriptor, pos};
      d.picture_id_offset = pos;
      if (p[pos] & 0x80) {
        if (p.size() <= pos + 1) return Drop{DropReason::kVp8BadDescriptor, pos};
        d.picture_id_15bit = true;
        d.picture_id = static_cast<uint16_t>(((p[pos] & 0x7f) << 8) | p[pos + 1]);
        pos += 2;
      } else {
        d.picture_id = p[pos] & 0x7f;
        pos += 1;
      }
    }
    if (d.has_tl0_pic_idx) {
      if (p.size() <= pos) return Drop{DropReason::kVp8BadDescriptor, pos};
      d.tl0_pic_idx_offset = pos;
      d.tl0_pic_idx = p[pos++];
    }
    if (d.has_tid || d.has_key_idx) {
      if (p.size() <= pos) return Drop{DropReason::kVp8BadDescriptor, pos};
      const uint8_t t = p[pos++];
      if (d.has_tid) {
        d.tid = t >> 6;
        d.layer_sync = (t & 0x20) != 0;
      }
      if (d.has_key_idx) d.key_idx = t & 0x1f;
    }
  }
  if (p.size() <= pos) return Drop{DropReason::kVp8BadDescriptor, pos};
  d.header_size = pos;
  d.start_of_frame = d.start_of_partition && d.partition_id == 0;
  d.key_frame = d.start_of_frame && (p[pos] & 0x01) == 0;
  return d;
}

bool SetVp8PictureId(std::span<uint8_t> payload, const Vp8Descriptor& d, uint16_t picture_id) {
  return d.has_picture_id && WritePictureId(payload, d.picture_id_offset, d.picture_id_15bit, picture_id);
}

bool SetVp8Tl0PicIdx(std::span<uint8_t> payload, const Vp8Descriptor& d, uint8_t tl0_pic_idx) {
  if (!d.has_tl0_pic_idx || d.tl0_pic_idx_offset >= payload.size()) return false;
  payload[d.tl0_pic_idx_offset] = tl0_pic_idx;
  return true;
}

}  // namespace meet::media::codecs
