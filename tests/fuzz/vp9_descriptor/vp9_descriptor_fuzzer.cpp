// VP9 payload descriptor fuzz target: parse, rewrite picture id / TL0PICIDX on a copy and
// check the result reads back with the same layout.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/codecs/vp9_descriptor.hpp"

using namespace meet::media::codecs;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  auto d = ParseVp9Descriptor(in);
  if (!d) return 0;
  if (d->header_size == 0 || d->header_size >= size || d->ref_count > kVp9MaxRefs) __builtin_trap();
  if (d->ss_spatial_layers > kVp9MaxSpatialLayers) __builtin_trap();
  std::vector<uint8_t> copy(in.begin(), in.end());
  const uint16_t new_id = static_cast<uint16_t>(d->picture_id + 1);
  if (SetVp9PictureId(copy, *d, new_id) != d->has_picture_id) __builtin_trap();
  if (SetVp9Tl0PicIdx(copy, *d, 0x42) != d->has_tl0_pic_idx) __builtin_trap();
  auto again = ParseVp9Descriptor(copy);
  if (!again || again->header_size != d->header_size || again->key_frame() != d->key_frame() ||
      again->spatial_id != d->spatial_id || again->ss_group_count != d->ss_group_count) {
    __builtin_trap();
  }
  if (d->has_picture_id &&
      again->picture_id != (d->picture_id_15bit ? (new_id & 0x7fff) : (new_id & 0x7f))) {
    __builtin_trap();
  }
  if (d->has_tl0_pic_idx && again->tl0_pic_idx != 0x42) __builtin_trap();
  return 0;
}
