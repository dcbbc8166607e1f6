#pragma once
// HttpApi: the bridge's private HTTP API on libsoup 3, served from the control loop's GLib
// context (jitsi-protocol.md 3.7):
//   GET  /about/health                  200 empty when healthy, 500 otherwise
//   GET  /about/version                 {"name","version","os"}
//   GET  /colibri/stats                 BridgeStatistics JSON
//   GET  /metrics                       Prometheus text format 0.0.4
//   POST /colibri/v2/conferences        colibri2 conference-modify as JSON -> conference-modified
//   PATCH /colibri/v2/conferences/{id}  the same with the meeting-id taken from the path
//                                       (errors: HttpStatusFor + {condition, reason, text})
//   GET  /debug/conferences[/{id}]      conferences (by internal id or meeting-id)
//   POST /colibri/shutdown              graceful shutdown (body optional)
// Bodies are bounded by colibri2::kMaxJsonBytes (413 beyond).

#include <libsoup/soup.h>

#include <cstdint>
#include <memory>
#include <string>

#include "media/base/result.hpp"

namespace meet::bridge {

class Bridge;

class HttpApi {
 public:
  explicit HttpApi(Bridge& bridge);
  ~HttpApi();

  HttpApi(const HttpApi&) = delete;
  HttpApi& operator=(const HttpApi&) = delete;

  // Binds address:port (port 0: any free port) on the calling thread's default GLib context,
  // which must be the control loop's. Error code http.listen-failed.
  Status Listen(const std::string& address, uint16_t port);
  uint16_t port() const { return port_; }

 private:
  struct Response;
  static void OnRequest(SoupServer* server, SoupServerMessage* message, const char* path,
                        GHashTable* query, gpointer self) noexcept;
  Response Route(const std::string& method, const std::string& path, std::string_view body);
  Response Colibri2(std::string_view body, const std::string& path_meeting_id);
  Response Debug(const std::string& path);

  Bridge& bridge_;
  struct SoupServerDeleter {
    void operator()(SoupServer* s) const noexcept;
  };
  std::unique_ptr<SoupServer, SoupServerDeleter> server_;
  uint16_t port_ = 0;
};

}  // namespace meet::bridge
