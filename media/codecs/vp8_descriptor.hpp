#pragma once
// VP8 RTP payload descriptor (RFC 7741 section 4.2) and key-frame detection from the VP8
// payload header (RFC 7741 4.3: P bit = 0 on the first partition's start). Rewriters change
// picture id and TL0PICIDX in place, keeping the field widths the sender chose.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::codecs {

struct Vp8Descriptor {
  bool non_reference = false;       // N
  bool start_of_partition = false;  // S
  uint8_t partition_id = 0;         // PID (0-7)
  bool has_picture_id = false;      // I
  bool picture_id_15bit = false;    // M
  uint16_t picture_id = 0;
  bool has_tl0_pic_idx = false;  // L
  uint8_t tl0_pic_idx = 0;
  bool has_tid = false;  // T
  uint8_t tid = 0;
  bool layer_sync = false;  // Y
  bool has_key_idx = false;  // K
  uint8_t key_idx = 0;
  size_t header_size = 0;  // descriptor bytes before the VP8 payload
  size_t picture_id_offset = 0;
  size_t tl0_pic_idx_offset = 0;
  // First packet of a frame (S and PID 0) / of a key frame (and P bit 0).
  bool start_of_frame = false;
  bool key_frame = false;
};

// `payload` is the RTP payload. Drops: kEmpty, kVp8BadDescriptor (truncated descriptor or
// no VP8 data after it).
packet::ParseResult<Vp8Descriptor> ParseVp8Descriptor(std::span<const uint8_t> payload);

// In-place rewrites; false when the field is absent. A 7-bit picture id keeps 7 bits.
bool SetVp8PictureId(std::span<uint8_t> payload, const Vp8Descriptor& descriptor, uint16_t picture_id);
bool SetVp8Tl0PicIdx(std::span<uint8_t> payload, const Vp8Descriptor& descriptor, uint8_t tl0_pic_idx);

}  // namespace meet::media::codecs
