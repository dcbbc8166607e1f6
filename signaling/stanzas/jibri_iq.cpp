#include "signaling/stanzas/jibri_iq.hpp"

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {
namespace {

constexpr const char* kWhere = "jibri";

}  // namespace

Status JibriIq::ValidateStart() const {
  if (action != JibriAction::kStart) return {};
  if (recording_mode == RecordingMode::kFile && stream_id) {
    return MakeError("jibri.bad-stream-id", "file recording must not have a streamid", kWhere);
  }
  if (recording_mode == RecordingMode::kStream && (!stream_id || stream_id->empty())) {
    return MakeError("jibri.bad-stream-id", "live streaming needs a streamid", kWhere);
  }
  return {};
}

Result<JibriIq> JibriIq::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "jibri", ns::kJibri, "jibri");
  if (!found) return found.error();
  const gloox::Tag& el = **found;
  JibriIq out;
  auto action = detail::EnumAttr(el, "action", ParseJibriAction, JibriAction::kUndefined,
                                 "jibri.bad-action", kWhere);
  if (!action) return action.error();
  out.action = *action;
  auto mode = detail::EnumAttr(el, "recording_mode", ParseRecordingMode, RecordingMode::kUndefined,
                               "jibri.bad-recording-mode", kWhere);
  if (!mode) return mode.error();
  out.recording_mode = *mode;
  auto status = detail::EnumAttr(el, "status", ParseJibriSessionStatus,
                                 JibriSessionStatus::kUndefined, "jibri.bad-status", kWhere);
  if (!status) return status.error();
  out.status = *status;
  auto reason = detail::EnumAttr(el, "failure_reason", ParseJibriFailureReason,
                                 JibriFailureReason::kUndefined, "jibri.bad-failure-reason", kWhere);
  if (!reason) return reason.error();
  out.failure_reason = *reason;

  struct Text {
    const char* name;
    std::optional<std::string>* field;
    size_t max;
  };
  for (const Text& t : {Text{"streamid", &out.stream_id, detail::kMaxShortText},
                        Text{"you_tube_broadcast_id", &out.youtube_broadcast_id, detail::kMaxShortText},
                        Text{"app_data", &out.app_data, detail::kMaxLongText},
                        Text{"session_id", &out.session_id, detail::kMaxShortText},
                        Text{"displayname", &out.display_name, detail::kMaxShortText},
                        Text{"sipaddress", &out.sip_address, detail::kMaxShortText}}) {
    auto value = detail::BoundedAttr(el, t.name, t.max, kWhere);
    if (!value) return value.error();
    *t.field = std::move(*value);
  }
  auto room = detail::JidAttr(el, "room", "jibri.bad-room", kWhere);
  if (!room) return room.error();
  if (room->has_value()) {
    if (!(*room)->IsBare() || !(*room)->HasLocal()) {
      return MakeError("jibri.bad-room", "room must be a bare room JID", kWhere);
    }
    out.room = std::move(**room);
  }
  auto retry = xml::OptionalBoolAttr(el, "should_retry", kWhere);
  if (!retry) return retry.error();
  out.should_retry = *retry;
  auto rtcstats = xml::OptionalBoolAttr(el, "rtcstats_enabled", kWhere);
  if (!rtcstats) return rtcstats.error();
  out.rtcstats_enabled = *rtcstats;
  MEET_RETURN_IF_ERROR(out.ValidateStart());
  return out;
}

xml::TagPtr JibriIq::ToTag() const {
  xml::TagPtr tag = xml::Make("jibri", ns::kJibri);
  if (action != JibriAction::kUndefined) xml::SetAttr(*tag, "action", ToString(action));
  if (recording_mode != RecordingMode::kUndefined) {
    xml::SetAttr(*tag, "recording_mode", ToString(recording_mode));
  }
  detail::SetOptionalAttr(*tag, "streamid", stream_id);
  detail::SetOptionalAttr(*tag, "you_tube_broadcast_id", youtube_broadcast_id);
  detail::SetOptionalAttr(*tag, "app_data", app_data);
  detail::SetOptionalAttr(*tag, "session_id", session_id);
  if (!room.empty()) xml::SetAttr(*tag, "room", room.ToString());
  detail::SetOptionalAttr(*tag, "displayname", display_name);
  detail::SetOptionalAttr(*tag, "sipaddress", sip_address);
  if (status != JibriSessionStatus::kUndefined) xml::SetAttr(*tag, "status", ToString(status));
  if (failure_reason != JibriFailureReason::kUndefined) {
    xml::SetAttr(*tag, "failure_reason", ToString(failure_reason));
  }
  if (should_retry) xml::SetBoolAttr(*tag, "should_retry", *should_retry);
  if (rtcstats_enabled) xml::SetBoolAttr(*tag, "rtcstats_enabled", *rtcstats_enabled);
  return tag;
}

void JibriIq::AppendTo(gloox::Tag& stanza) const { stanza.addChild(ToTag().release()); }

}  // namespace meet::signaling::stanzas
