#pragma once
// Bridge discovery (jitsi-protocol.md 3.6): the focus joins the brewery MUC
// (jvbbrewery@internal.auth.<domain>), reads every bridge occupant's <stats> presence into the
// BridgeSelector, drops bridges that leave, and health-checks each bridge every interval
// (<healthcheck xmlns='http://jitsi.org/protocol/healthcheck'/>; error or timeout = unhealthy).

#include <chrono>
#include <string>

#include "focus/bridge_selector.hpp"
#include "focus/stanza_sender.hpp"
#include "media/base/log.hpp"
#include "media/loop/timer.hpp"

namespace meet::focus {

class Brewery {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void OnBridgeAdded(const std::string& jid) = 0;
    virtual void OnBridgeRemoved(const std::string& jid) = 0;
  };

  Brewery(media::loop::EventLoop& loop, StanzaSender& sender, BridgeSelector& selector,
          std::string brewery_jid, std::string nick, std::chrono::milliseconds health_interval,
          Listener* listener);
  ~Brewery();

  // (Re)joins the brewery room (after every XMPP login).
  void Join();
  // Forget all bridges (XMPP connection lost).
  void Reset();
  // A presence whose from is brewery@…/nick.
  void OnPresence(const gloox::Tag& presence);
  const std::string& jid() const { return brewery_jid_; }

 private:
  void HealthCheckAll();

  StanzaSender& sender_;       // Not owned; outlives this.
  BridgeSelector& selector_;   // Not owned; outlives this.
  std::string brewery_jid_;
  std::string nick_;
  std::chrono::milliseconds health_interval_;
  Listener* listener_;         // Not owned; outlives this.
  media::loop::Timer health_timer_;
  log::Logger log_{"brewery"};
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace meet::focus
