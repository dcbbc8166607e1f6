#include "signaling/stanzas/health_check_iq.hpp"

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

Result<HealthCheckIq> HealthCheckIq::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "healthcheck", ns::kHealthCheck, "healthcheck");
  if (!found) return found.error();
  return HealthCheckIq{};
}

xml::TagPtr HealthCheckIq::ToTag() const { return xml::Make("healthcheck", ns::kHealthCheck); }

void HealthCheckIq::AppendTo(gloox::Tag& stanza) const { stanza.addChild(ToTag().release()); }

xml::TagPtr HealthCheckIq::MakeRequest(const Jid& to, std::string_view id) {
  xml::TagPtr iq = xml::Make("iq");
  xml::SetAttr(*iq, "type", "get");
  if (!to.empty()) xml::SetAttr(*iq, "to", to.ToString());
  xml::SetAttr(*iq, "id", id);
  HealthCheckIq{}.AppendTo(*iq);
  return iq;
}

}  // namespace meet::signaling::stanzas
