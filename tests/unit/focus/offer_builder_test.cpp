// The offer builder against jicofo's session-initiate (tests/data/jingle/session_initiate_jicofo.xml,
// the layout of jitsi-protocol.md 2.3) and the rules of 2.4.
#include "focus/offer_builder.hpp"

#include <gtest/gtest.h>

#include "signaling/jingle/jingle.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::focus {
namespace {

using signaling::jingle::EndpointSourceSet;
using signaling::jingle::Jingle;
using signaling::jingle::MediaType;
using signaling::jingle::SourceMap;
namespace xml = signaling::xml;

Jingle LoadJicofoOffer() {
  auto tag = xml::Parse(test::ReadData("jingle/session_initiate_jicofo.xml"));
  EXPECT_TRUE(tag.ok());
  auto jingle = signaling::jingle::ParseJingleIq(**tag);
  EXPECT_TRUE(jingle.ok()) << jingle.error().ToString();
  return *jingle;
}

EndpointSourceSet Feedback() {
  EndpointSourceSet fb;
  signaling::jingle::Source a;
  a.ssrc = 3191927963u;
  a.name = "jvb-a0";
  signaling::jingle::Source v;
  v.ssrc = 1863439907u;
  v.name = "jvb-v0";
  fb.sources.push_back({MediaType::kAudio, a});
  fb.sources.push_back({MediaType::kVideo, v});
  return fb;
}

SessionInitiateParams ParamsFrom(const Jingle& reference, SourceMap sources) {
  SessionInitiateParams p;
  p.sid = reference.sid;
  p.initiator = reference.initiator;
  p.bridge_transport = *reference.contents[0].transport;
  p.sctp_port = 5000;
  p.bridge_session = *reference.bridge_session;
  p.sources = std::move(sources);
  return p;
}

TEST(OfferBuilderTest, SessionInitiateMatchesJicofoLayout) {
  Jingle reference = LoadJicofoOffer();
  ASSERT_EQ(reference.contents.size(), 3u);
  Jingle built = OfferBuilder::SessionInitiate(ParticipantFeatures::Defaults(),
                                               ParamsFrom(reference, *reference.json_sources));
  EXPECT_EQ(built.action, signaling::jingle::JingleAction::kSessionInitiate);
  EXPECT_EQ(built.sid, "9kd2l1qz");
  EXPECT_EQ(built.initiator, "focus@auth.meet.jitsi/focus");
  ASSERT_EQ(built.contents.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(built.contents[i], reference.contents[i]) << "content " << reference.contents[i].name;
  }
  EXPECT_EQ(built.bundle, (std::vector<std::string>{"audio", "video", "data"}));
  EXPECT_EQ(built.bridge_session, reference.bridge_session);
  EXPECT_EQ(built.json_sources, reference.json_sources);
}

TEST(OfferBuilderTest, RtcpMuxInsideDescriptionAndSctpmapOnlyInData) {
  Jingle reference = LoadJicofoOffer();
  Jingle built = OfferBuilder::SessionInitiate(ParticipantFeatures::Defaults(),
                                               ParamsFrom(reference, {}));
  xml::TagPtr tag = signaling::jingle::ToTag(built);
  auto contents = xml::Children(*tag, "content");
  ASSERT_EQ(contents.size(), 3u);
  for (const gloox::Tag* content : contents) {
    const gloox::Tag* description = xml::Child(*content, "description", signaling::ns::kRtp);
    ASSERT_NE(description, nullptr);
    const gloox::Tag* transport = xml::Child(*content, "transport", signaling::ns::kIceUdp);
    ASSERT_NE(transport, nullptr);
    bool is_data = content->findAttribute("name") == "data";
    EXPECT_EQ(xml::Child(*description, "rtcp-mux") != nullptr, !is_data);
    EXPECT_EQ(xml::Child(*transport, "sctpmap", signaling::ns::kDtlsSctp) != nullptr, is_data);
    EXPECT_EQ(xml::AttrOr(*transport, "ufrag"), "7h1f2a");
  }
  const gloox::Tag* group = xml::Child(*tag, "group", signaling::ns::kGrouping);
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(xml::AttrOr(*group, "semantics"), "BUNDLE");
  EXPECT_EQ(xml::Children(*group, "content").size(), 3u);
}

TEST(OfferBuilderTest, FeaturesSelectContentsAndFeedback) {
  Jingle reference = LoadJicofoOffer();
  ParticipantFeatures audio_only = ParticipantFeatures::FromDisco(
      {ParticipantFeatures::kAudio, ParticipantFeatures::kTcc});
  Jingle built = OfferBuilder::SessionInitiate(audio_only, ParamsFrom(reference, {}));
  ASSERT_EQ(built.contents.size(), 1u);
  EXPECT_EQ(built.contents[0].name, "audio");
  EXPECT_EQ(built.bundle, (std::vector<std::string>{"audio"}));

  // No transport-cc: REMB is offered instead, and no TCC extension.
  ParticipantFeatures remb = ParticipantFeatures::FromDisco(
      {ParticipantFeatures::kVideo, ParticipantFeatures::kRemb, ParticipantFeatures::kRtx});
  auto video = OfferBuilder::VideoDescription(remb);
  const auto* vp8 = video.FindPayloadType(offer::kVp8);
  ASSERT_NE(vp8, nullptr);
  EXPECT_NE(std::find(vp8->rtcp_fbs.begin(), vp8->rtcp_fbs.end(),
                      signaling::jingle::RtcpFb{"goog-remb", ""}),
            vp8->rtcp_fbs.end());
  EXPECT_EQ(std::find(vp8->rtcp_fbs.begin(), vp8->rtcp_fbs.end(),
                      signaling::jingle::RtcpFb{"transport-cc", ""}),
            vp8->rtcp_fbs.end());
  for (const auto& ext : video.header_extensions) {
    EXPECT_NE(ext.id, offer::kExtTransportCc);
  }
  // Without RTX support there are no rtx payload types.
  auto no_rtx = OfferBuilder::VideoDescription(
      ParticipantFeatures::FromDisco({ParticipantFeatures::kVideo}));
  for (const auto& pt : no_rtx.payload_types) EXPECT_NE(pt.name, "rtx");
}

TEST(OfferBuilderTest, ColibriMediasMirrorTheOffer) {
  auto features = ParticipantFeatures::Defaults();
  auto medias = OfferBuilder::ColibriMedias(features);
  ASSERT_EQ(medias.size(), 2u);
  EXPECT_EQ(medias[0].type, MediaType::kAudio);
  EXPECT_EQ(medias[0].payload_types, OfferBuilder::AudioDescription(features).payload_types);
  EXPECT_EQ(medias[1].header_extensions, OfferBuilder::VideoDescription(features).header_extensions);
  EXPECT_TRUE(medias[1].extmap_allow_mixed);
}

TEST(OfferBuilderTest, SourcesForReceiverStripsSimulcastAndExcludesOwnSources) {
  Jingle reference = LoadJicofoOffer();
  SourceMap conference = *reference.json_sources;
  conference.erase("jvb");
  // The receiver's own sources must never be sent back to it.
  EndpointSourceSet own;
  signaling::jingle::Source s;
  s.ssrc = 777;
  s.name = "1a2b3c4d-a0";
  s.msid = "1a2b3c4d-audio-0-1 x-1";
  own.sources.push_back({MediaType::kAudio, s});
  conference["1a2b3c4d"] = own;

  SourceMap out = OfferBuilder::SourcesForReceiver(conference, "1a2b3c4d", Feedback());
  EXPECT_EQ(out.count("1a2b3c4d"), 0u);
  ASSERT_EQ(out.count("jvb"), 1u);
  ASSERT_EQ(out.count("5e6f7a8b"), 1u);
  // Feedback sources get the mixedmslabel msids.
  for (const auto& ts : out["jvb"].sources) {
    EXPECT_EQ(ts.source.msid, ts.media == MediaType::kAudio ? "mixedmslabel mixedlabelaudio0"
                                                            : "mixedmslabel mixedlabelvideo0");
  }
  // Simulcast stripped: first SIM SSRC 1001 with its RTX 2001, one FID group, no SIM group.
  const auto& remote = out["5e6f7a8b"];
  EXPECT_EQ(remote.Ssrcs(MediaType::kVideo), (std::vector<uint32_t>{1001, 2001}));
  EXPECT_EQ(remote.Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{333}));
  ASSERT_EQ(remote.groups.size(), 1u);
  EXPECT_EQ(remote.groups[0].group.semantics, "FID");
  // And the JSON is jicofo's compact form.
  std::string json = signaling::jingle::EncodeSourceMapJson(out);
  EXPECT_NE(json.find("\"jvb\":[[{\"s\":1863439907,\"n\":\"jvb-v0\",\"m\":\"mixedmslabel mixedlabelvideo0\"}]"),
            std::string::npos) << json;
  EXPECT_EQ(json.find("\"s\",1001"), std::string::npos) << json;
}

}  // namespace
}  // namespace meet::focus
