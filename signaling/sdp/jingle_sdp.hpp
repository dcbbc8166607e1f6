#pragma once
// Jingle <-> SDP as lib-jitsi-meet does it for a JVB session (jitsi-protocol.md 2.3, 2.5, 2.8):
//  * JingleToSdp: the focus's offer (session-initiate / source-add from the focus) as the
//    remote SDP the browser is given: one m-line per content (audio, video, data), transport,
//    codecs, header extensions, remote sources as a=ssrc lines; optionally "exploded" into one
//    m-line per remote SSRC or FID pair with numeric mids.
//  * SdpToJingle: the browser's (munged) answer as the contents of a session-accept, or the
//    sources of a source-add / source-remove.
// Values that cannot be written as SDP (control characters, spaces inside tokens, too long)
// or mapped to Jingle are errors, never silently corrupted output.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/jingle/jingle.hpp"
#include "signaling/sdp/session_description.hpp"

namespace meet::signaling::sdp {

// The max-message-size LJM writes for the data channel m-line.
inline constexpr uint64_t kLjmMaxMessageSize = 262144;
// Longest Jingle value copied into an SDP line.
inline constexpr size_t kMaxMappedValueBytes = 2048;

struct JingleToSdpOptions {
  // JVB session: one m-line per remote SSRC (or FID pair), the first of each media sendrecv and
  // the others sendonly, mids renumbered "0".."N-1", BUNDLE regenerated (2.8). Off: one m-line
  // per content with the content name as mid (what LJM does for P2P).
  bool explode_sources = true;
  // o= session id (LJM uses Date.now()).
  std::string session_id = "0";
  // Also write "a=ssrc:<ssrc> name:<source name>" and "videoType:<type>" for remote sources,
  // so that the mapping back recovers them. Browsers ignore unknown source attributes.
  bool include_source_names = true;
};

// Errors: "jingle-sdp.no-description", "jingle-sdp.no-payload-types", "jingle-sdp.bad-value",
// "jingle-sdp.too-many-media"; `where` names the content ("jingle/content[2]").
// Sources from offer.json_sources are expanded into the audio/video contents first, as LJM does.
Result<SessionDescription> JingleToSdp(const jingle::Jingle& offer,
                                       const JingleToSdpOptions& options = {});

struct SdpToJingleOptions {
  // <initial-last-n xmlns='jitsi:colibri2' value='N'/> in the video content (session-accept).
  std::optional<int32_t> initial_last_n;
};

// The answer as Jingle. session-accept (and any action other than source-add/remove): one
// content per media type named audio/video/data with creator = `creator`, description (payload
// types with fmtp parameters and rtcp-fb, header extensions with senders from the extmap
// direction, extmap-allow-mixed, rtcp-mux, the participant's sources with name, msid and
// videoType, SIM/FID groups), transport (ufrag, pwd, fingerprint with setup, candidates,
// sctpmap from a=sctp-port), senders from the direction. Extra m-lines of a media type only
// contribute their sources and groups to the first content of that type. Sources of recvonly
// m-lines are skipped (Firefox lists receive-only SSRCs there).
// source-add / source-remove: contents named audio/video with a description holding only the
// sources and groups.
// The result has action, contents and bundle set (sid/initiator are the session's business).
// Errors: "jingle-sdp.bad-value" (a value Jingle cannot carry), "jingle-sdp.bad-format".
Result<jingle::Jingle> SdpToJingle(const SessionDescription& answer, jingle::JingleAction action,
                                   std::string_view creator = "responder",
                                   const SdpToJingleOptions& options = {});

// lib-jitsi-meet's parseFmtp: "a=1;b=2;0-15" -> {a,1} {b,2} {"",0-15}; spaces after ';' dropped.
std::vector<jingle::Parameter> ParseFmtpParameters(std::string_view text);

// lib-jitsi-meet's filterSpecialChars: drops \ / { , } + (applied to msid values).
std::string FilterSpecialChars(std::string_view text);

}  // namespace meet::signaling::sdp
