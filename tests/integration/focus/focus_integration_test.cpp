// The focus against a real Prosody (tests/support/prosody) and the real bridge control plane
// (in-process, placeholder transports): conference request, MUC, auto-owner, COLIBRI2
// allocation, session-initiate / session-accept / source-add, mute permissions, endpoint
// expiry on leave (checked through the bridge's HTTP /debug/conferences).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridge/bridge.hpp"
#include "bridge/placeholder_transport_factory.hpp"
#include "focus/focus_manager.hpp"
#include "focus/prosody_config_snippet.hpp"
#include "focus/stanza_util.hpp"
#include "media/loop/event_loop.hpp"
#include "signaling/jingle/jingle.hpp"
#include "signaling/stanzas/conference_request.hpp"
#include "signaling/stanzas/conference_response.hpp"
#include "signaling/stanzas/occupant_info.hpp"
#include "signaling/xml/namespaces.hpp"
#include "tests/integration/focus/focus_test_client.hpp"
#include "tests/support/prosody/free_port.hpp"
#include "tests/support/prosody/prosody_server.hpp"

namespace meet::focus {
namespace {

namespace xml = signaling::xml;
namespace jingle = signaling::jingle;
namespace stanzas = signaling::stanzas;
using std::chrono::seconds;
using test::FocusTestClient;
using test::PumpUntil;

constexpr const char* kFocusPassword = "focus-s3cret";
constexpr const char* kJvbPassword = "jvb-s3cret";

// GET http://127.0.0.1:port/path; the body, "" on failure.
std::string HttpGet(uint16_t port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      ssize_t n;
      while ((n = read(fd, buf, sizeof(buf))) > 0) response.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  auto body = response.find("\r\n\r\n");
  return body == std::string::npos ? std::string() : response.substr(body + 4);
}

class FocusIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto prosody = meet::test::ProsodyServer::Start(
        {.accounts = {{"jvb", kJvbPassword}, {"focus", kFocusPassword}}});
    ASSERT_TRUE(prosody.ok()) << prosody.error().ToString();
    prosody_ = std::move(*prosody);
    // Add the focus parts (admins, plugin path, the focus.<domain> proxy component) to the
    // fixture's config and restart Prosody with it.
    {
      const std::string path = prosody_->run_dir() + "/prosody.cfg.lua";
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      std::string cfg = text.str();
      ProsodySnippetOptions o;
      o.domain = prosody_->domain();
      o.plugin_dir = MEET_FOCUS_PLUGIN_DIR;
      o.include_auth_host = false;
      o.include_conference_muc = false;
      o.include_internal_muc = false;
      auto first_host = cfg.find("VirtualHost");
      ASSERT_NE(first_host, std::string::npos);
      cfg.insert(first_host, ProsodyConfigSnippet::Global(o) + "\n");
      cfg += "\n" + ProsodyConfigSnippet::Hosts(o);
      std::ofstream out(path, std::ios::trunc);
      out << cfg;
      out.close();
      auto restarted = prosody_->Restart();
      ASSERT_TRUE(restarted.ok()) << restarted.error().ToString() << prosody_->Log();
    }

    bridge::BridgeConfig bc;
    bc.bridge_id = "jvb-it";
    bc.region = "it-region";
    bc.http_port = meet::test::FreeTcpPort();
    bc.public_ws_url = "wss://meet.test";
    bridge::XmppConfig xmpp;
    xmpp.port = prosody_->c2s_port();
    xmpp.domain = prosody_->auth_domain();
    xmpp.user = "jvb";
    xmpp.password = kJvbPassword;
    xmpp.brewery = prosody_->brewery_jid();
    xmpp.nick = "jvb-it";
    xmpp.presence_interval = std::chrono::milliseconds(200);
    bc.xmpp = xmpp;
    ASSERT_TRUE(bridge_loop_.Start());
    Status started;
    bridge_loop_.Invoke([&] {
      bridge_ = std::make_unique<bridge::Bridge>(
          bridge_loop_, bc, std::make_unique<bridge::PlaceholderTransportFactory>("12:34:56"));
      started = bridge_->Start();
      bridge_http_port_ = bridge_->http_port();
    });
    ASSERT_TRUE(started.ok()) << started.error().ToString();

    FocusConfig fc;
    fc.domain = prosody_->domain();
    fc.xmpp_port = prosody_->c2s_port();
    fc.password = kFocusPassword;
    fc.muc_domain = prosody_->muc_domain();
    fc.brewery_jid = prosody_->brewery_jid();
    fc.http_port = 0;
    fc.single_participant_timeout = std::chrono::milliseconds(1500);
    fc.disco_timeout = std::chrono::milliseconds(3000);
    ASSERT_TRUE(focus_loop_.Start());
    focus_loop_.Invoke([&] {
      focus_ = std::make_unique<FocusManager>(focus_loop_, fc);
      focus_->Start();
    });
    // Wait until the focus is online and sees the bridge.
    ASSERT_TRUE(WaitFocus([](const nlohmann::json& s) {
      return s["xmpp_connected"].get<bool>() && s["operational_bridges"].get<size_t>() >= 1;
    })) << prosody_->Log();
    room_ = "room1@" + prosody_->muc_domain();
  }

  void TearDown() override {
    clients_.clear();
    if (focus_) focus_loop_.Invoke([&] { focus_.reset(); });
    focus_loop_.Stop();
    if (bridge_) bridge_loop_.Invoke([&] { bridge_.reset(); });
    bridge_loop_.Stop();
    prosody_.reset();
  }

  bool WaitFocus(const std::function<bool(const nlohmann::json&)>& done) {
    auto deadline = std::chrono::steady_clock::now() + seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      nlohmann::json stats;
      focus_loop_.Invoke([&] { stats = focus_->Stats(); });
      if (done(stats)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  FocusTestClient* NewClient() {
    clients_.push_back(std::make_unique<FocusTestClient>(prosody_->c2s_port(), prosody_->domain()));
    EXPECT_TRUE(clients_.back()->Connect()) << prosody_->Log();
    return clients_.back().get();
  }

  std::vector<FocusTestClient*> All() {
    std::vector<FocusTestClient*> out;
    for (auto& c : clients_) out.push_back(c.get());
    return out;
  }

  // Through the focus.<domain> proxy component, as lib-jitsi-meet sends it.
  xml::TagPtr ConferenceRequest(FocusTestClient* c) {
    auto iq = MakeIq("set", "focus." + prosody_->domain());
    stanzas::ConferenceRequest request;
    request.room = *signaling::Jid::Parse(room_);
    request.machine_uid = "machine-1";
    request.AppendTo(*iq);
    return c->Request(std::move(iq), seconds(15));
  }

  void Join(FocusTestClient* c, const std::string& nick) {
    auto presence = xml::Make("presence");
    xml::SetAttr(*presence, "to", room_ + "/" + nick);
    xml::AddChild(*presence, "x", signaling::ns::kMuc);
    gloox::Tag* stats_id = xml::AddChild(*presence, "stats-id");
    stats_id->setCData("Stats-" + nick);
    c->Send(std::move(presence));
  }

  // The next Jingle IQ with this action the client got (removed from its list).
  static std::optional<jingle::Jingle> TakeJingle(FocusTestClient* c, jingle::JingleAction action,
                                                  std::string* from = nullptr) {
    for (auto it = c->iqs().begin(); it != c->iqs().end(); ++it) {
      auto j = jingle::ParseJingleIq(**it);
      if (j.ok() && j->action == action) {
        if (from) *from = (*it)->findAttribute("from");
        c->iqs().erase(it);
        return *j;
      }
    }
    return std::nullopt;
  }

  std::optional<jingle::Jingle> WaitJingle(FocusTestClient* c, jingle::JingleAction action,
                                           std::string* from = nullptr) {
    std::optional<jingle::Jingle> got;
    PumpUntil(All(), [&] { return (got = TakeJingle(c, action, from)).has_value(); }, seconds(15));
    return got;
  }

  // session-accept with one audio and one video source of `nick`.
  xml::TagPtr Accept(const std::string& nick, const jingle::Jingle& offer, uint32_t audio,
                     uint32_t video) {
    jingle::Jingle j;
    j.action = jingle::JingleAction::kSessionAccept;
    j.sid = offer.sid;
    j.initiator = room_ + "/focus";
    for (const auto& oc : offer.contents) {
      jingle::Content c;
      c.creator = "responder";
      c.name = oc.name;
      c.senders = "both";
      c.description = jingle::RtpDescription{};
      c.description->media = oc.description->media;
      c.description->payload_types = oc.description->payload_types;
      c.description->rtcp_mux = oc.name != "data";
      jingle::IceUdpTransport t;
      t.ufrag = "uf" + nick;
      t.pwd = "pwdpwdpwdpwdpwdpwdpwdpwd";
      t.fingerprints.push_back({"sha-256", "active", "AA:BB", false});
      c.transport = t;
      if (oc.name == "audio" || oc.name == "video") {
        jingle::Source s;
        s.ssrc = oc.name == "audio" ? audio : video;
        s.name = nick + (oc.name == "audio" ? "-a0" : "-v0");
        s.msid = nick + "-" + oc.name + "-0-1 track-" + oc.name;
        c.description->sources.push_back(s);
      }
      j.contents.push_back(std::move(c));
    }
    j.bundle = offer.bundle;
    auto iq = MakeIq("set", room_ + "/focus");
    iq->addChild(jingle::ToTag(j).release());
    return iq;
  }

  static bool HasSsrc(const jingle::SourceMap& map, const std::string& owner, uint32_t ssrc) {
    auto it = map.find(owner);
    return it != map.end() && it->second.HasSsrc(ssrc);
  }

  std::unique_ptr<meet::test::ProsodyServer> prosody_;
  media::loop::EventLoop bridge_loop_{"bridge"};
  media::loop::EventLoop focus_loop_{"focus"};
  std::unique_ptr<bridge::Bridge> bridge_;
  std::unique_ptr<FocusManager> focus_;
  uint16_t bridge_http_port_ = 0;
  std::string room_;
  std::vector<std::unique_ptr<FocusTestClient>> clients_;
};

TEST_F(FocusIntegrationTest, ConferenceRequestAnswersReadyWithBareFocusJid) {
  FocusTestClient* a = NewClient();
  auto answer = ConferenceRequest(a);
  ASSERT_NE(answer, nullptr);
  ASSERT_EQ(answer->findAttribute("type"), "result") << answer->xml();
  // The answer comes back through the proxy, de-NATed to the client.
  EXPECT_EQ(answer->findAttribute("from"), "focus." + prosody_->domain());
  EXPECT_EQ(answer->findAttribute("to"), a->jid());
  auto response = stanzas::ConferenceResponse::Parse(*answer);
  ASSERT_TRUE(response.ok()) << response.error().ToString();
  EXPECT_TRUE(response->ready);
  EXPECT_EQ(response->focus_jid.ToString(), "focus@" + prosody_->auth_domain());
  EXPECT_EQ(response->Authentication(), false);

  // A room on another MUC service is refused (also sent to the focus's own JID directly).
  auto iq = MakeIq("set", "focus@" + prosody_->auth_domain() + "/focus");
  stanzas::ConferenceRequest bad;
  bad.room = *signaling::Jid::Parse("room1@elsewhere.test");
  bad.AppendTo(*iq);
  auto refused = a->Request(std::move(iq));
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->findAttribute("type"), "error");
  EXPECT_EQ(ErrorCondition(*refused), "not-acceptable");
}

TEST_F(FocusIntegrationTest, SessionsSourcesMuteAndLeave) {
  FocusTestClient* a = NewClient();
  FocusTestClient* b = NewClient();
  auto ready = ConferenceRequest(a);
  ASSERT_NE(ready, nullptr);
  ASSERT_EQ(ready->findAttribute("type"), "result") << ready->xml();
  Join(a, "aaaa0001");
  // A is in the room before B joins, so A is the first member (the auto-owner).
  ASSERT_TRUE(PumpUntil(All(), [&] {
    for (const auto& p : a->presences()) {
      if (p->findAttribute("from") == room_ + "/aaaa0001") return true;
    }
    return false;
  }, seconds(10)));
  Join(b, "bbbb0002");

  // Both get a session-initiate from the focus occupant with the bridge transport.
  std::string from;
  auto offer_a = WaitJingle(a, jingle::JingleAction::kSessionInitiate, &from);
  ASSERT_TRUE(offer_a.has_value()) << prosody_->Log();
  EXPECT_EQ(from, room_ + "/focus");
  auto offer_b = WaitJingle(b, jingle::JingleAction::kSessionInitiate);
  ASSERT_TRUE(offer_b.has_value());
  ASSERT_EQ(offer_a->contents.size(), 3u);
  EXPECT_EQ(offer_a->contents[0].name, "audio");
  EXPECT_EQ(offer_a->contents[2].name, "data");
  ASSERT_TRUE(offer_a->contents[0].transport.has_value());
  EXPECT_FALSE(offer_a->contents[0].transport->ufrag.empty());
  EXPECT_FALSE(offer_a->contents[0].transport->fingerprints.empty());
  EXPECT_TRUE(offer_a->contents[2].transport->sctpmap.has_value());
  ASSERT_TRUE(offer_a->json_sources.has_value());
  EXPECT_EQ(offer_a->json_sources->count("jvb"), 1u);
  ASSERT_TRUE(offer_a->bridge_session.has_value());

  // A accepts with its sources; B (pending or active) learns them.
  auto ack_a = a->Request(Accept("aaaa0001", *offer_a, 1111, 2222));
  ASSERT_NE(ack_a, nullptr);
  EXPECT_EQ(ack_a->findAttribute("type"), "result") << ack_a->xml();
  auto ack_b = b->Request(Accept("bbbb0002", *offer_b, 3333, 4444));
  ASSERT_NE(ack_b, nullptr);
  EXPECT_EQ(ack_b->findAttribute("type"), "result") << ack_b->xml();

  auto add_to_a = WaitJingle(a, jingle::JingleAction::kSourceAdd);
  ASSERT_TRUE(add_to_a.has_value());
  ASSERT_TRUE(add_to_a->json_sources.has_value());
  EXPECT_TRUE(HasSsrc(*add_to_a->json_sources, "bbbb0002", 3333));
  EXPECT_TRUE(HasSsrc(*add_to_a->json_sources, "bbbb0002", 4444));
  bool b_knows_a = HasSsrc(*offer_b->json_sources, "aaaa0001", 1111);
  if (!b_knows_a) {
    auto add_to_b = WaitJingle(b, jingle::JingleAction::kSourceAdd);
    ASSERT_TRUE(add_to_b.has_value());
    b_knows_a = HasSsrc(*add_to_b->json_sources, "aaaa0001", 1111);
  }
  EXPECT_TRUE(b_knows_a);

  // A third participant gets both others' sources in its offer, never its own.
  FocusTestClient* c = NewClient();
  Join(c, "cccc0003");
  auto offer_c = WaitJingle(c, jingle::JingleAction::kSessionInitiate);
  ASSERT_TRUE(offer_c.has_value());
  EXPECT_TRUE(HasSsrc(*offer_c->json_sources, "aaaa0001", 2222));
  EXPECT_TRUE(HasSsrc(*offer_c->json_sources, "bbbb0002", 3333));
  EXPECT_EQ(offer_c->json_sources->count("cccc0003"), 0u);
  auto ack_c = c->Request(Accept("cccc0003", *offer_c, 5555, 6666));
  ASSERT_NE(ack_c, nullptr);
  EXPECT_EQ(ack_c->findAttribute("type"), "result");
  auto add_c_to_a = WaitJingle(a, jingle::JingleAction::kSourceAdd);
  ASSERT_TRUE(add_c_to_a.has_value());
  EXPECT_TRUE(HasSsrc(*add_c_to_a->json_sources, "cccc0003", 5555));

  // An invalid source-add (SSRC already used) is refused with bad-request.
  {
    jingle::Jingle j;
    j.action = jingle::JingleAction::kSourceAdd;
    j.sid = offer_c->sid;
    jingle::Content content;
    content.name = "audio";
    content.description = jingle::RtpDescription{};
    jingle::Source s;
    s.ssrc = 1111;
    s.msid = "cccc0003-audio-1-1 x";
    content.description->sources.push_back(s);
    j.contents.push_back(content);
    auto iq = MakeIq("set", room_ + "/focus");
    iq->addChild(jingle::ToTag(j).release());
    auto answer = c->Request(std::move(iq));
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(ErrorCondition(*answer), "bad-request");
    EXPECT_NE(ErrorText(*answer).find("1111"), std::string::npos) << answer->xml();
  }

  // The first member became owner (moderator); a non-moderator's mute is not allowed.
  EXPECT_TRUE(PumpUntil(All(), [&] {
    for (const auto& p : a->presences()) {
      if (p->findAttribute("from") != room_ + "/aaaa0001") continue;
      auto info = stanzas::OccupantInfo::Parse(*p);
      if (info.ok() && info->IsModerator()) return true;
    }
    return false;
  }, seconds(10))) << [&] {
    std::string all;
    for (const auto& p : a->presences()) all += p->xml() + "\n";
    return all;
  }();
  auto mute = [&](FocusTestClient* who, const std::string& target) {
    auto iq = MakeIq("set", room_ + "/focus");
    gloox::Tag* m = xml::AddChild(*iq, "mute", signaling::ns::kMuteAudio);
    xml::SetAttr(*m, "jid", room_ + "/" + target);
    m->setCData("true");
    return who->Request(std::move(iq));
  };
  auto denied = mute(b, "aaaa0001");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(ErrorCondition(*denied), "not-allowed");
  auto allowed = mute(a, "bbbb0002");
  ASSERT_NE(allowed, nullptr);
  EXPECT_EQ(allowed->findAttribute("type"), "result") << allowed->xml();
  ASSERT_TRUE(PumpUntil(All(), [&] {
    for (const auto& iq : b->iqs()) {
      if (Payload(*iq) && Payload(*iq)->name() == "mute") return true;
    }
    return false;
  }, seconds(10)));

  // B leaves: its endpoint is expired on the bridge, the others stay.
  auto conference_endpoints = [&]() -> nlohmann::json {
    auto all = nlohmann::json::parse(HttpGet(bridge_http_port_, "/debug/conferences"), nullptr, false);
    if (!all.is_object() || all.empty()) return {};
    std::string id = all.begin().key();
    auto one = nlohmann::json::parse(HttpGet(bridge_http_port_, "/debug/conferences/" + id), nullptr, false);
    return one.is_object() && one.contains("endpoints") ? one["endpoints"] : nlohmann::json{};
  };
  nlohmann::json endpoints = conference_endpoints();
  ASSERT_TRUE(endpoints.is_object()) << endpoints.dump();
  EXPECT_TRUE(endpoints.contains("bbbb0002")) << endpoints.dump();
  auto leave = xml::Make("presence");
  xml::SetAttr(*leave, "to", room_ + "/bbbb0002");
  xml::SetAttr(*leave, "type", "unavailable");
  b->Send(std::move(leave));
  bool expired = PumpUntil(All(), [&] {
    endpoints = conference_endpoints();
    return endpoints.is_object() && !endpoints.contains("bbbb0002") && endpoints.contains("aaaa0001");
  }, seconds(10));
  EXPECT_TRUE(expired) << endpoints.dump();
  // No source-remove for a leaver.
  EXPECT_FALSE(TakeJingle(a, jingle::JingleAction::kSourceRemove).has_value());
}

TEST_F(FocusIntegrationTest, SingleParticipantTimeoutEndsTheConference) {
  FocusTestClient* a = NewClient();
  FocusTestClient* b = NewClient();
  ASSERT_NE(ConferenceRequest(a), nullptr);
  Join(a, "aaaa0001");
  Join(b, "bbbb0002");
  auto offer_a = WaitJingle(a, jingle::JingleAction::kSessionInitiate);
  ASSERT_TRUE(offer_a.has_value());
  auto leave = xml::Make("presence");
  xml::SetAttr(*leave, "to", room_ + "/bbbb0002");
  xml::SetAttr(*leave, "type", "unavailable");
  b->Send(std::move(leave));
  auto terminate = WaitJingle(a, jingle::JingleAction::kSessionTerminate);
  ASSERT_TRUE(terminate.has_value());
  ASSERT_TRUE(terminate->reason.has_value());
  EXPECT_EQ(terminate->reason->condition, "expired");
  EXPECT_TRUE(WaitFocus([](const nlohmann::json& s) { return s["conferences"].get<size_t>() == 0; }));
  EXPECT_TRUE(PumpUntil(All(), [&] {
    return HttpGet(bridge_http_port_, "/debug/conferences") == "{}";
  }, seconds(10))) << HttpGet(bridge_http_port_, "/debug/conferences");
}

}  // namespace
}  // namespace meet::focus
