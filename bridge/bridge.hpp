#pragma once
// Bridge: the control plane of the SFU. Owns the ConferenceManager, the Colibri2Handler (one
// COLIBRI2 implementation for both front ends), the HTTP API and, when configured, the XMPP
// control connection; publishes statistics; runs graceful shutdown. Everything lives on one
// control EventLoop: construct, Start, use and destroy the Bridge on that loop's thread.

#include <functional>
#include <memory>

#include "bridge/bridge_config.hpp"
#include "bridge/bridge_statistics.hpp"
#include "bridge/colibri2_handler.hpp"
#include "bridge/conference_manager.hpp"
#include "bridge/transport_factory.hpp"
#include "media/base/result.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"

namespace meet::bridge {

class HttpApi;
class XmppControl;

class Bridge {
 public:
  Bridge(media::loop::EventLoop& loop, BridgeConfig config,
         std::unique_ptr<TransportFactory> transports);
  ~Bridge();

  Bridge(const Bridge&) = delete;
  Bridge& operator=(const Bridge&) = delete;

  // Starts the HTTP server (error when the port cannot be bound) and the XMPP connection.
  Status Start();
  void Stop();

  // Graceful shutdown: new conferences are refused (service-unavailable + graceful_shutdown);
  // `on_exit` (SetExitCallback) runs from the loop once no conference is left.
  void BeginGracefulShutdown();
  void SetExitCallback(std::function<void()> on_exit) { on_exit_ = std::move(on_exit); }

  BridgeStatistics Statistics() const;
  bool Healthy() const;

  const BridgeConfig& config() const { return config_; }
  ConferenceManager& conferences() { return conferences_; }
  Colibri2Handler& colibri2() { return colibri2_; }
  // The port the HTTP API listens on (after Start).
  uint16_t http_port() const;
  XmppControl* xmpp() { return xmpp_.get(); }

 private:
  media::loop::EventLoop& loop_;
  BridgeConfig config_;
  std::unique_ptr<TransportFactory> transports_;
  ConferenceManager conferences_;
  Colibri2Handler colibri2_;
  std::unique_ptr<HttpApi> http_;
  std::unique_ptr<XmppControl> xmpp_;
  media::loop::Timer exit_timer_;
  std::function<void()> on_exit_;
};

}  // namespace meet::bridge
