#include "bridge/http_api.hpp"

#include <sys/utsname.h>

#include <nlohmann/json.hpp>

#include "bridge/bridge.hpp"
#include "media/base/log.hpp"
#include "signaling/colibri2/colibri2_json.hpp"

#ifndef MEET_VERSION
#define MEET_VERSION "0.0.0"
#endif

namespace meet::bridge {
namespace colibri2 = signaling::colibri2;
using Json = nlohmann::ordered_json;

namespace {

const log::Logger& Log() {
  static const log::Logger logger("http");
  return logger;
}

constexpr const char* kJson = "application/json";
constexpr std::string_view kConferencesPath = "/colibri/v2/conferences";
constexpr std::string_view kDebugPath = "/debug/conferences";

std::string Dump(const Json& j) { return colibri2::DumpJson(j); }

}  // namespace

struct HttpApi::Response {
  unsigned status = 200;
  std::string content_type = kJson;
  std::string body;

  static Response JsonBody(unsigned status, const Json& j) { return {status, kJson, Dump(j)}; }
  static Response Error(unsigned status, std::string condition, std::string text) {
    Json j;
    j["condition"] = std::move(condition);
    j["text"] = std::move(text);
    return JsonBody(status, j);
  }
};

void HttpApi::SoupServerDeleter::operator()(SoupServer* s) const noexcept {
  soup_server_disconnect(s);
  g_object_unref(s);
}

HttpApi::HttpApi(Bridge& bridge) : bridge_(bridge) {}

HttpApi::~HttpApi() = default;

Status HttpApi::Listen(const std::string& address, uint16_t port) {
  server_.reset(static_cast<SoupServer*>(g_object_new(SOUP_TYPE_SERVER, "server-header", "meet-bridge", nullptr)));
  soup_server_add_handler(server_.get(), nullptr, &HttpApi::OnRequest, this, nullptr);
  GSocketAddress* addr = g_inet_socket_address_new_from_string(address.c_str(), port);
  if (addr == nullptr) {
    return MakeError("http.listen-failed", "not an IP address: " + address, address, "internal-server-error");
  }
  GError* error = nullptr;
  const gboolean ok = soup_server_listen(server_.get(), addr, static_cast<SoupServerListenOptions>(0), &error);
  g_object_unref(addr);
  if (!ok) {
    std::string text = error != nullptr ? error->message : "unknown error";
    if (error != nullptr) g_error_free(error);
    server_.reset();
    return MakeError("http.listen-failed", text, address + ":" + std::to_string(port),
                     "internal-server-error");
  }
  port_ = port;
  GSList* uris = soup_server_get_uris(server_.get());
  for (GSList* it = uris; it != nullptr; it = it->next) {
    const int p = g_uri_get_port(static_cast<GUri*>(it->data));
    if (p > 0) port_ = static_cast<uint16_t>(p);
  }
  g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  Log().Info("HTTP API listening on http://{}:{}/", address, port_);
  return {};
}

void HttpApi::OnRequest(SoupServer* /*server*/, SoupServerMessage* message, const char* path,
                        GHashTable* /*query*/, gpointer self) noexcept {
  auto* api = static_cast<HttpApi*>(self);
  Response response;
  try {
    const char* method = soup_server_message_get_method(message);
    SoupMessageBody* body = soup_server_message_get_request_body(message);
    std::string_view body_view;
    if (body != nullptr && body->data != nullptr) {
      body_view = std::string_view(body->data, static_cast<size_t>(body->length));
    }
    if (body_view.size() > colibri2::kMaxJsonBytes) {
      response = Response::Error(413, "policy-violation", "request body too large");
    } else {
      response = api->Route(method != nullptr ? method : "", path != nullptr ? path : "", body_view);
    }
  } catch (const std::exception& e) {
    response = Response::Error(500, "internal-server-error", e.what());
  }
  soup_server_message_set_status(message, response.status, nullptr);
  if (!response.body.empty()) {
    soup_server_message_set_response(message, response.content_type.c_str(), SOUP_MEMORY_COPY,
                                     response.body.data(), response.body.size());
  }
}

HttpApi::Response HttpApi::Route(const std::string& method, const std::string& path,
                                 std::string_view body) {
  Log().Debug("{} {}", method, path);
  const bool get = method == "GET";
  const bool post = method == "POST";
  if (path == "/about/health") {
    if (!get) return Response::Error(405, "not-allowed", "use GET");
    return bridge_.Healthy() ? Response{200, "text/plain", ""}
                             : Response::Error(500, "internal-server-error", "unhealthy");
  }
  if (path == "/about/version") {
    if (!get) return Response::Error(405, "not-allowed", "use GET");
    utsname u{};
    std::string os = "Linux";
    if (::uname(&u) == 0) os = std::string(u.sysname) + " " + u.release;
    return Response::JsonBody(200, Json{{"name", "meet-bridge"}, {"version", MEET_VERSION}, {"os", os}});
  }
  if (path == "/colibri/stats") {
    if (!get) return Response::Error(405, "not-allowed", "use GET");
    return Response::JsonBody(200, bridge_.Statistics().ToJson());
  }
  if (path == "/metrics") {
    if (!get) return Response::Error(405, "not-allowed", "use GET");
    return {200, "text/plain; version=0.0.4; charset=utf-8", bridge_.Statistics().ToPrometheusText()};
  }
  if (path == kConferencesPath || path == std::string(kConferencesPath) + "/") {
    if (!post) return Response::Error(405, "not-allowed", "use POST");
    return Colibri2(body, {});
  }
  if (path.rfind(std::string(kConferencesPath) + "/", 0) == 0) {
    if (method != "PATCH") return Response::Error(405, "not-allowed", "use PATCH");
    const std::string id = path.substr(kConferencesPath.size() + 1);
    if (id.empty() || id.find('/') != std::string::npos) {
      return Response::Error(404, "item-not-found", "no such resource");
    }
    return Colibri2(body, id);
  }
  if (path == kDebugPath || path.rfind(std::string(kDebugPath) + "/", 0) == 0) {
    if (!get) return Response::Error(405, "not-allowed", "use GET");
    return Debug(path);
  }
  if (path == "/colibri/shutdown") {
    if (!post) return Response::Error(405, "not-allowed", "use POST");
    if (!body.empty()) {
      Json j = Json::parse(body, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        return Response::Error(400, "bad-request", "body must be a JSON object");
      }
      auto it = j.find("graceful-shutdown");
      if (it != j.end() && (!it->is_boolean() || !it->get<bool>())) {
        return Response::Error(400, "bad-request", "only graceful shutdown is supported");
      }
    }
    bridge_.BeginGracefulShutdown();
    return Response::JsonBody(200, Json{{"graceful-shutdown", true},
                                        {"conferences", bridge_.conferences().conference_count()}});
  }
  return Response::Error(404, "item-not-found", "no such resource: " + path);
}

HttpApi::Response HttpApi::Colibri2(std::string_view body, const std::string& path_meeting_id) {
  Colibri2Outcome outcome;
  if (path_meeting_id.empty()) {
    outcome = bridge_.colibri2().HandleJson(body);
  } else {
    if (body.size() > colibri2::kMaxJsonBytes) {
      return Response::Error(413, "policy-violation", "request body too large");
    }
    Json j = Json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Response::JsonBody(400, colibri2::ToJson(colibri2::BadRequest("body must be a JSON object")));
    }
    if (!j.contains("meeting-id")) j["meeting-id"] = path_meeting_id;
    if (!j["meeting-id"].is_string() || j["meeting-id"].get<std::string>() != path_meeting_id) {
      return Response::JsonBody(400, colibri2::ToJson(colibri2::BadRequest("meeting-id does not match the path")));
    }
    auto request = colibri2::ConferenceModifyFromJson(j);
    if (!request.ok()) {
      return Response::JsonBody(400, colibri2::ToJson(colibri2::BadRequest(request.error().ToString())));
    }
    outcome = bridge_.colibri2().Handle(*request);
  }
  if (outcome.ok()) return Response::JsonBody(200, colibri2::ToJson(*outcome.modified));
  return Response::JsonBody(static_cast<unsigned>(colibri2::HttpStatusFor(*outcome.error)),
                            colibri2::ToJson(*outcome.error));
}

HttpApi::Response HttpApi::Debug(const std::string& path) {
  ConferenceManager& manager = bridge_.conferences();
  if (path == kDebugPath || path == std::string(kDebugPath) + "/") {
    Json j = Json::object();
    for (const auto& [meeting_id, conference] : manager.conferences()) {
      j[conference->id()] = conference->DebugJson(false);
    }
    return Response::JsonBody(200, j);
  }
  const std::string id = path.substr(kDebugPath.size() + 1);
  Conference* conference = manager.FindById(id);
  if (conference == nullptr) conference = manager.Find(id);
  if (conference == nullptr) return Response::Error(404, "item-not-found", "no conference " + id);
  return Response::JsonBody(200, conference->DebugJson(true));
}

}  // namespace meet::bridge
