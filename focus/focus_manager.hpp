#pragma once
// The focus: owns the XMPP connection, the brewery and the conferences; answers conference
// requests (the focus-namespace IQ, also via /conference-request/v1) once the room is created
// and joined, and routes room presence and occupant IQs to their conference.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "focus/bridge_selector.hpp"
#include "focus/brewery.hpp"
#include "focus/conference.hpp"
#include "focus/focus_config.hpp"
#include "focus/xmpp_connection.hpp"
#include "media/base/log.hpp"
#include "media/loop/event_loop.hpp"
#include "signaling/stanzas/conference_request.hpp"
#include "signaling/stanzas/conference_response.hpp"

namespace meet::focus {

class FocusManager : public XmppConnection::Listener,
                     public Brewery::Listener,
                     public Conference::Listener {
 public:
  // The answer to a conference request: a response, or an error (condition + text).
  using ConferenceCallback = std::function<void(Result<signaling::stanzas::ConferenceResponse>)>;

  FocusManager(media::loop::EventLoop& loop, FocusConfig config);
  ~FocusManager() override;

  void Start();
  void Stop();

  // Creates/joins the room if needed, then answers (ready=true + focusjid + properties).
  void HandleConferenceRequest(const signaling::stanzas::ConferenceRequest& request,
                               ConferenceCallback callback);

  bool connected() const { return connection_.connected(); }
  nlohmann::json Stats() const;
  std::string Metrics() const;
  nlohmann::json Debug() const;
  const FocusConfig& config() const { return config_; }

 private:
  // XmppConnection::Listener
  void OnXmppConnected() override;
  void OnXmppDisconnected() override;
  bool OnIqRequest(const gloox::Tag& iq) override;
  void OnPresence(const gloox::Tag& presence) override;
  // Brewery::Listener
  void OnBridgeAdded(const std::string& jid) override;
  void OnBridgeRemoved(const std::string& jid) override;
  // Conference::Listener
  void OnConferenceEnded(Conference& conference) override;

  void HandleConferenceIq(const gloox::Tag& iq);
  Conference* FindConference(const std::string& room_bare);

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  FocusConfig config_;
  XmppConnection connection_;
  BridgeSelector bridges_;
  Brewery brewery_;
  std::map<std::string, std::unique_ptr<Conference>> conferences_;  // by room bare JID
  uint64_t conferences_created_ = 0;
  uint64_t conference_requests_ = 0;
  log::Logger log_{"focus"};
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace meet::focus
