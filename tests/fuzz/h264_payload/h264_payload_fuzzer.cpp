// H.264 RTP payload fuzz target.
#include <cstddef>
#include <cstdint>

#include "media/codecs/h264_payload.hpp"

using namespace meet::media::codecs;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto info = ParseH264Payload(std::span<const uint8_t>(data, size));
  if (!info) return 0;
  if (info->nal_count == 0 || info->nal_type < 1 || info->nal_type > 23) __builtin_trap();
  if ((info->nal_type_mask & (1u << info->nal_type)) == 0) __builtin_trap();
  if (info->key_frame != (info->has_idr || info->has_sps)) __builtin_trap();
  if (info->start_of_frame && !info->start_of_nal) __builtin_trap();
  return 0;
}
