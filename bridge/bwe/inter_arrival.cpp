#include "bridge/bwe/inter_arrival.hpp"

#include <algorithm>

namespace meet::bridge::bwe {

std::optional<GroupDelta> InterArrival::OnPacket(int64_t send_time_us, int64_t arrival_time_us) {
  if (!current_.valid) {
    current_ = Group{send_time_us, send_time_us, arrival_time_us, true};
    return std::nullopt;
  }
  if (send_time_us < current_.first_send_us) return std::nullopt;  // reordered: ignore
  if (send_time_us - current_.first_send_us <= kBurstUs) {
    current_.last_send_us = std::max(current_.last_send_us, send_time_us);
    current_.last_arrival_us = std::max(current_.last_arrival_us, arrival_time_us);
    return std::nullopt;
  }
  // `packet` starts a new group: the current one is complete.
  std::optional<GroupDelta> delta;
  if (previous_.valid) {
    GroupDelta d;
    d.send_delta_us = current_.last_send_us - previous_.last_send_us;
    d.arrival_delta_us = current_.last_arrival_us - previous_.last_arrival_us;
    d.arrival_time_us = current_.last_arrival_us;
    if (d.arrival_delta_us >= 0 && d.arrival_delta_us <= kMaxArrivalJumpUs) {
      delta = d;
    } else {
      previous_.valid = false;  // out of order or a jump: start over from here
    }
  }
  if (delta || !previous_.valid) previous_ = current_;
  current_ = Group{send_time_us, send_time_us, arrival_time_us, true};
  return delta;
}

}  // namespace meet::bridge::bwe
