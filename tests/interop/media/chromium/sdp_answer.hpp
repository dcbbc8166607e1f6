#pragma once
// The signalling half of the Chromium interop test: reads what the test needs out of the
// browser's offer (ICE credentials, fingerprint, candidates of the BUNDLE transport, the VP8 and
// Opus payload types, the SSRCs the browser will send, the SCTP port) and writes the answer our
// WebRtcTransport gives: everything BUNDLEd on one ICE/DTLS transport, rtcp-mux, VP8 + Opus
// received (recvonly), SCTP data channels on port 5000, every other m-line rejected.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/sdp/candidate.hpp"
#include "signaling/sdp/session_description.hpp"

namespace meet::test::chromium {

inline constexpr uint16_t kSctpPort = 5000;
inline constexpr uint64_t kMaxMessageSize = 262144;

struct OfferInfo {
  std::string bundle_mid;  // first mid of a=group:BUNDLE: the transport everything shares
  size_t bundle_index = 0;  // its m-line index
  std::string ice_ufrag;
  std::string ice_pwd;
  signaling::sdp::Fingerprint fingerprint;
  std::string setup;  // actpass for a browser offer
  // UDP candidates of the bundle m-line (TCP ones are dropped: our transport is UDP only).
  std::vector<signaling::sdp::Candidate> candidates;

  std::string audio_mid;  // empty when the offer has no audio
  std::optional<uint8_t> opus_payload_type;
  std::vector<uint32_t> audio_ssrcs;

  std::string video_mid;
  std::optional<uint8_t> vp8_payload_type;
  // Primary video SSRCs: every a=ssrc SSRC that is not the second member of an FID group.
  std::vector<uint32_t> video_ssrcs;
  std::vector<uint32_t> video_rtx_ssrcs;

  std::string data_mid;  // m=application … webrtc-datachannel
  std::optional<uint16_t> sctp_port;
};

// Errors: interop.offer-no-bundle, interop.offer-no-ice, interop.offer-no-fingerprint,
// interop.offer-no-opus, interop.offer-no-vp8 (when the offer has that media but not the codec).
Result<OfferInfo> InspectOffer(const signaling::sdp::SessionDescription& offer);

// What our side of the transport says about itself.
struct LocalTransport {
  std::string ice_ufrag;
  std::string ice_pwd;
  std::string fingerprint_hash;  // "sha-256"
  std::string fingerprint;       // "AB:CD:…"
  std::string setup;             // "passive" (browser is the DTLS client) or "active"
  std::vector<signaling::sdp::Candidate> candidates;
  // Trickle ICE: candidates follow separately; the answer carries a=ice-options:trickle and no
  // a=end-of-candidates.
  bool trickle = false;
};

// The answer for `offer` (with `info` = InspectOffer(offer)). Candidates go on the bundle
// m-line followed by a=end-of-candidates (unless local.trickle).
// Error: interop.bad-setup (setup not passive/active).
Result<signaling::sdp::SessionDescription> BuildAnswer(
    const signaling::sdp::SessionDescription& offer, const OfferInfo& info,
    const LocalTransport& local);

}  // namespace meet::test::chromium
