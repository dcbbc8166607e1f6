#pragma once
// The bridges the focus knows (occupants of the brewery MUC, jitsi-protocol.md 3.6) and the
// choice of one for a new conference: the least stressed bridge that is healthy, operational
// and neither draining, in graceful shutdown nor shutting down. A conference stays on the
// bridge it got (single-bridge strategy).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signaling/stanzas/bridge_stats.hpp"

namespace meet::focus {

struct BridgeState {
  std::string jid;  // the brewery occupant JID: COLIBRI2 goes there
  signaling::stanzas::BridgeStats stats;
  bool healthy = true;       // last health check answered
  bool operational = true;   // false after a COLIBRI2 timeout / graceful_shutdown error
  int conferences = 0;       // conferences the focus placed there

  double Stress() const;
  std::string Region() const;
  bool Draining() const;
  bool Selectable() const;
};

class BridgeSelector {
 public:
  // Adds or updates a bridge from its presence stats. Returns true when it is new.
  bool Update(std::string_view jid, const signaling::stanzas::BridgeStats& stats);
  // Removes a bridge (left the brewery). Returns true when it was known.
  bool Remove(std::string_view jid);
  void SetHealthy(std::string_view jid, bool healthy);
  void SetOperational(std::string_view jid, bool operational);
  void AddConference(std::string_view jid, int delta);

  // The bridge for a new conference, or nullopt when none is selectable. Ties on stress go to
  // the bridge with fewer conferences, then to the JID order (deterministic).
  std::optional<std::string> Select() const;

  const BridgeState* Find(std::string_view jid) const;
  std::vector<BridgeState> Bridges() const;
  size_t size() const { return bridges_.size(); }
  size_t SelectableCount() const;

 private:
  std::map<std::string, BridgeState, std::less<>> bridges_;
};

}  // namespace meet::focus
