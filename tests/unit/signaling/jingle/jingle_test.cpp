#include "signaling/jingle/jingle.hpp"

#include <gtest/gtest.h>

#include <string>

#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::jingle {
namespace {

Result<Jingle> ParseFixture(const std::string& file) {
  const std::string text = test::ReadData("jingle/" + file);
  auto iq = xml::Parse(text);
  if (!iq.ok()) return iq.error();
  return ParseJingleIq(**iq);
}

Jingle LoadFixture(const std::string& file) {
  auto j = ParseFixture(file);
  EXPECT_TRUE(j.ok()) << file << ": " << j.error().ToString();
  return j.ok() ? *j : Jingle{};
}

// Parses a bare <jingle> document given as text.
Result<Jingle> ParseText(const std::string& text) {
  auto tag = xml::Parse(text);
  if (!tag.ok()) return tag.error();
  return ParseJingle(**tag);
}

std::string Wrap(const std::string& body, const std::string& action = "session-initiate") {
  return "<jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='s1'>" + body + "</jingle>";
}

TEST(JingleFixture, SessionInitiateFromJicofo) {
  const Jingle j = LoadFixture("session_initiate_jicofo.xml");
  EXPECT_EQ(j.action, JingleAction::kSessionInitiate);
  EXPECT_EQ(j.sid, "9kd2l1qz");
  EXPECT_EQ(j.initiator, "focus@auth.meet.jitsi/focus");
  ASSERT_EQ(j.contents.size(), 3u);
  EXPECT_EQ(j.bundle, (std::vector<std::string>{"audio", "video", "data"}));

  const Content& audio = j.contents[0];
  EXPECT_EQ(audio.name, "audio");
  EXPECT_EQ(audio.creator, "initiator");
  EXPECT_EQ(audio.senders, "both");
  ASSERT_TRUE(audio.description.has_value());
  const RtpDescription& ad = *audio.description;
  EXPECT_EQ(ad.media, MediaType::kAudio);
  EXPECT_EQ(ad.maxptime, 60u);
  ASSERT_EQ(ad.payload_types.size(), 2u);
  const PayloadType& opus = ad.payload_types[0];
  EXPECT_EQ(opus.id, 111);
  EXPECT_EQ(opus.name, "opus");
  EXPECT_EQ(opus.clockrate, 48000u);
  EXPECT_EQ(opus.channels, 2);
  EXPECT_EQ(opus.FindParameter("minptime"), "10");
  EXPECT_EQ(opus.FindParameter("useinbandfec"), "1");
  ASSERT_EQ(opus.rtcp_fbs.size(), 1u);
  EXPECT_EQ(opus.rtcp_fbs[0].type, "transport-cc");
  EXPECT_EQ(ad.payload_types[1].name, "telephone-event");
  EXPECT_EQ(ad.payload_types[1].channels, 1);
  ASSERT_EQ(ad.header_extensions.size(), 3u);
  EXPECT_EQ(ad.header_extensions[0], (HeaderExtension{1, hdrext::kAudioLevel, ""}));
  EXPECT_EQ(ad.header_extensions[1], (HeaderExtension{10, hdrext::kMid, ""}));
  EXPECT_EQ(ad.header_extensions[2], (HeaderExtension{5, hdrext::kTransportCc, ""}));
  EXPECT_TRUE(ad.extmap_allow_mixed);
  EXPECT_TRUE(ad.rtcp_mux);
  EXPECT_TRUE(ad.sources.empty());

  ASSERT_TRUE(audio.transport.has_value());
  const IceUdpTransport& t = *audio.transport;
  EXPECT_EQ(t.ufrag, "7h1f2a");
  EXPECT_EQ(t.pwd, "3bq8c1e0rmd4k5oa6l2p9nsf7v");
  ASSERT_EQ(t.fingerprints.size(), 1u);
  EXPECT_EQ(t.fingerprints[0].hash, "sha-256");
  EXPECT_EQ(t.fingerprints[0].setup, "actpass");
  EXPECT_EQ(t.fingerprints[0].value.substr(0, 8), "5C:2E:97");
  EXPECT_EQ(t.fingerprints[0].value.size(), 95u);
  ASSERT_EQ(t.candidates.size(), 2u);
  EXPECT_EQ(t.candidates[0].ip, "203.0.113.5");
  EXPECT_EQ(t.candidates[0].port, 10000);
  EXPECT_EQ(t.candidates[0].priority, 2130706431u);
  EXPECT_EQ(t.candidates[0].type, "host");
  EXPECT_EQ(t.candidates[0].id, "6b1c4e9f1");
  EXPECT_EQ(t.candidates[1].type, "srflx");
  EXPECT_EQ(t.candidates[1].rel_addr, "203.0.113.5");
  EXPECT_EQ(t.candidates[1].rel_port, 10000);
  EXPECT_TRUE(t.rtcp_mux);
  ASSERT_EQ(t.web_sockets.size(), 1u);
  EXPECT_EQ(t.web_sockets[0].url,
            "wss://meet.example.com/colibri-ws/default-id/4f1c9a0be2d37c81/1a2b3c4d?pwd=Xy7Kp2Qr9sTu4VwZ0aBcDeFg");
  EXPECT_FALSE(t.sctpmap.has_value());

  const Content& video = j.contents[1];
  ASSERT_TRUE(video.description.has_value());
  const RtpDescription& vd = *video.description;
  EXPECT_EQ(vd.media, MediaType::kVideo);
  EXPECT_FALSE(vd.maxptime.has_value());
  ASSERT_EQ(vd.payload_types.size(), 8u);
  EXPECT_EQ(vd.payload_types[0].name, "AV1");
  EXPECT_EQ(vd.payload_types[0].id, 41);
  ASSERT_EQ(vd.payload_types[0].rtcp_fbs.size(), 4u);
  EXPECT_EQ(vd.payload_types[0].rtcp_fbs[0], (RtcpFb{"ccm", "fir"}));
  EXPECT_EQ(vd.payload_types[0].rtcp_fbs[2], (RtcpFb{"nack", "pli"}));
  const PayloadType* h264 = vd.FindPayloadType(107);
  ASSERT_NE(h264, nullptr);
  EXPECT_EQ(h264->FindParameter("profile-level-id"),
            "42e01f;level-asymmetry-allowed=1;packetization-mode=1;");
  const PayloadType* rtx = vd.FindPayloadType(99);
  ASSERT_NE(rtx, nullptr);
  EXPECT_EQ(rtx->name, "rtx");
  EXPECT_EQ(rtx->FindParameter("apt"), "107");
  EXPECT_TRUE(rtx->rtcp_fbs.empty());
  ASSERT_EQ(vd.header_extensions.size(), 4u);
  EXPECT_EQ(vd.header_extensions[0].uri, hdrext::kAv1DependencyDescriptor);
  EXPECT_EQ(vd.header_extensions[0].id, 11);
  EXPECT_TRUE(vd.rtcp_mux);
  EXPECT_EQ(video.transport, audio.transport);

  const Content& data = j.contents[2];
  ASSERT_TRUE(data.description.has_value());
  EXPECT_EQ(data.description->media, MediaType::kApplication);
  EXPECT_TRUE(data.description->payload_types.empty());
  ASSERT_TRUE(data.transport.has_value());
  ASSERT_TRUE(data.transport->sctpmap.has_value());
  EXPECT_EQ(*data.transport->sctpmap, (SctpMap{5000, "webrtc-datachannel", 1024}));

  ASSERT_TRUE(j.bridge_session.has_value());
  EXPECT_EQ(j.bridge_session->id, "0c7e6f4a-5b1d-4c2e-9f3a-8d7b6e5c4a31");
  EXPECT_EQ(j.bridge_session->region, "us-east-1");
  EXPECT_FALSE(j.bridge_session->restart.has_value());
  ASSERT_TRUE(j.start_muted.has_value());
  EXPECT_EQ(j.start_muted->audio, true);
  EXPECT_EQ(j.start_muted->video, false);
  EXPECT_FALSE(j.reason.has_value());
  EXPECT_FALSE(j.ice_state.has_value());

  ASSERT_TRUE(j.json_sources.has_value());
  const SourceMap& map = *j.json_sources;
  ASSERT_EQ(map.size(), 2u);
  const EndpointSourceSet& jvb = map.at("jvb");
  ASSERT_EQ(jvb.sources.size(), 2u);
  EXPECT_EQ(jvb.Ssrcs(MediaType::kVideo), std::vector<uint32_t>{1863439907u});
  EXPECT_EQ(jvb.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{3191927963u});
  EXPECT_EQ(jvb.sources[0].source.msid, "mixedmslabel mixedlabelvideo0");
  EXPECT_EQ(jvb.sources[0].source.name, "jvb-v0");
  EXPECT_EQ(jvb.sources[0].source.owner, "jvb");
  const EndpointSourceSet& other = map.at("5e6f7a8b");
  EXPECT_EQ(other.SourcesOf(MediaType::kVideo).size(), 6u);
  ASSERT_EQ(other.groups.size(), 4u);
  EXPECT_EQ(other.groups[0].group, (SsrcGroup{"SIM", {1001, 1002, 1003}}));
  EXPECT_EQ(other.groups[1].group, (SsrcGroup{"FID", {1001, 2001}}));
  EXPECT_EQ(other.groups[0].media, MediaType::kVideo);
  EXPECT_EQ(other.SourcesOf(MediaType::kAudio).at(0).ssrc, 333u);
}

TEST(JingleFixture, SessionAcceptFromChrome) {
  const Jingle j = LoadFixture("session_accept_chrome.xml");
  EXPECT_EQ(j.action, JingleAction::kSessionAccept);
  EXPECT_EQ(j.responder, "alice@meet.jitsi/Xk2p9Q1w");
  EXPECT_EQ(j.bundle, (std::vector<std::string>{"audio", "video", "data"}));
  ASSERT_EQ(j.contents.size(), 3u);
  const Content* audio = j.FindContent("audio");
  ASSERT_NE(audio, nullptr);
  EXPECT_EQ(audio->creator, "responder");
  ASSERT_EQ(audio->description->sources.size(), 1u);
  const Source& mic = audio->description->sources[0];
  EXPECT_EQ(mic.ssrc, 2971345802u);
  EXPECT_EQ(mic.name, "1a2b3c4d-a0");
  EXPECT_EQ(mic.msid, "1a2b3c4d-audio-0-1 9b8f7e6d-5c4b-4a39-8281-7f6e5d4c3b2a-1");
  EXPECT_TRUE(mic.parameters.empty());
  EXPECT_TRUE(mic.owner.empty());
  EXPECT_TRUE(mic.video_type.empty());
  ASSERT_EQ(audio->transport->candidates.size(), 3u);
  EXPECT_EQ(audio->transport->candidates[2].protocol, "tcp");
  EXPECT_EQ(audio->transport->candidates[2].tcptype, "active");
  EXPECT_EQ(audio->transport->candidates[2].network, 1);
  EXPECT_EQ(audio->transport->fingerprints.at(0).setup, "active");

  const Content* video = j.FindContent("video");
  ASSERT_NE(video, nullptr);
  EXPECT_EQ(video->initial_last_n, 25);
  const RtpDescription& vd = *video->description;
  EXPECT_EQ(vd.payload_types.size(), 8u);
  EXPECT_EQ(vd.FindPayloadType(41)->FindParameter("level-idx"), "5");
  EXPECT_EQ(vd.FindPayloadType(96)->FindParameter("apt"), "100");
  ASSERT_EQ(vd.sources.size(), 6u);
  ASSERT_EQ(vd.ssrc_groups.size(), 4u);
  EXPECT_EQ(vd.ssrc_groups[0], (SsrcGroup{"SIM", {1311155301u, 1311155302u, 1311155303u}}));
  EXPECT_EQ(vd.ssrc_groups[3], (SsrcGroup{"FID", {1311155303u, 4025877613u}}));
  EXPECT_TRUE(vd.rtcp_mux);
  EXPECT_TRUE(vd.extmap_allow_mixed);
  EXPECT_TRUE(video->transport->candidates.empty());

  const Content* data = j.FindContent("data");
  ASSERT_NE(data, nullptr);
  EXPECT_FALSE(data->description.has_value());
  ASSERT_TRUE(data->transport->sctpmap.has_value());
  EXPECT_EQ(data->transport->sctpmap->streams, 0u);
  EXPECT_EQ(data->transport->sctpmap->number, 5000);
  EXPECT_EQ(j.FirstTransport(), &*audio->transport);
}

TEST(JingleFixture, SessionAcceptFromFirefox) {
  const Jingle j = LoadFixture("session_accept_firefox.xml");
  EXPECT_EQ(j.action, JingleAction::kSessionAccept);
  const Content* audio = j.FindContent("audio");
  ASSERT_NE(audio, nullptr);
  const PayloadType* dtmf = audio->description->FindPayloadType(126);
  ASSERT_NE(dtmf, nullptr);
  ASSERT_EQ(dtmf->parameters.size(), 1u);
  EXPECT_EQ(dtmf->parameters[0], (Parameter{"", "0-15"}));
  EXPECT_FALSE(audio->description->extmap_allow_mixed);
  const Content* video = j.FindContent("video");
  ASSERT_NE(video, nullptr);
  EXPECT_EQ(video->initial_last_n, -1);
  EXPECT_EQ(video->description->header_extensions.at(0).senders, "both");
  EXPECT_EQ(video->description->FindPayloadType(100)->FindParameter("max-fs"), "12288");
  EXPECT_EQ(video->description->FindPayloadType(41), nullptr);
  ASSERT_EQ(video->description->ssrc_groups.size(), 1u);
  EXPECT_EQ(video->description->ssrc_groups[0], (SsrcGroup{"FID", {1904761523u, 2750183462u}}));
  EXPECT_EQ(video->description->sources[0].msid,
            "7c8d9e0f-video-0-1 {5d6e7f80-91a2-4b3c-8d4e-5f6071829304}-1");
}

TEST(JingleFixture, TransportInfoTrickleWithNumericContentName) {
  const Jingle j = LoadFixture("transport_info_trickle.xml");
  EXPECT_EQ(j.action, JingleAction::kTransportInfo);
  ASSERT_EQ(j.contents.size(), 1u);
  EXPECT_EQ(j.contents[0].name, "0");
  EXPECT_FALSE(j.contents[0].description.has_value());
  const IceUdpTransport* t = j.FirstTransport();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->ufrag, "Qm3x");
  ASSERT_EQ(t->candidates.size(), 2u);
  EXPECT_EQ(t->candidates[1].type, "relay");
  EXPECT_EQ(t->candidates[1].rel_addr, "198.51.100.77");
  EXPECT_EQ(t->candidates[1].port, 3478);
  EXPECT_FALSE(t->ice_generation.has_value());
}

TEST(JingleFixture, SourceAddWithJsonMessageOnly) {
  const Jingle j = LoadFixture("source_add_json.xml");
  EXPECT_EQ(j.action, JingleAction::kSourceAdd);
  EXPECT_TRUE(j.contents.empty());
  ASSERT_TRUE(j.json_sources.has_value());
  const EndpointSourceSet& set = j.json_sources->at("9f8e7d6c");
  const auto video = set.SourcesOf(MediaType::kVideo);
  ASSERT_EQ(video.size(), 4u);
  EXPECT_EQ(video[0].video_type, "");
  EXPECT_EQ(video[2].video_type, "desktop");
  EXPECT_EQ(video[2].name, "9f8e7d6c-v1");
  EXPECT_EQ(set.GroupsOf(MediaType::kVideo).size(), 2u);
  EXPECT_EQ(set.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{4300001u});
}

TEST(JingleFixture, SourceAddWithXmlSourcesAndOwners) {
  const Jingle j = LoadFixture("source_add_xml.xml");
  ASSERT_EQ(j.contents.size(), 2u);
  EXPECT_TRUE(j.contents[0].creator.empty());
  const auto& audio = j.contents[0].description->sources;
  ASSERT_EQ(audio.size(), 2u);
  EXPECT_EQ(audio[0].owner, "myroom@muc.meet.jitsi/9f8e7d6c");
  EXPECT_EQ(audio[0].msid, "9f8e7d6c-audio-0-1 c9d0e1f2-1");
  EXPECT_EQ(audio[1].owner, "0a1b2c3d");
  const auto& video = j.contents[1].description->sources;
  ASSERT_EQ(video.size(), 3u);
  EXPECT_EQ(video[2].video_type, "desktop");

  auto map = SourceMapFromContents(j.contents);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  ASSERT_EQ(map->size(), 2u);
  const EndpointSourceSet& remote = map->at("9f8e7d6c");
  EXPECT_EQ(remote.Ssrcs(MediaType::kVideo), (std::vector<uint32_t>{4100001u, 4100002u, 4200001u}));
  EXPECT_EQ(remote.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{4300001u});
  ASSERT_EQ(remote.groups.size(), 1u);
  EXPECT_EQ(remote.groups[0].group.semantics, "FID");
  EXPECT_EQ(map->at("0a1b2c3d").Ssrcs(MediaType::kAudio), std::vector<uint32_t>{5300001u});
}

TEST(JingleFixture, SourceRemoveOfDesktopSource) {
  const Jingle j = LoadFixture("source_remove.xml");
  EXPECT_EQ(j.action, JingleAction::kSourceRemove);
  ASSERT_EQ(j.contents.size(), 1u);
  const RtpDescription& d = *j.contents[0].description;
  ASSERT_EQ(d.sources.size(), 2u);
  EXPECT_EQ(d.sources[0].ssrc, 2233445566u);
  EXPECT_EQ(d.sources[0].video_type, "desktop");
  EXPECT_EQ(d.ssrc_groups.at(0), (SsrcGroup{"FID", {2233445566u, 2233445567u}}));
}

TEST(JingleFixture, SessionTerminateRequestingRestart) {
  const Jingle j = LoadFixture("session_terminate_restart.xml");
  EXPECT_EQ(j.action, JingleAction::kSessionTerminate);
  ASSERT_TRUE(j.reason.has_value());
  EXPECT_EQ(j.reason->condition, "connectivity-error");
  EXPECT_EQ(j.reason->text, "ICE FAILED");
  ASSERT_TRUE(j.bridge_session.has_value());
  EXPECT_EQ(j.bridge_session->restart, true);
  EXPECT_FALSE(j.bridge_session->ice_restart.has_value());
  EXPECT_TRUE(j.contents.empty());
}

TEST(JingleFixture, SessionInfoIceRestart) {
  const Jingle j = LoadFixture("session_info_ice_restart.xml");
  EXPECT_EQ(j.action, JingleAction::kSessionInfo);
  EXPECT_EQ(j.ice_state, "failed");
  ASSERT_TRUE(j.bridge_session.has_value());
  EXPECT_EQ(j.bridge_session->ice_restart, true);
  EXPECT_EQ(j.bridge_session->id, "0c7e6f4a-5b1d-4c2e-9f3a-8d7b6e5c4a31");
}

TEST(JingleRoundTrip, EveryFixtureEncodesAndParsesBackEqual) {
  for (const char* file :
       {"session_initiate_jicofo.xml", "session_accept_chrome.xml", "session_accept_firefox.xml",
        "transport_info_trickle.xml", "source_add_json.xml", "source_add_xml.xml",
        "source_remove.xml", "session_terminate_restart.xml", "session_info_ice_restart.xml"}) {
    SCOPED_TRACE(file);
    const Jingle original = LoadFixture(file);
    xml::TagPtr tag = ToTag(original);
    auto again = ParseJingle(*tag);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(*again, original);
    // Through text as it goes on the wire.
    auto reparsed = xml::Parse(tag->xml());
    ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
    auto from_text = ParseJingle(**reparsed);
    ASSERT_TRUE(from_text.ok()) << from_text.error().ToString();
    EXPECT_EQ(*from_text, original);
    // Encoding is deterministic.
    EXPECT_EQ(ToTag(*from_text)->xml(), tag->xml());
  }
}

TEST(JingleEncode, LayoutAndNamespacesMatchJicofo) {
  const Jingle j = LoadFixture("session_initiate_jicofo.xml");
  xml::TagPtr tag = ToTag(j);
  EXPECT_EQ(tag->name(), "jingle");
  EXPECT_EQ(xml::Namespace(*tag), ns::kJingle);
  EXPECT_EQ(xml::AttrOr(*tag, "action"), "session-initiate");
  EXPECT_EQ(xml::AttrOr(*tag, "sid"), "9kd2l1qz");
  const auto contents = xml::Children(*tag, "content");
  ASSERT_EQ(contents.size(), 3u);
  // Contents inherit the jingle namespace instead of repeating it.
  EXPECT_FALSE(contents[0]->hasAttribute("xmlns"));
  const gloox::Tag* description = xml::Child(*contents[0], "description", ns::kRtp);
  ASSERT_NE(description, nullptr);
  EXPECT_EQ(xml::AttrOr(*description, "maxptime"), "60");
  const gloox::Tag* pt = xml::Child(*description, "payload-type");
  ASSERT_NE(pt, nullptr);
  EXPECT_FALSE(pt->hasAttribute("xmlns"));
  EXPECT_EQ(xml::Namespace(*pt), ns::kRtp);
  EXPECT_EQ(xml::AttrOr(*pt, "channels"), "2");
  EXPECT_EQ(xml::Namespace(*xml::Child(*pt, "rtcp-fb")), ns::kRtcpFb);
  EXPECT_EQ(xml::Namespace(*xml::Child(*pt, "parameter")), ns::kRtp);
  // <rtcp-mux/> inside <description> (what LJM reads), in the rtp namespace.
  const gloox::Tag* mux = xml::Child(*description, "rtcp-mux", ns::kRtp);
  ASSERT_NE(mux, nullptr);
  EXPECT_NE(xml::Child(*description, "rtp-hdrext", ns::kHdrExt), nullptr);
  EXPECT_NE(xml::Child(*description, "extmap-allow-mixed", ns::kHdrExt), nullptr);
  const gloox::Tag* transport = xml::Child(*contents[0], "transport", ns::kIceUdp);
  ASSERT_NE(transport, nullptr);
  const gloox::Tag* fp = xml::Child(*transport, "fingerprint", ns::kDtls);
  ASSERT_NE(fp, nullptr);
  EXPECT_EQ(fp->cdata(), j.contents[0].transport->fingerprints[0].value);
  const gloox::Tag* cand = xml::Child(*transport, "candidate", ns::kIceUdp);
  ASSERT_NE(cand, nullptr);
  EXPECT_FALSE(cand->hasAttribute("xmlns"));
  EXPECT_EQ(xml::AttrOr(*cand, "generation"), "0");
  EXPECT_NE(xml::Child(*transport, "web-socket", ns::kColibri), nullptr);
  EXPECT_NE(xml::Child(*xml::Child(*contents[2], "transport"), "sctpmap", ns::kDtlsSctp), nullptr);
  const gloox::Tag* group = xml::Child(*tag, "group", ns::kGrouping);
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(xml::AttrOr(*group, "semantics"), "BUNDLE");
  EXPECT_EQ(xml::Children(*group, "content").size(), 3u);
  EXPECT_NE(xml::Child(*tag, "bridge-session", ns::kFocus), nullptr);
  EXPECT_NE(xml::Child(*tag, "startmuted", ns::kStartMuted), nullptr);
  const gloox::Tag* json = xml::Child(*tag, "json-message", ns::kJitmeet);
  ASSERT_NE(json, nullptr);
  EXPECT_NE(json->cdata().find("\"jvb\":[[{\"s\":1863439907,\"n\":\"jvb-v0\""), std::string::npos);
  // Ignored element is not re-emitted.
  EXPECT_EQ(xml::Child(*tag, "traceparent"), nullptr);
}

TEST(JingleEncode, BuildsSessionTerminateFromScratch) {
  Jingle j;
  j.action = JingleAction::kSessionTerminate;
  j.sid = "abc";
  j.reason = Reason{"success", "restart required"};
  xml::TagPtr tag = ToTag(j);
  EXPECT_EQ(tag->xml(),
            "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='abc'><reason><success/>"
            "<text>restart required</text></reason></jingle>");
}

TEST(JingleAction, NamesAndLegacySpellings) {
  EXPECT_EQ(ParseJingleAction("addsource"), JingleAction::kSourceAdd);
  EXPECT_EQ(ParseJingleAction("removesource"), JingleAction::kSourceRemove);
  EXPECT_EQ(ParseJingleAction("transport-replace"), JingleAction::kTransportReplace);
  EXPECT_EQ(ParseJingleAction("content-modify"), JingleAction::kContentModify);
  EXPECT_FALSE(ParseJingleAction("session-initiated").has_value());
  EXPECT_EQ(ToString(JingleAction::kSourceAdd), "source-add");
  EXPECT_EQ(ToString(JingleAction::kTransportAccept), "transport-accept");
  auto legacy = ParseText(Wrap("", "addsource"));
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(legacy->action, JingleAction::kSourceAdd);
  EXPECT_EQ(ToTag(*legacy)->findAttribute("action"), "source-add");
}

TEST(JingleErrors, UnknownOrMissingAction) {
  auto bad = ParseText("<jingle xmlns='urn:xmpp:jingle:1' action='session-explode' sid='x'/>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "jingle.bad-action");
  EXPECT_EQ(bad.error().where, "jingle");
  EXPECT_EQ(bad.error().condition, "bad-request");
  EXPECT_EQ(ParseText("<jingle xmlns='urn:xmpp:jingle:1' sid='x'/>").error().code, "jingle.bad-action");
}

TEST(JingleErrors, MissingSid) {
  EXPECT_EQ(ParseText("<jingle xmlns='urn:xmpp:jingle:1' action='session-info'/>").error().code,
            "jingle.missing-sid");
  EXPECT_EQ(ParseText("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid=''/>").error().code,
            "jingle.missing-sid");
}

TEST(JingleErrors, DuplicateContentName) {
  auto r = ParseText(Wrap("<content name='audio'/><content name='video'/><content name='audio'/>"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.duplicate-content");
  EXPECT_EQ(r.error().where, "jingle/content[3]");
}

TEST(JingleErrors, SsrcOutOfRangeNamesTheSource) {
  const std::string desc_open = "<content name='audio'/><content name='video'>"
                                "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>";
  const std::string ssma = "xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'";
  for (const char* ssrc : {"0", "4294967296", "-1", "12ab"}) {
    SCOPED_TRACE(ssrc);
    auto r = ParseText(Wrap(desc_open + "<source " + ssma + " ssrc='5'/><source " + ssma + " ssrc='" +
                            ssrc + "'/></description></content>"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "jingle.bad-ssrc");
    EXPECT_EQ(r.error().where, "jingle/content[2]/description/source[2]");
  }
  auto ok = ParseText(Wrap(desc_open + "<source " + ssma +
                           " ssrc='4294967295'/></description></content>"));
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_EQ(ok->contents[1].description->sources[0].ssrc, 4294967295u);
  auto group = ParseText(Wrap(desc_open + "<ssrc-group " + ssma +
                              " semantics='FID'><source ssrc='1'/><source ssrc='0'/></ssrc-group>"
                              "</description></content>"));
  ASSERT_FALSE(group.ok());
  EXPECT_EQ(group.error().code, "jingle.bad-ssrc");
  EXPECT_EQ(group.error().where, "jingle/content[2]/description/ssrc-group[1]/source[2]");
}

TEST(JingleErrors, PayloadTypeIdOutOfRange) {
  auto r = ParseText(Wrap("<content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                          "<payload-type id='111' name='opus'/><payload-type id='0' name='PCMU'/>"
                          "<payload-type id='128' name='x'/></description></content>"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.bad-payload-id");
  EXPECT_EQ(r.error().where, "jingle/content[1]/description/payload-type[3]");
  auto missing = ParseText(Wrap("<content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
                                "media='audio'><payload-type name='opus'/></description></content>"));
  EXPECT_EQ(missing.error().code, "xml.missing-attribute");
}

TEST(JingleErrors, CandidatePortOutOfRange) {
  auto r = ParseText(Wrap(
      "<content name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
      "<candidate component='1' foundation='1' ip='10.0.0.1' port='65536' priority='1' type='host'/>"
      "</transport></content>",
      "transport-info"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.bad-port");
  EXPECT_EQ(r.error().where, "jingle/content[1]/transport/candidate[1]");
  auto rel = ParseText(Wrap(
      "<content name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
      "<candidate component='1' foundation='1' ip='10.0.0.1' port='5' priority='1' type='srflx' "
      "rel-addr='10.0.0.2' rel-port='99999'/></transport></content>",
      "transport-info"));
  EXPECT_EQ(rel.error().code, "jingle.bad-port");
}

std::string Repeat(const std::string& item, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += item;
  return out;
}

TEST(JingleErrors, TooManyContents) {
  std::string body;
  for (size_t i = 0; i < kMaxContents; ++i) body += "<content name='c" + std::to_string(i) + "'/>";
  ASSERT_TRUE(ParseText(Wrap(body)).ok());
  body += "<content name='one-more'/>";
  auto r = ParseText(Wrap(body));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.too-many-contents");
  EXPECT_EQ(r.error().where, "jingle/content[65]");
}

TEST(JingleErrors, TooManyPayloadTypes) {
  const std::string open = "<content name='video'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>";
  const std::string close = "</description></content>";
  ASSERT_TRUE(ParseText(Wrap(open + Repeat("<payload-type id='96'/>", kMaxPayloadTypes) + close)).ok());
  auto r = ParseText(Wrap(open + Repeat("<payload-type id='96'/>", kMaxPayloadTypes + 1) + close));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.too-many-payload-types");
  EXPECT_EQ(r.error().where, "jingle/content[1]/description/payload-type[257]");
}

TEST(JingleErrors, TooManySources) {
  const std::string open = "<content name='video'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>";
  const std::string close = "</description></content>";
  const std::string source = "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='7'/>";
  ASSERT_TRUE(ParseText(Wrap(open + Repeat(source, kMaxContentSources) + close)).ok());
  auto r = ParseText(Wrap(open + Repeat(source, kMaxContentSources + 1) + close));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.too-many-sources");
}

TEST(JingleErrors, TooManyCandidates) {
  const std::string open = "<content name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>";
  const std::string close = "</transport></content>";
  const std::string cand =
      "<candidate component='1' foundation='1' ip='10.0.0.1' port='1' priority='1' type='host'/>";
  ASSERT_TRUE(ParseText(Wrap(open + Repeat(cand, kMaxCandidates) + close, "transport-info")).ok());
  auto r = ParseText(Wrap(open + Repeat(cand, kMaxCandidates + 1) + close, "transport-info"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.too-many-candidates");
  EXPECT_EQ(r.error().where, "jingle/content[1]/transport/candidate[129]");
}

TEST(JingleErrors, BadMediaSendersCreatorReasonAndLastN) {
  EXPECT_EQ(ParseText(Wrap("<content name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
                           "media='hologram'/></content>"))
                .error()
                .code,
            "jingle.bad-media");
  EXPECT_EQ(ParseText(Wrap("<content name='a' senders='everyone'/>")).error().code, "jingle.bad-senders");
  EXPECT_EQ(ParseText(Wrap("<content name='a' creator='me'/>")).error().code, "jingle.bad-creator");
  EXPECT_EQ(ParseText(Wrap("<reason><exploded/></reason>", "session-terminate")).error().code,
            "jingle.bad-reason");
  auto last_n = ParseText(Wrap("<content name='video'><initial-last-n xmlns='jitsi:colibri2' value='-2'/></content>"));
  EXPECT_EQ(last_n.error().code, "jingle.bad-last-n");
  EXPECT_EQ(last_n.error().where, "jingle/content[1]/initial-last-n");
  EXPECT_EQ(ParseText(Wrap("<content/>")).error().code, "xml.missing-attribute");
}

TEST(JingleErrors, BadJsonMessage) {
  auto r = ParseText(Wrap("<json-message xmlns='http://jitsi.org/jitmeet'>{\"sources\":{\"ab\":[[{\"s\":0}]]}}"
                          "</json-message>",
                          "source-add"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "jingle.bad-json-message");
  EXPECT_EQ(r.error().where, "jingle/json-message");
  EXPECT_NE(r.error().text.find("sourcemap.bad-ssrc"), std::string::npos);
  EXPECT_NE(r.error().text.find("/sources/ab/0/0/s"), std::string::npos);
}

TEST(JingleErrors, MissingJingleInIq) {
  auto iq = xml::Parse("<iq type='set' id='1'><query xmlns='jabber:iq:version'/></iq>");
  ASSERT_TRUE(iq.ok());
  EXPECT_EQ(ParseJingleIq(**iq).error().code, "jingle.missing-jingle");
}

}  // namespace
}  // namespace meet::signaling::jingle
