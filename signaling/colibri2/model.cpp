#include "signaling/colibri2/model.hpp"

#include <algorithm>

namespace meet::signaling::colibri2 {

std::string_view ToString(SctpRole role) {
  return role == SctpRole::kClient ? "client" : "server";
}

std::optional<SctpRole> ParseSctpRole(std::string_view text) {
  if (text == "client") return SctpRole::kClient;
  if (text == "server") return SctpRole::kServer;
  return std::nullopt;
}

bool Endpoint::HasCapability(std::string_view name) const {
  return std::find(capabilities.begin(), capabilities.end(), name) != capabilities.end();
}

}  // namespace meet::signaling::colibri2
