#include "signaling/stanzas/focus_presence.hpp"

#include "signaling/stanzas/stanza_namespaces.hpp"
#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

Result<FocusPresence> FocusPresence::Parse(const gloox::Tag& presence) {
  if (presence.name() != "presence") {
    return MakeError("presence.not-presence", "expected <presence>, got <" +
                                                  presence.name().substr(0, 32) + ">");
  }
  FocusPresence out;
  if (const gloox::Tag* props = xml::Child(presence, "conference-properties", ns::kFocus)) {
    auto list = PropertyList::ParseChildren(*props, "property", "key",
                                            "presence/conference-properties");
    if (!list) return list.error();
    out.conference_properties = std::move(*list);
  }
  if (const gloox::Tag* versions = xml::Child(presence, "versions", ns::kJitmeet)) {
    size_t index = 0;
    for (const gloox::Tag* component : xml::Children(*versions, "component")) {
      const std::string where = "presence/versions/component[" + std::to_string(index++) + "]";
      if (out.versions.size() >= kMaxComponents) {
        return MakeError("presence.too-many-components", "too many version components", where);
      }
      auto name = detail::BoundedAttr(*component, "name", detail::kMaxShortText, where);
      if (!name) return name.error();
      if (!name->has_value() || (*name)->empty()) {
        return MakeError("xml.missing-attribute", "missing attribute 'name'", where);
      }
      auto version = detail::BoundedText(*component, detail::kMaxShortText, where);
      if (!version) return version.error();
      out.versions[**name] = std::move(*version);
    }
  }
  if (const gloox::Tag* etherpad = xml::Child(presence, "etherpad", kEtherpadNamespace)) {
    auto name = detail::BoundedText(*etherpad, detail::kMaxShortText, "presence/etherpad");
    if (!name) return name.error();
    out.etherpad = std::move(*name);
  }
  if (xml::Child(presence, "jibri-recording-status", ns::kJibri) != nullptr) {
    auto status = RecordingStatus::Parse(presence);
    if (!status) return status.error();
    out.recording_status = std::move(*status);
  }
  out.bridge_not_available = xml::Child(presence, "bridgeNotAvailable", ns::kFocus) != nullptr;
  return out;
}

void FocusPresence::AppendTo(gloox::Tag& presence) const {
  if (!conference_properties.empty()) {
    gloox::Tag* props = xml::AddChild(presence, "conference-properties", ns::kFocus);
    conference_properties.AppendChildren(*props, "property", "key");
  }
  if (!versions.empty()) {
    gloox::Tag* list = xml::AddChild(presence, "versions", ns::kJitmeet);
    for (const auto& [name, version] : versions) {
      xml::SetAttr(*detail::AddTextChild(*list, "component", {}, version), "name", name);
    }
  }
  if (etherpad) detail::AddTextChild(presence, "etherpad", kEtherpadNamespace, *etherpad);
  if (recording_status) recording_status->AppendTo(presence);
  if (bridge_not_available) xml::AddChild(presence, "bridgeNotAvailable", ns::kFocus);
}

xml::TagPtr FocusPresence::ToTag() const {
  xml::TagPtr presence = xml::Make("presence");
  AppendTo(*presence);
  return presence;
}

}  // namespace meet::signaling::stanzas
