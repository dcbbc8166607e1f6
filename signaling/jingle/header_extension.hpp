#pragma once
// XEP-0294 <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id uri [senders]/>.

#include <gloox/tag.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::signaling::jingle {

// Header extension URIs the system knows (jitsi-protocol.md 2.4 / 5.1).
namespace hdrext {
inline constexpr const char* kAudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
inline constexpr const char* kMid = "urn:ietf:params:rtp-hdrext:sdes:mid";
inline constexpr const char* kAbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
inline constexpr const char* kTransportCc =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
inline constexpr const char* kAv1DependencyDescriptor =
    "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";
inline constexpr const char* kRid = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
inline constexpr const char* kRepairedRid = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
inline constexpr const char* kTimeOffset = "urn:ietf:params:rtp-hdrext:toffset";
inline constexpr const char* kVideoOrientation = "urn:3gpp:video-orientation";
}  // namespace hdrext

struct HeaderExtension {
  uint8_t id = 0;       // 1..255 (one-byte form uses 1..14)
  std::string uri;
  std::string senders;  // "", "both", "initiator", "responder", "none" (from an extmap direction)
  bool operator==(const HeaderExtension&) const = default;
};

// Error codes: jingle.bad-hdrext-id (not 1..255), jingle.bad-senders, xml.missing-attribute (uri).
Result<HeaderExtension> ParseHeaderExtension(const gloox::Tag& tag, std::string_view where);
void AppendHeaderExtension(gloox::Tag& parent, const HeaderExtension& ext);

}  // namespace meet::signaling::jingle
