#include "signaling/sdp/jingle_sdp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "signaling/sdp/session_meaning.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::sdp {
namespace {

using jingle::JingleAction;

jingle::Jingle LoadOffer() {
  auto iq = xml::Parse(test::ReadData("jingle/session_initiate_jicofo.xml"));
  EXPECT_TRUE(iq.ok()) << iq.error().ToString();
  if (!iq.ok()) return {};
  auto j = jingle::ParseJingleIq(**iq);
  EXPECT_TRUE(j.ok()) << j.error().ToString();
  return j.ok() ? *j : jingle::Jingle{};
}

SessionDescription LoadSdp(const char* name) {
  auto sd = Parse(test::ReadData(name));
  EXPECT_TRUE(sd.ok()) << sd.error().ToString();
  return sd.ok() ? *sd : SessionDescription{};
}

jingle::Jingle LoadJingleXml(const char* name) {
  auto tag = xml::Parse(test::ReadData(name));
  EXPECT_TRUE(tag.ok()) << tag.error().ToString();
  if (!tag.ok()) return {};
  auto j = jingle::ParseJingle(**tag);
  EXPECT_TRUE(j.ok()) << j.error().ToString();
  return j.ok() ? *j : jingle::Jingle{};
}

SessionDescription Sdp(std::string text) {
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto sd = Parse(crlf);
  EXPECT_TRUE(sd.ok()) << sd.error().ToString();
  return sd.ok() ? *sd : SessionDescription{};
}

const std::string kSession = "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\na=group:BUNDLE 0 1\n";

size_t CountLines(const std::string& text, const std::string& prefix) {
  size_t n = 0;
  for (size_t pos = 0; (pos = text.find("\r\n" + prefix, pos)) != std::string::npos; ++pos) ++n;
  return n;
}

TEST(JingleToSdp, ExplodesJicofoOfferIntoOneMLinePerRemoteSource) {
  const jingle::Jingle offer = LoadOffer();
  JingleToSdpOptions options;
  options.session_id = "1735000000000";
  auto sd = JingleToSdp(offer, options);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  EXPECT_EQ(sd->origin.session_id, "1735000000000");
  ASSERT_EQ(sd->media.size(), 5u);
  // audio: jvb-a0 (mixedmslabel, sendrecv) then 5e6f7a8b-a0; video: jvb-v0 then the simulcast
  // source with its RTX SSRCs; data last.
  const std::vector<std::string> kinds{"audio", "audio", "video", "video", "application"};
  for (size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(sd->media[i].media, kinds[i]);
    EXPECT_EQ(sd->media[i].mid, std::to_string(i));
  }
  EXPECT_EQ(sd->media[0].direction, Direction::kSendRecv);
  EXPECT_EQ(sd->media[1].direction, Direction::kSendOnly);
  EXPECT_EQ(sd->media[2].direction, Direction::kSendRecv);
  EXPECT_EQ(sd->media[3].direction, Direction::kSendOnly);
  EXPECT_EQ(sd->media[0].SsrcOrder(), std::vector<uint32_t>{3191927963u});
  EXPECT_EQ(sd->media[0].SsrcAttributeValue(3191927963u, "msid"), "mixedmslabel mixedlabelaudio0");
  EXPECT_EQ(sd->media[1].SsrcOrder(), std::vector<uint32_t>{333u});
  EXPECT_EQ(sd->media[2].SsrcOrder(), std::vector<uint32_t>{1863439907u});
  EXPECT_EQ(sd->media[3].SsrcOrder(), (std::vector<uint32_t>{1001, 1002, 1003, 2001, 2002, 2003}));
  EXPECT_EQ(sd->media[3].ssrc_groups.size(), 4u);
  ASSERT_NE(sd->FindGroup("BUNDLE"), nullptr);
  EXPECT_EQ(sd->FindGroup("BUNDLE")->mids, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  ASSERT_TRUE(sd->msid_semantic.has_value());
  EXPECT_EQ(sd->msid_semantic->semantic, "WMS");

  const std::string text = ToString(*sd);
  // Every m-line carries the bridge transport.
  EXPECT_EQ(CountLines(text, "a=ice-ufrag:7h1f2a\r\n"), 5u);
  EXPECT_EQ(CountLines(text, "a=setup:actpass\r\n"), 5u);
  EXPECT_EQ(CountLines(text, "a=rtcp:1 IN IP4 0.0.0.0\r\n"), 4u);
  EXPECT_EQ(CountLines(text, "a=rtcp-mux\r\n"), 4u);
  EXPECT_NE(text.find("\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 126\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nm=video 9 UDP/TLS/RTP/SAVPF 41 100 107 101 42 96 97 99\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=candidate:2 1 udp 1694498815 198.51.100.20 10000 typ srflx raddr 203.0.113.5 "
                      "rport 10000 generation 0\r\n"),
            std::string::npos);
  // 2.4: the single H264 parameter yields the familiar fmtp line.
  EXPECT_NE(text.find("\r\na=fmtp:107 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1;\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=rtpmap:111 opus/48000/2\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=rtpmap:126 telephone-event/8000\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=rtcp-fb:100 nack pli\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=extmap:11 https://aomediacodec.github.io/av1-rtp-spec/"
                      "#dependency-descriptor-rtp-header-extension\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("\r\na=ssrc-group:SIM 1001 1002 1003\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\na=ssrc:1001 msid:5e6f7a8b-video-0-1 8c4e2a1f-1\r\n"), std::string::npos);
  // data channel as LJM writes it
  EXPECT_NE(text.find("\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"),
            std::string::npos);
  EXPECT_EQ(sd->media[4].sctp_port, 5000);
  EXPECT_EQ(sd->media[4].max_message_size, kLjmMaxMessageSize);
  // And the text is valid SDP for our own parser.
  auto again = Parse(text);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(*again, *sd);
}

TEST(JingleToSdp, WithoutExplodingKeepsContentNamesAndPutsBridgeSourcesFirst) {
  jingle::Jingle offer = LoadOffer();
  // Reverse the content order: the SDP still comes out audio, video, data.
  std::reverse(offer.contents.begin(), offer.contents.end());
  JingleToSdpOptions options;
  options.explode_sources = false;
  auto sd = JingleToSdp(offer, options);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  ASSERT_EQ(sd->media.size(), 3u);
  EXPECT_EQ(sd->media[0].mid, "audio");
  EXPECT_EQ(sd->media[1].mid, "video");
  EXPECT_EQ(sd->media[2].mid, "data");
  EXPECT_EQ(sd->FindGroup("BUNDLE")->mids, (std::vector<std::string>{"audio", "video", "data"}));
  EXPECT_EQ(sd->media[1].direction, Direction::kSendRecv);
  const auto video_ssrcs = sd->media[1].SsrcOrder();
  ASSERT_EQ(video_ssrcs.size(), 7u);
  EXPECT_EQ(video_ssrcs[0], 1863439907u);  // jvb-v0 (mixedmslabel) first
  EXPECT_EQ(sd->media[1].SsrcAttributeValue(1001, "name"), "5e6f7a8b-v0");
}

TEST(JingleToSdp, DirectionPortAndCryptexFromContent) {
  jingle::Jingle offer = LoadOffer();
  offer.json_sources.reset();
  offer.contents[0].senders = "responder";
  offer.contents[1].senders = "rejected";
  offer.contents[0].transport->fingerprints[0].cryptex = true;
  JingleToSdpOptions options;
  options.explode_sources = false;
  auto sd = JingleToSdp(offer, options);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  EXPECT_EQ(sd->media[0].direction, Direction::kRecvOnly);
  EXPECT_EQ(sd->media[1].port, 0);
  EXPECT_EQ(sd->media[1].direction, Direction::kUnset);
  EXPECT_TRUE(sd->cryptex);
  EXPECT_NE(ToString(*sd).find("\r\na=cryptex\r\n"), std::string::npos);
}

TEST(JingleToSdp, RejectsValuesThatCannotBeSdp) {
  jingle::Jingle offer = LoadOffer();
  offer.contents[0].transport->candidates[0].ip = "203.0.113.5 typ relay";
  auto sd = JingleToSdp(offer);
  ASSERT_FALSE(sd.ok());
  EXPECT_EQ(sd.error().code, "jingle-sdp.bad-value");
  EXPECT_EQ(sd.error().where, "jingle/content[1]");

  jingle::Jingle no_codecs = LoadOffer();
  no_codecs.contents[1].description->payload_types.clear();
  auto sd2 = JingleToSdp(no_codecs);
  ASSERT_FALSE(sd2.ok());
  EXPECT_EQ(sd2.error().code, "jingle-sdp.no-payload-types");
  EXPECT_EQ(sd2.error().where, "jingle/content[2]");

  jingle::Jingle newline = LoadOffer();
  newline.contents[2].transport->pwd = "abc\r\na=setup:passive";
  auto sd3 = JingleToSdp(newline);
  ASSERT_FALSE(sd3.ok());
  EXPECT_EQ(sd3.error().code, "jingle-sdp.bad-value");
}

TEST(JingleToSdp, OfferRoundTripKeepsMeaning) {
  const jingle::Jingle offer = LoadOffer();
  for (bool explode : {true, false}) {
    SCOPED_TRACE(explode ? "exploded" : "one m-line per content");
    JingleToSdpOptions options;
    options.explode_sources = explode;
    auto sd = JingleToSdp(offer, options);
    ASSERT_TRUE(sd.ok()) << sd.error().ToString();
    auto reparsed = Parse(ToString(*sd));
    ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
    auto back = SdpToJingle(*reparsed, JingleAction::kSessionInitiate, "initiator");
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    const SessionMeaning before = MeaningOf(offer);
    const SessionMeaning after = MeaningOf(*back);
    EXPECT_EQ(before, after) << "before:\n" << before.ToString() << "after:\n" << after.ToString();
    EXPECT_EQ(MeaningOf(*reparsed), before) << MeaningOf(*reparsed).ToString();
    // Sanity: the meaning has the content that matters.
    ASSERT_EQ(before.media.size(), 3u);
    EXPECT_EQ(before.media[1].sources.size(), 7u);
    EXPECT_EQ(before.media[2].sctp_port, 5000);
  }
}

class AnswerFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(AnswerFixture, SdpToJingleMatchesExpectedXml) {
  const std::string base = std::string("sdp/") + GetParam();
  const SessionDescription answer = LoadSdp((base + ".sdp").c_str());
  auto j = SdpToJingle(answer, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  const jingle::Jingle expected = LoadJingleXml((base + ".jingle.xml").c_str());
  EXPECT_EQ(expected.action, JingleAction::kSessionAccept);
  ASSERT_EQ(j->contents.size(), expected.contents.size());
  for (size_t i = 0; i < expected.contents.size(); ++i) {
    SCOPED_TRACE(expected.contents[i].name);
    EXPECT_EQ(j->contents[i], expected.contents[i]);
  }
  EXPECT_EQ(j->bundle, expected.bundle);
  // The encoded stanza (with the session's sid) parses back to the same contents.
  j->sid = expected.sid;
  auto reparsed = jingle::ParseJingle(*jingle::ToTag(*j));
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
  EXPECT_EQ(reparsed->contents, j->contents);
}

TEST_P(AnswerFixture, SimulcastSourcesAndGroups) {
  const SessionDescription answer = LoadSdp((std::string("sdp/") + GetParam() + ".sdp").c_str());
  auto j = SdpToJingle(answer, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  ASSERT_EQ(j->contents.size(), 3u);
  EXPECT_EQ(j->contents[0].name, "audio");
  EXPECT_EQ(j->contents[1].name, "video");
  EXPECT_EQ(j->contents[2].name, "data");
  const auto& video = *j->contents[1].description;
  ASSERT_EQ(video.sources.size(), 6u);  // 3 simulcast + 3 RTX, none from the recvonly m-line
  const std::string endpoint = video.sources[0].name.substr(0, 8);
  for (const auto& s : video.sources) {
    EXPECT_EQ(s.name, endpoint + "-v0");
    EXPECT_EQ(s.msid.rfind(endpoint + "-video-0-1 ", 0), 0u) << s.msid;
    EXPECT_EQ(s.msid.find_first_of("{}"), std::string::npos) << s.msid;
  }
  size_t sim = 0;
  size_t fid = 0;
  for (const auto& g : video.ssrc_groups) {
    if (g.semantics == "SIM") {
      ++sim;
      EXPECT_EQ(g.ssrcs.size(), 3u);
    }
    if (g.semantics == "FID") {
      ++fid;
      EXPECT_EQ(g.ssrcs.size(), 2u);
    }
  }
  EXPECT_EQ(sim, 1u);
  EXPECT_EQ(fid, 3u);
  const auto& audio = *j->contents[0].description;
  ASSERT_EQ(audio.sources.size(), 1u);
  EXPECT_EQ(audio.sources[0].name, endpoint + "-a0");
  EXPECT_TRUE(audio.rtcp_mux);
  // Transport on every content, answerer is DTLS client.
  for (const auto& c : j->contents) {
    ASSERT_TRUE(c.transport.has_value());
    EXPECT_FALSE(c.transport->ufrag.empty());
    ASSERT_EQ(c.transport->fingerprints.size(), 1u);
    EXPECT_EQ(c.transport->fingerprints[0].setup, "active");
  }
  EXPECT_EQ(j->contents[0].transport->candidates.size(), 3u);
  ASSERT_TRUE(j->contents[2].transport->sctpmap.has_value());
  EXPECT_EQ(j->contents[2].transport->sctpmap->number, 5000);
  EXPECT_EQ(j->contents[2].transport->sctpmap->streams, 0u);
  EXPECT_FALSE(j->contents[2].description.has_value());
}

TEST_P(AnswerFixture, AnswerRoundTripKeepsMeaning) {
  const SessionDescription answer = LoadSdp((std::string("sdp/") + GetParam() + ".sdp").c_str());
  auto j = SdpToJingle(answer, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  const SessionMeaning before = MeaningOf(answer);
  EXPECT_EQ(MeaningOf(*j), before) << "sdp:\n" << before.ToString() << "jingle:\n" << MeaningOf(*j).ToString();
  for (bool explode : {false, true}) {
    SCOPED_TRACE(explode ? "exploded" : "one m-line per content");
    JingleToSdpOptions options;
    options.explode_sources = explode;
    auto sd = JingleToSdp(*j, options);
    ASSERT_TRUE(sd.ok()) << sd.error().ToString();
    auto reparsed = Parse(ToString(*sd));
    ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
    const SessionMeaning after = MeaningOf(*reparsed);
    EXPECT_EQ(before, after) << "before:\n" << before.ToString() << "after:\n" << after.ToString();
    // And Jingle -> SDP -> Jingle gives the same Jingle meaning.
    auto again = SdpToJingle(*reparsed, JingleAction::kSessionAccept, "responder");
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(MeaningOf(*again), MeaningOf(*j));
  }
  ASSERT_EQ(before.media.size(), 3u);
  EXPECT_EQ(before.media[1].sources.size(), 6u);
  EXPECT_EQ(before.media[1].groups.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Browsers, AnswerFixture,
                         ::testing::Values("chrome_answer_simulcast", "firefox_answer_simulcast"));

TEST(SdpToJingle, H264FmtpBecomesSeparateParameters) {
  const SessionDescription answer = LoadSdp("sdp/chrome_answer_simulcast.sdp");
  auto j = SdpToJingle(answer, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  const jingle::PayloadType* h264 = j->contents[1].description->FindPayloadType(107);
  ASSERT_NE(h264, nullptr);
  EXPECT_EQ(h264->name, "H264");
  EXPECT_EQ(h264->FindParameter("profile-level-id"), "42e01f");
  EXPECT_EQ(h264->FindParameter("packetization-mode"), "1");
  EXPECT_EQ(h264->FindParameter("level-asymmetry-allowed"), "1");
  EXPECT_EQ(ParseFmtpParameters("profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1;").size(), 3u);
  const auto bare = ParseFmtpParameters("0-15");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].name, "");
  EXPECT_EQ(bare[0].value, "0-15");
  const auto red = ParseFmtpParameters("111/111");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0].value, "111/111");
}

TEST(SdpToJingle, ExtmapDirectionBecomesSendersAndBack) {
  const SessionDescription sd = Sdp(kSession +
                                    "m=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=sendrecv\n"
                                    "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\n"
                                    "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\n"
                                    "a=extmap:3/sendonly urn:3gpp:video-orientation\n"
                                    "a=extmap:4/inactive urn:ietf:params:rtp-hdrext:toffset\n"
                                    "a=rtpmap:111 opus/48000/2\n");
  auto j = SdpToJingle(sd, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  const auto& ext = j->contents[0].description->header_extensions;
  ASSERT_EQ(ext.size(), 4u);
  EXPECT_EQ(ext[0].senders, "");
  EXPECT_EQ(ext[1].senders, "initiator");
  EXPECT_EQ(ext[2].senders, "responder");
  EXPECT_EQ(ext[3].senders, "none");
  JingleToSdpOptions options;
  options.explode_sources = false;
  auto back = JingleToSdp(*j, options);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  const auto& e = back->media[0].extmaps;
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].direction, Direction::kUnset);
  EXPECT_EQ(e[1].direction, Direction::kRecvOnly);
  EXPECT_EQ(e[2].direction, Direction::kSendOnly);
  EXPECT_EQ(e[3].direction, Direction::kInactive);
}

TEST(SdpToJingle, SourceAddCarriesOnlySourcesWithVideoType) {
  const SessionDescription sd = Sdp(kSession +
                                    "m=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=sendrecv\na=rtpmap:111 opus/48000/2\n"
                                    "m=video 9 UDP/TLS/RTP/SAVPF 100 96\na=mid:1\na=sendonly\n"
                                    "a=rtpmap:100 VP8/90000\na=rtpmap:96 rtx/90000\na=fmtp:96 apt=100\n"
                                    "a=ssrc-group:FID 5551 5552\n"
                                    "a=ssrc:5551 msid:1a2b3c4d-video-1-1 desk-1\na=ssrc:5551 name:1a2b3c4d-v1\n"
                                    "a=ssrc:5551 videoType:desktop\n"
                                    "a=ssrc:5552 msid:1a2b3c4d-video-1-1 desk-1\na=ssrc:5552 name:1a2b3c4d-v1\n"
                                    "a=ssrc:5552 videoType:desktop\n");
  auto j = SdpToJingle(sd, JingleAction::kSourceAdd, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  EXPECT_EQ(j->action, JingleAction::kSourceAdd);
  ASSERT_EQ(j->contents.size(), 1u);  // audio has no sources
  const auto& c = j->contents[0];
  EXPECT_EQ(c.name, "video");
  EXPECT_EQ(c.creator, "");
  EXPECT_FALSE(c.transport.has_value());
  ASSERT_TRUE(c.description.has_value());
  EXPECT_TRUE(c.description->payload_types.empty());
  ASSERT_EQ(c.description->sources.size(), 2u);
  EXPECT_EQ(c.description->sources[0].video_type, "desktop");
  EXPECT_EQ(c.description->sources[0].name, "1a2b3c4d-v1");
  EXPECT_EQ(c.description->sources[0].msid, "1a2b3c4d-video-1-1 desk-1");
  ASSERT_EQ(c.description->ssrc_groups.size(), 1u);
  EXPECT_EQ(c.description->ssrc_groups[0].semantics, "FID");
  EXPECT_TRUE(j->bundle.empty());
}

TEST(SdpToJingle, SessionLevelFallbacksLegacySctpmapAndRejectedMLines) {
  const SessionDescription sd = Sdp(
      "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\na=ice-ufrag:sess\na=ice-pwd:sessionpassword123\n"
      "a=fingerprint:sha-1 AA:BB\na=setup:passive\na=extmap-allow-mixed\n"
      "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\n"
      "m=audio 0 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=rtpmap:111 opus/48000/2\n"
      "m=video 0 UDP/TLS/RTP/SAVPF 100\na=mid:1\na=bundle-only\na=recvonly\na=rtpmap:100 VP8/90000\n"
      "m=application 9 DTLS/SCTP 5000\na=mid:2\na=sctpmap:5000 webrtc-datachannel 1024\n");
  SdpToJingleOptions options;
  options.initial_last_n = 25;
  auto j = SdpToJingle(sd, JingleAction::kSessionAccept, "responder", options);
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  ASSERT_EQ(j->contents.size(), 3u);
  EXPECT_EQ(j->contents[0].senders, "rejected");
  EXPECT_EQ(j->contents[1].senders, "responder");  // bundle-only port 0 is not a rejection
  EXPECT_EQ(j->contents[1].initial_last_n, 25);
  EXPECT_FALSE(j->contents[0].initial_last_n.has_value());
  const auto& t = *j->contents[0].transport;
  EXPECT_EQ(t.ufrag, "sess");
  EXPECT_EQ(t.pwd, "sessionpassword123");
  ASSERT_EQ(t.fingerprints.size(), 1u);
  EXPECT_EQ(t.fingerprints[0].hash, "sha-1");
  EXPECT_EQ(t.fingerprints[0].setup, "passive");
  EXPECT_TRUE(j->contents[0].description->extmap_allow_mixed);
  ASSERT_EQ(j->contents[0].description->header_extensions.size(), 1u);
  ASSERT_TRUE(j->contents[2].transport->sctpmap.has_value());
  EXPECT_EQ(j->contents[2].transport->sctpmap->number, 5000);
  EXPECT_EQ(j->contents[2].transport->sctpmap->streams, 1024u);
  EXPECT_TRUE(j->bundle.empty());  // no BUNDLE group in this SDP
}

TEST(SdpToJingle, RecvonlySourcesAreSkippedAndBadSsrcRejected) {
  const SessionDescription recv = Sdp(kSession +
                                      "m=video 9 UDP/TLS/RTP/SAVPF 100\na=mid:0\na=recvonly\na=rtpmap:100 VP8/90000\n"
                                      "a=ssrc:77 cname:{abc}\n");
  auto j = SdpToJingle(recv, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  EXPECT_TRUE(j->contents[0].description->sources.empty());
  EXPECT_EQ(j->contents[0].senders, "responder");

  const SessionDescription zero = Sdp(kSession +
                                      "m=video 9 UDP/TLS/RTP/SAVPF 100\na=mid:0\na=sendonly\na=rtpmap:100 VP8/90000\n"
                                      "a=ssrc:0 msid:a b\n");
  auto bad = SdpToJingle(zero, JingleAction::kSessionAccept, "responder");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "jingle-sdp.bad-value");
  EXPECT_EQ(bad.error().where, "m-line[1]");
}

TEST(SdpToJingle, CandidatesLowerCaseProtocolAndDefaultGeneration) {
  const SessionDescription sd = LoadSdp("sdp/firefox_answer_simulcast.sdp");
  auto j = SdpToJingle(sd, JingleAction::kSessionAccept, "responder");
  ASSERT_TRUE(j.ok()) << j.error().ToString();
  const auto& cands = j->contents[0].transport->candidates;
  ASSERT_EQ(cands.size(), 3u);
  EXPECT_EQ(cands[0].protocol, "udp");
  EXPECT_EQ(cands[0].generation, 0u);
  EXPECT_EQ(cands[0].network, 1);
  EXPECT_EQ(cands[1].protocol, "tcp");
  EXPECT_EQ(cands[1].tcptype, "active");
  EXPECT_EQ(cands[2].type, "srflx");
  EXPECT_EQ(cands[2].rel_addr, "192.168.1.40");
  EXPECT_EQ(cands[2].rel_port, 49873);
  EXPECT_EQ(cands[0].id.size(), 10u);
  EXPECT_NE(cands[0].id, cands[1].id);
}

}  // namespace
}  // namespace meet::signaling::sdp
