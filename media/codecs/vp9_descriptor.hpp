#pragma once
// VP9 RTP payload descriptor (RFC 9628 section 4.2): flags I P L F B E V Z, picture id (7/15
// bit), layer indices (TID, U, SID, D, and TL0PICIDX in non-flexible mode), reference
// P_DIFFs in flexible mode, and the scalability structure (SS). Key frame per the brief of
// the bridge: not inter-predicted (!P), start of a frame (B) and the base spatial layer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::codecs {

inline constexpr size_t kVp9MaxSpatialLayers = 8;
inline constexpr size_t kVp9MaxRefs = 3;

struct Vp9Descriptor {
  bool has_picture_id = false;   // I
  bool inter_picture = false;    // P
  bool has_layer_indices = false;  // L
  bool flexible_mode = false;    // F
  bool beginning_of_frame = false;  // B
  bool end_of_frame = false;     // E
  bool has_scalability_structure = false;  // V
  bool not_reference = false;    // Z
  bool picture_id_15bit = false;
  uint16_t picture_id = 0;
  uint8_t temporal_id = 0;
  bool switching_up = false;     // U
  uint8_t spatial_id = 0;
  bool inter_layer_dependency = false;  // D
  bool has_tl0_pic_idx = false;
  uint8_t tl0_pic_idx = 0;
  uint8_t ref_count = 0;
  std::array<uint8_t, kVp9MaxRefs> p_diffs{};
  // Scalability structure.
  uint8_t ss_spatial_layers = 0;  // N_S + 1
  bool ss_has_resolutions = false;
  std::array<uint16_t, kVp9MaxSpatialLayers> ss_widths{};
  std::array<uint16_t, kVp9MaxSpatialLayers> ss_heights{};
  uint8_t ss_group_count = 0;                 // N_G
  std::span<const uint8_t> ss_groups;         // raw picture group descriptions
  size_t header_size = 0;
  size_t picture_id_offset = 0;
  size_t tl0_pic_idx_offset = 0;

  bool key_frame() const { return !inter_picture && beginning_of_frame && spatial_id == 0; }
};

packet::ParseResult<Vp9Descriptor> ParseVp9Descriptor(std::span<const uint8_t> payload);

bool SetVp9PictureId(std::span<uint8_t> payload, const Vp9Descriptor& descriptor, uint16_t picture_id);
bool SetVp9Tl0PicIdx(std::span<uint8_t> payload, const Vp9Descriptor& descriptor, uint8_t tl0_pic_idx);

}  // namespace meet::media::codecs
