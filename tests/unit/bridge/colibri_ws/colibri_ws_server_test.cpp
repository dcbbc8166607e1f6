// ColibriWsServer against a real libsoup WebSocket client on 127.0.0.1 (port chosen by the
// kernel), everything on one GLib context iterated by the test thread.
#include "bridge/colibri_ws/colibri_ws_server.hpp"

#include <gtest/gtest.h>
#include <libsoup/soup.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bridge/colibri_ws/colibri_ws_path.hpp"
#include "media/loop/c_handles.hpp"

namespace meet::bridge::colibri_ws {
namespace {

using media::loop::GObjectPtr;

class FakeCredentials : public CredentialsProvider {
 public:
  std::optional<std::string> ColibriWsPassword(std::string_view conference_id,
                                               std::string_view endpoint_id) override {
    ++lookups;
    auto it = passwords.find({std::string(conference_id), std::string(endpoint_id)});
    if (it == passwords.end()) return std::nullopt;
    return it->second;
  }
  std::map<std::pair<std::string, std::string>, std::string> passwords;
  int lookups = 0;
};

class RecordingListener : public ColibriWsServer::Listener {
 public:
  void OnColibriWsConnected(const std::string& conference_id,
                            const std::string& endpoint_id) override {
    connected.push_back(conference_id + "/" + endpoint_id);
    if (on_connected) on_connected(conference_id, endpoint_id);
  }
  void OnColibriWsMessage(const std::string& conference_id, const std::string& endpoint_id,
                          std::string_view text) override {
    messages.push_back(conference_id + "/" + endpoint_id + ":" + std::string(text));
  }
  void OnColibriWsClosed(const std::string& conference_id,
                         const std::string& endpoint_id) override {
    closed.push_back(conference_id + "/" + endpoint_id);
  }
  std::function<void(const std::string&, const std::string&)> on_connected;
  std::vector<std::string> connected;
  std::vector<std::string> messages;
  std::vector<std::string> closed;
};

// One libsoup WebSocket client connection.
struct Client {
  bool done = false;
  unsigned status = 0;
  GObjectPtr<SoupWebsocketConnection> ws;
  std::vector<std::string> messages;
  bool closed = false;
  int close_code = 0;
  std::string close_reason;

  static void OnConnected(GObject* source, GAsyncResult* result, gpointer self) noexcept {
    auto* client = static_cast<Client*>(self);
    GError* error = nullptr;
    SoupWebsocketConnection* ws =
        soup_session_websocket_connect_finish(SOUP_SESSION(source), result, &error);
    if (error != nullptr) g_error_free(error);
    if (ws != nullptr) {
      client->ws.reset(ws);
      g_signal_connect(ws, "message", G_CALLBACK(&Client::OnMessage), client);
      g_signal_connect(ws, "closed", G_CALLBACK(&Client::OnClosed), client);
    }
    client->done = true;
  }
  static void OnMessage(SoupWebsocketConnection*, gint type, GBytes* message,
                        gpointer self) noexcept {
    if (type != SOUP_WEBSOCKET_DATA_TEXT) return;
    gsize size = 0;
    const auto* data = static_cast<const char*>(g_bytes_get_data(message, &size));
    static_cast<Client*>(self)->messages.emplace_back(data, size);
  }
  static void OnClosed(SoupWebsocketConnection* ws, gpointer self) noexcept {
    auto* client = static_cast<Client*>(self);
    client->closed = true;
    client->close_code = soup_websocket_connection_get_close_code(ws);
    const char* data = soup_websocket_connection_get_close_data(ws);
    client->close_reason = data != nullptr ? data : "";
  }
  void Send(const std::string& text) { soup_websocket_connection_send_text(ws.get(), text.c_str()); }
  ~Client() {
    if (ws) g_signal_handlers_disconnect_by_data(ws.get(), this);
  }
};

class ColibriWsServerTest : public ::testing::Test {
 protected:
  ColibriWsServerTest() : context_(g_main_context_new()) {
    g_main_context_push_thread_default(context_.get());
    session_.reset(soup_session_new());
    credentials_.passwords[{"conf-1", "aaaa0001"}] = "s3cret-token-1";
    credentials_.passwords[{"conf-1", "bbbb0002"}] = "s3cret-token-2";
    credentials_.passwords[{"conf-2", "cccc0003"}] = "other-token";
  }
  ~ColibriWsServerTest() override {
    clients_.clear();
    server_.reset();
    session_.reset();
    RunFor(std::chrono::milliseconds(50));
    g_main_context_pop_thread_default(context_.get());
  }

  void StartServer(ColibriWsConfig config = {}) {
    config.bind_address = "127.0.0.1";
    config.port = 0;
    server_ = std::make_unique<ColibriWsServer>(config, credentials_, listener_);
    auto status = server_->Listen();
    ASSERT_TRUE(status.ok()) << status.error().ToString();
    ASSERT_NE(server_->port(), 0);
    port_ = server_->port();
  }

  bool RunUntil(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      GSource* tick = g_timeout_source_new(10);
      g_source_set_callback(tick, [](gpointer) -> gboolean { return G_SOURCE_REMOVE; }, nullptr,
                            nullptr);
      g_source_attach(tick, context_.get());
      g_main_context_iteration(context_.get(), TRUE);
      g_source_destroy(tick);
      g_source_unref(tick);
    }
    return done();
  }
  void RunFor(std::chrono::milliseconds duration) {
    const auto end = std::chrono::steady_clock::now() + duration;
    RunUntil([&] { return std::chrono::steady_clock::now() >= end; }, duration * 2);
  }

  // Connects to `path_and_query` and waits for the handshake's outcome.
  Client& Connect(const std::string& path_and_query) {
    clients_.push_back(std::make_unique<Client>());
    Client& client = *clients_.back();
    const std::string url = "ws://127.0.0.1:" + std::to_string(port_) + path_and_query;
    GObjectPtr<SoupMessage> message(soup_message_new("GET", url.c_str()));
    EXPECT_NE(message, nullptr) << url;
    if (!message) return client;
    soup_session_websocket_connect_async(session_.get(), message.get(), nullptr, nullptr,
                                         G_PRIORITY_DEFAULT, nullptr, &Client::OnConnected,
                                         &client);
    EXPECT_TRUE(RunUntil([&] { return client.done; })) << url;
    client.status = soup_message_get_status(message.get());
    return client;
  }

  media::loop::GMainContextPtr context_;
  GObjectPtr<SoupSession> session_;
  FakeCredentials credentials_;
  RecordingListener listener_;
  std::unique_ptr<ColibriWsServer> server_;
  std::vector<std::unique_ptr<Client>> clients_;
  uint16_t port_ = 0;
};

TEST(ColibriWsPath, ParsesJvbUrlPaths) {
  auto p = ParseColibriWsPath("/colibri-ws/default-id/7f3a9c21b0e4d5a6/5e6f7a8b");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(*p, (ColibriWsPath{"default-id", "7f3a9c21b0e4d5a6", "5e6f7a8b"}));
  // Segments after the endpoint id are ignored, as JVB does.
  auto extra = ParseColibriWsPath("/colibri-ws/jvb1/conf/ep/more/segments");
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(extra->endpoint_id, "ep");

  EXPECT_EQ(ParseColibriWsPath("/colibri-ws/default-id/conf").error().code,
            "colibri-ws.too-few-segments");
  EXPECT_EQ(ParseColibriWsPath("/colibri-ws/").error().code, "colibri-ws.too-few-segments");
  EXPECT_EQ(ParseColibriWsPath("/colibri-wsx/a/b/c").error().code, "colibri-ws.bad-prefix");
  EXPECT_EQ(ParseColibriWsPath("/colibri-relay-ws/a/b/c").error().code, "colibri-ws.bad-prefix");
  EXPECT_EQ(ParseColibriWsPath("").error().code, "colibri-ws.bad-prefix");
  EXPECT_EQ(ParseColibriWsPath("/colibri-ws/a/b/" + std::string(3000, 'x')).error().code,
            "colibri-ws.too-long");
}

TEST(ColibriWsPath, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("s3cret", "s3cret"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("s3creT", "s3cret"));
  EXPECT_FALSE(ConstantTimeEquals("s3cre", "s3cret"));
  EXPECT_FALSE(ConstantTimeEquals("s3crett", "s3cret"));
  EXPECT_FALSE(ConstantTimeEquals("", "s3cret"));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("s3cret\0x", 8), "s3cret"));
}

TEST_F(ColibriWsServerTest, ConnectsAndCarriesTextBothWays) {
  // The bridge greets on connect (ServerHello).
  listener_.on_connected = [&](const std::string& conf, const std::string& ep) {
    EXPECT_TRUE(server_->Send(conf, ep, R"({"colibriClass":"ServerHello"})"));
  };
  StartServer();
  Client& c = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(c.ws) << "status " << c.status;
  EXPECT_EQ(c.status, SOUP_STATUS_SWITCHING_PROTOCOLS);
  EXPECT_EQ(listener_.connected, std::vector<std::string>{"conf-1/aaaa0001"});
  EXPECT_TRUE(server_->IsConnected("conf-1", "aaaa0001"));
  ASSERT_TRUE(RunUntil([&] { return !c.messages.empty(); }));
  EXPECT_EQ(c.messages[0], R"({"colibriClass":"ServerHello"})");

  c.Send(R"({"colibriClass":"ClientHello"})");
  c.Send(R"({"colibriClass":"ReceiverVideoConstraints","lastN":3})");
  ASSERT_TRUE(RunUntil([&] { return listener_.messages.size() == 2; }));
  EXPECT_EQ(listener_.messages[0], R"(conf-1/aaaa0001:{"colibriClass":"ClientHello"})");
  EXPECT_EQ(listener_.messages[1],
            R"(conf-1/aaaa0001:{"colibriClass":"ReceiverVideoConstraints","lastN":3})");

  EXPECT_TRUE(server_->Send("conf-1", "aaaa0001", R"({"colibriClass":"ForwardedSources","forwardedSources":[]})"));
  ASSERT_TRUE(RunUntil([&] { return c.messages.size() == 2; }));
  EXPECT_EQ(c.messages[1], R"({"colibriClass":"ForwardedSources","forwardedSources":[]})");
  // Nobody else is connected.
  EXPECT_FALSE(server_->Send("conf-1", "bbbb0002", "{}"));
  EXPECT_EQ(server_->stats().accepted, 1u);
  EXPECT_EQ(server_->stats().messages_received, 2u);
  EXPECT_EQ(server_->stats().messages_sent, 2u);
}

TEST_F(ColibriWsServerTest, WrongPathsAndServerIdsGet404) {
  StartServer(ColibriWsConfig{.server_id = "jvb-7"});
  EXPECT_EQ(Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1").status,
            SOUP_STATUS_NOT_FOUND);
  EXPECT_EQ(Connect("/colibri-ws/jvb-7/conf-1?pwd=s3cret-token-1").status, SOUP_STATUS_NOT_FOUND);
  EXPECT_EQ(Connect("/colibri-ws?pwd=s3cret-token-1").status, SOUP_STATUS_NOT_FOUND);
  EXPECT_EQ(server_->stats().rejected_not_found, 3u);
  EXPECT_EQ(server_->connection_count(), 0u);
  EXPECT_TRUE(listener_.connected.empty());
  // The 404s are decided before any credential lookup.
  EXPECT_EQ(credentials_.lookups, 0);
  Client& ok = Connect("/colibri-ws/jvb-7/conf-1/aaaa0001?pwd=s3cret-token-1");
  EXPECT_TRUE(ok.ws) << ok.status;
}

TEST_F(ColibriWsServerTest, BadCredentialsGet403) {
  StartServer();
  for (const char* path : {
           "/colibri-ws/default-id/conf-1/aaaa0001?pwd=wrong",              // wrong pwd
           "/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-2",     // another's pwd
           "/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1x",    // longer
           "/colibri-ws/default-id/conf-1/aaaa0001",                        // no pwd
           "/colibri-ws/default-id/conf-1/ffff0009?pwd=s3cret-token-1",     // unknown endpoint
           "/colibri-ws/default-id/conf-9/aaaa0001?pwd=s3cret-token-1",     // unknown conference
       }) {
    Client& c = Connect(path);
    EXPECT_EQ(c.status, SOUP_STATUS_FORBIDDEN) << path;
    EXPECT_FALSE(c.ws) << path;
  }
  EXPECT_EQ(server_->stats().rejected_unauthorized, 6u);
  EXPECT_EQ(server_->connection_count(), 0u);
  EXPECT_TRUE(listener_.connected.empty());
}

TEST_F(ColibriWsServerTest, NewSocketReplacesTheOldOne) {
  StartServer();
  Client& first = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(first.ws);
  Client& second = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(second.ws);
  ASSERT_TRUE(RunUntil([&] { return first.closed; }));
  EXPECT_EQ(first.close_code, 1000);
  EXPECT_EQ(first.close_reason, "replaced");
  EXPECT_FALSE(second.closed);
  EXPECT_EQ(server_->connection_count(), 1u);
  EXPECT_EQ(server_->stats().replaced, 1u);
  // Replacing is not a close of the endpoint's channel.
  EXPECT_TRUE(listener_.closed.empty());
  EXPECT_EQ(listener_.connected.size(), 2u);

  ASSERT_TRUE(server_->Send("conf-1", "aaaa0001", "to the new socket"));
  ASSERT_TRUE(RunUntil([&] { return !second.messages.empty(); }));
  EXPECT_EQ(second.messages[0], "to the new socket");
  EXPECT_TRUE(first.messages.empty());
}

TEST_F(ColibriWsServerTest, CloseEndpointSends1001) {
  StartServer();
  Client& a = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  Client& b = Connect("/colibri-ws/default-id/conf-1/bbbb0002?pwd=s3cret-token-2");
  Client& c = Connect("/colibri-ws/default-id/conf-2/cccc0003?pwd=other-token");
  ASSERT_TRUE(a.ws && b.ws && c.ws);
  EXPECT_TRUE(server_->CloseEndpoint("conf-1", "aaaa0001"));
  EXPECT_FALSE(server_->CloseEndpoint("conf-1", "aaaa0001"));
  ASSERT_TRUE(RunUntil([&] { return a.closed; }));
  EXPECT_EQ(a.close_code, 1001);
  EXPECT_EQ(a.close_reason, "endpoint closed");
  EXPECT_FALSE(server_->Send("conf-1", "aaaa0001", "{}"));

  // A whole conference.
  EXPECT_EQ(server_->CloseConference("conf-2"), 1u);
  ASSERT_TRUE(RunUntil([&] { return c.closed; }));
  EXPECT_EQ(c.close_code, 1001);
  EXPECT_FALSE(b.closed);
  EXPECT_EQ(server_->connection_count(), 1u);
  EXPECT_TRUE(listener_.closed.empty());
}

TEST_F(ColibriWsServerTest, OversizedMessagesAreDroppedAndCounted) {
  StartServer();
  Client& c = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(c.ws);
  const std::string big = R"({"colibriClass":"EndpointMessage","to":"","msgPayload":{"x":")" +
                          std::string(70 * 1024, 'a') + "\"}}";
  c.Send(big);
  c.Send(std::string(64 * 1024, 'b'));  // exactly the limit: delivered
  c.Send(R"({"colibriClass":"ClientHello"})");
  ASSERT_TRUE(RunUntil([&] { return listener_.messages.size() == 2; }));
  EXPECT_EQ(listener_.messages[0].size(), std::string("conf-1/aaaa0001:").size() + 64 * 1024);
  EXPECT_EQ(listener_.messages[1], R"(conf-1/aaaa0001:{"colibriClass":"ClientHello"})");
  EXPECT_EQ(server_->stats().dropped_oversized, 1u);
  EXPECT_FALSE(c.closed);
}

TEST_F(ColibriWsServerTest, ClientCloseIsReported) {
  StartServer();
  Client& c = Connect("/colibri-ws/default-id/conf-1/bbbb0002?pwd=s3cret-token-2");
  ASSERT_TRUE(c.ws);
  soup_websocket_connection_close(c.ws.get(), SOUP_WEBSOCKET_CLOSE_NORMAL, "bye");
  ASSERT_TRUE(RunUntil([&] { return !listener_.closed.empty(); }));
  EXPECT_EQ(listener_.closed, std::vector<std::string>{"conf-1/bbbb0002"});
  EXPECT_EQ(server_->connection_count(), 0u);
  EXPECT_FALSE(server_->IsConnected("conf-1", "bbbb0002"));
}

TEST_F(ColibriWsServerTest, IdleConnectionsAreClosed) {
  StartServer(ColibriWsConfig{.ping_interval = std::chrono::milliseconds(0),
                              .idle_timeout = std::chrono::milliseconds(300)});
  Client& c = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(c.ws);
  ASSERT_TRUE(RunUntil([&] { return c.closed; }));
  EXPECT_EQ(c.close_code, 1001);
  EXPECT_EQ(c.close_reason, "idle timeout");
  EXPECT_EQ(server_->stats().idle_closed, 1u);
  EXPECT_EQ(listener_.closed, std::vector<std::string>{"conf-1/aaaa0001"});
}

TEST_F(ColibriWsServerTest, PongsKeepAConnectionAlive) {
  // Pings every second; the client's automatic pongs count as activity.
  StartServer(ColibriWsConfig{.ping_interval = std::chrono::milliseconds(1000),
                              .idle_timeout = std::chrono::milliseconds(1600)});
  Client& c = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  ASSERT_TRUE(c.ws);
  RunFor(std::chrono::milliseconds(3500));
  EXPECT_FALSE(c.closed) << c.close_code << " " << c.close_reason;
  EXPECT_EQ(server_->stats().idle_closed, 0u);
  EXPECT_TRUE(server_->IsConnected("conf-1", "aaaa0001"));
}

TEST_F(ColibriWsServerTest, AttachesToAGivenServer) {
  GObjectPtr<SoupServer> http(static_cast<SoupServer*>(g_object_new(SOUP_TYPE_SERVER, nullptr)));
  // The HTTP API's catch-all handler stays in charge of other paths.
  soup_server_add_handler(
      http.get(), nullptr,
      [](SoupServer*, SoupServerMessage* msg, const char*, GHashTable*, gpointer) {
        soup_server_message_set_status(msg, SOUP_STATUS_OK, nullptr);
      },
      nullptr, nullptr);
  GError* error = nullptr;
  ASSERT_TRUE(soup_server_listen_local(http.get(), 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  GSList* uris = soup_server_get_uris(http.get());
  ASSERT_NE(uris, nullptr);
  port_ = static_cast<uint16_t>(g_uri_get_port(static_cast<GUri*>(uris->data)));
  g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));

  server_ = std::make_unique<ColibriWsServer>(ColibriWsConfig{}, credentials_, listener_);
  ASSERT_TRUE(server_->Attach(http.get()).ok());
  Client& good = Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=s3cret-token-1");
  EXPECT_TRUE(good.ws) << good.status;
  EXPECT_EQ(Connect("/colibri-ws/default-id/conf-1/aaaa0001?pwd=nope").status,
            SOUP_STATUS_FORBIDDEN);
  clients_.clear();
  server_.reset();
  soup_server_disconnect(http.get());
}

}  // namespace
}  // namespace meet::bridge::colibri_ws
