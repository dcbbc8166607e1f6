#include "signaling/stanzas/conference_response.hpp"

#include <nlohmann/json.hpp>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {
namespace {

constexpr const char* kWhere = "conference";

Result<Jid> ParseJid(std::string_view text, bool want_room, std::string_view where) {
  const std::string code = want_room ? "conference.bad-room" : "conference.bad-focusjid";
  auto jid = Jid::Parse(text);
  if (!jid) return MakeError(code, "not a valid JID: " + jid.error().ToString(), std::string(where));
  if (!jid->IsBare() || (want_room && !jid->HasLocal())) {
    return MakeError(code, "'" + jid->ToString() + "' must be a bare JID", std::string(where));
  }
  return std::move(*jid);
}

}  // namespace

Result<ConferenceResponse> ConferenceResponse::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "conference", ns::kFocus, "conference");
  if (!found) return found.error();
  const gloox::Tag& el = **found;
  ConferenceResponse out;
  auto room_text = detail::BoundedAttr(el, "room", Jid::kMaxJidBytes, kWhere);
  if (!room_text) return room_text.error();
  if (room_text->has_value()) {
    auto room = ParseJid(**room_text, true, kWhere);
    if (!room) return room.error();
    out.room = std::move(*room);
  }
  auto ready = xml::OptionalBoolAttr(el, "ready", kWhere);
  if (!ready) return ready.error();
  out.ready = ready->value_or(false);
  auto focus_text = detail::BoundedAttr(el, "focusjid", Jid::kMaxJidBytes, kWhere);
  if (!focus_text) return focus_text.error();
  if (focus_text->has_value()) {
    auto focus = ParseJid(**focus_text, false, kWhere);
    if (!focus) return focus.error();
    out.focus_jid = std::move(*focus);
  }
  auto session = detail::BoundedAttr(el, "session-id", detail::kMaxShortText, kWhere);
  if (!session) return session.error();
  out.session_id = std::move(*session);
  auto identity = detail::BoundedAttr(el, "identity", detail::kMaxLongText, kWhere);
  if (!identity) return identity.error();
  out.identity = std::move(*identity);
  auto vnode = detail::BoundedAttr(el, "vnode", detail::kMaxShortText, kWhere);
  if (!vnode) return vnode.error();
  out.vnode = std::move(*vnode);
  auto props = PropertyList::ParseChildren(el, "property", "name", kWhere);
  if (!props) return props.error();
  out.properties = std::move(*props);
  return out;
}

xml::TagPtr ConferenceResponse::ToTag() const {
  xml::TagPtr tag = xml::Make("conference", ns::kFocus);
  if (!room.empty()) xml::SetAttr(*tag, "room", room.ToString());
  xml::SetBoolAttr(*tag, "ready", ready);
  if (!focus_jid.empty()) xml::SetAttr(*tag, "focusjid", focus_jid.ToString());
  detail::SetOptionalAttr(*tag, "session-id", session_id);
  detail::SetOptionalAttr(*tag, "identity", identity);
  detail::SetOptionalAttr(*tag, "vnode", vnode);
  properties.AppendChildren(*tag, "property", "name");
  return tag;
}

void ConferenceResponse::AppendTo(gloox::Tag& stanza) const { stanza.addChild(ToTag().release()); }

Result<ConferenceResponse> ConferenceResponse::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return MakeError("conference.bad-json", "response must be a JSON object");
  ConferenceResponse out;
  auto room_text = detail::JsonString(json, "room", "conference");
  if (!room_text) return room_text.error();
  if (room_text->has_value()) {
    auto room = ParseJid(**room_text, true, "room");
    if (!room) return room.error();
    out.room = std::move(*room);
  }
  auto ready = json.find("ready");
  if (ready != json.end() && !ready->is_null()) {
    if (!ready->is_boolean()) {
      return MakeError("conference.bad-field", "'ready' must be a boolean", "ready");
    }
    out.ready = ready->get<bool>();
  }
  auto focus_text = detail::JsonString(json, "focusJid", "conference");
  if (!focus_text) return focus_text.error();
  if (focus_text->has_value()) {
    auto focus = ParseJid(**focus_text, false, "focusJid");
    if (!focus) return focus.error();
    out.focus_jid = std::move(*focus);
  }
  for (auto [key, field] : {std::pair{"sessionId", &out.session_id},
                            std::pair{"identity", &out.identity}, std::pair{"vnode", &out.vnode}}) {
    auto value = detail::JsonString(json, key, "conference");
    if (!value) return value.error();
    *field = std::move(*value);
  }
  auto it = json.find("properties");
  if (it != json.end() && !it->is_null()) {
    auto props = detail::PropertiesFromJson(*it, "conference", "properties");
    if (!props) return props.error();
    out.properties = std::move(*props);
  }
  return out;
}

Result<ConferenceResponse> ConferenceResponse::FromJsonText(std::string_view text) {
  auto json = detail::ParseJsonText(text, "conference");
  if (!json) return json.error();
  return FromJson(*json);
}

nlohmann::json ConferenceResponse::ToJson() const {
  nlohmann::json out = nlohmann::json::object();
  if (!room.empty()) out["room"] = room.ToString();
  out["ready"] = ready;
  if (!focus_jid.empty()) out["focusJid"] = focus_jid.ToString();
  if (session_id) out["sessionId"] = *session_id;
  if (identity) out["identity"] = *identity;
  if (vnode) out["vnode"] = *vnode;
  out["properties"] = detail::PropertiesToJson(properties);
  return out;
}

}  // namespace meet::signaling::stanzas
