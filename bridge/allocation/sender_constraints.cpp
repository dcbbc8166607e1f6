#include "bridge/allocation/sender_constraints.hpp"

namespace meet::bridge::allocation {

std::map<std::string, int32_t> MaxHeightBySource(std::span<const Allocation* const> receivers) {
  std::map<std::string, int32_t> result;
  for (const Allocation* allocation : receivers) {
    if (allocation == nullptr) continue;
    for (const SourceAllocation& s : allocation->sources) {
      auto [it, inserted] = result.try_emplace(s.name, s.effective_max_height);
      if (inserted) continue;
      int32_t& max = it->second;
      if (max < 0) continue;  // already unlimited
      if (s.effective_max_height < 0 || s.effective_max_height > max) max = s.effective_max_height;
    }
  }
  return result;
}

}  // namespace meet::bridge::allocation
