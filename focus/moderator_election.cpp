#include "focus/moderator_election.hpp"

namespace meet::focus {

std::optional<std::string> ModeratorElection::Elect(const std::vector<ElectionCandidate>& members) {
  for (const auto& m : members) {
    if (m.eligible && m.owner) return std::nullopt;
  }
  for (const auto& m : members) {
    if (m.eligible) return m.nick;
  }
  return std::nullopt;
}

}  // namespace meet::focus
