#pragma once
// What a receiving endpoint asked for with ReceiverVideoConstraints / LastNChangedEvent, kept
// by the bridge for the allocation (JVB AllocationSettingsWrapper):
//  * before any message: lastN = initial_last_n (-1) and default maxHeight = initial_max_height
//    (0), i.e. no video is forwarded until the client sends ReceiverVideoConstraints;
//  * a message changes only the fields it carries (a present list/map replaces the old one);
//  * if the FIRST message has no defaultConstraints, the default becomes default_max_height
//    (180); later messages without it leave the default alone;
//  * assumedBandwidthBps is honoured only when a limit is configured, and capped to it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signaling/bridge_channel/messages.hpp"
#include "signaling/bridge_channel/video_constraints.hpp"

namespace meet::signaling::bridge_channel {

// Bridge configuration for the receiver state (JVB videobridge.cc.*).
struct ReceiverVideoConfig {
  int32_t initial_last_n = -1;       // cc.initial-last-n
  int32_t initial_max_height = 0;    // cc.initial-max-height-px
  int32_t default_max_height = 180;  // cc.default-max-height-px
  // cc.assumed-bandwidth-limit; nullopt = clients may not set an assumed bandwidth.
  std::optional<int64_t> assumed_bandwidth_limit_bps;
};

// The allocation inputs of one receiver.
struct ReceiverVideoSettings {
  int32_t last_n = -1;
  std::vector<std::string> selected_sources;
  std::vector<std::string> on_stage_sources;
  VideoConstraints default_constraints{0};
  std::map<std::string, VideoConstraints> constraints;  // by source name
  int64_t assumed_bandwidth_bps = -1;                   // < 0: none

  // The constraints for a source: its own entry, else the default.
  VideoConstraints ConstraintsFor(std::string_view source_name) const;
  bool operator==(const ReceiverVideoSettings&) const = default;
};

class ReceiverVideoState {
 public:
  explicit ReceiverVideoState(ReceiverVideoConfig config = {});

  // Applies a ReceiverVideoConstraints message; true when the settings changed.
  bool Apply(const ReceiverVideoConstraints& message);
  // Applies a LastNChangedEvent; true when lastN changed.
  bool Apply(const LastNChangedEvent& message);

  const ReceiverVideoSettings& settings() const { return settings_; }
  // Whether a ReceiverVideoConstraints message has been applied.
  bool constraints_received() const { return constraints_received_; }

 private:
  ReceiverVideoConfig config_;
  ReceiverVideoSettings settings_;
  bool constraints_received_ = false;
};

}  // namespace meet::signaling::bridge_channel
