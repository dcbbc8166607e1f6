#pragma once
// Auto-owner (jicofo's AutoOwnerRoleManager, jitsi-protocol.md 1.7): the room always has one
// participant owner. When no eligible member is owner, the first eligible member in join order
// is granted owner (muc#admin affiliation='owner'); when the owner leaves, the next one is.
// Jibri / jigasi / transcriber occupants and visitors are never elected.

#include <optional>
#include <string>
#include <vector>

namespace meet::focus {

struct ElectionCandidate {
  std::string nick;
  bool owner = false;     // affiliation owner already
  bool eligible = true;   // false for jibri/jigasi/transcriber/visitors
};

class ModeratorElection {
 public:
  // `members` in join order (the focus itself excluded). Returns the nick to grant owner to,
  // or nullopt when an eligible owner exists or nobody is eligible.
  static std::optional<std::string> Elect(const std::vector<ElectionCandidate>& members);
};

}  // namespace meet::focus
