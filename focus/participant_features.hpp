#pragma once
// What a participant's client supports, from its disco#info features (jitsi-protocol.md 1.8).
// Without an answer the focus assumes audio + video + SCTP (jicofo's default).

#include <string>
#include <vector>

namespace meet::focus {

struct ParticipantFeatures {
  static constexpr const char* kAudio = "urn:xmpp:jingle:apps:rtp:audio";
  static constexpr const char* kVideo = "urn:xmpp:jingle:apps:rtp:video";
  static constexpr const char* kSctp = "urn:xmpp:jingle:transports:dtls-sctp:1";
  static constexpr const char* kRtx = "urn:ietf:rfc:4588";
  static constexpr const char* kTcc = "http://jitsi.org/tcc";
  static constexpr const char* kRemb = "http://jitsi.org/remb";
  static constexpr const char* kOpusRed = "http://jitsi.org/opus-red";
  static constexpr const char* kJsonSources = "http://jitsi.org/json-encoded-sources";
  static constexpr const char* kSourceNames = "http://jitsi.org/source-name";
  static constexpr const char* kSsrcRewriting = "http://jitsi.org/ssrc-rewriting-1";

  bool audio = true;
  bool video = true;
  bool sctp = true;
  bool rtx = true;
  bool tcc = true;
  bool remb = true;
  bool json_sources = true;
  bool known = false;  // false: defaults (no disco#info answer yet / timeout)

  // From the <feature var=…/> values of a disco#info result.
  static ParticipantFeatures FromDisco(const std::vector<std::string>& features);
  // The defaults used when disco#info fails or times out.
  static ParticipantFeatures Defaults() { return ParticipantFeatures{}; }
};

}  // namespace meet::focus
