#pragma once
// The restrictions Jitsi Videobridge applies to a conference-modify before acting on it
// (jitsi-protocol.md 3.1-3.3), as far as they can be checked on the request alone. Stateful
// checks (unknown conference or endpoint, duplicate create, graceful shutdown, SCTP disabled)
// belong to the bridge.
//
// Errors are Colibri2Error-compatible meet::Errors: code "colibri2.<reason>"
// (e.g. "colibri2.feature_not_implemented") or "colibri2.bad-request" without a reason, the
// XMPP condition, and JVB's text; `where` names the offending element. FromError() in
// colibri2_error.hpp turns one into the IQ error.

#include "media/base/result.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::signaling::colibri2 {

// Rules, first violation wins:
//  1. endpoints and relays in one request             -> feature-not-implemented
//  2. more than one endpoint when any of them creates or carries media, transport or sources
//                                                      -> feature-not-implemented
//  3. more than one relay                              -> feature-not-implemented
//  4. endpoint or relay create without <transport>     -> bad-request
//  5. endpoint create without capability source-names -> bad-request "Source name support is mandatory."
//  6. endpoint SCTP with a role other than server      -> feature-not-implemented
//  7. endpoint SCTP with a port other than 5000        -> bad-request
//  8. SCTP on a relay                                  -> feature-not-implemented
//  9. sources for an endpoint with muc-role visitor    -> bad-request
Status ValidateForBridge(const ConferenceModify& modify);

}  // namespace meet::signaling::colibri2
