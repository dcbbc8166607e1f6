#include "bridge/forwarding/endpoint_media.hpp"

#include <algorithm>
#include <charconv>

namespace meet::bridge::forwarding {
namespace colibri2 = signaling::colibri2;
namespace jingle = signaling::jingle;

namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

std::optional<uint8_t> Apt(const jingle::PayloadType& pt) {
  auto apt = pt.FindParameter("apt");
  if (!apt) return std::nullopt;
  unsigned value = 0;
  auto [p, ec] = std::from_chars(apt->data(), apt->data() + apt->size(), value);
  if (ec != std::errc() || p != apt->data() + apt->size() || value > 127) return std::nullopt;
  return static_cast<uint8_t>(value);
}

void MapMedia(const colibri2::Media& media, MediaFormat& format) {
  const bool audio = media.type == jingle::MediaType::kAudio;
  media::rtp::ExtensionMap& map = audio ? format.audio_extensions : format.video_extensions;
  for (const auto& ext : media.header_extensions) {
    const auto type = media::rtp::ExtensionTypeFromUri(ext.uri);
    if (type != media::rtp::ExtensionType::kNone) map.Register(ext.id, type);
  }
  if (audio) {
    for (const auto& pt : media.payload_types) {
      if (EqualsNoCase(pt.name, "opus")) format.opus_pt = pt.id;
    }
    return;
  }
  for (const auto& pt : media.payload_types) {
    if (EqualsNoCase(pt.name, "VP8")) format.vp8_pt = pt.id;
  }
  for (const auto& pt : media.payload_types) {
    if (EqualsNoCase(pt.name, "rtx") && Apt(pt) == format.vp8_pt) format.vp8_rtx_pt = pt.id;
  }
}

bool HasSsrc(const colibri2::MediaSource& ms, uint32_t ssrc) {
  return std::any_of(ms.sources.begin(), ms.sources.end(),
                     [&](const jingle::Source& s) { return s.ssrc == ssrc; });
}

VideoSource MapVideo(const colibri2::MediaSource& ms) {
  VideoSource out;
  out.name = ms.id;
  std::vector<uint32_t> primaries;
  for (const auto& group : ms.ssrc_groups) {
    if (group.semantics != "SIM") continue;
    for (uint32_t ssrc : group.ssrcs) {
      if (ssrc != 0 && HasSsrc(ms, ssrc) && primaries.size() < kMaxEncodings) {
        primaries.push_back(ssrc);
      }
    }
    break;
  }
  auto rtx_of = [&](uint32_t ssrc) -> uint32_t {
    for (const auto& group : ms.ssrc_groups) {
      if (group.semantics == "FID" && group.ssrcs.size() == 2 && group.ssrcs[0] == ssrc &&
          HasSsrc(ms, group.ssrcs[1])) {
        return group.ssrcs[1];
      }
    }
    return 0;
  };
  if (primaries.empty()) {
    // No SIM group: the first SSRC that is not an RTX partner.
    for (const auto& s : ms.sources) {
      bool is_rtx = false;
      for (const auto& group : ms.ssrc_groups) {
        if (group.semantics == "FID" && group.ssrcs.size() == 2 && group.ssrcs[1] == s.ssrc) is_rtx = true;
      }
      if (!is_rtx && s.ssrc != 0) {
        primaries.push_back(s.ssrc);
        break;
      }
    }
  }
  for (size_t i = 0; i < primaries.size(); ++i) {
    out.encodings.push_back({primaries[i], rtx_of(primaries[i]), NominalHeight(i, primaries.size())});
  }
  return out;
}

}  // namespace

int NominalHeight(size_t index, size_t count) {
  // Chrome/LJM simulcast: scaleResolutionDownBy 4/2/1 of a 720p capture.
  static constexpr int kHeights[kMaxEncodings] = {180, 360, 720};
  if (count == 0) return 0;
  const size_t offset = kMaxEncodings - std::min(count, kMaxEncodings);
  return kHeights[std::min(index + offset, kMaxEncodings - 1)];
}

EndpointMedia MapEndpointMedia(const std::vector<colibri2::Media>& medias,
                               const colibri2::Sources& sources, const colibri2::ForceMute& force_mute) {
  EndpointMedia out;
  for (const auto& media : medias) MapMedia(media, out.format);
  for (const auto& ms : sources.media_sources) {
    if (ms.type == jingle::MediaType::kAudio) {
      for (const auto& s : ms.sources) {
        if (s.ssrc != 0) {
          out.audio_sources.push_back({ms.id, s.ssrc});
          break;
        }
      }
    } else if (ms.type == jingle::MediaType::kVideo) {
      VideoSource v = MapVideo(ms);
      if (!v.encodings.empty()) out.video_sources.push_back(std::move(v));
    }
  }
  out.mute_audio = force_mute.audio;
  out.mute_video = force_mute.video;
  return out;
}

}  // namespace meet::bridge::forwarding
