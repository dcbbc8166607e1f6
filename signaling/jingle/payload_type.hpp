#pragma once
// XEP-0167 <payload-type> with XEP-0293 <rtcp-fb> and <parameter>, in the rtp namespace.
// Used inside Jingle <description> and COLIBRI2 <media>.

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::jingle {

// Bounds on children of one <payload-type> (more -> error jingle.too-many-parameters / -rtcp-fbs).
inline constexpr size_t kMaxPayloadParameters = 64;
inline constexpr size_t kMaxRtcpFbs = 32;

// <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
struct RtcpFb {
  std::string type;     // "nack", "ccm", "transport-cc", "goog-remb"
  std::string subtype;  // "pli", "fir", or empty
  bool operator==(const RtcpFb&) const = default;
};

// <parameter name='apt' value='100'/>. A parameter without a name carries a bare fmtp value.
struct Parameter {
  std::string name;
  std::string value;
  bool operator==(const Parameter&) const = default;
};

struct PayloadType {
  uint8_t id = 0;  // 0..127
  std::string name;           // "opus", "VP8", "rtx", "red", "telephone-event"
  uint32_t clockrate = 0;     // 0 = absent
  uint8_t channels = 1;       // XML attribute absent means 1
  std::optional<uint32_t> ptime;
  std::optional<uint32_t> maxptime;
  std::vector<Parameter> parameters;
  std::vector<RtcpFb> rtcp_fbs;

  // Value of a parameter, e.g. Parameter("apt") for rtx.
  std::optional<std::string> FindParameter(std::string_view name) const;
  bool operator==(const PayloadType&) const = default;
};

// Parse/encode single elements. `where` names the element in error messages.
// Error codes: jingle.bad-payload-id (id not 0..127), jingle.bad-rtcp-fb (no type),
// jingle.too-many-parameters, jingle.too-many-rtcp-fbs, xml.bad-number, jingle.bad-text.
// Empty attributes are treated as absent (gloox cannot encode empty attribute values).
Result<RtcpFb> ParseRtcpFb(const gloox::Tag& tag, std::string_view where);
Result<PayloadType> ParsePayloadType(const gloox::Tag& tag, std::string_view where);
// Appends <rtcp-fb> / <payload-type> (with its own xmlns) to `parent`.
void AppendRtcpFb(gloox::Tag& parent, const RtcpFb& fb);
void AppendPayloadType(gloox::Tag& parent, const PayloadType& pt);

}  // namespace meet::signaling::jingle
