// Colibri2Handler: the one COLIBRI2 implementation of the bridge, fed with the fixtures of
// tests/data/colibri2/ (Jicofo-shaped requests) and small hand-built requests.

#include "bridge/colibri2_handler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "bridge/conference_manager.hpp"
#include "bridge/placeholder_transport.hpp"
#include "bridge/placeholder_transport_factory.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::bridge {
namespace {

namespace colibri2 = signaling::colibri2;
namespace xml = signaling::xml;

constexpr const char* kMeetingId = "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60";
constexpr const char* kFingerprint =
    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

class Colibri2HandlerTest : public ::testing::Test {
 protected:
  Colibri2HandlerTest()
      : factory_(kFingerprint),
        handler_(conferences_, factory_, {"jvb-7", "wss://meet.example.com/", true}) {}

  Colibri2Outcome Fixture(const std::string& file) {
    auto tag = xml::Parse(test::ReadData("colibri2/" + file));
    EXPECT_TRUE(tag.ok()) << file;
    if (!tag.ok()) return {};
    return handler_.HandleXml(**tag);
  }

  Colibri2Outcome Xml(const std::string& text) {
    auto tag = xml::Parse(text);
    EXPECT_TRUE(tag.ok()) << text;
    if (!tag.ok()) return {};
    return handler_.HandleXml(**tag);
  }

  // The create fixture: conference + endpoint 1a2b3c4d with SCTP.
  void CreateConference() {
    auto out = Fixture("create_conference_request.xml");
    ASSERT_TRUE(out.ok()) << out.error->text;
  }

  static colibri2::Endpoint CreateEndpointRequest(const std::string& id) {
    colibri2::Endpoint ep;
    ep.id = id;
    ep.create = true;
    ep.stats_id = id + "-stats";
    ep.transport = colibri2::Transport{};
    ep.transport->ice_controlling = true;
    ep.capabilities = {colibri2::capability::kSourceNames};
    return ep;
  }

  ConferenceManager conferences_;
  PlaceholderTransportFactory factory_;
  Colibri2Handler handler_;
};

TEST_F(Colibri2HandlerTest, CreateConferenceAndEndpointReturnsTransportAndFeedbackSources) {
  auto out = Fixture("create_conference_request.xml");
  ASSERT_TRUE(out.ok()) << out.error->text;
  const colibri2::ConferenceModified& m = *out.modified;

  Conference* conference = conferences_.Find(kMeetingId);
  ASSERT_NE(conference, nullptr);
  EXPECT_EQ(conference->name(), "myroom@muc.meet.jitsi");
  EXPECT_EQ(conference->id().size(), 16u);
  EXPECT_TRUE(std::all_of(conference->id().begin(), conference->id().end(),
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }));

  ASSERT_EQ(m.endpoints.size(), 1u);
  const colibri2::Endpoint& ep = m.endpoints[0];
  EXPECT_EQ(ep.id, "1a2b3c4d");
  ASSERT_TRUE(ep.transport.has_value());
  ASSERT_TRUE(ep.transport->ice_udp.has_value());
  const auto& ice = *ep.transport->ice_udp;
  EXPECT_GE(ice.ufrag.size(), 4u);
  EXPECT_GE(ice.pwd.size(), 22u);
  EXPECT_TRUE(ice.rtcp_mux);
  ASSERT_EQ(ice.fingerprints.size(), 1u);
  EXPECT_EQ(ice.fingerprints[0].value, kFingerprint);
  EXPECT_EQ(ice.fingerprints[0].hash, "sha-256");
  EXPECT_EQ(ice.fingerprints[0].setup, "actpass");

  // wss://meet.example.com/colibri-ws/<bridge-id>/<conference-id>/<endpoint-id>?pwd=<24>
  ASSERT_EQ(ice.web_sockets.size(), 1u);
  const std::string prefix = "wss://meet.example.com/colibri-ws/jvb-7/" + conference->id() + "/1a2b3c4d?pwd=";
  const std::string& url = ice.web_sockets[0].url;
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
  const std::string pwd = url.substr(prefix.size());
  EXPECT_EQ(pwd.size(), 24u);
  EXPECT_TRUE(std::all_of(pwd.begin(), pwd.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }));
  EXPECT_NE(pwd, ice.pwd);  // a separate token, not the ICE password

  // The fixture asks for SCTP: <sctp port='5000' role='server'/>.
  ASSERT_TRUE(ep.transport->sctp.has_value());
  EXPECT_EQ(ep.transport->sctp->port, std::optional<uint16_t>(5000));
  EXPECT_EQ(ep.transport->sctp->role, std::optional(colibri2::SctpRole::kServer));

  ASSERT_TRUE(m.sources.has_value());
  ASSERT_EQ(m.sources->media_sources.size(), 2u);
  EXPECT_EQ(m.sources->media_sources[0].id, "jvb-a0");
  EXPECT_EQ(m.sources->media_sources[0].type, signaling::jingle::MediaType::kAudio);
  EXPECT_EQ(m.sources->media_sources[1].id, "jvb-v0");
  EXPECT_EQ(m.sources->media_sources[1].type, signaling::jingle::MediaType::kVideo);
  ASSERT_EQ(m.sources->media_sources[0].sources.size(), 1u);
  ASSERT_EQ(m.sources->media_sources[1].sources.size(), 1u);
  EXPECT_NE(m.sources->media_sources[0].sources[0].ssrc, 0u);
  EXPECT_NE(m.sources->media_sources[0].sources[0].ssrc, m.sources->media_sources[1].sources[0].ssrc);
  EXPECT_EQ(m.sources->media_sources[0].sources[0].name, "jvb-a0");

  // The answer encodes to XML and parses back identically.
  auto reparsed = colibri2::ParseConferenceModified(*colibri2::ToTag(m));
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
  EXPECT_EQ(*reparsed, m);

  Endpoint* endpoint = conference->FindEndpoint("1a2b3c4d");
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->stats_id(), "Ada-Xy1");
  EXPECT_EQ(endpoint->medias().size(), 2u);
  EXPECT_TRUE(endpoint->transport().sctp_enabled());
}

TEST_F(Colibri2HandlerTest, FeedbackSourcesStayTheSameForLaterEndpoints) {
  CreateConference();
  const auto first = conferences_.Find(kMeetingId)->FeedbackSources();
  colibri2::ConferenceModify add;
  add.meeting_id = kMeetingId;
  add.endpoints.push_back(CreateEndpointRequest("5e6f7a8b"));
  auto out = handler_.Handle(add);
  ASSERT_TRUE(out.ok()) << out.error->text;
  ASSERT_TRUE(out.modified->sources.has_value());
  EXPECT_EQ(*out.modified->sources, first);
  ASSERT_EQ(out.modified->endpoints.size(), 1u);
  // No SCTP requested: none answered.
  ASSERT_TRUE(out.modified->endpoints[0].transport.has_value());
  EXPECT_FALSE(out.modified->endpoints[0].transport->sctp.has_value());
  EXPECT_EQ(conferences_.endpoint_count(), 2u);
}

TEST_F(Colibri2HandlerTest, UpdateAppliesTransportSourcesAndLastN) {
  CreateConference();
  auto out = Fixture("update_endpoint_request.xml");
  ASSERT_TRUE(out.ok()) << out.error->text;
  ASSERT_EQ(out.modified->endpoints.size(), 1u);
  EXPECT_EQ(out.modified->endpoints[0].id, "1a2b3c4d");
  EXPECT_FALSE(out.modified->endpoints[0].transport.has_value());  // only on create / restart
  EXPECT_FALSE(out.modified->sources.has_value());

  Endpoint* ep = conferences_.Find(kMeetingId)->FindEndpoint("1a2b3c4d");
  ASSERT_NE(ep, nullptr);
  ASSERT_EQ(ep->sources().media_sources.size(), 2u);
  EXPECT_EQ(ep->sources().media_sources[0].id, "1a2b3c4d-a0");
  EXPECT_EQ(ep->sources().media_sources[1].id, "1a2b3c4d-v0");
  EXPECT_EQ(ep->initial_last_n(), std::optional<int32_t>(25));
  auto& transport = static_cast<PlaceholderTransport&>(ep->transport());
  ASSERT_TRUE(transport.remote().has_value());
  EXPECT_EQ(transport.remote()->ufrag, "Qm3x");
  ASSERT_FALSE(transport.remote()->fingerprints.empty());
  EXPECT_EQ(transport.remote()->fingerprints[0].setup, "active");

  // An empty <sources/> clears.
  auto cleared = Xml("<conference-modify xmlns='jitsi:colibri2' meeting-id='" + std::string(kMeetingId) +
                     "'><endpoint id='1a2b3c4d'><sources/></endpoint></conference-modify>");
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(ep->sources().media_sources.empty());
}

TEST_F(Colibri2HandlerTest, IceRestartAnswersNewCredentials) {
  CreateConference();
  Endpoint* ep = conferences_.Find(kMeetingId)->FindEndpoint("1a2b3c4d");
  const std::string old_ufrag = ep->transport().LocalDescription().ufrag;
  auto out = Xml("<conference-modify xmlns='jitsi:colibri2' meeting-id='" + std::string(kMeetingId) +
                 "'><endpoint id='1a2b3c4d'><transport ice-restart='true'/></endpoint></conference-modify>");
  ASSERT_TRUE(out.ok()) << out.error->text;
  ASSERT_EQ(out.modified->endpoints.size(), 1u);
  ASSERT_TRUE(out.modified->endpoints[0].transport.has_value());
  const auto& ice = *out.modified->endpoints[0].transport->ice_udp;
  EXPECT_NE(ice.ufrag, old_ufrag);
  EXPECT_EQ(ice.ice_generation, std::optional<uint32_t>(1));
}

TEST_F(Colibri2HandlerTest, ForceMuteBatchAndExpireEndpoints) {
  CreateConference();
  colibri2::ConferenceModify add;
  add.meeting_id = kMeetingId;
  add.endpoints.push_back(CreateEndpointRequest("5e6f7a8b"));
  ASSERT_TRUE(handler_.Handle(add).ok());

  auto muted = Fixture("force_mute.xml");
  ASSERT_TRUE(muted.ok()) << muted.error->text;
  Conference* conference = conferences_.Find(kMeetingId);
  EXPECT_TRUE(conference->FindEndpoint("1a2b3c4d")->force_mute().audio);
  EXPECT_FALSE(conference->FindEndpoint("1a2b3c4d")->force_mute().video);
  EXPECT_TRUE(conference->FindEndpoint("5e6f7a8b")->force_mute().video);

  // Expire one endpoint: the conference stays.
  auto one = Xml("<conference-modify xmlns='jitsi:colibri2' meeting-id='" + std::string(kMeetingId) +
                 "'><endpoint id='5e6f7a8b' expire='true'/></conference-modify>");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one.modified->endpoints.size(), 1u);
  EXPECT_TRUE(one.modified->endpoints[0].expire);
  ASSERT_NE(conferences_.Find(kMeetingId), nullptr);
  EXPECT_EQ(conferences_.Find(kMeetingId)->endpoint_count(), 1u);

  // Expire the rest (the fixture names one unknown id too, which is ignored): the conference,
  // left without endpoints, expires as in JVB.
  auto rest = Fixture("expire_endpoints.xml");
  ASSERT_TRUE(rest.ok()) << rest.error->text;
  EXPECT_EQ(conferences_.Find(kMeetingId), nullptr);
  EXPECT_EQ(conferences_.conference_count(), 0u);
}

TEST_F(Colibri2HandlerTest, ExpireConference) {
  CreateConference();
  ASSERT_EQ(conferences_.conference_count(), 1u);
  auto out = Fixture("expire_conference.xml");
  ASSERT_TRUE(out.ok()) << out.error->text;
  EXPECT_TRUE(out.modified->endpoints.empty());
  EXPECT_EQ(conferences_.conference_count(), 0u);
  // Expiring again: the conference is unknown now.
  auto again = Fixture("expire_conference.xml");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error->reason, colibri2::Reason::kConferenceNotFound);
}

TEST_F(Colibri2HandlerTest, ConferenceNotFound) {
  auto out = Fixture("force_mute.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->condition, "item-not-found");
  EXPECT_EQ(out.error->reason, colibri2::Reason::kConferenceNotFound);
  EXPECT_EQ(out.error->text, "Conference not found for ID: " + std::string(kMeetingId));
  EXPECT_EQ(handler_.failures(), 1u);
}

TEST_F(Colibri2HandlerTest, ConferenceAlreadyExists) {
  CreateConference();
  auto out = Fixture("create_conference_request.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->condition, "conflict");
  EXPECT_EQ(out.error->reason, colibri2::Reason::kConferenceAlreadyExists);
  EXPECT_EQ(conferences_.conference_count(), 1u);
  // The <error> element says so on the wire.
  auto tag = colibri2::ToTag(*out.error);
  auto parsed = colibri2::ParseColibri2Error(*tag);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, *out.error);
}

TEST_F(Colibri2HandlerTest, UnknownEndpoint) {
  CreateConference();
  auto out = Xml("<conference-modify xmlns='jitsi:colibri2' meeting-id='" + std::string(kMeetingId) +
                 "'><endpoint id='ffff0000'><force-mute audio='true' video='true'/></endpoint></conference-modify>");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->condition, "item-not-found");
  EXPECT_EQ(out.error->reason, colibri2::Reason::kUnknownEndpoint);
  EXPECT_EQ(out.error->endpoint_id, "ffff0000");
}

TEST_F(Colibri2HandlerTest, DuplicateEndpointIsConflict) {
  CreateConference();
  colibri2::ConferenceModify add;
  add.meeting_id = kMeetingId;
  add.endpoints.push_back(CreateEndpointRequest("1a2b3c4d"));
  auto out = handler_.Handle(add);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->condition, "conflict");
  EXPECT_EQ(conferences_.endpoint_count(), 1u);
}

TEST_F(Colibri2HandlerTest, GracefulShutdownRefusesNewConferencesOnly) {
  CreateConference();
  bool drained = false;
  conferences_.BeginGracefulShutdown([&] { drained = true; });
  EXPECT_FALSE(drained);

  colibri2::ConferenceModify create;
  create.meeting_id = "11111111-2222-3333-4444-555555555555";
  create.create = true;
  create.endpoints.push_back(CreateEndpointRequest("abcd"));
  auto refused = handler_.Handle(create);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error->condition, "service-unavailable");
  EXPECT_EQ(refused.error->reason, colibri2::Reason::kGracefulShutdown);
  EXPECT_EQ(conferences_.conference_count(), 1u);

  // Existing conferences keep working.
  colibri2::ConferenceModify add;
  add.meeting_id = kMeetingId;
  add.endpoints.push_back(CreateEndpointRequest("5e6f7a8b"));
  EXPECT_TRUE(handler_.Handle(add).ok());

  ASSERT_TRUE(Fixture("expire_conference.xml").ok());
  EXPECT_TRUE(drained);
}

TEST_F(Colibri2HandlerTest, ValidationErrorsAreMapped) {
  // Create without source-names capability: bad-request without a reason.
  colibri2::ConferenceModify create;
  create.meeting_id = "m1";
  create.create = true;
  auto ep = CreateEndpointRequest("a1");
  ep.capabilities.clear();
  create.endpoints.push_back(ep);
  auto no_names = handler_.Handle(create);
  ASSERT_FALSE(no_names.ok());
  EXPECT_EQ(no_names.error->condition, "bad-request");
  EXPECT_FALSE(no_names.error->reason.has_value());
  EXPECT_EQ(no_names.error->text, "Source name support is mandatory.");
  EXPECT_EQ(conferences_.conference_count(), 0u);  // refused before anything was created

  // Two creating endpoints in one request: feature-not-implemented.
  create.endpoints = {CreateEndpointRequest("a1"), CreateEndpointRequest("a2")};
  auto two = handler_.Handle(create);
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error->condition, "feature-not-implemented");
  EXPECT_EQ(two.error->reason, colibri2::Reason::kFeatureNotImplemented);

  // SCTP with a client role.
  ep = CreateEndpointRequest("a1");
  ep.transport->sctp = colibri2::Sctp{colibri2::SctpRole::kClient, std::nullopt};
  create.endpoints = {ep};
  auto sctp = handler_.Handle(create);
  ASSERT_FALSE(sctp.ok());
  EXPECT_EQ(sctp.error->condition, "feature-not-implemented");

  // Relays are not supported by this bridge yet.
  auto relay = Fixture("relay_create.xml");
  ASSERT_FALSE(relay.ok());
  EXPECT_EQ(relay.error->condition, "feature-not-implemented");

  // Structurally broken XML request (no meeting-id): bad-request naming the problem.
  auto broken = Xml("<conference-modify xmlns='jitsi:colibri2' create='true'/>");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error->condition, "bad-request");
  EXPECT_NE(broken.error->text.find("meeting-id"), std::string::npos) << broken.error->text;

  // A conference name that is not a JID.
  create.endpoints.clear();
  create.name = "not a jid@";
  auto bad_name = handler_.Handle(create);
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(bad_name.error->condition, "bad-request");
  EXPECT_EQ(conferences_.conference_count(), 0u);
}

TEST_F(Colibri2HandlerTest, JsonRequestsUseTheSameSemantics) {
  auto created = handler_.HandleJson(test::ReadData("colibri2/create_conference_request.json"));
  ASSERT_TRUE(created.ok()) << created.error->text;
  ASSERT_EQ(created.modified->endpoints.size(), 1u);
  EXPECT_TRUE(created.modified->endpoints[0].transport.has_value());
  EXPECT_EQ(conferences_.conference_count(), 1u);
  auto again = handler_.HandleJson(test::ReadData("colibri2/create_conference_request.json"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error->reason, colibri2::Reason::kConferenceAlreadyExists);
  auto syntax = handler_.HandleJson("{\"meeting-id\": ");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error->condition, "bad-request");
}

}  // namespace
}  // namespace meet::bridge
