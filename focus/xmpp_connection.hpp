#pragma once
// The focus's XMPP client connection: gloox Client logging in as a c2s user (SASL PLAIN) with
// XEP-0198 stream management, driven from an EventLoop's GLib context (a watch on the socket
// plus a periodic recv(0) for data gloox buffered), and reconnecting with exponential backoff.
//
// All incoming stanzas are delivered raw (gloox::Tag) to the Listener; IQ answers are matched
// by id to the callbacks of SendIq, with a timeout. Everything runs on the loop's thread.

#include <gloox/client.h>
#include <gloox/connectionlistener.h>
#include <gloox/iqhandler.h>
#include <gloox/presencehandler.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "focus/stanza_sender.hpp"
#include "media/base/log.hpp"
#include "media/loop/c_handles.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"

namespace meet::focus {

class XmppConnection : public StanzaSender,
                       private gloox::ConnectionListener,
                       private gloox::IqHandler,
                       private gloox::PresenceHandler {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 5222;
    std::string jid;  // user@domain/resource
    std::string password;
    // STARTTLS when the server offers it. Off by default: Prosody runs on loopback, and gloox's
    // GnuTLS handler leaks its credentials (LeakSanitizer) when enabled.
    bool tls = false;
    std::chrono::milliseconds poll_interval{50};
    std::chrono::milliseconds reconnect_min{500};
    std::chrono::milliseconds reconnect_max{30000};
  };

  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void OnXmppConnected() = 0;
    virtual void OnXmppDisconnected() = 0;
    // An IQ get/set. Return false when nobody handles it (the connection answers
    // service-unavailable unless gloox itself serves the namespace, e.g. disco, ping).
    virtual bool OnIqRequest(const gloox::Tag& iq) = 0;
    virtual void OnPresence(const gloox::Tag& presence) = 0;
  };

  XmppConnection(media::loop::EventLoop& loop, Options options, Listener* listener);
  ~XmppConnection() override;
  XmppConnection(const XmppConnection&) = delete;
  XmppConnection& operator=(const XmppConnection&) = delete;

  // Connects (and keeps reconnecting until Stop). Loop thread.
  void Start();
  void Stop();
  bool connected() const { return connected_; }
  uint64_t reconnects() const { return reconnects_; }

  // Implements StanzaSender.
  void Send(signaling::xml::TagPtr stanza) override;
  std::string SendIq(signaling::xml::TagPtr iq, IqCallback callback,
                     std::chrono::milliseconds timeout) override;
  std::string OwnJid() const override { return options_.jid; }

 private:
  struct PendingIq {
    IqCallback callback;
    std::chrono::steady_clock::time_point deadline;
  };

  // gloox::ConnectionListener
  void onConnect() override;
  void onDisconnect(gloox::ConnectionError error) override;
  bool onTLSConnect(const gloox::CertInfo& info) override;
  // gloox::IqHandler
  bool handleIq(const gloox::IQ& iq) override;
  void handleIqID(const gloox::IQ& iq, int context) override;
  // gloox::PresenceHandler
  void handlePresence(const gloox::Presence& presence) override;

  void Connect();
  void ScheduleReconnect();
  void WatchSocket();
  void Poll();
  void ExpireIqs(bool all);
  static gboolean OnSocketReady(gint fd, GIOCondition condition, gpointer self) noexcept;

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  Options options_;
  Listener* listener_;  // Not owned; outlives this.
  std::unique_ptr<gloox::Client> client_;
  media::loop::GSourcePtr socket_watch_;
  media::loop::Timer poll_timer_;
  media::loop::Timer reconnect_timer_;
  std::chrono::milliseconds backoff_;
  std::map<std::string, PendingIq> pending_;
  bool started_ = false;
  bool connected_ = false;
  bool connecting_ = false;
  uint64_t reconnects_ = 0;
  uint64_t next_id_ = 1;
  std::string id_prefix_;
  log::Logger log_{"xmpp"};
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // weak refs in posted tasks
};

}  // namespace meet::focus
