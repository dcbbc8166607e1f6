#pragma once
// XEP-0339 sources and groups in the ssma namespace, with Jitsi's attributes:
//   <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='111' name='1a2b3c4d-v0' [videoType='desktop']>
//     <parameter name='msid' value='...'/>
//     <ssrc-info xmlns='http://jitsi.org/jitmeet' owner='1a2b3c4d'/>
//   </source>
//   <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='SIM|FID'><source ssrc='..'/>…</ssrc-group>

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/jingle/payload_type.hpp"

namespace meet::signaling::jingle {

// Bounds (more -> error jingle.too-many-parameters / jingle.too-many-group-sources).
inline constexpr size_t kMaxSourceParameters = 32;
inline constexpr size_t kMaxGroupSources = 32;

enum class MediaType { kAudio, kVideo, kApplication };
std::string_view ToString(MediaType type);             // "audio", "video", "application"
std::optional<MediaType> ParseMediaType(std::string_view text);

struct Source {
  uint32_t ssrc = 0;                   // 1..2^32-1 on the wire (0 is invalid)
  std::string name;                    // "<endpoint>-a0" / "<endpoint>-v0"; may be empty
  std::string video_type;              // "", "camera", "desktop"
  std::string msid;                    // value of <parameter name='msid'>, may be empty
  std::string owner;                   // <ssrc-info owner>, may be empty
  std::vector<Parameter> parameters;   // other <parameter>s (cname, mslabel, label, …)
  bool operator==(const Source&) const = default;
};

struct SsrcGroup {
  std::string semantics;               // "SIM", "FID", "FEC-FR"
  std::vector<uint32_t> ssrcs;
  bool operator==(const SsrcGroup&) const = default;
};

// Error codes: jingle.bad-ssrc (missing, 0 or > 2^32-1), jingle.bad-group (no semantics or
// no sources), jingle.too-many-*, jingle.bad-text. The first non-empty msid <parameter> becomes
// `msid`; every msid parameter is removed from `parameters`. Encoding writes msid first.
Result<Source> ParseSource(const gloox::Tag& tag, std::string_view where);
Result<SsrcGroup> ParseSsrcGroup(const gloox::Tag& tag, std::string_view where);
void AppendSource(gloox::Tag& parent, const Source& source);
void AppendSsrcGroup(gloox::Tag& parent, const SsrcGroup& group);

}  // namespace meet::signaling::jingle
