#include "media/codecs/vp9_descriptor.hpp"

#include "media/codecs/picture_id.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::codecs {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Vp9Descriptor> ParseVp9Descriptor(std::span<const uint8_t> p) {
  if (p.empty()) return Drop{DropReason::kEmpty, 0};
  Vp9Descriptor d;
  const uint8_t b0 = p[0];
  d.has_picture_id = (b0 & 0x80) != 0;
  d.inter_picture = (b0 & 0x40) != 0;
  d.has_layer_indices = (b0 & 0x20) != 0;
  d.flexible_mode = (b0 & 0x10) != 0;
  d.beginning_of_frame = (b0 & 0x08) != 0;
  d.end_of_frame = (b0 & 0x04) != 0;
  d.has_scalability_structure = (b0 & 0x02) != 0;
  d.not_reference = (b0 & 0x01) != 0;
  size_t pos = 1;
  const auto bad = [&](size_t at) { return Drop{DropReason::kVp9BadDescriptor, at}; };

  if (d.has_picture_id) {
    if (p.size() <= pos) return bad(pos);
    d.picture_id_offset = pos;
    if (p[pos] & 0x80) {
      if (p.size() <= pos + 1) return bad(pos);
      d.picture_id_15bit = true;
      d.picture_id = static_cast<uint16_t>(((p[pos] & 0x7f) << 8) | p[pos + 1]);
      pos += 2;
    } else {
      d.picture_id = p[pos++] & 0x7f;
    }
  }
  if (d.has_layer_indices) {
    if (p.size() <= pos) return bad(pos);
    const uint8_t l = p[pos++];
    d.temporal_id = l >> 5;
    d.switching_up = (l & 0x10) != 0;
    d.spatial_id = (l >> 1) & 0x07;
    d.inter_layer_dependency = (l & 0x01) != 0;
    if (!d.flexible_mode) {
      if (p.size() <= pos) return bad(pos);
      d.has_tl0_pic_idx = true;
      d.tl0_pic_idx_offset = pos;
      d.tl0_pic_idx = p[pos++];
    }
  }
  if (d.flexible_mode && d.inter_picture) {
    bool more = true;
    while (more) {
      if (d.ref_count == kVp9MaxRefs) return bad(pos);
      if (p.size() <= pos) return bad(pos);
      d.p_diffs[d.ref_count++] = p[pos] >> 1;
      more = (p[pos] & 0x01) != 0;
      ++pos;
    }
  }
  if (d.has_scalability_structure) {
    const auto bad_ss = [&](size_t at) { return Drop{DropReason::kVp9BadScalabilityStructure, at}; };
    if (p.size() <= pos) return bad_ss(pos);
    const uint8_t s = p[pos++];
    d.ss_spatial_layers = static_cast<uint8_t>((s >> 5) + 1);
    d.ss_has_resolutions = (s & 0x10) != 0;
    const bool has_groups = (s & 0x08) != 0;
    if (d.ss_has_resolutions) {
      if (p.size() - pos < 4u * d.ss_spatial_layers) return bad_ss(pos);
      for (size_t i = 0; i < d.ss_spatial_layers; ++i) {
        d.ss_widths[i] = packet::ReadBe16(&p[pos]);
        d.ss_heights[i] = packet::ReadBe16(&p[pos + 2]);
        pos += 4;
      }
    }
    if (has_groups) {
      if (p.size() <= pos) return bad_ss(pos);
      d.ss_group_count = p[pos++];
      const size_t start = pos;
      for (size_t g = 0; g < d.ss_group_count; ++g) {
        if (p.size() <= pos) return bad_ss(pos);
        const size_t refs = (p[pos] >> 2) & 0x03;
        if (p.size() - pos - 1 < refs) return bad_ss(pos);
        pos += 1 + refs;
      }
      d.ss_groups = p.subspan(start, pos - start);
    }
  }
  if (p.size() <= pos) return bad(pos);  // no VP9 data
  d.header_size = pos;
  return d;
}

bool SetVp9PictureId(std::span<uint8_t> payload, const Vp9Descriptor& d, uint16_t picture_id) {
  return d.has_picture_id && WritePictureId(payload, d.picture_id_offset, d.picture_id_15bit, picture_id);
}

bool SetVp9Tl0PicIdx(std::span<uint8_t> payload, const Vp9Descriptor& d, uint8_t tl0_pic_idx) {
  if (!d.has_tl0_pic_idx || d.tl0_pic_idx_offset >= payload.size()) return false;
  payload[d.tl0_pic_idx_offset] = tl0_pic_idx;
  return true;
}

}  // namespace meet::media::codecs
