// VP8 payload descriptor fuzz target: parse, rewrite picture id / TL0PICIDX on a copy, and
// check the rewrite reads back and changes nothing else.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/codecs/vp8_descriptor.hpp"

using namespace meet::media::codecs;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  auto d = ParseVp8Descriptor(in);
  if (!d) return 0;
  if (d->header_size == 0 || d->header_size >= size) __builtin_trap();
  if (d->key_frame && !d->start_of_frame) __builtin_trap();
  std::vector<uint8_t> copy(in.begin(), in.end());
  const uint16_t new_id = static_cast<uint16_t>(d->picture_id * 31 + 7);
  if (SetVp8PictureId(copy, *d, new_id) != d->has_picture_id) __builtin_trap();
  if (SetVp8Tl0PicIdx(copy, *d, static_cast<uint8_t>(d->tl0_pic_idx + 1)) != d->has_tl0_pic_idx) {
    __builtin_trap();
  }
  auto again = ParseVp8Descriptor(copy);
  if (!again || again->header_size != d->header_size || again->key_frame != d->key_frame) __builtin_trap();
  if (d->has_picture_id &&
      again->picture_id != (d->picture_id_15bit ? (new_id & 0x7fff) : (new_id & 0x7f))) {
    __builtin_trap();
  }
  if (d->has_tl0_pic_idx && again->tl0_pic_idx != static_cast<uint8_t>(d->tl0_pic_idx + 1)) __builtin_trap();
  for (size_t i = d->header_size; i < size; ++i) {
    if (copy[i] != data[i]) __builtin_trap();
  }
  return 0;
}
