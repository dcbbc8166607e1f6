#include "focus/http_server.hpp"

#include <string>

#include "focus/focus_manager.hpp"
#include "signaling/stanzas/conference_request.hpp"

namespace meet::focus {

namespace {

void Reply(SoupServerMessage* msg, guint status, const std::string& content_type,
           const std::string& body) {
  soup_server_message_set_status(msg, status, nullptr);
  soup_server_message_set_response(msg, content_type.c_str(), SOUP_MEMORY_COPY, body.data(),
                                   body.size());
}

}  // namespace

HttpServer::HttpServer(media::loop::EventLoop& loop, FocusManager& focus)
    : loop_(loop), focus_(focus) {
  server_.reset(soup_server_new("server-header", "meet-focus", nullptr));
  soup_server_add_handler(server_.get(), nullptr, &HttpServer::OnRequest, this, nullptr);
}

HttpServer::~HttpServer() {
  if (server_) soup_server_disconnect(server_.get());
}

Status HttpServer::Listen(uint16_t port) {
  GError* error = nullptr;
  if (!soup_server_listen_local(server_.get(), port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error)) {
    std::string text = error ? error->message : "unknown error";
    if (error) g_error_free(error);
    return MakeError("focus.http.listen", text, std::to_string(port), "");
  }
  port_ = port;
  if (port == 0) {
    GSList* uris = soup_server_get_uris(server_.get());
    if (uris != nullptr) port_ = static_cast<uint16_t>(g_uri_get_port(static_cast<GUri*>(uris->data)));
    g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  }
  log_.Info("listening on 127.0.0.1:{}", port_);
  return {};
}

void HttpServer::OnRequest(SoupServer*, SoupServerMessage* msg, const char* path, GHashTable*,
                           gpointer self) noexcept {
  try {
    static_cast<HttpServer*>(self)->Handle(msg, path ? path : "");
  } catch (...) {
    Reply(msg, 500, "text/plain", "internal error\n");
  }
}

void HttpServer::Handle(SoupServerMessage* msg, const std::string& path) {
  const std::string method = soup_server_message_get_method(msg);
  if (path == "/conference-request/v1") {
    if (method != "POST") return Reply(msg, 405, "text/plain", "POST only\n");
    return HandleConferenceRequest(msg);
  }
  if (method != "GET") return Reply(msg, 405, "text/plain", "GET only\n");
  if (path == "/about/health") {
    return focus_.connected() ? Reply(msg, 200, "text/plain", "")
                              : Reply(msg, 503, "text/plain", "XMPP not connected\n");
  }
  if (path == "/stats") return Reply(msg, 200, "application/json", focus_.Stats().dump());
  if (path == "/metrics") {
    return Reply(msg, 200, "text/plain; version=0.0.4", focus_.Metrics());
  }
  if (path == "/debug" || path == "/debug/conferences") {
    return Reply(msg, 200, "application/json", focus_.Debug().dump(2));
  }
  Reply(msg, 404, "text/plain", "not found\n");
}

void HttpServer::HandleConferenceRequest(SoupServerMessage* msg) {
  SoupMessageBody* body = soup_server_message_get_request_body(msg);
  GBytes* bytes = soup_message_body_flatten(body);
  gsize size = 0;
  const char* data = static_cast<const char*>(g_bytes_get_data(bytes, &size));
  std::string text(data ? data : "", size);
  g_bytes_unref(bytes);
  auto request = signaling::stanzas::ConferenceRequest::FromJsonText(text);
  if (!request.ok()) {
    return Reply(msg, 400, "text/plain", "400 bad-request: " + request.error().ToString() + "\n");
  }
  // Answered once the room is ready: keep the message alive and paused until then.
  g_object_ref(msg);
  soup_server_message_pause(msg);
  std::weak_ptr<int> alive = alive_;
  focus_.HandleConferenceRequest(*request, [alive, msg](auto result) {
    if (!alive.expired()) {
      if (result.ok()) {
        Reply(msg, 200, "application/json", result->ToJson().dump());
      } else if (result.error().condition == "not-authorized") {
        Reply(msg, 403, "text/plain", "403 not-authorized\n");
      } else if (result.error().condition == "not-acceptable" ||
                 result.error().condition == "bad-request") {
        Reply(msg, 400, "text/plain", "400 " + result.error().text + "\n");
      } else {
        Reply(msg, 500, "text/plain", "500 " + result.error().text + "\n");
      }
      soup_server_message_unpause(msg);
    }
    g_object_unref(msg);
  });
}

}  // namespace meet::focus
