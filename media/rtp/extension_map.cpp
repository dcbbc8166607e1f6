#include "media/rtp/extension_map.hpp"

namespace meet::media::rtp {
namespace {

constexpr std::array<std::string_view, kExtensionTypeCount> kUris = {
    "",
    "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "urn:ietf:params:rtp-hdrext:csrc-audio-level",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    "urn:ietf:params:rtp-hdrext:sdes:mid",
    "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
    "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
    "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
    "urn:3gpp:video-orientation",
    "urn:ietf:params:rtp-hdrext:toffset",
    "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type",
    "http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00",
    "http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07",
};

}  // namespace

std::string_view ExtensionUri(ExtensionType type) {
  return type < ExtensionType::kCount ? kUris[static_cast<size_t>(type)] : std::string_view();
}

ExtensionType ExtensionTypeFromUri(std::string_view uri) {
  if (uri.empty()) return ExtensionType::kNone;
  for (size_t i = 1; i < kUris.size(); ++i) {
    if (kUris[i] == uri) return static_cast<ExtensionType>(i);
  }
  return ExtensionType::kNone;
}

bool ExtensionMap::Register(uint8_t id, ExtensionType type) {
  if (id == 0 || type == ExtensionType::kNone || type >= ExtensionType::kCount) return false;
  Unregister(id);
  const size_t t = static_cast<size_t>(type);
  if (ids_[t] != 0) types_[ids_[t]] = ExtensionType::kNone;
  types_[id] = type;
  ids_[t] = id;
  return true;
}

void ExtensionMap::Unregister(uint8_t id) {
  const ExtensionType old = types_[id];
  if (old == ExtensionType::kNone) return;
  ids_[static_cast<size_t>(old)] = 0;
  types_[id] = ExtensionType::kNone;
}

void ExtensionMap::Clear() {
  types_.fill(ExtensionType::kNone);
  ids_.fill(0);
}

}  // namespace meet::media::rtp
