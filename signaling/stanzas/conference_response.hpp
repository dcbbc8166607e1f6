#pragma once
// The focus's answer to a conference request (jitsi-protocol.md 1.5):
//   <conference xmlns='http://jitsi.org/protocol/focus' room= ready='true|false'
//               focusjid='focus@auth.meet.jitsi' session-id= identity= vnode=>
//     <property name='authentication' value='false'/>...</conference>
// (the attribute is spelled `focusjid`, all lower case), or the JSON response of
// /conference-request/v1: {"ready", "focusJid", "sessionId", "identity", "vnode", "properties"}.
// `focus_jid` must be bare: LJM recognises the focus occupant by "<focusjid>/" prefix.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/property_list.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct ConferenceResponse {
  // Property names LJM reads.
  static constexpr const char* kAuthentication = "authentication";
  static constexpr const char* kExternalAuth = "externalAuth";
  static constexpr const char* kSipGatewayEnabled = "sipGatewayEnabled";
  static constexpr const char* kLive = "live";
  static constexpr const char* kVisitorsSupported = "visitors-supported";

  Jid room;  // empty when absent (the HTTP form usually omits it)
  bool ready = false;
  Jid focus_jid;  // bare; empty when absent
  std::optional<std::string> session_id;
  std::optional<std::string> identity;
  std::optional<std::string> vnode;
  PropertyList properties;

  std::optional<bool> Authentication() const { return properties.GetBool(kAuthentication); }
  std::optional<bool> ExternalAuth() const { return properties.GetBool(kExternalAuth); }
  std::optional<bool> SipGatewayEnabled() const { return properties.GetBool(kSipGatewayEnabled); }
  std::optional<bool> Live() const { return properties.GetBool(kLive); }
  std::optional<bool> VisitorsSupported() const { return properties.GetBool(kVisitorsSupported); }

  static Result<ConferenceResponse> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& stanza) const;

  static Result<ConferenceResponse> FromJson(const nlohmann::json& json);
  static Result<ConferenceResponse> FromJsonText(std::string_view text);
  nlohmann::json ToJson() const;

  friend bool operator==(const ConferenceResponse&, const ConferenceResponse&) = default;
};

}  // namespace meet::signaling::stanzas
