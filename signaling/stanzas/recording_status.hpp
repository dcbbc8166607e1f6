#pragma once
// Recording state published in the focus's MUC presence (jitsi-protocol.md 6.4):
//   <jibri-recording-status xmlns='http://jitsi.org/protocol/jibri' status='on|off|pending'
//       session_id= recording_mode='file|stream' initiator='room@muc/nick' [failure_reason=]/>
// `initiator` is the starter on `on`, the stopper on `off`.

#include <gloox/tag.h>

#include <optional>
#include <string>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/jibri_types.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct RecordingStatus {
  JibriSessionStatus status = JibriSessionStatus::kUndefined;
  std::optional<std::string> session_id;
  RecordingMode recording_mode = RecordingMode::kUndefined;
  Jid initiator;  // empty when absent
  JibriFailureReason failure_reason = JibriFailureReason::kUndefined;

  // `tag` is <jibri-recording-status> or a <presence> containing it.
  static Result<RecordingStatus> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& presence) const;

  friend bool operator==(const RecordingStatus&, const RecordingStatus&) = default;
};

}  // namespace meet::signaling::stanzas
