#pragma once
// Bridge configuration of the bandwidth allocation (JVB videobridge.cc.*).

#include <cstdint>

namespace meet::bridge::allocation {

struct AllocatorConfig {
  // cc.onstage-preferred-height-px: on-stage sources get layers up to this height eagerly.
  int32_t onstage_preferred_height = 360;
  // cc.onstage-preferred-framerate: above the preferred height only layers with at least
  // this frame rate are considered for on-stage sources.
  double onstage_preferred_frame_rate = 30.0;
  // cc.allow-oversend-onstage: the first on-stage source gets its lowest layer even when the
  // bandwidth is below its bitrate.
  bool allow_oversend_on_stage = true;
  // jvb-last-n: the bridge's own limit (-1 = none), combined with the receiver's lastN.
  int32_t bridge_last_n = -1;
  // A new bandwidth estimate re-runs the allocation when it differs by more than this ratio.
  double reallocate_bandwidth_change = 0.15;
};

}  // namespace meet::bridge::allocation
