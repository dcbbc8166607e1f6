#pragma once
// What an offer/answer means, independent of its encoding, so that Jingle -> SDP -> Jingle and
// SDP -> Jingle -> SDP round trips can be checked: per media kind (audio, video, data), the
// codecs (id, name, clock rate, channels, fmtp parameters, rtcp-fb), header extensions with
// direction, sources (ssrc, name, msid, videoType) and groups, transport (ufrag, pwd,
// fingerprints with setup, candidates), direction, rtcp-mux, extmap-allow-mixed and SCTP port.
// Several m-lines of one kind are merged as lib-jitsi-meet does (codecs, transport and direction
// from the first, sources from all but recvonly ones). Not byte equality: order of lines, mids,
// candidate ids, source parameters other than name/msid/videoType, and the characters LJM
// filters from msid do not count.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "signaling/jingle/jingle.hpp"
#include "signaling/sdp/session_description.hpp"

namespace meet::signaling::sdp {

struct CodecMeaning {
  uint8_t id = 0;
  std::string name;                  // lower case
  uint32_t clock_rate = 0;
  uint32_t channels = 1;
  std::vector<std::string> fmtp;     // sorted "name=value" / "value"
  std::vector<std::string> rtcp_fb;  // sorted "type subtype"
  bool operator==(const CodecMeaning&) const = default;
};

struct MediaMeaning {
  std::string kind;       // audio, video, data
  std::string direction;  // sendrecv, sendonly, recvonly, inactive, rejected or ""
  bool rtcp_mux = false;
  bool extmap_allow_mixed = false;
  std::vector<CodecMeaning> codecs;         // sorted by id
  std::vector<std::string> wildcard_fb;     // sorted rtcp-fb for '*'
  std::vector<std::string> extensions;      // sorted "id uri [direction]"
  std::map<uint32_t, std::string> sources;  // ssrc -> "name|msid|videoType"
  std::vector<std::string> groups;          // sorted "SEMANTICS ssrc ssrc…"
  std::string ufrag;
  std::string pwd;
  std::vector<std::string> fingerprints;    // sorted "hash VALUE setup"
  std::vector<std::string> candidates;      // sorted normalised candidate lines
  std::optional<uint16_t> sctp_port;
  bool operator==(const MediaMeaning&) const = default;
};

struct SessionMeaning {
  bool bundle = false;
  std::vector<MediaMeaning> media;  // audio, video, data (only the kinds present)
  bool operator==(const SessionMeaning&) const = default;
  // Readable dump for test failure messages.
  std::string ToString() const;
};

SessionMeaning MeaningOf(const SessionDescription& description);
// Includes the sources of jingle.json_sources, expanded into audio/video as LJM does.
SessionMeaning MeaningOf(const jingle::Jingle& jingle);

}  // namespace meet::signaling::sdp
