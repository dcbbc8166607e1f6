#pragma once
// The focus's bridge health check (jitsi-protocol.md 3.6):
//   <iq type='get' to='jvbbrewery@internal-muc.meet.jitsi/jvb-1' id='h1'>
//     <healthcheck xmlns='http://jitsi.org/protocol/healthcheck'/></iq>
// An empty result means healthy; internal-server-error / service-unavailable mean unhealthy.

#include <gloox/tag.h>

#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct HealthCheckIq {
  // `tag` is <healthcheck> or an <iq> containing it.
  static Result<HealthCheckIq> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& stanza) const;
  // The whole request: <iq type='get' to= id=><healthcheck/></iq>.
  static xml::TagPtr MakeRequest(const Jid& to, std::string_view id);

  friend bool operator==(const HealthCheckIq&, const HealthCheckIq&) = default;
};

}  // namespace meet::signaling::stanzas
