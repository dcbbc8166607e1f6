#pragma once
// COLIBRI2 errors (jitsi-protocol.md 3.4): an XMPP stanza error whose <error> element carries a
// standard condition, an optional <text>, and <error xmlns='jitsi:colibri2' reason='…'/> plus,
// for unknown_endpoint, <endpoint xmlns='jitsi:colibri2' id='…'/>:
//
//   <error type='cancel'>
//     <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
//     <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Conference not found for ID: 0f3e…</text>
//     <error xmlns='jitsi:colibri2' reason='conference_not_found'/>
//   </error>
//
// Inside the library an error travels as meet::Error with code "colibri2.<reason>" and the XMPP
// condition; FromError/ToError convert between the two.

#include <gloox/tag.h>

#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::colibri2 {

enum class Reason {
  kConferenceNotFound,
  kConferenceAlreadyExists,
  kFeatureNotImplemented,
  kGracefulShutdown,
  kUnknownEndpoint,
  kUnspecified,
};
// Wire names, lowercase: "conference_not_found", …, "unspecified".
std::string_view ToString(Reason reason);
std::optional<Reason> ParseReason(std::string_view text);

// XMPP error type for a defined stanza error condition (RFC 6120 8.3.3): "modify" for
// bad-request, "cancel" for item-not-found / conflict / feature-not-implemented /
// service-unavailable, "wait" for resource-constraint, "auth" for forbidden, …
std::string_view ErrorTypeFor(std::string_view condition);
// True for the RFC 6120 stanza error conditions.
bool IsStanzaErrorCondition(std::string_view condition);

struct Colibri2Error {
  std::string condition = "bad-request";  // RFC 6120 stanza error condition
  std::optional<Reason> reason;           // nullopt: no colibri2 <error reason> element
  std::string text;                       // "" = no <text>
  std::string endpoint_id;                // for unknown_endpoint; "" = no <endpoint> element
  bool operator==(const Colibri2Error&) const = default;
};

// The errors JVB produces (3.4), with its texts.
Colibri2Error ConferenceNotFound(std::string_view meeting_id);
Colibri2Error ConferenceAlreadyExists(std::string_view meeting_id);
Colibri2Error GracefulShutdown();
Colibri2Error UnknownEndpoint(std::string_view endpoint_id);
Colibri2Error FeatureNotImplemented(std::string_view text);
Colibri2Error BadRequest(std::string_view text);

// The stanza <error type='…'> element (no namespace; append it to an <iq type='error'>).
xml::TagPtr ToTag(const Colibri2Error& error);
// Parses an <error> element, or an <iq type='error'> containing one. Unknown reasons and a
// missing condition are errors; unknown extension children are ignored.
Result<Colibri2Error> ParseColibri2Error(const gloox::Tag& tag);

// meet::Error <-> Colibri2Error. ToError gives code "colibri2.<reason>" (or
// "colibri2.error" without reason), the text and the condition. FromError maps a code
// "colibri2.<reason>" back to the reason (any other code: no reason) and keeps the condition
// (empty condition: bad-request) and text.
Error ToError(const Colibri2Error& error);
Colibri2Error FromError(const Error& error);

}  // namespace meet::signaling::colibri2
