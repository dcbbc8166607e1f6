#pragma once
// InterArrival: groups packets sent within kBurstUs of each other (one "frame" or pacing
// burst) and reports, when a group completes, how much later (or earlier) it arrived relative
// to the previous group than it was sent: the inter-group delay variation GCC filters.

#include <cstdint>
#include <optional>

namespace meet::bridge::bwe {

struct GroupDelta {
  int64_t send_delta_us = 0;
  int64_t arrival_delta_us = 0;
  int64_t arrival_time_us = 0;  // of the completed group's last packet
};

class InterArrival {
 public:
  static constexpr int64_t kBurstUs = 5'000;
  // Arrival-time jumps larger than this (clock reset, long outage) restart the grouping.
  static constexpr int64_t kMaxArrivalJumpUs = 3'000'000;

  // One received packet, in send order. Returns the delta between the two latest complete
  // groups when this packet starts a new group.
  std::optional<GroupDelta> OnPacket(int64_t send_time_us, int64_t arrival_time_us);

 private:
  struct Group {
    int64_t first_send_us = 0;
    int64_t last_send_us = 0;
    int64_t last_arrival_us = 0;
    bool valid = false;
  };
  Group current_;
  Group previous_;
};

}  // namespace meet::bridge::bwe
