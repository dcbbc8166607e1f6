#include "bridge/colibri_ws/colibri_ws_server.hpp"

#include <algorithm>
#include <cstring>

#include "bridge/colibri_ws/colibri_ws_path.hpp"
#include "media/base/log.hpp"

namespace meet::bridge::colibri_ws {
namespace {

const log::Logger& Log() {
  static const log::Logger logger("colibri-ws");
  return logger;
}

constexpr const char* kAuthenticationFailed = "authentication failed";

void Reject(SoupServerMessage* message, unsigned status, const char* text) {
  soup_server_message_set_status(message, status, text);
  soup_server_message_set_response(message, "text/plain", SOUP_MEMORY_COPY, text, strlen(text));
}

}  // namespace

// One accepted WebSocket. Signal handlers point at this object; they are disconnected before
// it is destroyed.
struct ColibriWsServer::Connection {
  Connection(ColibriWsServer& owner, Key ids, SoupWebsocketConnection* socket)
      : server(owner), key(std::move(ids)),
        ws(static_cast<SoupWebsocketConnection*>(g_object_ref(socket))),
        last_activity_us(g_get_monotonic_time()) {}
  ~Connection() { DisconnectAll(); }

  void DisconnectData() {
    if (message_handler != 0) g_signal_handler_disconnect(ws.get(), message_handler);
    if (pong_handler != 0) g_signal_handler_disconnect(ws.get(), pong_handler);
    message_handler = pong_handler = 0;
  }
  void DisconnectAll() {
    DisconnectData();
    if (closed_handler != 0) g_signal_handler_disconnect(ws.get(), closed_handler);
    closed_handler = 0;
  }
  bool open() const {
    return soup_websocket_connection_get_state(ws.get()) == SOUP_WEBSOCKET_STATE_OPEN;
  }

  ColibriWsServer& server;
  Key key;
  media::loop::GObjectPtr<SoupWebsocketConnection> ws;
  gulong message_handler = 0;
  gulong pong_handler = 0;
  gulong closed_handler = 0;
  gint64 last_activity_us = 0;
};

ColibriWsServer::ColibriWsServer(ColibriWsConfig config, CredentialsProvider& credentials,
                                 Listener& listener)
    : config_(std::move(config)), credentials_(credentials), listener_(listener) {}

ColibriWsServer::~ColibriWsServer() {
  idle_timer_.reset();
  for (auto& [key, connection] : connections_) {
    connection->DisconnectAll();
    if (connection->open()) {
      soup_websocket_connection_close(connection->ws.get(), kCloseEndpointClosed, "shutdown");
    }
  }
  connections_.clear();
  for (auto& connection : closing_) connection->DisconnectAll();
  closing_.clear();
  if (server_) {
    soup_server_remove_handler(server_.get(), kHandlerPath);
    if (owns_server_) soup_server_disconnect(server_.get());
  }
}

Status ColibriWsServer::Listen() {
  if (server_) return MakeError("colibri-ws.listen-failed", "already serving", "", "internal-server-error");
  server_.reset(static_cast<SoupServer*>(
      g_object_new(SOUP_TYPE_SERVER, "server-header", "meet-bridge", nullptr)));
  owns_server_ = true;
  GSocketAddress* address =
      g_inet_socket_address_new_from_string(config_.bind_address.c_str(), config_.port);
  if (address == nullptr) {
    server_.reset();
    return MakeError("colibri-ws.listen-failed", "not an IP address: " + config_.bind_address,
                     config_.bind_address, "internal-server-error");
  }
  GError* error = nullptr;
  const gboolean ok = soup_server_listen(server_.get(), address,
                                         static_cast<SoupServerListenOptions>(0), &error);
  g_object_unref(address);
  if (!ok) {
    std::string text = error != nullptr ? error->message : "unknown error";
    if (error != nullptr) g_error_free(error);
    server_.reset();
    return MakeError("colibri-ws.listen-failed", text,
                     config_.bind_address + ":" + std::to_string(config_.port),
                     "internal-server-error");
  }
  port_ = config_.port;
  GSList* uris = soup_server_get_uris(server_.get());
  for (GSList* it = uris; it != nullptr; it = it->next) {
    const int p = g_uri_get_port(static_cast<GUri*>(it->data));
    if (p > 0) port_ = static_cast<uint16_t>(p);
  }
  g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  return Install();
}

Status ColibriWsServer::Attach(SoupServer* server) {
  if (server_) return MakeError("colibri-ws.attach-failed", "already serving", "", "internal-server-error");
  if (server == nullptr) {
    return MakeError("colibri-ws.attach-failed", "no server", "", "internal-server-error");
  }
  server_.reset(static_cast<SoupServer*>(g_object_ref(server)));
  owns_server_ = false;
  return Install();
}

Status ColibriWsServer::Install() {
  // The plain handler runs first and rejects with 404/403 by setting a status; when it leaves
  // the status unset libsoup goes on with the WebSocket handshake on the same path.
  soup_server_add_handler(server_.get(), kHandlerPath, &ColibriWsServer::OnRequest, this, nullptr);
  soup_server_add_websocket_handler(server_.get(), kHandlerPath, nullptr, nullptr,
                                    &ColibriWsServer::OnWebSocket, this, nullptr);
  if (config_.idle_timeout.count() > 0) {
    const auto interval = std::clamp<int64_t>(config_.idle_timeout.count() / 4, 50, 5000);
    idle_timer_.reset(g_timeout_source_new(static_cast<guint>(interval)));
    g_source_set_callback(idle_timer_.get(), &ColibriWsServer::OnIdleCheck, this, nullptr);
    g_source_attach(idle_timer_.get(), g_main_context_get_thread_default());
  }
  return {};
}

void ColibriWsServer::OnRequest(SoupServer*, SoupServerMessage* message, const char* path,
                                GHashTable* query, gpointer self) noexcept {
  try {
    static_cast<ColibriWsServer*>(self)->HandleRequest(message, path, query);
  } catch (const std::exception& e) {
    Log().Error("request handler failed: {}", e.what());
    soup_server_message_set_status(message, SOUP_STATUS_INTERNAL_SERVER_ERROR, nullptr);
  }
}

void ColibriWsServer::HandleRequest(SoupServerMessage* message, const char* path,
                                    GHashTable* query) {
  auto parsed = ParseColibriWsPath(path != nullptr ? path : "");
  if (!parsed.ok() || parsed->server_id != config_.server_id) {
    ++stats_.rejected_not_found;
    Log().Debug("404 for {}: {}", path != nullptr ? path : "",
                parsed.ok() ? std::string("unknown server id") : parsed.error().ToString());
    Reject(message, SOUP_STATUS_NOT_FOUND, "not found");
    return;
  }
  const char* pwd =
      query != nullptr ? static_cast<const char*>(g_hash_table_lookup(query, "pwd")) : nullptr;
  const auto expected = credentials_.ColibriWsPassword(parsed->conference_id, parsed->endpoint_id);
  // The comparison runs even for an unknown endpoint (against an empty expectation), so the
  // time taken does not depend on which part of the check failed.
  const bool matches = ConstantTimeEquals(pwd != nullptr ? pwd : "", expected.value_or(""));
  const bool ok = expected.has_value() && pwd != nullptr && matches;
  if (!ok) {
    ++stats_.rejected_unauthorized;
    Log().Info("403 for conf={} ep={}", parsed->conference_id, parsed->endpoint_id);
    Reject(message, SOUP_STATUS_FORBIDDEN, kAuthenticationFailed);
  }
}

void ColibriWsServer::OnWebSocket(SoupServer*, SoupServerMessage*, const char* path,
                                  SoupWebsocketConnection* connection, gpointer self) noexcept {
  try {
    static_cast<ColibriWsServer*>(self)->HandleWebSocket(path, connection);
  } catch (const std::exception& e) {
    Log().Error("websocket handler failed: {}", e.what());
  }
}

void ColibriWsServer::HandleWebSocket(const char* path, SoupWebsocketConnection* ws) {
  auto parsed = ParseColibriWsPath(path != nullptr ? path : "");
  if (!parsed.ok() ||
      !credentials_.ColibriWsPassword(parsed->conference_id, parsed->endpoint_id)) {
    // The endpoint went away between the check and the upgrade.
    soup_websocket_connection_close(ws, kCloseEndpointClosed, "endpoint closed");
    return;
  }
  Key key{parsed->conference_id, parsed->endpoint_id};
  auto connection = std::make_unique<Connection>(*this, key, ws);
  if (config_.ping_interval.count() > 0) {
    const auto seconds = std::max<int64_t>(1, (config_.ping_interval.count() + 999) / 1000);
    soup_websocket_connection_set_keepalive_interval(ws, static_cast<guint>(seconds));
  }
  soup_websocket_connection_set_max_incoming_payload_size(ws, config_.max_frame_bytes);
  connection->message_handler = g_signal_connect(ws, "message", G_CALLBACK(&ColibriWsServer::OnMessage),
                                                 connection.get());
  connection->pong_handler =
      g_signal_connect(ws, "pong", G_CALLBACK(&ColibriWsServer::OnPong), connection.get());
  connection->closed_handler =
      g_signal_connect(ws, "closed", G_CALLBACK(&ColibriWsServer::OnClosed), connection.get());

  auto it = connections_.find(key);
  if (it != connections_.end()) {
    ++stats_.replaced;
    Log().Info("conf={} ep={} new socket replaces the old one", key.first, key.second);
    std::unique_ptr<Connection> old = std::move(it->second);
    it->second = std::move(connection);
    Retire(std::move(old), kCloseReplaced, "replaced");
  } else {
    connections_.emplace(key, std::move(connection));
  }
  ++stats_.accepted;
  listener_.OnColibriWsConnected(key.first, key.second);
}

void ColibriWsServer::OnMessage(SoupWebsocketConnection*, gint type, GBytes* message,
                                gpointer connection) noexcept {
  auto* c = static_cast<Connection*>(connection);
  try {
    c->server.HandleMessage(*c, type, message);
  } catch (const std::exception& e) {
    Log().Error("message handler failed: {}", e.what());
  }
}

void ColibriWsServer::HandleMessage(Connection& connection, gint type, GBytes* message) {
  connection.last_activity_us = g_get_monotonic_time();
  if (type != SOUP_WEBSOCKET_DATA_TEXT) {
    ++stats_.dropped_binary;
    return;
  }
  gsize size = 0;
  const auto* data = static_cast<const char*>(g_bytes_get_data(message, &size));
  if (size > config_.max_message_bytes) {
    ++stats_.dropped_oversized;
    Log().Warn("conf={} ep={} dropped a {} byte message", connection.key.first,
               connection.key.second, size);
    return;
  }
  ++stats_.messages_received;
  // Copies: the listener may close or replace this connection while handling the message.
  const Key key = connection.key;
  listener_.OnColibriWsMessage(key.first, key.second, std::string_view(data != nullptr ? data : "", size));
}

void ColibriWsServer::OnPong(SoupWebsocketConnection*, GBytes*, gpointer connection) noexcept {
  static_cast<Connection*>(connection)->last_activity_us = g_get_monotonic_time();
}

void ColibriWsServer::OnClosed(SoupWebsocketConnection*, gpointer connection) noexcept {
  auto* c = static_cast<Connection*>(connection);
  try {
    c->server.HandleClosed(*c);
  } catch (const std::exception& e) {
    Log().Error("close handler failed: {}", e.what());
  }
}

void ColibriWsServer::HandleClosed(Connection& connection) {
  auto closing = std::find_if(closing_.begin(), closing_.end(),
                              [&](const auto& c) { return c.get() == &connection; });
  if (closing != closing_.end()) {
    closing_.erase(closing);  // destroys `connection`
    return;
  }
  auto it = connections_.find(connection.key);
  if (it == connections_.end() || it->second.get() != &connection) return;
  const Key key = connection.key;
  Log().Info("conf={} ep={} socket closed ({})", key.first, key.second,
             soup_websocket_connection_get_close_code(connection.ws.get()));
  connections_.erase(it);  // destroys `connection`
  listener_.OnColibriWsClosed(key.first, key.second);
}

void ColibriWsServer::Retire(std::unique_ptr<Connection> connection, uint16_t code,
                             const char* reason) {
  connection->DisconnectData();
  if (connection->open()) {
    soup_websocket_connection_close(connection->ws.get(), code, reason);
  }
  if (soup_websocket_connection_get_state(connection->ws.get()) == SOUP_WEBSOCKET_STATE_CLOSED) {
    return;  // nothing to wait for
  }
  closing_.push_back(std::move(connection));
}

ColibriWsServer::ConnectionMap::iterator ColibriWsServer::Find(std::string_view conference_id,
                                                               std::string_view endpoint_id) {
  return connections_.find(Key{std::string(conference_id), std::string(endpoint_id)});
}

bool ColibriWsServer::Send(std::string_view conference_id, std::string_view endpoint_id,
                           std::string_view text) {
  auto it = Find(conference_id, endpoint_id);
  if (it == connections_.end() || !it->second->open()) return false;
  // send_text needs a NUL-terminated string.
  const std::string copy(text);
  soup_websocket_connection_send_text(it->second->ws.get(), copy.c_str());
  ++stats_.messages_sent;
  return true;
}

bool ColibriWsServer::CloseEndpoint(std::string_view conference_id, std::string_view endpoint_id) {
  auto it = Find(conference_id, endpoint_id);
  if (it == connections_.end()) return false;
  std::unique_ptr<Connection> connection = std::move(it->second);
  connections_.erase(it);
  Retire(std::move(connection), kCloseEndpointClosed, "endpoint closed");
  return true;
}

size_t ColibriWsServer::CloseConference(std::string_view conference_id) {
  size_t closed = 0;
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (it->first.first != conference_id) {
      ++it;
      continue;
    }
    std::unique_ptr<Connection> connection = std::move(it->second);
    it = connections_.erase(it);
    Retire(std::move(connection), kCloseEndpointClosed, "endpoint closed");
    ++closed;
  }
  return closed;
}

bool ColibriWsServer::IsConnected(std::string_view conference_id,
                                  std::string_view endpoint_id) const {
  auto it = connections_.find(Key{std::string(conference_id), std::string(endpoint_id)});
  return it != connections_.end() && it->second->open();
}

gboolean ColibriWsServer::OnIdleCheck(gpointer self) noexcept {
  try {
    static_cast<ColibriWsServer*>(self)->CheckIdle();
  } catch (const std::exception& e) {
    Log().Error("idle check failed: {}", e.what());
  }
  return G_SOURCE_CONTINUE;
}

void ColibriWsServer::CheckIdle() {
  const gint64 now = g_get_monotonic_time();
  const gint64 limit_us = static_cast<gint64>(config_.idle_timeout.count()) * 1000;
  std::vector<Key> idle;
  for (const auto& [key, connection] : connections_) {
    if (now - connection->last_activity_us >= limit_us) idle.push_back(key);
  }
  for (const Key& key : idle) {
    auto it = connections_.find(key);
    if (it == connections_.end()) continue;
    ++stats_.idle_closed;
    Log().Info("conf={} ep={} idle, closing", key.first, key.second);
    std::unique_ptr<Connection> connection = std::move(it->second);
    connections_.erase(it);
    Retire(std::move(connection), kCloseEndpointClosed, "idle timeout");
    listener_.OnColibriWsClosed(key.first, key.second);
  }
}

}  // namespace meet::bridge::colibri_ws
