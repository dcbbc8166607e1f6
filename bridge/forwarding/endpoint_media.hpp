#pragma once
// EndpointMedia: what the forwarding plane knows about one endpoint, mapped from COLIBRI2 on the
// control thread (plain structs, posted to the conference's worker):
//  * payload types: Opus, VP8 and VP8's RTX (apt) payload type;
//  * negotiated header extension ids (audio and video maps);
//  * audio sources (one SSRC each) and video sources: a SIM group of up to 3 SSRCs (low, mid,
//    high) each with its FID (RTX) partner, or a single SSRC (+RTX) without SIM;
//  * force-mute.

#include <cstdint>
#include <string>
#include <vector>

#include "media/rtp/extension_map.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::bridge::forwarding {

inline constexpr size_t kMaxEncodings = 3;

struct VideoEncoding {
  uint32_t ssrc = 0;
  uint32_t rtx_ssrc = 0;  // 0 = none
  int height = 0;         // nominal (180 / 360 / 720 for a 3-layer simulcast)
  bool operator==(const VideoEncoding&) const = default;
};

struct VideoSource {
  std::string name;
  std::vector<VideoEncoding> encodings;  // low to high
  // The SSRC receivers know the source by (the first SSRC of the SIM group) and its RTX.
  uint32_t primary_ssrc() const { return encodings.empty() ? 0 : encodings.front().ssrc; }
  uint32_t primary_rtx_ssrc() const { return encodings.empty() ? 0 : encodings.front().rtx_ssrc; }
  bool operator==(const VideoSource&) const = default;
};

struct AudioSource {
  std::string name;
  uint32_t ssrc = 0;
  bool operator==(const AudioSource&) const = default;
};

struct MediaFormat {
  uint8_t opus_pt = 111;
  uint8_t vp8_pt = 100;
  uint8_t vp8_rtx_pt = 0;  // 0 = RTX not negotiated
  media::rtp::ExtensionMap audio_extensions;
  media::rtp::ExtensionMap video_extensions;
};

struct EndpointMedia {
  MediaFormat format;
  std::vector<AudioSource> audio_sources;
  std::vector<VideoSource> video_sources;
  bool mute_audio = false;
  bool mute_video = false;
};

// Maps COLIBRI2 medias, sources and force-mute. Unknown codecs and extension URIs are ignored;
// SSRCs of 0, more than kMaxEncodings SIM members and groups naming unknown SSRCs are skipped.
EndpointMedia MapEndpointMedia(const std::vector<signaling::colibri2::Media>& medias,
                               const signaling::colibri2::Sources& sources,
                               const signaling::colibri2::ForceMute& force_mute);

// Nominal height of encoding `index` of `count` simulcast encodings (scale 4/2/1 of 720p).
int NominalHeight(size_t index, size_t count);

}  // namespace meet::bridge::forwarding
