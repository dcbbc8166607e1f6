#pragma once
// ConferenceManager: the bridge's conferences keyed by meeting-id, each with a random hex id,
// plus the graceful-shutdown state (no new conferences; `on_empty` fires once the last
// conference is gone). Confined to the control thread.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bridge/conference.hpp"

namespace meet::bridge {

class ConferenceManager {
 public:
  Conference* Find(const std::string& meeting_id);
  // By the bridge's internal id (debug API, web-socket paths).
  Conference* FindById(const std::string& conference_id);
  // Creates a conference (caller checked Find first and the shutdown state).
  Conference& Create(const std::string& meeting_id, const std::string& name);
  // True when it existed.
  bool Expire(const std::string& meeting_id);

  size_t conference_count() const { return conferences_.size(); }
  size_t endpoint_count() const;
  const std::map<std::string, std::unique_ptr<Conference>>& conferences() const { return conferences_; }

  // Graceful shutdown: refuse new conferences; `on_empty` runs (once) when none are left,
  // immediately if there are none now.
  void BeginGracefulShutdown(std::function<void()> on_empty);
  bool graceful_shutdown() const { return graceful_shutdown_; }

 private:
  void CheckDrained();

  std::map<std::string, std::unique_ptr<Conference>> conferences_;  // by meeting-id
  bool graceful_shutdown_ = false;
  std::function<void()> on_empty_;
};

}  // namespace meet::bridge
