#include "signaling/colibri2/colibri2_xml.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/signaling/colibri2/colibri2_test_util.hpp"

namespace meet::signaling::colibri2 {
namespace {

using jingle::MediaType;
using test::Canonical;
using test::ColibriRoot;
using test::LoadTag;

ConferenceModify LoadModify(const std::string& file) {
  xml::TagPtr tag = LoadTag(file);
  if (!tag) return {};
  auto parsed = ParseConferenceModify(*tag);
  if (!parsed.ok()) {
    ADD_FAILURE() << file << ": " << parsed.error().ToString();
    return {};
  }
  return std::move(*parsed);
}

ConferenceModified LoadModified(const std::string& file) {
  xml::TagPtr tag = LoadTag(file);
  if (!tag) return {};
  auto parsed = ParseConferenceModified(*tag);
  if (!parsed.ok()) {
    ADD_FAILURE() << file << ": " << parsed.error().ToString();
    return {};
  }
  return std::move(*parsed);
}

// Parses a conference-modify snippet and returns its error (fails the test if it parses).
Error ModifyError(const std::string& text) {
  auto tag = xml::Parse(text);
  if (!tag.ok()) {
    ADD_FAILURE() << "fixture is not XML: " << tag.error().ToString();
    return {};
  }
  auto parsed = ParseConferenceModify(**tag);
  if (parsed.ok()) {
    ADD_FAILURE() << "expected an error for " << text;
    return {};
  }
  return parsed.error();
}

TEST(Colibri2Xml, CreateConferenceRequestFields) {
  const ConferenceModify m = LoadModify("create_conference_request.xml");
  EXPECT_EQ(m.meeting_id, "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60");
  EXPECT_EQ(m.name, "myroom@muc.meet.jitsi");
  EXPECT_TRUE(m.create);
  EXPECT_FALSE(m.expire);
  ASSERT_TRUE(m.rtcstats_enabled.has_value());
  EXPECT_FALSE(*m.rtcstats_enabled);
  EXPECT_TRUE(m.relays.empty());
  ASSERT_EQ(m.endpoints.size(), 1u);

  const Endpoint& ep = m.endpoints[0];
  EXPECT_EQ(ep.id, "1a2b3c4d");
  EXPECT_TRUE(ep.create);
  EXPECT_EQ(ep.stats_id, "Ada-Xy1");
  EXPECT_EQ(ep.muc_role, "");
  ASSERT_EQ(ep.medias.size(), 2u);

  const Media& audio = ep.medias[0];
  EXPECT_EQ(audio.type, MediaType::kAudio);
  ASSERT_EQ(audio.payload_types.size(), 2u);
  EXPECT_EQ(audio.payload_types[0].id, 111);
  EXPECT_EQ(audio.payload_types[0].name, "opus");
  EXPECT_EQ(audio.payload_types[0].clockrate, 48000u);
  EXPECT_EQ(audio.payload_types[0].channels, 2);
  EXPECT_EQ(audio.payload_types[0].FindParameter("useinbandfec"), "1");
  ASSERT_EQ(audio.payload_types[0].rtcp_fbs.size(), 1u);
  EXPECT_EQ(audio.payload_types[0].rtcp_fbs[0].type, "transport-cc");
  EXPECT_EQ(audio.payload_types[1].id, 126);
  EXPECT_EQ(audio.payload_types[1].channels, 1);
  ASSERT_EQ(audio.header_extensions.size(), 3u);
  EXPECT_EQ(audio.header_extensions[0].id, 1);
  EXPECT_EQ(audio.header_extensions[0].uri, jingle::hdrext::kAudioLevel);
  EXPECT_EQ(audio.header_extensions[2].id, 5);
  EXPECT_TRUE(audio.extmap_allow_mixed);

  const Media& video = ep.medias[1];
  EXPECT_EQ(video.type, MediaType::kVideo);
  ASSERT_EQ(video.payload_types.size(), 8u);
  EXPECT_EQ(video.payload_types[0].name, "AV1");
  EXPECT_EQ(video.payload_types[0].id, 41);
  EXPECT_EQ(video.payload_types[2].name, "H264");
  EXPECT_EQ(video.payload_types[2].FindParameter("profile-level-id"),
            "42e01f;level-asymmetry-allowed=1;packetization-mode=1;");
  EXPECT_EQ(video.payload_types[2].rtcp_fbs.size(), 4u);
  EXPECT_EQ(video.payload_types[7].name, "rtx");
  EXPECT_EQ(video.payload_types[7].FindParameter("apt"), "107");
  EXPECT_TRUE(video.payload_types[7].rtcp_fbs.empty());
  ASSERT_EQ(video.header_extensions.size(), 4u);
  EXPECT_EQ(video.header_extensions[0].id, 11);
  EXPECT_EQ(video.header_extensions[0].uri, jingle::hdrext::kAv1DependencyDescriptor);

  ASSERT_TRUE(ep.transport.has_value());
  EXPECT_TRUE(ep.transport->ice_controlling);
  EXPECT_FALSE(ep.transport->use_unique_port);
  EXPECT_FALSE(ep.transport->ice_udp.has_value());
  ASSERT_TRUE(ep.transport->sctp.has_value());
  EXPECT_FALSE(ep.transport->sctp->role.has_value());
  EXPECT_FALSE(ep.transport->sctp->port.has_value());
  ASSERT_TRUE(ep.sources.has_value());
  EXPECT_TRUE(ep.sources->media_sources.empty());
  EXPECT_EQ(ep.capabilities, (std::vector<std::string>{"source-names", "ssrc-rewriting"}));
  EXPECT_TRUE(ep.HasCapability(capability::kSourceNames));
  EXPECT_FALSE(ep.HasCapability(capability::kPrivateAddressConnectivity));
  EXPECT_FALSE(ep.force_mute.has_value());
  EXPECT_FALSE(ep.initial_last_n.has_value());
}

TEST(Colibri2Xml, CreateConferenceResponseFields) {
  const ConferenceModified m = LoadModified("create_conference_response.xml");
  ASSERT_EQ(m.endpoints.size(), 1u);
  const Endpoint& ep = m.endpoints[0];
  EXPECT_EQ(ep.id, "1a2b3c4d");
  EXPECT_FALSE(ep.create);
  ASSERT_TRUE(ep.transport.has_value());
  EXPECT_FALSE(ep.transport->ice_controlling);
  ASSERT_TRUE(ep.transport->ice_udp.has_value());
  const jingle::IceUdpTransport& ice = *ep.transport->ice_udp;
  EXPECT_EQ(ice.ufrag, "7h1f2a");
  EXPECT_EQ(ice.pwd, "3bq9k2lmx8v0c5n1r6t4w7yz");
  EXPECT_TRUE(ice.rtcp_mux);
  ASSERT_EQ(ice.fingerprints.size(), 1u);
  EXPECT_EQ(ice.fingerprints[0].hash, "sha-256");
  EXPECT_EQ(ice.fingerprints[0].setup, "actpass");
  EXPECT_EQ(ice.fingerprints[0].value.substr(0, 8), "F1:05:72");
  ASSERT_EQ(ice.candidates.size(), 2u);
  EXPECT_EQ(ice.candidates[0].ip, "172.18.0.4");
  EXPECT_EQ(ice.candidates[0].port, 10000);
  EXPECT_EQ(ice.candidates[0].priority, 2130706431u);
  EXPECT_EQ(ice.candidates[0].type, "host");
  EXPECT_EQ(ice.candidates[1].type, "srflx");
  EXPECT_EQ(ice.candidates[1].rel_addr, "172.18.0.4");
  EXPECT_EQ(ice.candidates[1].rel_port, 10000);
  ASSERT_EQ(ice.web_sockets.size(), 1u);
  EXPECT_EQ(ice.web_sockets[0].url,
            "wss://meet.example.com/colibri-ws/default-id/7e44c1d2a9b0f3e6/1a2b3c4d?pwd=Kx3mP9qR2sT7vW1yZ4bN6cD8");
  ASSERT_TRUE(ep.transport->sctp.has_value());
  EXPECT_EQ(ep.transport->sctp->port, kDefaultSctpPort);
  EXPECT_EQ(ep.transport->sctp->role, SctpRole::kServer);

  ASSERT_TRUE(m.sources.has_value());
  ASSERT_EQ(m.sources->media_sources.size(), 2u);
  const MediaSource& a0 = m.sources->media_sources[0];
  EXPECT_EQ(a0.type, MediaType::kAudio);
  EXPECT_EQ(a0.id, "jvb-a0");
  ASSERT_EQ(a0.sources.size(), 1u);
  EXPECT_EQ(a0.sources[0].ssrc, 3191927963u);
  EXPECT_EQ(a0.sources[0].name, "jvb-a0");
  EXPECT_EQ(a0.sources[0].msid, "mixedmslabel mixedlabelaudio0");
  const MediaSource& v0 = m.sources->media_sources[1];
  EXPECT_EQ(v0.type, MediaType::kVideo);
  EXPECT_EQ(v0.id, "jvb-v0");
  ASSERT_EQ(v0.sources.size(), 1u);
  EXPECT_EQ(v0.sources[0].ssrc, 1863439907u);
}

TEST(Colibri2Xml, UpdateEndpointRequestFields) {
  const ConferenceModify m = LoadModify("update_endpoint_request.xml");
  EXPECT_FALSE(m.create);
  EXPECT_FALSE(m.rtcstats_enabled.has_value());
  ASSERT_EQ(m.endpoints.size(), 1u);
  const Endpoint& ep = m.endpoints[0];
  EXPECT_FALSE(ep.create);
  EXPECT_EQ(ep.stats_id, "Ada-Xy1");
  EXPECT_TRUE(ep.medias.empty());
  ASSERT_TRUE(ep.transport && ep.transport->ice_udp);
  EXPECT_FALSE(ep.transport->sctp.has_value());
  EXPECT_EQ(ep.transport->ice_udp->ufrag, "Qm3x");
  ASSERT_EQ(ep.transport->ice_udp->fingerprints.size(), 1u);
  EXPECT_EQ(ep.transport->ice_udp->fingerprints[0].setup, "active");
  EXPECT_EQ(ep.transport->ice_udp->candidates.size(), 2u);

  ASSERT_TRUE(ep.sources.has_value());
  ASSERT_EQ(ep.sources->media_sources.size(), 2u);
  const MediaSource& audio = ep.sources->media_sources[0];
  EXPECT_EQ(audio.id, "1a2b3c4d-a0");
  ASSERT_EQ(audio.sources.size(), 1u);
  EXPECT_EQ(audio.sources[0].ssrc, 2756387645u);
  const MediaSource& video = ep.sources->media_sources[1];
  EXPECT_EQ(video.type, MediaType::kVideo);
  EXPECT_EQ(video.id, "1a2b3c4d-v0");
  ASSERT_EQ(video.sources.size(), 6u);
  EXPECT_EQ(video.sources[0].video_type, "camera");
  ASSERT_EQ(video.ssrc_groups.size(), 4u);
  EXPECT_EQ(video.ssrc_groups[0].semantics, "SIM");
  EXPECT_EQ(video.ssrc_groups[0].ssrcs, (std::vector<uint32_t>{1111, 3333, 5555}));
  EXPECT_EQ(video.ssrc_groups[1].semantics, "FID");
  EXPECT_EQ(video.ssrc_groups[1].ssrcs, (std::vector<uint32_t>{1111, 2222}));
  EXPECT_EQ(video.ssrc_groups[3].ssrcs, (std::vector<uint32_t>{5555, 6666}));
  EXPECT_EQ(ep.initial_last_n, 25);
}

TEST(Colibri2Xml, ExpireEndpointsAndConference) {
  const ConferenceModify m = LoadModify("expire_endpoints.xml");
  ASSERT_EQ(m.endpoints.size(), 3u);
  EXPECT_EQ(m.endpoints[1].id, "5e6f7a8b");
  for (const Endpoint& ep : m.endpoints) {
    EXPECT_TRUE(ep.expire) << ep.id;
    EXPECT_FALSE(ep.create) << ep.id;
    EXPECT_FALSE(ep.transport.has_value()) << ep.id;
  }
  EXPECT_FALSE(m.expire);

  const ConferenceModify c = LoadModify("expire_conference.xml");
  EXPECT_EQ(c.meeting_id, "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60");
  EXPECT_TRUE(c.expire);
  EXPECT_FALSE(c.create);
  EXPECT_TRUE(c.endpoints.empty());
  EXPECT_TRUE(c.relays.empty());
}

TEST(Colibri2Xml, ForceMuteFields) {
  const ConferenceModify m = LoadModify("force_mute.xml");
  ASSERT_EQ(m.endpoints.size(), 2u);
  ASSERT_TRUE(m.endpoints[0].force_mute.has_value());
  EXPECT_TRUE(m.endpoints[0].force_mute->audio);
  EXPECT_FALSE(m.endpoints[0].force_mute->video);
  ASSERT_TRUE(m.endpoints[1].force_mute.has_value());
  EXPECT_TRUE(m.endpoints[1].force_mute->audio);
  EXPECT_TRUE(m.endpoints[1].force_mute->video);
  EXPECT_FALSE(m.endpoints[1].sources.has_value());
}

TEST(Colibri2Xml, RelayCreateFields) {
  const ConferenceModify m = LoadModify("relay_create.xml");
  EXPECT_TRUE(m.endpoints.empty());
  ASSERT_EQ(m.relays.size(), 1u);
  const Relay& relay = m.relays[0];
  EXPECT_EQ(relay.id, "jvb-1");
  EXPECT_EQ(relay.mesh_id, "0");
  EXPECT_TRUE(relay.create);
  ASSERT_EQ(relay.medias.size(), 2u);
  EXPECT_EQ(relay.medias[1].payload_types[1].FindParameter("apt"), "100");
  ASSERT_TRUE(relay.transport.has_value());
  EXPECT_TRUE(relay.transport->ice_controlling);
  EXPECT_TRUE(relay.transport->use_unique_port);
  ASSERT_TRUE(relay.transport->ice_udp.has_value());
  EXPECT_EQ(relay.transport->ice_udp->fingerprints[0].setup, "active");
  ASSERT_EQ(relay.endpoints.size(), 2u);
  EXPECT_EQ(relay.endpoints[0].id, "5e6f7a8b");
  EXPECT_TRUE(relay.endpoints[0].create);
  EXPECT_EQ(relay.endpoints[0].stats_id, "Bob-Qz9");
  ASSERT_TRUE(relay.endpoints[0].sources.has_value());
  ASSERT_EQ(relay.endpoints[0].sources->media_sources.size(), 2u);
  EXPECT_EQ(relay.endpoints[0].sources->media_sources[1].ssrc_groups[0].ssrcs,
            (std::vector<uint32_t>{111, 112}));
  EXPECT_EQ(relay.endpoints[1].id, "9c0d1e2f");
  EXPECT_FALSE(relay.endpoints[1].sources.has_value());
}

TEST(Colibri2Xml, EveryFixtureRoundTripsThroughToTag) {
  for (const std::string& file : test::ConferenceFixtures()) {
    SCOPED_TRACE(file);
    xml::TagPtr tag = LoadTag(file);
    ASSERT_NE(tag, nullptr);
    auto first = Parse(*tag);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    xml::TagPtr encoded = ToTag(*first);
    // Through text, as it goes on the wire.
    auto reparsed_tag = xml::Parse(encoded->xml());
    ASSERT_TRUE(reparsed_tag.ok()) << reparsed_tag.error().ToString();
    auto second = Parse(**reparsed_tag);
    ASSERT_TRUE(second.ok()) << second.error().ToString();
    EXPECT_EQ(*first, *second);
  }
}

TEST(Colibri2Xml, ToTagReproducesTheWireLayout) {
  for (const std::string& file : test::ConferenceFixtures()) {
    SCOPED_TRACE(file);
    xml::TagPtr tag = LoadTag(file);
    ASSERT_NE(tag, nullptr);
    const gloox::Tag* root = ColibriRoot(*tag);
    ASSERT_NE(root, nullptr);
    auto parsed = Parse(*root);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    xml::TagPtr encoded = ToTag(*parsed);
    EXPECT_EQ(Canonical(*encoded), Canonical(*root));
  }
}

TEST(Colibri2Xml, EncodesNamespacesLikeJicofo) {
  const ConferenceModify m = LoadModify("create_conference_request.xml");
  xml::TagPtr tag = ToTag(m);
  const std::string text = tag->xml();
  EXPECT_EQ(text.rfind("<conference-modify xmlns='jitsi:colibri2' meeting-id='0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60'", 0), 0u)
      << text;
  // Colibri2 children inherit the namespace; Jingle children declare theirs.
  EXPECT_NE(text.find("<endpoint id='1a2b3c4d' create='true' stats-id='Ada-Xy1'>"), std::string::npos) << text;
  EXPECT_NE(text.find("<payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' id='111'"), std::string::npos) << text;
  EXPECT_NE(text.find("<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>"), std::string::npos);
  EXPECT_NE(text.find("<transport ice-controlling='true'><sctp/></transport>"), std::string::npos) << text;
  EXPECT_NE(text.find("<sources/><capability name='source-names'/>"), std::string::npos) << text;
  EXPECT_EQ(text.find("expire="), std::string::npos);
}

TEST(Colibri2Xml, ParseDispatchesOnTheElementName) {
  xml::TagPtr request = LoadTag("force_mute.xml");
  xml::TagPtr response = LoadTag("create_conference_response.xml");
  ASSERT_TRUE(request && response);
  auto a = Parse(*request);
  auto b = Parse(*response);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(std::holds_alternative<ConferenceModify>(*a));
  EXPECT_TRUE(std::holds_alternative<ConferenceModified>(*b));
  // The typed parsers refuse the other element.
  EXPECT_EQ(ParseConferenceModify(*response).error().code, "colibri2.missing-element");
  EXPECT_EQ(ParseConferenceModified(*ColibriRoot(*request)).error().code, "colibri2.unexpected-element");
}

TEST(Colibri2Xml, MissingMeetingIdIsAnError) {
  Error e = ModifyError("<conference-modify xmlns='jitsi:colibri2' create='true'/>");
  EXPECT_EQ(e.code, "colibri2.missing-meeting-id");
  EXPECT_EQ(e.where, "conference-modify");
  EXPECT_EQ(e.condition, "bad-request");
  EXPECT_EQ(ModifyError("<conference-modify xmlns='jitsi:colibri2' meeting-id=''/>").code,
            "colibri2.missing-meeting-id");
}

TEST(Colibri2Xml, WrongNamespaceIsRejected) {
  EXPECT_EQ(ModifyError("<conference-modify xmlns='http://jitsi.org/protocol/colibri2' meeting-id='m'/>").code,
            "colibri2.bad-namespace");
  EXPECT_EQ(ModifyError("<conference-modify meeting-id='m'/>").code, "colibri2.bad-namespace");
}

TEST(Colibri2Xml, EndpointErrorsNameTheElementPath) {
  Error no_id = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a' expire='true'/>"
      "<endpoint expire='true'/></conference-modify>");
  EXPECT_EQ(no_id.code, "xml.missing-attribute");
  EXPECT_EQ(no_id.where, "conference-modify/endpoint[2]");

  Error bad_bool = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a' create='yes'/></conference-modify>");
  EXPECT_EQ(bad_bool.code, "xml.bad-bool");
  EXPECT_EQ(bad_bool.where, "conference-modify/endpoint[1]");

  Error bad_media = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'>"
      "<media type='audio'/><media type='application'/></endpoint></conference-modify>");
  EXPECT_EQ(bad_media.code, "colibri2.bad-media-type");
  EXPECT_EQ(bad_media.where, "conference-modify/endpoint[1]/media[2]");

  Error bad_role = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a' muc-role='king'/></conference-modify>");
  EXPECT_EQ(bad_role.code, "colibri2.bad-muc-role");

  Error bad_last_n = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'>"
      "<initial-last-n value='-2'/></endpoint></conference-modify>");
  EXPECT_EQ(bad_last_n.code, "colibri2.bad-last-n");
  EXPECT_EQ(bad_last_n.where, "conference-modify/endpoint[1]/initial-last-n");
}

TEST(Colibri2Xml, NestedJingleErrorsCarryTheFullPath) {
  Error e = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'>"
      "<media type='video'><payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' id='100' name='VP8'/>"
      "<payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' id='300' name='rtx'/></media>"
      "</endpoint></conference-modify>");
  EXPECT_EQ(e.where.rfind("conference-modify/endpoint[1]/media[1]/payload-type[2]", 0), 0u) << e.ToString();

  Error ssrc = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'><sources>"
      "<media-source type='audio' id='a-a0'><source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='0'/>"
      "</media-source></sources></endpoint></conference-modify>");
  EXPECT_EQ(ssrc.where.rfind("conference-modify/endpoint[1]/sources/media-source[1]/source[1]", 0), 0u)
      << ssrc.ToString();

  Error no_source_id = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'><sources>"
      "<media-source type='audio'/></sources></endpoint></conference-modify>");
  EXPECT_EQ(no_source_id.where, "conference-modify/endpoint[1]/sources/media-source[1]");
}

TEST(Colibri2Xml, SctpAndTransportErrors) {
  Error role = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a' create='true'>"
      "<transport><sctp role='peer'/></transport></endpoint></conference-modify>");
  EXPECT_EQ(role.code, "colibri2.bad-sctp-role");
  EXPECT_EQ(role.where, "conference-modify/endpoint[1]/transport/sctp");
  Error port = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'>"
      "<transport><sctp port='70000'/></transport></endpoint></conference-modify>");
  EXPECT_EQ(port.code, "xml.bad-number");
  Error twice = ModifyError(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='a'>"
      "<transport/><transport/></endpoint></conference-modify>");
  EXPECT_EQ(twice.code, "colibri2.duplicate-element");
  EXPECT_EQ(twice.where, "conference-modify/endpoint[1]");
}

TEST(Colibri2Xml, BoundsAreEnforced) {
  std::string many = "<conference-modify xmlns='jitsi:colibri2' meeting-id='m'>";
  for (size_t i = 0; i <= kMaxEndpoints; ++i) many += "<endpoint id='e" + std::to_string(i) + "' expire='true'/>";
  many += "</conference-modify>";
  Error too_many = ModifyError(many);
  EXPECT_EQ(too_many.code, "colibri2.too-many");

  const std::string long_id(kMaxIdLength + 1, 'x');
  Error too_long = ModifyError("<conference-modify xmlns='jitsi:colibri2' meeting-id='m'><endpoint id='" +
                               long_id + "'/></conference-modify>");
  EXPECT_EQ(too_long.code, "colibri2.too-long");
  EXPECT_EQ(too_long.where, "conference-modify/endpoint[1]");
}

TEST(Colibri2Xml, UnknownChildrenAreTolerated) {
  auto tag = xml::Parse(
      "<conference-modify xmlns='jitsi:colibri2' meeting-id='m' create='true'>"
      "<connects><connect url='wss://example.com/audio' protocol='mediajson' type='transcriber' audio='true'/></connects>"
      "<traceparent xmlns='jitsi:opentelemetry' value='00-abc-def-01'/>"
      "<endpoint id='a' expire='true'><future-thing/></endpoint>"
      "<endpoint xmlns='urn:other' id=''/>"
      "</conference-modify>");
  ASSERT_TRUE(tag.ok());
  auto parsed = ParseConferenceModify(**tag);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->endpoints.size(), 1u);  // the endpoint in another namespace is not ours
  EXPECT_EQ(parsed->endpoints[0].id, "a");
}

}  // namespace
}  // namespace meet::signaling::colibri2
