#pragma once
// The focus's offer (jitsi-protocol.md 2.3 / 2.4): the default codec and header-extension set
// (jicofo reference.conf), the same set as COLIBRI2 <media> for the bridge, and the
// session-initiate built from a bridge allocation and the conference's sources.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "focus/participant_features.hpp"
#include "signaling/colibri2/model.hpp"
#include "signaling/jingle/jingle.hpp"

namespace meet::focus {

// Payload type numbers and header extension ids of the default offer (2.4).
namespace offer {
inline constexpr uint8_t kOpus = 111;
inline constexpr uint8_t kTelephoneEvent = 126;
inline constexpr uint8_t kAv1 = 41;
inline constexpr uint8_t kAv1Rtx = 42;
inline constexpr uint8_t kVp8 = 100;
inline constexpr uint8_t kVp8Rtx = 96;
inline constexpr uint8_t kH264 = 107;
inline constexpr uint8_t kH264Rtx = 99;
inline constexpr uint8_t kVp9 = 101;
inline constexpr uint8_t kVp9Rtx = 97;
inline constexpr uint8_t kExtAudioLevel = 1;
inline constexpr uint8_t kExtAbsSendTime = 3;
inline constexpr uint8_t kExtTransportCc = 5;
inline constexpr uint8_t kExtMid = 10;
inline constexpr uint8_t kExtAv1DependencyDescriptor = 11;
inline constexpr uint32_t kSctpStreams = 1024;
inline constexpr const char* kFeedbackMsidAudio = "mixedmslabel mixedlabelaudio0";
inline constexpr const char* kFeedbackMsidVideo = "mixedmslabel mixedlabelvideo0";
}  // namespace offer

// Everything a session-initiate needs besides the offer template.
struct SessionInitiateParams {
  std::string sid;
  std::string initiator;                      // the focus's full real JID
  signaling::jingle::IceUdpTransport bridge_transport;  // copied into every content
  std::optional<uint16_t> sctp_port;          // the bridge's SCTP port; no data content if unset
  signaling::jingle::BridgeSession bridge_session;
  signaling::jingle::SourceMap sources;       // the json-message content (see SourcesForReceiver)
};

class OfferBuilder {
 public:
  // <description> of the audio / video contents for these client features.
  static signaling::jingle::RtpDescription AudioDescription(const ParticipantFeatures& features);
  static signaling::jingle::RtpDescription VideoDescription(const ParticipantFeatures& features);
  // The same payload types and header extensions as COLIBRI2 <media> (audio, then video).
  static std::vector<signaling::colibri2::Media> ColibriMedias(const ParticipantFeatures& features);
  // The session-initiate: contents audio / video / data (as the features allow), each with a
  // copy of the bridge transport, <rtcp-mux/> inside <description>, the BUNDLE group,
  // bridge-session and the json-message sources.
  static signaling::jingle::Jingle SessionInitiate(const ParticipantFeatures& features,
                                                   const SessionInitiateParams& params);
  // What one receiver is told about: every other owner's sources with simulcast stripped, plus
  // the bridge's feedback sources under owner "jvb" with the mixedmslabel msids. Never the
  // receiver's own sources; owners without sources are left out.
  static signaling::jingle::SourceMap SourcesForReceiver(
      const signaling::jingle::SourceMap& conference, std::string_view receiver,
      const signaling::jingle::EndpointSourceSet& feedback);
};

}  // namespace meet::focus
