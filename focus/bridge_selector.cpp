#include "focus/bridge_selector.hpp"

namespace meet::focus {

double BridgeState::Stress() const { return stats.StressLevel().value_or(0.0); }

std::string BridgeState::Region() const { return stats.Region().value_or(""); }

bool BridgeState::Draining() const {
  return stats.Drain().value_or(false) || stats.GracefulShutdown().value_or(false) ||
         stats.ShuttingDown().value_or(false);
}

bool BridgeState::Selectable() const { return healthy && operational && !Draining(); }

bool BridgeSelector::Update(std::string_view jid, const signaling::stanzas::BridgeStats& stats) {
  auto it = bridges_.find(jid);
  if (it == bridges_.end()) {
    BridgeState state;
    state.jid = std::string(jid);
    state.stats = stats;
    bridges_.emplace(state.jid, std::move(state));
    return true;
  }
  it->second.stats = stats;
  // A fresh presence from a bridge that failed before makes it a candidate again.
  it->second.operational = true;
  return false;
}

bool BridgeSelector::Remove(std::string_view jid) {
  auto it = bridges_.find(jid);
  if (it == bridges_.end()) return false;
  bridges_.erase(it);
  return true;
}

void BridgeSelector::SetHealthy(std::string_view jid, bool healthy) {
  if (auto it = bridges_.find(jid); it != bridges_.end()) it->second.healthy = healthy;
}

void BridgeSelector::SetOperational(std::string_view jid, bool operational) {
  if (auto it = bridges_.find(jid); it != bridges_.end()) it->second.operational = operational;
}

void BridgeSelector::AddConference(std::string_view jid, int delta) {
  if (auto it = bridges_.find(jid); it != bridges_.end()) {
    it->second.conferences = std::max(0, it->second.conferences + delta);
  }
}

std::optional<std::string> BridgeSelector::Select() const {
  const BridgeState* best = nullptr;
  for (const auto& [jid, state] : bridges_) {
    if (!state.Selectable()) continue;
    if (best == nullptr || state.Stress() < best->Stress() ||
        (state.Stress() == best->Stress() && state.conferences < best->conferences)) {
      best = &state;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->jid;
}

const BridgeState* BridgeSelector::Find(std::string_view jid) const {
  auto it = bridges_.find(jid);
  return it == bridges_.end() ? nullptr : &it->second;
}

std::vector<BridgeState> BridgeSelector::Bridges() const {
  std::vector<BridgeState> out;
  for (const auto& [jid, state] : bridges_) out.push_back(state);
  return out;
}

size_t BridgeSelector::SelectableCount() const {
  size_t n = 0;
  for (const auto& [jid, state] : bridges_) n += state.Selectable() ? 1 : 0;
  return n;
}

}  // namespace meet::focus
