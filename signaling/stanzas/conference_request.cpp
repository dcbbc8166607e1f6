#include "signaling/stanzas/conference_request.hpp"

#include <nlohmann/json.hpp>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {
namespace {

constexpr const char* kWhere = "conference";

Result<Jid> ParseRoom(std::string_view text, std::string_view where) {
  auto room = Jid::Parse(text);
  if (!room) {
    return MakeError("conference.bad-room", "room is not a valid JID: " + room.error().ToString(),
                     std::string(where));
  }
  if (!room->HasLocal() || !room->IsBare()) {
    return MakeError("conference.bad-room",
                     "room '" + room->ToString() + "' must be a bare JID like name@muc.domain",
                     std::string(where));
  }
  return std::move(*room);
}

}  // namespace

Result<ConferenceRequest> ConferenceRequest::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "conference", ns::kFocus, "conference");
  if (!found) return found.error();
  const gloox::Tag& el = **found;
  ConferenceRequest out;
  auto room_text = detail::BoundedAttr(el, "room", Jid::kMaxJidBytes, kWhere);
  if (!room_text) return room_text.error();
  if (!room_text->has_value()) {
    return MakeError("conference.missing-room", "missing attribute 'room'", kWhere);
  }
  auto room = ParseRoom(**room_text, kWhere);
  if (!room) return room.error();
  out.room = std::move(*room);
  auto uid = detail::BoundedAttr(el, "machine-uid", detail::kMaxShortText, kWhere);
  if (!uid) return uid.error();
  out.machine_uid = std::move(*uid);
  auto token = detail::BoundedAttr(el, "token", detail::kMaxLongText, kWhere);
  if (!token) return token.error();
  out.token = std::move(*token);
  auto session = detail::BoundedAttr(el, "session-id", detail::kMaxShortText, kWhere);
  if (!session) return session.error();
  out.session_id = std::move(*session);
  auto props = PropertyList::ParseChildren(el, "property", "name", kWhere);
  if (!props) return props.error();
  out.properties = std::move(*props);
  return out;
}

xml::TagPtr ConferenceRequest::ToTag() const {
  xml::TagPtr tag = xml::Make("conference", ns::kFocus);
  xml::SetAttr(*tag, "room", room.ToString());
  detail::SetOptionalAttr(*tag, "machine-uid", machine_uid);
  detail::SetOptionalAttr(*tag, "token", token);
  detail::SetOptionalAttr(*tag, "session-id", session_id);
  properties.AppendChildren(*tag, "property", "name");
  return tag;
}

void ConferenceRequest::AppendTo(gloox::Tag& stanza) const { stanza.addChild(ToTag().release()); }

Result<ConferenceRequest> ConferenceRequest::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return MakeError("conference.bad-json", "request must be a JSON object");
  ConferenceRequest out;
  auto room_text = detail::JsonString(json, "room", "conference");
  if (!room_text) return room_text.error();
  if (!room_text->has_value()) {
    return MakeError("conference.missing-room", "missing field 'room'", "room");
  }
  auto room = ParseRoom(**room_text, "room");
  if (!room) return room.error();
  out.room = std::move(*room);
  auto uid = detail::JsonString(json, "machineUid", "conference");
  if (!uid) return uid.error();
  out.machine_uid = std::move(*uid);
  auto session = detail::JsonString(json, "sessionId", "conference");
  if (!session) return session.error();
  out.session_id = std::move(*session);
  auto it = json.find("properties");
  if (it != json.end() && !it->is_null()) {
    auto props = detail::PropertiesFromJson(*it, "conference", "properties");
    if (!props) return props.error();
    out.properties = std::move(*props);
  }
  return out;
}

Result<ConferenceRequest> ConferenceRequest::FromJsonText(std::string_view text) {
  auto json = detail::ParseJsonText(text, "conference");
  if (!json) return json.error();
  return FromJson(*json);
}

nlohmann::json ConferenceRequest::ToJson() const {
  nlohmann::json out = nlohmann::json::object();
  out["room"] = room.ToString();
  if (machine_uid) out["machineUid"] = *machine_uid;
  if (session_id) out["sessionId"] = *session_id;
  out["properties"] = detail::PropertiesToJson(properties);
  return out;
}

}  // namespace meet::signaling::stanzas
