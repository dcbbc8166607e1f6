#pragma once
// SenderSourceConstraints input: per source, the largest height any receiver's effective
// constraints want (-1 = some receiver wants it unlimited, 0 = nobody wants it). Sources no
// receiver knows about are absent (the sender may treat them as 0).

#include <map>
#include <span>
#include <string>

#include "bridge/allocation/allocation.hpp"

namespace meet::bridge::allocation {

std::map<std::string, int32_t> MaxHeightBySource(std::span<const Allocation* const> receivers);

}  // namespace meet::bridge::allocation
