#include "signaling/stanzas/recording_status.hpp"

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {
namespace {

constexpr const char* kWhere = "jibri-recording-status";

}  // namespace

Result<RecordingStatus> RecordingStatus::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "jibri-recording-status", ns::kJibri, "recording-status");
  if (!found) return found.error();
  const gloox::Tag& el = **found;
  RecordingStatus out;
  auto status = detail::EnumAttr(el, "status", ParseJibriSessionStatus,
                                 JibriSessionStatus::kUndefined, "recording-status.bad-status", kWhere);
  if (!status) return status.error();
  out.status = *status;
  auto mode = detail::EnumAttr(el, "recording_mode", ParseRecordingMode, RecordingMode::kUndefined,
                               "recording-status.bad-recording-mode", kWhere);
  if (!mode) return mode.error();
  out.recording_mode = *mode;
  auto reason = detail::EnumAttr(el, "failure_reason", ParseJibriFailureReason,
                                 JibriFailureReason::kUndefined,
                                 "recording-status.bad-failure-reason", kWhere);
  if (!reason) return reason.error();
  out.failure_reason = *reason;
  auto session = detail::BoundedAttr(el, "session_id", detail::kMaxShortText, kWhere);
  if (!session) return session.error();
  out.session_id = std::move(*session);
  auto initiator = detail::JidAttr(el, "initiator", "recording-status.bad-initiator", kWhere);
  if (!initiator) return initiator.error();
  if (initiator->has_value()) out.initiator = std::move(**initiator);
  return out;
}

xml::TagPtr RecordingStatus::ToTag() const {
  xml::TagPtr tag = xml::Make("jibri-recording-status", ns::kJibri);
  if (status != JibriSessionStatus::kUndefined) xml::SetAttr(*tag, "status", ToString(status));
  detail::SetOptionalAttr(*tag, "session_id", session_id);
  if (recording_mode != RecordingMode::kUndefined) {
    xml::SetAttr(*tag, "recording_mode", ToString(recording_mode));
  }
  if (!initiator.empty()) xml::SetAttr(*tag, "initiator", initiator.ToString());
  if (failure_reason != JibriFailureReason::kUndefined) {
    xml::SetAttr(*tag, "failure_reason", ToString(failure_reason));
  }
  return tag;
}

void RecordingStatus::AppendTo(gloox::Tag& presence) const { presence.addChild(ToTag().release()); }

}  // namespace meet::signaling::stanzas
