#pragma once
// A Jibri's status in its brewery presence (jitsi-protocol.md 6.1):
//   <jibri-status xmlns='http://jitsi.org/protocol/jibri'>
//     <busy-status xmlns='http://jitsi.org/protocol/jibri' status='idle|busy'/>
//     <health-status xmlns='http://jitsi.org/protocol/health' status='healthy|unhealthy'/>
//   </jibri-status>

#include <gloox/tag.h>

#include "media/base/result.hpp"
#include "signaling/stanzas/jibri_types.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct JibriStatus {
  JibriBusyStatus busy = JibriBusyStatus::kUndefined;
  HealthStatus health = HealthStatus::kUndefined;

  // The focus selects only idle and healthy instances.
  bool IsAvailable() const {
    return busy == JibriBusyStatus::kIdle && health == HealthStatus::kHealthy;
  }

  // `tag` is <jibri-status> or a <presence> containing it. Unknown status values are errors.
  static Result<JibriStatus> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& presence) const;

  friend bool operator==(const JibriStatus&, const JibriStatus&) = default;
};

}  // namespace meet::signaling::stanzas
