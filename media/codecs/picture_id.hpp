#pragma once
// The picture-id field VP8 (RFC 7741) and VP9 (RFC 9628) descriptors share: M bit clear ->
// one byte with a 7-bit id; M bit set -> two bytes with a 15-bit id.

#include <cstddef>
#include <cstdint>
#include <span>

namespace meet::media::codecs {

// Rewrites the picture id at `offset` in place, keeping the field's width; false if the
// field does not fit in `payload`.
inline bool WritePictureId(std::span<uint8_t> payload, size_t offset, bool fifteen_bit,
                           uint16_t picture_id) {
  if (fifteen_bit) {
    if (offset + 2 > payload.size()) return false;
    payload[offset] = static_cast<uint8_t>(0x80 | ((picture_id >> 8) & 0x7f));
    payload[offset + 1] = static_cast<uint8_t>(picture_id);
  } else {
    if (offset + 1 > payload.size()) return false;
    payload[offset] = static_cast<uint8_t>(picture_id & 0x7f);
  }
  return true;
}

}  // namespace meet::media::codecs
