#pragma once
// H.264 RTP payload (RFC 6184, packetization-mode 0/1 as WebRTC uses it): single NAL unit
// (types 1-23), STAP-A (24) and FU-A (28). Reports the NAL types carried, IDR / SPS / PPS
// presence, key frame (an IDR slice or an SPS, which precedes the IDR of a key frame), and
// start of frame (the packet starts a NAL unit that is a parameter set / SEI / AUD, or a slice
// whose first_mb_in_slice is 0). STAP-B, MTAPs and FU-B are rejected (not in mode 1).

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::codecs {

namespace h264_nal {
inline constexpr uint8_t kSlice = 1;
inline constexpr uint8_t kIdr = 5;
inline constexpr uint8_t kSei = 6;
inline constexpr uint8_t kSps = 7;
inline constexpr uint8_t kPps = 8;
inline constexpr uint8_t kAud = 9;
inline constexpr uint8_t kStapA = 24;
inline constexpr uint8_t kFuA = 28;
}  // namespace h264_nal

enum class H264Packetization : uint8_t { kSingleNal, kStapA, kFuA };

struct H264PayloadInfo {
  H264Packetization packetization = H264Packetization::kSingleNal;
  uint8_t nal_type = 0;      // of the single NAL, the first aggregated one, or the fragmented one
  uint8_t nal_count = 0;     // NAL units (or fragments) in the packet
  uint32_t nal_type_mask = 0;  // bit t set when a NAL of type t is carried (or fragmented)
  bool start_of_nal = false;   // FU-A S bit; always true for single NAL and STAP-A
  bool end_of_nal = false;     // FU-A E bit; always true for single NAL and STAP-A
  bool has_idr = false;
  bool has_sps = false;
  bool has_pps = false;
  bool key_frame = false;
  bool start_of_frame = false;
};

packet::ParseResult<H264PayloadInfo> ParseH264Payload(std::span<const uint8_t> payload);

}  // namespace meet::media::codecs
