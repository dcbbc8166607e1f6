// The bridge against a real Prosody: it logs in as jvb@auth.<domain>, joins the brewery with
// its bridge id as nickname and publishes stats presence; a gloox test client in the same
// brewery (the focus's position) sees the stats, sends COLIBRI2 conference-modify IQs to the
// bridge's occupant JID and health checks.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <thread>

#include "bridge/bridge.hpp"
#include "bridge/placeholder_transport_factory.hpp"
#include "bridge/xmpp_control.hpp"
#include "media/loop/event_loop.hpp"
#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/stanzas/bridge_stats.hpp"
#include "signaling/stanzas/health_check_iq.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/integration/bridge/xmpp_test_client.hpp"
#include "tests/support/prosody/free_port.hpp"
#include "tests/support/prosody/prosody_server.hpp"
#include "tests/support/test_data.hpp"

namespace meet::bridge {
namespace {

namespace colibri2 = signaling::colibri2;
namespace stanzas = signaling::stanzas;
namespace xml = signaling::xml;
namespace ns = signaling::ns;
using std::chrono::seconds;

constexpr const char* kBridgeId = "jvb-it";
constexpr const char* kJvbPassword = "jvb-s3cret";

class BridgeXmppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto prosody = meet::test::ProsodyServer::Start({.accounts = {{"jvb", kJvbPassword}}});
    ASSERT_TRUE(prosody.ok()) << prosody.error().ToString();
    prosody_ = std::move(*prosody);

    BridgeConfig config;
    config.bridge_id = kBridgeId;
    config.region = "it-region";
    config.http_port = meet::test::FreeTcpPort();
    config.public_ws_url = "wss://meet.test";
    XmppConfig xmpp;
    xmpp.port = prosody_->c2s_port();
    xmpp.domain = prosody_->auth_domain();
    xmpp.user = "jvb";
    xmpp.password = kJvbPassword;
    xmpp.brewery = prosody_->brewery_jid();
    xmpp.nick = kBridgeId;
    xmpp.presence_interval = std::chrono::milliseconds(200);
    config.xmpp = xmpp;

    ASSERT_TRUE(loop_.Start());
    Status started;
    loop_.Invoke([&] {
      bridge_ = std::make_unique<Bridge>(loop_, config,
                                         std::make_unique<PlaceholderTransportFactory>("12:34:56"));
      started = bridge_->Start();
    });
    ASSERT_TRUE(started.ok()) << started.error().ToString();

    // The focus's position: an occupant of the same brewery.
    client_ = std::make_unique<test::XmppTestClient>(prosody_->c2s_port(), prosody_->domain());
    ASSERT_TRUE(client_->Connect()) << prosody_->Log();
    ASSERT_TRUE(client_->JoinRoom(prosody_->brewery_jid(), "focus")) << prosody_->Log();
  }

  void TearDown() override {
    client_.reset();
    if (bridge_) loop_.Invoke([&] { bridge_.reset(); });
    loop_.Stop();
    prosody_.reset();
  }

  std::string BridgeOccupant() const { return prosody_->brewery_jid() + "/" + kBridgeId; }

  // The latest stats presence of the bridge received from index `from` on, waiting for one.
  std::optional<stanzas::BridgeStats> NextStats(size_t from,
                                                const std::function<bool(const stanzas::BridgeStats&)>& want) {
    std::optional<stanzas::BridgeStats> found;
    const std::string occupant = BridgeOccupant();
    client_->RunUntil(
        [&] {
          auto tag = client_->FindReceived(
              [&](const gloox::Tag& t) {
                if (t.name() != "presence" || xml::AttrOr(t, "from") != occupant) return false;
                if (xml::Child(t, "stats", ns::kColibri) == nullptr) return false;
                auto stats = stanzas::BridgeStats::Parse(t);
                return stats.ok() && want(*stats);
              },
              from);
          if (tag) found = *stanzas::BridgeStats::Parse(*tag);
          return found.has_value();
        },
        seconds(10));
    return found;
  }

  xml::TagPtr FixtureModify(const std::string& file) {
    auto iq = xml::Parse(meet::test::ReadData("colibri2/" + file));
    EXPECT_TRUE(iq.ok());
    if (!iq.ok()) return nullptr;
    const gloox::Tag* modify = xml::Child(**iq, "conference-modify", ns::kColibri2);
    EXPECT_NE(modify, nullptr);
    return modify != nullptr ? xml::TagPtr(modify->clone()) : nullptr;
  }

  std::unique_ptr<meet::test::ProsodyServer> prosody_;
  media::loop::EventLoop loop_{"bridge-it"};
  std::unique_ptr<Bridge> bridge_;
  std::unique_ptr<test::XmppTestClient> client_;
};

TEST_F(BridgeXmppTest, JoinsBreweryAndPublishesStatsPresence) {
  auto stats = NextStats(0, [](const stanzas::BridgeStats&) { return true; });
  ASSERT_TRUE(stats.has_value()) << prosody_->Log();
  EXPECT_EQ(stats->StressLevel(), std::optional<double>(0.0));
  EXPECT_EQ(stats->Region(), std::optional<std::string>("it-region"));
  EXPECT_EQ(stats->RelayId(), std::optional<std::string>(kBridgeId));
  ASSERT_TRUE(stats->Version().has_value());
  EXPECT_FALSE(stats->Version()->empty());
  EXPECT_EQ(stats->GracefulShutdown(), std::optional<bool>(false));
  EXPECT_EQ(stats->Drain(), std::optional<bool>(false));
  EXPECT_EQ(stats->Healthy(), std::optional<bool>(true));
  EXPECT_EQ(stats->Conferences(), std::optional<int64_t>(0));
  EXPECT_EQ(stats->Participants(), std::optional<int64_t>(0));

  // Periodic: a graceful shutdown shows up in a later presence.
  const size_t mark = client_->received_count();
  loop_.Invoke([&] { bridge_->BeginGracefulShutdown(); });
  auto draining = NextStats(mark, [](const stanzas::BridgeStats& s) {
    return s.GracefulShutdown() == std::optional<bool>(true);
  });
  EXPECT_TRUE(draining.has_value());
}

TEST_F(BridgeXmppTest, ConferenceModifyOverXmpp) {
  ASSERT_TRUE(NextStats(0, [](const stanzas::BridgeStats&) { return true; }).has_value());

  // Jicofo's create request (type get, as Smack sends it).
  auto reply = client_->Request(BridgeOccupant(), "get", FixtureModify("create_conference_request.xml"));
  ASSERT_NE(reply, nullptr) << "no reply to conference-modify";
  ASSERT_EQ(xml::AttrOr(*reply, "type"), "result") << reply->xml();
  EXPECT_EQ(xml::AttrOr(*reply, "from"), BridgeOccupant());
  auto modified = colibri2::ParseConferenceModified(*reply);
  ASSERT_TRUE(modified.ok()) << modified.error().ToString() << " in " << reply->xml();
  ASSERT_EQ(modified->endpoints.size(), 1u);
  const auto& transport = modified->endpoints[0].transport;
  ASSERT_TRUE(transport.has_value() && transport->ice_udp.has_value());
  EXPECT_FALSE(transport->ice_udp->ufrag.empty());
  ASSERT_EQ(transport->ice_udp->fingerprints.size(), 1u);
  EXPECT_EQ(transport->ice_udp->fingerprints[0].value, "12:34:56");
  ASSERT_EQ(transport->ice_udp->web_sockets.size(), 1u);
  EXPECT_EQ(transport->ice_udp->web_sockets[0].url.rfind("wss://meet.test/colibri-ws/jvb-it/", 0), 0u);
  ASSERT_TRUE(transport->sctp.has_value());
  EXPECT_EQ(transport->sctp->port, std::optional<uint16_t>(5000));
  ASSERT_TRUE(modified->sources.has_value());
  ASSERT_EQ(modified->sources->media_sources.size(), 2u);
  EXPECT_EQ(modified->sources->media_sources[0].id, "jvb-a0");
  EXPECT_EQ(modified->sources->media_sources[1].id, "jvb-v0");

  // The next stats presence counts the conference and its endpoint.
  const size_t mark = client_->received_count();
  auto stats = NextStats(mark, [](const stanzas::BridgeStats& s) {
    return s.Conferences() == std::optional<int64_t>(1);
  });
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->Participants(), std::optional<int64_t>(1));

  // The same create again (type set): conflict + conference_already_exists as an IQ error.
  auto conflict = client_->Request(BridgeOccupant(), "set", FixtureModify("create_conference_request.xml"));
  ASSERT_NE(conflict, nullptr);
  ASSERT_EQ(xml::AttrOr(*conflict, "type"), "error") << conflict->xml();
  auto error = colibri2::ParseColibri2Error(*conflict);
  ASSERT_TRUE(error.ok()) << error.error().ToString() << " in " << conflict->xml();
  EXPECT_EQ(error->condition, "conflict");
  EXPECT_EQ(error->reason, colibri2::Reason::kConferenceAlreadyExists);

  // Expire: result, and the conference is gone.
  auto expired = client_->Request(BridgeOccupant(), "get", FixtureModify("expire_conference.xml"));
  ASSERT_NE(expired, nullptr);
  EXPECT_EQ(xml::AttrOr(*expired, "type"), "result") << expired->xml();
  size_t conferences = 99;
  loop_.Invoke([&] { conferences = bridge_->conferences().conference_count(); });
  EXPECT_EQ(conferences, 0u);
}

TEST_F(BridgeXmppTest, HealthCheckIq) {
  ASSERT_TRUE(NextStats(0, [](const stanzas::BridgeStats&) { return true; }).has_value());
  auto reply = client_->Request(BridgeOccupant(), "get", stanzas::HealthCheckIq{}.ToTag());
  ASSERT_NE(reply, nullptr) << "no reply to healthcheck";
  EXPECT_EQ(xml::AttrOr(*reply, "type"), "result") << reply->xml();
  EXPECT_EQ(xml::AttrOr(*reply, "from"), BridgeOccupant());

  // An unknown conference over XMPP: item-not-found + conference_not_found.
  auto missing = client_->Request(BridgeOccupant(), "get", FixtureModify("force_mute.xml"));
  ASSERT_NE(missing, nullptr);
  ASSERT_EQ(xml::AttrOr(*missing, "type"), "error");
  auto error = colibri2::ParseColibri2Error(*missing);
  ASSERT_TRUE(error.ok()) << missing->xml();
  EXPECT_EQ(error->condition, "item-not-found");
  EXPECT_EQ(error->reason, colibri2::Reason::kConferenceNotFound);
}

TEST_F(BridgeXmppTest, ReconnectsAndRejoinsBreweryAfterServerRestart) {
  ASSERT_TRUE(NextStats(0, [](const stanzas::BridgeStats&) { return true; }).has_value());
  client_.reset();
  uint64_t attempts_before = 0;
  loop_.Invoke([&] { attempts_before = bridge_->xmpp()->connect_attempts(); });
  const Status restarted = prosody_->Restart();
  ASSERT_TRUE(restarted.ok()) << restarted.error().ToString();

  // Bounded wait (not a timing assertion): the bridge notices, backs off, reconnects, rejoins.
  bool rejoined = false;
  for (int i = 0; i < 1500 && !rejoined; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    loop_.Invoke([&] {
      const XmppControl* x = bridge_->xmpp();
      rejoined = x->joined() && x->connect_attempts() > attempts_before;
    });
  }
  ASSERT_TRUE(rejoined) << prosody_->Log();

  client_ = std::make_unique<test::XmppTestClient>(prosody_->c2s_port(), prosody_->domain());
  ASSERT_TRUE(client_->Connect());
  ASSERT_TRUE(client_->JoinRoom(prosody_->brewery_jid(), "focus"));
  EXPECT_TRUE(NextStats(0, [](const stanzas::BridgeStats&) { return true; }).has_value());
  auto reply = client_->Request(BridgeOccupant(), "get", stanzas::HealthCheckIq{}.ToTag());
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(xml::AttrOr(*reply, "type"), "result");
}

TEST_F(BridgeXmppTest, ProsodyFixtureExposesWorkingAccountsAndHttp) {
  // The fixture itself: the registered account logs in; a wrong password is refused.
  test::XmppTestClient jvb2(prosody_->c2s_port(), prosody_->auth_domain(), "jvb", kJvbPassword);
  EXPECT_TRUE(jvb2.Connect());
  test::XmppTestClient wrong(prosody_->c2s_port(), prosody_->auth_domain(), "jvb", "wrong");
  EXPECT_FALSE(wrong.Connect(seconds(5)));
  EXPECT_TRUE(prosody_->Running());
  EXPECT_NE(prosody_->http_port(), prosody_->c2s_port());
  EXPECT_EQ(prosody_->brewery_jid(), "jvbbrewery@internal.auth.meet.test");
}

}  // namespace
}  // namespace meet::bridge
