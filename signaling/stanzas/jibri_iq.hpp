#pragma once
// The Jibri IQ (jitsi-protocol.md 6.2, 6.3), exchanged client <-> focus and focus <-> Jibri:
//   <jibri xmlns='http://jitsi.org/protocol/jibri' action='start|stop' recording_mode='file|stream'
//          streamid= you_tube_broadcast_id= app_data='{json}' session_id= room='r@muc'
//          displayname= sipaddress= status='on|off|pending' failure_reason='busy|error'
//          should_retry='true|false' rtcstats_enabled='true|false'/>
// Every attribute is optional on the wire; absent enums are kUndefined.

#include <gloox/tag.h>

#include <optional>
#include <string>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/jibri_types.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct JibriIq {
  JibriAction action = JibriAction::kUndefined;
  RecordingMode recording_mode = RecordingMode::kUndefined;
  std::optional<std::string> stream_id;
  std::optional<std::string> youtube_broadcast_id;
  std::optional<std::string> app_data;  // JSON text, passed through
  std::optional<std::string> session_id;
  Jid room;  // bare room JID; empty when absent
  std::optional<std::string> display_name;
  std::optional<std::string> sip_address;
  JibriSessionStatus status = JibriSessionStatus::kUndefined;
  JibriFailureReason failure_reason = JibriFailureReason::kUndefined;
  std::optional<bool> should_retry;
  std::optional<bool> rtcstats_enabled;

  // The focus's checks of a start request: `file` must not carry a streamid, `stream` needs a
  // non-empty one (error "jibri.bad-stream-id", condition bad-request). Other actions pass.
  Status ValidateStart() const;

  // `tag` is the <jibri> element or an <iq> containing it. Errors: unknown enum values, bad
  // booleans, an invalid room JID, over-long attributes, and ValidateStart() for action=start.
  static Result<JibriIq> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& stanza) const;

  friend bool operator==(const JibriIq&, const JibriIq&) = default;
};

}  // namespace meet::signaling::stanzas
