#include "signaling/stanzas/jibri_status.hpp"

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

Result<JibriStatus> JibriStatus::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "jibri-status", ns::kJibri, "jibri-status");
  if (!found) return found.error();
  JibriStatus out;
  if (const gloox::Tag* busy = xml::Child(**found, "busy-status", ns::kJibri)) {
    auto v = detail::EnumAttr(*busy, "status", ParseJibriBusyStatus, JibriBusyStatus::kUndefined,
                              "jibri-status.bad-busy-status", "jibri-status/busy-status");
    if (!v) return v.error();
    out.busy = *v;
  }
  if (const gloox::Tag* health = xml::Child(**found, "health-status", ns::kHealth)) {
    auto v = detail::EnumAttr(*health, "status", ParseHealthStatus, HealthStatus::kUndefined,
                              "jibri-status.bad-health-status", "jibri-status/health-status");
    if (!v) return v.error();
    out.health = *v;
  }
  return out;
}

xml::TagPtr JibriStatus::ToTag() const {
  xml::TagPtr tag = xml::Make("jibri-status", ns::kJibri);
  if (busy != JibriBusyStatus::kUndefined) {
    xml::SetAttr(*xml::AddChild(*tag, "busy-status", ns::kJibri), "status", ToString(busy));
  }
  if (health != HealthStatus::kUndefined) {
    xml::SetAttr(*xml::AddChild(*tag, "health-status", ns::kHealth), "status", ToString(health));
  }
  return tag;
}

void JibriStatus::AppendTo(gloox::Tag& presence) const { presence.addChild(ToTag().release()); }

}  // namespace meet::signaling::stanzas
