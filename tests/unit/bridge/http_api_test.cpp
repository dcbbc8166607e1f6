// The bridge's HTTP API against the real libsoup server on a free port, driven from the test
// thread while the bridge runs on its control loop thread.

#include "bridge/http_api.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "bridge/bridge.hpp"
#include "bridge/placeholder_transport_factory.hpp"
#include "media/loop/event_loop.hpp"
#include "tests/support/prosody/free_port.hpp"
#include "tests/support/test_data.hpp"
#include "tests/unit/bridge/http_client.hpp"

namespace meet::bridge {
namespace {

using test::HttpRequest;
using Json = nlohmann::json;

constexpr const char* kMeetingId = "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60";

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(loop_.Start());
    BridgeConfig config;
    config.bridge_id = "jvb-http";
    config.region = "test-region";
    config.http_port = meet::test::FreeTcpPort();
    config.public_ws_url = "wss://meet.example.com";
    ASSERT_NE(config.http_port, 0);
    Status started;
    loop_.Invoke([&] {
      bridge_ = std::make_unique<Bridge>(loop_, config,
                                         std::make_unique<PlaceholderTransportFactory>("AA:BB"));
      bridge_->SetExitCallback([this] { exited_ = true; });
      started = bridge_->Start();
      port_ = bridge_->http_port();
    });
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    ASSERT_EQ(port_, config.http_port);
  }
  void TearDown() override {
    loop_.Invoke([&] { bridge_.reset(); });
    loop_.Stop();
  }

  Json GetJson(const std::string& path, int expected_status = 200) {
    auto reply = HttpRequest(port_, "GET", path);
    EXPECT_EQ(reply.status, expected_status) << path << ": " << reply.body;
    EXPECT_EQ(reply.content_type, "application/json") << path;
    Json j = Json::parse(reply.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << reply.body;
    return j;
  }

  media::loop::EventLoop loop_{"http-test"};
  std::unique_ptr<Bridge> bridge_;
  uint16_t port_ = 0;
  std::atomic<bool> exited_{false};
};

TEST_F(HttpApiTest, HealthAndVersion) {
  auto health = HttpRequest(port_, "GET", "/about/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(health.body.empty());

  Json version = GetJson("/about/version");
  EXPECT_EQ(version["name"], "meet-bridge");
  ASSERT_TRUE(version["version"].is_string());
  EXPECT_FALSE(version["version"].get<std::string>().empty());
  EXPECT_TRUE(version["os"].is_string());

  EXPECT_EQ(HttpRequest(port_, "GET", "/no/such/thing").status, 404);
  EXPECT_EQ(HttpRequest(port_, "POST", "/about/health", "{}").status, 405);
}

TEST_F(HttpApiTest, StatsJsonAndMetricsFollowConferences) {
  Json stats = GetJson("/colibri/stats");
  EXPECT_EQ(stats["conferences"], 0);
  EXPECT_EQ(stats["endpoints"], 0);
  EXPECT_EQ(stats["endpoints_sending_audio"], 0);
  EXPECT_EQ(stats["bit_rate_download"], 0.0);
  EXPECT_EQ(stats["packet_rate_upload"], 0.0);
  EXPECT_EQ(stats["stress_level"], 0.0);
  EXPECT_EQ(stats["region"], "test-region");
  EXPECT_EQ(stats["relay_id"], "jvb-http");
  EXPECT_EQ(stats["graceful_shutdown"], false);

  auto created = HttpRequest(port_, "POST", "/colibri/v2/conferences",
                             meet::test::ReadData("colibri2/create_conference_request.json"));
  ASSERT_EQ(created.status, 200) << created.body;

  stats = GetJson("/colibri/stats");
  EXPECT_EQ(stats["conferences"], 1);
  EXPECT_EQ(stats["endpoints"], 1);

  auto metrics = HttpRequest(port_, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.content_type.rfind("text/plain; version=0.0.4", 0), 0u) << metrics.content_type;
  EXPECT_NE(metrics.body.find("# TYPE jitsi_jvb_conferences gauge\njitsi_jvb_conferences 1\n"),
            std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("\njitsi_jvb_endpoints 1\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("\njitsi_jvb_colibri2_requests_total 1\n"), std::string::npos);
}

TEST_F(HttpApiTest, Colibri2CreateDebugAndExpire) {
  auto created = HttpRequest(port_, "POST", "/colibri/v2/conferences",
                             meet::test::ReadData("colibri2/create_conference_request.json"));
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.content_type, "application/json");
  Json answer = Json::parse(created.body, nullptr, false);
  ASSERT_FALSE(answer.is_discarded());
  ASSERT_EQ(answer["endpoints"].size(), 1u);
  const Json& transport = answer["endpoints"][0]["transport"]["transport"];
  EXPECT_EQ(transport["fingerprints"][0]["fingerprint"], "AA:BB");
  const std::string ws = transport["web-sockets"][0].get<std::string>();
  EXPECT_EQ(ws.rfind("wss://meet.example.com/colibri-ws/jvb-http/", 0), 0u) << ws;
  EXPECT_EQ(answer["endpoints"][0]["transport"]["sctp"]["port"], 5000);
  ASSERT_EQ(answer["sources"].size(), 2u);
  EXPECT_EQ(answer["sources"][0]["id"], "jvb-a0");
  EXPECT_EQ(answer["sources"][1]["id"], "jvb-v0");

  Json list = GetJson("/debug/conferences");
  ASSERT_EQ(list.size(), 1u);
  const std::string conference_id = list.begin().key();
  EXPECT_NE(ws.find("/" + conference_id + "/1a2b3c4d?pwd="), std::string::npos);
  Json one = GetJson("/debug/conferences/" + conference_id);
  EXPECT_EQ(one["meeting-id"], kMeetingId);
  EXPECT_EQ(one["endpoints"]["1a2b3c4d"]["stats-id"], "Ada-Xy1");
  EXPECT_EQ(GetJson("/debug/conferences/ffffffff", 404)["condition"], "item-not-found");

  // PATCH with the meeting-id in the path: expire the endpoint, which expires the conference.
  auto expired = HttpRequest(port_, "PATCH", std::string("/colibri/v2/conferences/") + kMeetingId,
                             R"({"endpoints":[{"id":"1a2b3c4d","expire":true}]})");
  ASSERT_EQ(expired.status, 200) << expired.body;
  EXPECT_TRUE(GetJson("/debug/conferences").empty());
}

TEST_F(HttpApiTest, Colibri2ErrorsAre4xxWithJsonBody) {
  auto not_found = HttpRequest(port_, "POST", "/colibri/v2/conferences",
                               R"({"meeting-id":"nope","endpoints":[{"id":"a","force-mute":{"audio":true,"video":false}}]})");
  EXPECT_EQ(not_found.status, 404);
  Json body = Json::parse(not_found.body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << not_found.body;
  EXPECT_EQ(body["condition"], "item-not-found");
  EXPECT_EQ(body["reason"], "conference_not_found");
  EXPECT_EQ(body["text"], "Conference not found for ID: nope");

  auto syntax = HttpRequest(port_, "POST", "/colibri/v2/conferences", R"({"meeting-id": )");
  EXPECT_EQ(syntax.status, 400);
  body = Json::parse(syntax.body, nullptr, false);
  EXPECT_EQ(body["condition"], "bad-request");
  EXPECT_FALSE(body.contains("reason"));

  const std::string create = meet::test::ReadData("colibri2/create_conference_request.json");
  ASSERT_EQ(HttpRequest(port_, "POST", "/colibri/v2/conferences", create).status, 200);
  auto conflict = HttpRequest(port_, "POST", "/colibri/v2/conferences", create);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(Json::parse(conflict.body, nullptr, false)["reason"], "conference_already_exists");

  EXPECT_EQ(HttpRequest(port_, "GET", "/colibri/v2/conferences").status, 405);
}

TEST_F(HttpApiTest, GracefulShutdownRefusesNewConferencesAndExitsWhenEmpty) {
  const std::string create = meet::test::ReadData("colibri2/create_conference_request.json");
  ASSERT_EQ(HttpRequest(port_, "POST", "/colibri/v2/conferences", create).status, 200);

  auto shutdown = HttpRequest(port_, "POST", "/colibri/shutdown", R"({"graceful-shutdown": true})");
  ASSERT_EQ(shutdown.status, 200) << shutdown.body;
  EXPECT_FALSE(exited_.load());
  EXPECT_EQ(GetJson("/colibri/stats")["graceful_shutdown"], true);

  Json other = Json::parse(create);
  other["meeting-id"] = "11111111-2222-3333-4444-555555555555";
  auto refused = HttpRequest(port_, "POST", "/colibri/v2/conferences", other.dump());
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(Json::parse(refused.body, nullptr, false)["reason"], "graceful_shutdown");

  auto expired = HttpRequest(port_, "POST", "/colibri/v2/conferences",
                             std::string(R"({"meeting-id":")") + kMeetingId + R"(","expire":true})");
  ASSERT_EQ(expired.status, 200) << expired.body;
  // The exit callback runs from the loop right after the request (not inside it).
  for (int i = 0; i < 500 && !exited_.load(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(exited_.load());
}

}  // namespace
}  // namespace meet::bridge
