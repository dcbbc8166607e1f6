#pragma once
// The conference request a client sends before joining the MUC (jitsi-protocol.md 1.5):
//   <conference xmlns='http://jitsi.org/protocol/focus' room='r@muc' machine-uid= token=
//               session-id=><property name= value=/>...</conference>
// in an IQ set to the focus, or the JSON body POSTed to /conference-request/v1:
//   {"room": "r@muc", "machineUid": "...", "sessionId": "...", "properties": {"k": "v"}}
// `room` must be a bare JID with a localpart.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/property_list.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct ConferenceRequest {
  // Property names LJM sends.
  static constexpr const char* kRtcstatsEnabled = "rtcstatsEnabled";
  static constexpr const char* kStartAudioMuted = "startAudioMuted";
  static constexpr const char* kStartVideoMuted = "startVideoMuted";
  static constexpr const char* kVisitorsVersion = "visitors-version";
  static constexpr const char* kVisitor = "visitor";

  Jid room;
  std::optional<std::string> machine_uid;
  std::optional<std::string> token;  // XMPP only; over HTTP it is the Authorization header
  std::optional<std::string> session_id;
  PropertyList properties;

  std::optional<bool> RtcstatsEnabled() const { return properties.GetBool(kRtcstatsEnabled); }
  std::optional<int64_t> StartAudioMuted() const { return properties.GetInt(kStartAudioMuted); }
  std::optional<int64_t> StartVideoMuted() const { return properties.GetInt(kStartVideoMuted); }
  std::optional<int64_t> VisitorsVersion() const { return properties.GetInt(kVisitorsVersion); }
  bool PrefersVisitor() const { return properties.GetBool(kVisitor).value_or(false); }

  // `tag` is the <conference> element or an <iq> that contains it.
  static Result<ConferenceRequest> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& stanza) const;

  // HTTP form. Property values may be JSON strings, booleans or numbers (kept as strings).
  static Result<ConferenceRequest> FromJson(const nlohmann::json& json);
  static Result<ConferenceRequest> FromJsonText(std::string_view text);
  nlohmann::json ToJson() const;

  friend bool operator==(const ConferenceRequest&, const ConferenceRequest&) = default;
};

}  // namespace meet::signaling::stanzas
