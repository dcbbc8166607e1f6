#pragma once
// Negotiated RTP header extension ids (from COLIBRI2 <rtp-hdrext>) -> the extension types the
// media code knows. Plain table, one per endpoint/direction; never parsed per packet.

#include <array>
#include <cstdint>
#include <string_view>

namespace meet::media::rtp {

enum class ExtensionType : uint8_t {
  kNone = 0,
  kAudioLevel,              // urn:ietf:params:rtp-hdrext:ssrc-audio-level (RFC 6464)
  kCsrcAudioLevel,          // urn:ietf:params:rtp-hdrext:csrc-audio-level (RFC 6465)
  kAbsSendTime,             // http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
  kTransportSequenceNumber, // draft-holmer-rmcat-transport-wide-cc-extensions-01
  kMid,                     // urn:ietf:params:rtp-hdrext:sdes:mid
  kRid,                     // urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
  kRepairedRid,             // urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
  kAv1DependencyDescriptor, // AV1 RTP spec, dependency descriptor
  kVideoOrientation,        // urn:3gpp:video-orientation
  kTransmissionOffset,      // urn:ietf:params:rtp-hdrext:toffset
  kVideoContentType,        // http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
  kVideoLayersAllocation,   // http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00
  kFrameMarking,            // http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07
  kCount
};

inline constexpr size_t kExtensionTypeCount = static_cast<size_t>(ExtensionType::kCount);

// The URI a type is negotiated with (empty for kNone), and back (kNone when unknown).
std::string_view ExtensionUri(ExtensionType type);
ExtensionType ExtensionTypeFromUri(std::string_view uri);

class ExtensionMap {
 public:
  // Valid ids: 1-14 (one-byte form) and 1-255 (two-byte form). Returns false for id 0 or
  // type kNone. A new registration replaces any earlier one for that id or that type.
  bool Register(uint8_t id, ExtensionType type);
  void Unregister(uint8_t id);
  void Clear();

  ExtensionType TypeOf(uint8_t id) const { return types_[id]; }
  // 0 when the type is not registered.
  uint8_t IdOf(ExtensionType type) const {
    return type < ExtensionType::kCount ? ids_[static_cast<size_t>(type)] : 0;
  }
  bool IsRegistered(ExtensionType type) const { return IdOf(type) != 0; }

 private:
  std::array<ExtensionType, 256> types_{};
  std::array<uint8_t, kExtensionTypeCount> ids_{};
};

}  // namespace meet::media::rtp
