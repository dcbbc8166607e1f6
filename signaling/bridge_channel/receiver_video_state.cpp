#include "signaling/bridge_channel/receiver_video_state.hpp"

#include <algorithm>
#include <utility>

namespace meet::signaling::bridge_channel {
namespace {

template <typename T>
bool Assign(T& field, const T& value) {
  if (field == value) return false;
  field = value;
  return true;
}

}  // namespace

VideoConstraints ReceiverVideoSettings::ConstraintsFor(std::string_view source_name) const {
  auto it = constraints.find(std::string(source_name));
  return it != constraints.end() ? it->second : default_constraints;
}

ReceiverVideoState::ReceiverVideoState(ReceiverVideoConfig config) : config_(std::move(config)) {
  settings_.last_n = config_.initial_last_n;
  settings_.default_constraints = VideoConstraints{config_.initial_max_height};
}

bool ReceiverVideoState::Apply(const ReceiverVideoConstraints& message) {
  bool changed = false;
  if (message.last_n) changed |= Assign(settings_.last_n, *message.last_n);
  if (message.selected_sources) {
    changed |= Assign(settings_.selected_sources, *message.selected_sources);
  }
  if (message.on_stage_sources) {
    changed |= Assign(settings_.on_stage_sources, *message.on_stage_sources);
  }
  if (message.default_constraints) {
    changed |= Assign(settings_.default_constraints, *message.default_constraints);
  } else if (!constraints_received_) {
    changed |= Assign(settings_.default_constraints, VideoConstraints{config_.default_max_height});
  }
  if (message.constraints) changed |= Assign(settings_.constraints, *message.constraints);
  if (message.assumed_bandwidth_bps && config_.assumed_bandwidth_limit_bps) {
    const int64_t limited =
        std::min(*message.assumed_bandwidth_bps, *config_.assumed_bandwidth_limit_bps);
    changed |= Assign(settings_.assumed_bandwidth_bps, limited);
  }
  constraints_received_ = true;
  return changed;
}

bool ReceiverVideoState::Apply(const LastNChangedEvent& message) {
  return Assign(settings_.last_n, message.last_n);
}

}  // namespace meet::signaling::bridge_channel
