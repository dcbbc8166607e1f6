#pragma once
// XmppControl: the bridge's XMPP front end. A gloox Client of Prosody driven by the control
// EventLoop (no gloox threads): the socket fd is watched with a GLib unix-fd source on the
// loop's context and recv(0) runs on readiness and on a periodic tick (TLS may buffer data).
// It
//   * logs in (user/password, or SASL ANONYMOUS when user is empty),
//   * joins the brewery MUC with the bridge id as nickname,
//   * publishes <stats xmlns='http://jitsi.org/protocol/colibri'> presence every
//     presence_interval (and on demand),
//   * answers <conference-modify xmlns='jitsi:colibri2'> IQs (get or set) through the
//     Colibri2Handler with result + <conference-modified> or an error (jitsi-protocol.md 3.4),
//   * answers <healthcheck xmlns='http://jitsi.org/protocol/healthcheck'/> IQs,
//   * reconnects with exponential backoff after a disconnect or failed connect.
// Confined to the loop thread: construct, use and destroy it there.

#include <gloox/client.h>
#include <gloox/connectionlistener.h>
#include <gloox/iqhandler.h>
#include <gloox/loghandler.h>
#include <gloox/mucroom.h>
#include <gloox/mucroomhandler.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bridge/bridge_statistics.hpp"
#include "bridge/colibri2_handler.hpp"
#include "media/base/log.hpp"
#include "media/loop/c_handles.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"

namespace meet::bridge {

struct XmppConfig {
  std::string host = "127.0.0.1";  // always an address: gloox would otherwise do SRV lookups
  uint16_t port = 5222;
  std::string domain;              // login domain, e.g. auth.meet.example
  std::string user;                // "" = SASL ANONYMOUS
  std::string password;
  std::string resource = "bridge";
  // STARTTLS when the server offers it (certificate accepted unverified: the XMPP server is
  // ours, normally on loopback). Off by default: Prosody on loopback needs none, and gloox's
  // GnuTLS client leaks its credentials once per connection.
  bool tls = false;
  std::string brewery;             // room JID, e.g. jvbbrewery@internal.auth.meet.example
  std::string nick = "jvb-1";      // the bridge id
  std::chrono::milliseconds presence_interval{5000};
  std::chrono::milliseconds reconnect_min{500};
  std::chrono::milliseconds reconnect_max{30000};
};

class XmppControl final : public gloox::ConnectionListener,
                          public gloox::IqHandler,
                          public gloox::MUCRoomHandler,
                          public gloox::LogHandler {
 public:
  using StatsProvider = std::function<BridgeStatistics()>;
  using HealthProvider = std::function<bool()>;

  XmppControl(media::loop::EventLoop& loop, XmppConfig config, Colibri2Handler& colibri2,
              StatsProvider stats, HealthProvider health);
  ~XmppControl() override;

  XmppControl(const XmppControl&) = delete;
  XmppControl& operator=(const XmppControl&) = delete;

  void Start();
  // Leaves the brewery and disconnects; no reconnect afterwards.
  void Stop();
  // Sends the stats presence now (when joined).
  void PublishStats();

  bool connected() const { return connected_; }
  bool joined() const { return joined_; }
  uint64_t presences_sent() const { return presences_sent_; }
  uint64_t connect_attempts() const { return connect_attempts_; }
  const XmppConfig& config() const { return config_; }

  // gloox::ConnectionListener
  void onConnect() override;
  void onDisconnect(gloox::ConnectionError error) override;
  bool onTLSConnect(const gloox::CertInfo& info) override;
  // gloox::IqHandler
  bool handleIq(const gloox::IQ& iq) override;
  void handleIqID(const gloox::IQ& iq, int context) override;
  // gloox::MUCRoomHandler
  void handleMUCParticipantPresence(gloox::MUCRoom* room, const gloox::MUCRoomParticipant participant,
                                    const gloox::Presence& presence) override;
  void handleMUCMessage(gloox::MUCRoom*, const gloox::Message&, bool) override {}
  bool handleMUCRoomCreation(gloox::MUCRoom* room) override;
  void handleMUCSubject(gloox::MUCRoom*, const std::string&, const std::string&) override {}
  void handleMUCInviteDecline(gloox::MUCRoom*, const gloox::JID&, const std::string&) override {}
  void handleMUCError(gloox::MUCRoom* room, gloox::StanzaError error) override;
  void handleMUCInfo(gloox::MUCRoom*, int, const std::string&, const gloox::DataForm*) override {}
  void handleMUCItems(gloox::MUCRoom*, const gloox::Disco::ItemList&) override {}
  // gloox::LogHandler (gloox's own log at trace level, XML included)
  void handleLog(gloox::LogLevel level, gloox::LogArea area, const std::string& message) override;

 private:
  void Connect();
  void Teardown();
  void ScheduleReconnect();
  void WatchSocket();
  void Pump();
  static gboolean OnSocketReady(gint fd, GIOCondition condition, gpointer self) noexcept;
  void HandleColibri2(const gloox::IQ& iq, const gloox::Tag& request);
  void HandleHealthCheck(const gloox::IQ& iq);
  void SendTag(std::unique_ptr<gloox::Tag> tag);

  media::loop::EventLoop& loop_;
  XmppConfig config_;
  Colibri2Handler& colibri2_;
  StatsProvider stats_;
  HealthProvider health_;
  log::Logger log_;

  std::unique_ptr<gloox::Client> client_;
  std::unique_ptr<gloox::MUCRoom> room_;
  media::loop::GSourcePtr socket_source_;
  media::loop::Timer tick_timer_;
  media::loop::Timer presence_timer_;
  media::loop::Timer reconnect_timer_;
  media::loop::Timer cleanup_timer_;
  std::chrono::milliseconds backoff_;
  bool stopping_ = false;
  bool connected_ = false;
  bool joined_ = false;
  bool disconnected_ = true;  // the current client's socket is gone (or there is none)
  uint64_t presences_sent_ = 0;
  uint64_t connect_attempts_ = 0;
};

}  // namespace meet::bridge
