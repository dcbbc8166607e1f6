#pragma once
// The focus's HTTP server (libsoup 3, on the focus loop's context, jitsi-protocol.md 3.7):
//   POST /conference-request/v1   JSON conference request -> JSON response (403 / 400 / 500)
//   GET  /about/health            200 when the XMPP connection is up, 503 otherwise
//   GET  /stats                   JSON counters
//   GET  /metrics                 Prometheus text
//   GET  /debug                   JSON: conferences, participants, bridges

#include <libsoup/soup.h>

#include <cstdint>
#include <memory>

#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/loop/c_handles.hpp"
#include "media/loop/event_loop.hpp"

namespace meet::focus {

class FocusManager;

class HttpServer {
 public:
  // Create, Listen and destroy on the loop thread.
  HttpServer(media::loop::EventLoop& loop, FocusManager& focus);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on 127.0.0.1:`port` (0 = any free port).
  Status Listen(uint16_t port);
  uint16_t port() const { return port_; }

 private:
  static void OnRequest(SoupServer* server, SoupServerMessage* msg, const char* path,
                        GHashTable* query, gpointer self) noexcept;
  void Handle(SoupServerMessage* msg, const std::string& path);
  void HandleConferenceRequest(SoupServerMessage* msg);

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  FocusManager& focus_;           // Not owned; outlives this.
  media::loop::GObjectPtr<SoupServer> server_;
  uint16_t port_ = 0;
  log::Logger log_{"http"};
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace meet::focus
