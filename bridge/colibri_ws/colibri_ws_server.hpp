#pragma once
// ColibriWsServer: the bridge-channel WebSocket server (jitsi-protocol.md 4.1) on libsoup 3.
//
//   GET /colibri-ws/<server-id>/<conference-id>/<endpoint-id>?pwd=<token>  (WebSocket upgrade)
//   * bad prefix, fewer than three segments or another server id -> 404;
//   * unknown conference or endpoint, missing or wrong pwd -> 403 "authentication failed"
//     (the password comes from the CredentialsProvider and is compared in constant time);
//   * a new socket for an endpoint replaces the old one, which is closed 1000 "replaced";
//   * CloseEndpoint() closes 1001 "endpoint closed" (the endpoint expired);
//   * the server pings every ping_interval (15 s) and closes a connection that sent nothing,
//     not even a pong, for idle_timeout (60 s) with 1001 "idle timeout";
//   * text frames go to Listener::OnColibriWsMessage; text larger than max_message_bytes
//     (64 KiB) and binary frames are dropped and counted.
//
// Threading: everything runs on the thread whose GLib main context serves the SoupServer,
// i.e. the thread-default context of the thread that calls Listen() (an owned server) or
// Attach() (a given server, e.g. the HTTP API's; it must already serve that context). Call
// every method on that thread, and the listener is only called there (normally the bridge's
// control loop; it posts to conference workers itself). Not thread-safe otherwise.

#include <libsoup/soup.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge/colibri_ws/colibri_ws_config.hpp"
#include "bridge/colibri_ws/credentials_provider.hpp"
#include "media/base/result.hpp"
#include "media/loop/c_handles.hpp"

namespace meet::bridge::colibri_ws {

class ColibriWsServer {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // A socket for the endpoint is open (send ServerHello now). Also after a replacement.
    virtual void OnColibriWsConnected(const std::string& conference_id,
                                      const std::string& endpoint_id) {
      (void)conference_id;
      (void)endpoint_id;
    }
    // One text frame from the endpoint.
    virtual void OnColibriWsMessage(const std::string& conference_id,
                                    const std::string& endpoint_id, std::string_view text) = 0;
    // The endpoint's socket closed by the client, an error or the idle time-out (not after
    // Replace or CloseEndpoint, which the bridge caused itself).
    virtual void OnColibriWsClosed(const std::string& conference_id,
                                   const std::string& endpoint_id) {
      (void)conference_id;
      (void)endpoint_id;
    }
  };

  struct Stats {
    uint64_t accepted = 0;
    uint64_t rejected_not_found = 0;      // 404
    uint64_t rejected_unauthorized = 0;   // 403
    uint64_t replaced = 0;
    uint64_t messages_received = 0;
    uint64_t messages_sent = 0;
    uint64_t dropped_oversized = 0;
    uint64_t dropped_binary = 0;
    uint64_t idle_closed = 0;
  };

  static constexpr const char* kHandlerPath = "/colibri-ws";
  static constexpr uint16_t kCloseReplaced = 1000;
  static constexpr uint16_t kCloseEndpointClosed = 1001;

  // `credentials` and `listener` are not owned and must outlive this.
  ColibriWsServer(ColibriWsConfig config, CredentialsProvider& credentials, Listener& listener);
  // Closes every socket (1001 "shutdown") and removes the handlers from the SoupServer.
  ~ColibriWsServer();

  ColibriWsServer(const ColibriWsServer&) = delete;
  ColibriWsServer& operator=(const ColibriWsServer&) = delete;

  // Creates an owned SoupServer listening on config.bind_address:config.port (port 0: any
  // free port) on the calling thread's default context. Error code colibri-ws.listen-failed.
  Status Listen();
  // Serves /colibri-ws on a server that already listens (keeps a reference to it).
  Status Attach(SoupServer* server);
  // The port an owned server listens on (0 before Listen()).
  uint16_t port() const { return port_; }

  // Sends one text message to the endpoint's open socket; false when it has none.
  bool Send(std::string_view conference_id, std::string_view endpoint_id, std::string_view text);
  // Closes the endpoint's socket with 1001 "endpoint closed"; false when it has none.
  bool CloseEndpoint(std::string_view conference_id, std::string_view endpoint_id);
  // Closes the sockets of every endpoint of a conference (1001 "endpoint closed").
  size_t CloseConference(std::string_view conference_id);
  bool IsConnected(std::string_view conference_id, std::string_view endpoint_id) const;
  size_t connection_count() const { return connections_.size(); }
  const Stats& stats() const { return stats_; }

 private:
  struct Connection;
  using Key = std::pair<std::string, std::string>;  // conference id, endpoint id

  Status Install();
  static void OnRequest(SoupServer* server, SoupServerMessage* message, const char* path,
                        GHashTable* query, gpointer self) noexcept;
  static void OnWebSocket(SoupServer* server, SoupServerMessage* message, const char* path,
                          SoupWebsocketConnection* connection, gpointer self) noexcept;
  static void OnMessage(SoupWebsocketConnection* ws, gint type, GBytes* message,
                        gpointer connection) noexcept;
  static void OnPong(SoupWebsocketConnection* ws, GBytes* message, gpointer connection) noexcept;
  static void OnClosed(SoupWebsocketConnection* ws, gpointer connection) noexcept;
  static gboolean OnIdleCheck(gpointer self) noexcept;

  void HandleRequest(SoupServerMessage* message, const char* path, GHashTable* query);
  void HandleWebSocket(const char* path, SoupWebsocketConnection* ws);
  void HandleMessage(Connection& connection, gint type, GBytes* message);
  void HandleClosed(Connection& connection);
  void CheckIdle();
  // Detaches `connection` from the registry and closes it with code/reason; the object stays
  // in closing_ until libsoup reports it closed.
  void Retire(std::unique_ptr<Connection> connection, uint16_t code, const char* reason);
  using ConnectionMap = std::map<Key, std::unique_ptr<Connection>>;
  ConnectionMap::iterator Find(std::string_view conference_id, std::string_view endpoint_id);

  ColibriWsConfig config_;
  CredentialsProvider& credentials_;  // Not owned; outlives this.
  Listener& listener_;                // Not owned; outlives this.
  media::loop::GObjectPtr<SoupServer> server_;
  bool owns_server_ = false;
  uint16_t port_ = 0;
  media::loop::GSourcePtr idle_timer_;
  ConnectionMap connections_;
  // Replaced or closed connections waiting for their close handshake.
  std::vector<std::unique_ptr<Connection>> closing_;
  Stats stats_;
};

}  // namespace meet::bridge::colibri_ws
