#include "signaling/sdp/session_description.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "tests/support/test_data.hpp"

namespace meet::signaling::sdp {
namespace {

std::string Crlf(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(SdpParse, ChromeAnswerSessionAndMedia) {
  const std::string text = test::ReadData("sdp/chrome_answer_simulcast.sdp");
  auto sd = Parse(text);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  EXPECT_EQ(sd->origin.session_id, "6051731894612837245");
  EXPECT_EQ(sd->origin.address, "127.0.0.1");
  ASSERT_NE(sd->FindGroup("BUNDLE"), nullptr);
  EXPECT_EQ(sd->FindGroup("BUNDLE")->mids, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  EXPECT_TRUE(sd->extmap_allow_mixed);
  ASSERT_TRUE(sd->msid_semantic.has_value());
  EXPECT_EQ(sd->msid_semantic->semantic, "WMS");
  ASSERT_EQ(sd->media.size(), 5u);

  const MediaDescription& audio = sd->media[0];
  EXPECT_EQ(audio.media, "audio");
  EXPECT_EQ(audio.port, 9);
  EXPECT_EQ(audio.proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(audio.formats, (std::vector<std::string>{"111", "126"}));
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.direction, Direction::kSendRecv);
  EXPECT_EQ(audio.ice_ufrag, "Hx3q");
  EXPECT_EQ(audio.ice_pwd, "9tRkYp2Lw0bVq7sNc4mZ1xEg");
  EXPECT_EQ(audio.setup, "active");
  ASSERT_EQ(audio.fingerprints.size(), 1u);
  EXPECT_EQ(audio.fingerprints[0].hash, "sha-256");
  EXPECT_TRUE(audio.rtcp_mux);
  ASSERT_TRUE(audio.rtcp.has_value());
  EXPECT_EQ(*audio.rtcp, "9 IN IP4 0.0.0.0");
  ASSERT_EQ(audio.rtpmaps.size(), 2u);
  EXPECT_EQ(audio.rtpmaps[0], (RtpMap{111, "opus", 48000, 2}));
  EXPECT_EQ(audio.rtpmaps[1], (RtpMap{126, "telephone-event", 8000, std::nullopt}));
  ASSERT_NE(audio.FindFmtp("111"), nullptr);
  EXPECT_EQ(audio.FindFmtp("111")->parameters, "minptime=10;useinbandfec=1");
  ASSERT_EQ(audio.extmaps.size(), 3u);
  EXPECT_EQ(audio.extmaps[2].id, 10);
  EXPECT_EQ(audio.extmaps[2].uri, "urn:ietf:params:rtp-hdrext:sdes:mid");
  ASSERT_EQ(audio.candidates.size(), 3u);
  EXPECT_EQ(audio.candidates[1].type, "srflx");
  EXPECT_EQ(audio.candidates[1].rel_addr, "192.168.1.23");
  EXPECT_EQ(audio.candidates[2].tcptype, "active");
  EXPECT_EQ(audio.SsrcAttributeValue(2987521432u, "name"), "1a2b3c4d-a0");
  EXPECT_EQ(audio.SsrcAttributeValue(2987521432u, "msid"),
            "1a2b3c4d-audio-0-1 4c9d1e2f-7a6b-4c3d-8e5f-1a2b3c4d5e6f-1");

  const MediaDescription& video = sd->media[2];
  EXPECT_EQ(video.formats.size(), 8u);
  EXPECT_TRUE(video.rtcp_rsize);
  ASSERT_EQ(video.ssrc_groups.size(), 4u);
  EXPECT_EQ(video.ssrc_groups[0].semantics, "SIM");
  EXPECT_EQ(video.ssrc_groups[0].ssrcs, (std::vector<uint32_t>{1841725231u, 2950193742u, 3174862019u}));
  EXPECT_EQ(video.SsrcOrder().size(), 6u);
  size_t fbs_for_100 = 0;
  for (const auto& fb : video.rtcp_fbs) fbs_for_100 += fb.format == "100" ? 1 : 0;
  EXPECT_EQ(fbs_for_100, 4u);
  EXPECT_EQ(sd->media[3].direction, Direction::kRecvOnly);

  const MediaDescription& data = sd->media[4];
  EXPECT_EQ(data.media, "application");
  EXPECT_EQ(data.proto, "UDP/DTLS/SCTP");
  EXPECT_EQ(data.formats, (std::vector<std::string>{"webrtc-datachannel"}));
  EXPECT_EQ(data.sctp_port, 5000);
  EXPECT_EQ(data.max_message_size, 262144u);
}

TEST(SdpParse, FirefoxAnswerSessionLevelFingerprintAndSimulcast) {
  auto sd = Parse(test::ReadData("sdp/firefox_answer_simulcast.sdp"));
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  ASSERT_EQ(sd->fingerprints.size(), 1u);
  EXPECT_TRUE(sd->media[0].fingerprints.empty());
  EXPECT_EQ(sd->ice_options, "trickle");
  ASSERT_TRUE(sd->msid_semantic.has_value());
  EXPECT_EQ(sd->msid_semantic->identifiers, (std::vector<std::string>{"*"}));
  const MediaDescription& audio = sd->media[0];
  EXPECT_TRUE(audio.end_of_candidates);
  ASSERT_EQ(audio.candidates.size(), 3u);
  EXPECT_EQ(audio.candidates[0].transport, "UDP");
  EXPECT_FALSE(audio.candidates[0].generation.has_value());
  EXPECT_EQ(audio.candidates[2].rel_port, 49873);
  ASSERT_NE(audio.FindFmtp("126"), nullptr);
  EXPECT_EQ(audio.FindFmtp("126")->parameters, "0-15");
  const MediaDescription& video = sd->media[2];
  ASSERT_EQ(video.rids.size(), 3u);
  EXPECT_EQ(video.rids[2], (Rid{"3", "send", ""}));
  EXPECT_EQ(video.simulcast, "send 1;2;3");
  ASSERT_EQ(video.ssrc_groups.size(), 4u);
  EXPECT_EQ(video.ssrc_groups[3].semantics, "SIM");
  EXPECT_EQ(sd->media[4].direction, Direction::kSendRecv);
  EXPECT_EQ(sd->media[4].max_message_size, 1073741823u);
}

TEST(SdpParse, ToStringIsAFixedPointForFixtures) {
  for (const char* name : {"sdp/chrome_answer_simulcast.sdp", "sdp/firefox_answer_simulcast.sdp"}) {
    SCOPED_TRACE(name);
    auto first = Parse(test::ReadData(name));
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    const std::string text = ToString(*first);
    auto second = Parse(text);
    ASSERT_TRUE(second.ok()) << second.error().ToString();
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(ToString(*second), text);
    EXPECT_EQ(text.find("\r\n\r\n"), std::string::npos);
    EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  }
}

TEST(SdpParse, ChromeFixtureSerialisesByteForByte) {
  // The fixture is written in the order ToString uses, so the text survives unchanged.
  const std::string text = test::ReadData("sdp/chrome_answer_simulcast.sdp");
  auto sd = Parse(text);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  EXPECT_EQ(ToString(*sd), text);
}

TEST(SdpParse, AcceptsLfAndCrlfAlike) {
  const std::string lf = "v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\na=mid:a\n";
  auto a = Parse(lf);
  auto b = Parse(Crlf(lf));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->media[0].mid, "a");
}

TEST(SdpParse, KeepsUnknownAttributesAndLinesInOrder) {
  const std::string text = Crlf(
      "v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\na=x-session-thing:1\n"
      "m=video 9 UDP/TLS/RTP/SAVPF 96\nc=IN IP4 0.0.0.0\nb=AS:2000\na=x-google-flag:conference\n"
      "a=mid:0\na=rtcp-mux:weird\na=framerate:30\na=x-flag\n");
  auto sd = Parse(text);
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  ASSERT_EQ(sd->attributes.size(), 1u);
  EXPECT_EQ(sd->attributes[0], (Attribute{"x-session-thing", "1"}));
  const auto& m = sd->media[0];
  ASSERT_EQ(m.lines.size(), 1u);
  EXPECT_EQ(m.lines[0], (Line{'b', "AS:2000"}));
  ASSERT_EQ(m.attributes.size(), 4u);
  EXPECT_EQ(m.attributes[0], (Attribute{"x-google-flag", "conference"}));
  EXPECT_EQ(m.attributes[1], (Attribute{"rtcp-mux", "weird"}));  // a flag with a value is unknown
  EXPECT_EQ(m.attributes[2], (Attribute{"framerate", "30"}));
  EXPECT_EQ(m.attributes[3], (Attribute{"x-flag", std::nullopt}));
  EXPECT_FALSE(m.rtcp_mux);
  const std::string out = ToString(*sd);
  EXPECT_NE(out.find("b=AS:2000\r\n"), std::string::npos);
  EXPECT_LT(out.find("a=x-google-flag:conference"), out.find("a=framerate:30"));
  EXPECT_LT(out.find("a=framerate:30"), out.find("a=x-flag\r\n"));
}

TEST(SdpParse, ExtmapDirectionsAndAttributes) {
  auto sd = Parse(Crlf(
      "v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\n"
      "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\n"
      "a=extmap:1/sendrecv urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on\n"
      "a=extmap:14 urn:3gpp:video-orientation\n"));
  ASSERT_TRUE(sd.ok()) << sd.error().ToString();
  const auto& e = sd->media[0].extmaps;
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].direction, Direction::kRecvOnly);
  EXPECT_EQ(e[1].direction, Direction::kSendRecv);
  EXPECT_EQ(e[1].attributes, "vad=on");
  EXPECT_EQ(e[2].direction, Direction::kUnset);
  const std::string out = ToString(*sd);
  EXPECT_NE(out.find("a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\n"), std::string::npos);
  EXPECT_NE(out.find("a=extmap:1/sendrecv urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on\r\n"),
            std::string::npos);
}

TEST(SdpCandidate, ParsesChromeFirefoxAndTrickledForms) {
  auto c = ParseCandidate(
      "candidate:1853627410 1 udp 1686052607 198.51.100.77 54012 typ srflx raddr 192.168.1.23 rport 54012 "
      "generation 0 ufrag Hx3q network-id 1 network-cost 10");
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c->foundation, "1853627410");
  EXPECT_EQ(c->component, 1);
  EXPECT_EQ(c->priority, 1686052607u);
  EXPECT_EQ(c->address, "198.51.100.77");
  EXPECT_EQ(c->port, 54012);
  EXPECT_EQ(c->type, "srflx");
  EXPECT_EQ(c->rel_addr, "192.168.1.23");
  EXPECT_EQ(c->rel_port, 54012);
  EXPECT_EQ(c->generation, 0u);
  EXPECT_EQ(c->ufrag, "Hx3q");
  EXPECT_EQ(c->network_id, 1u);
  EXPECT_EQ(c->network_cost, 10u);
  EXPECT_EQ(CandidateValue(*c),
            "1853627410 1 udp 1686052607 198.51.100.77 54012 typ srflx raddr 192.168.1.23 rport 54012 "
            "generation 0 ufrag Hx3q network-id 1 network-cost 10");

  auto ff = ParseCandidate("a=candidate:2 1 TCP 2105524479 192.168.1.40 9 typ host tcptype active");
  ASSERT_TRUE(ff.ok()) << ff.error().ToString();
  EXPECT_EQ(ff->transport, "TCP");
  EXPECT_EQ(ff->tcptype, "active");
  EXPECT_FALSE(ff->generation.has_value());

  auto ext = ParseCandidate("0 1 UDP 2122252543 fe80::1 49873 typ host x-custom yes");
  ASSERT_TRUE(ext.ok()) << ext.error().ToString();
  ASSERT_EQ(ext->extensions.size(), 1u);
  EXPECT_EQ(ext->extensions[0].first, "x-custom");
  EXPECT_EQ(ext->address, "fe80::1");
}

struct BadCase {
  const char* name;
  std::string sdp;
  const char* code;
  std::string where;
};

class SdpMalformed : public ::testing::TestWithParam<BadCase> {};

TEST_P(SdpMalformed, ReportsCodeAndLine) {
  const BadCase& bad = GetParam();
  auto sd = Parse(bad.sdp);
  ASSERT_FALSE(sd.ok()) << bad.name;
  EXPECT_EQ(sd.error().code, bad.code) << sd.error().ToString();
  EXPECT_EQ(sd.error().where, bad.where) << sd.error().ToString();
  EXPECT_FALSE(sd.error().text.empty());
}

const std::string kHead = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";  // 4 lines

std::string ManySsrcs(size_t n) {
  std::string s = "a=ssrc-group:SIM";
  for (size_t i = 1; i <= n; ++i) s += ' ' + std::to_string(i);
  return s + "\r\n";
}

std::string ManyFormats(size_t n) {
  std::string s = "m=video 9 UDP/TLS/RTP/SAVPF";
  for (size_t i = 0; i < n; ++i) s += ' ' + std::to_string(i % 128);
  return s + "\r\n";
}

std::string ManyMedia(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "m=audio 9 RTP/AVP 0\r\n";
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SdpMalformed,
    ::testing::Values(
        BadCase{"empty", "", "sdp.missing-version", "line 1"},
        BadCase{"no version", "o=- 1 2 IN IP4 0.0.0.0\r\n", "sdp.missing-version", "line 1"},
        BadCase{"version 1", "v=1\r\n", "sdp.bad-version", "line 1"},
        BadCase{"garbage line", kHead + "hello\r\n", "sdp.bad-line", "line 5"},
        BadCase{"upper-case type", kHead + "A=foo\r\n", "sdp.bad-line", "line 5"},
        BadCase{"nul byte", kHead + std::string("a=x\0y\r\n", 7), "sdp.bad-char", "line 5"},
        BadCase{"bad origin", "v=0\r\no=- 1 2 IN IP4\r\n", "sdp.bad-origin", "line 2"},
        BadCase{"m-line too short", kHead + "m=audio 9 RTP/AVP\r\n", "sdp.bad-m-line", "line 5"},
        BadCase{"m-line bad port", kHead + "m=audio nine RTP/AVP 0\r\n", "sdp.bad-m-line", "line 5"},
        BadCase{"m-line port too big", kHead + "m=audio 70000 RTP/AVP 0\r\n", "sdp.bad-m-line", "line 5"},
        BadCase{"bad candidate typ", kHead + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 5 1.2.3.4 9 type host\r\n",
                "sdp.bad-candidate", "line 6"},
        BadCase{"candidate short", kHead + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 5 1.2.3.4\r\n",
                "sdp.bad-candidate", "line 6"},
        BadCase{"candidate bad port", kHead + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 5 1.2.3.4 99999 typ host\r\n",
                "sdp.bad-candidate", "line 6"},
        BadCase{"candidate dangling ext", kHead + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 5 1.2.3.4 9 typ host generation\r\n",
                "sdp.bad-candidate", "line 6"},
        BadCase{"rtpmap pt 128", kHead + "m=audio 9 RTP/AVP 0\r\na=rtpmap:128 opus/48000/2\r\n", "sdp.bad-rtpmap", "line 6"},
        BadCase{"rtpmap no clock", kHead + "m=audio 9 RTP/AVP 0\r\na=rtpmap:111 opus\r\n", "sdp.bad-rtpmap", "line 6"},
        BadCase{"rtpmap bad clock", kHead + "m=audio 9 RTP/AVP 0\r\na=rtpmap:111 opus/fast/2\r\n", "sdp.bad-rtpmap", "line 6"},
        BadCase{"rtpmap extra part", kHead + "m=audio 9 RTP/AVP 0\r\na=rtpmap:111 opus/48000/2/1\r\n", "sdp.bad-rtpmap", "line 6"},
        BadCase{"extmap id 0", kHead + "m=audio 9 RTP/AVP 0\r\na=extmap:0 urn:x\r\n", "sdp.bad-extmap", "line 6"},
        BadCase{"extmap bad direction", kHead + "m=audio 9 RTP/AVP 0\r\na=extmap:1/both urn:x\r\n", "sdp.bad-extmap", "line 6"},
        BadCase{"ssrc not a number", kHead + "m=audio 9 RTP/AVP 0\r\na=ssrc:abc cname:x\r\n", "sdp.bad-ssrc", "line 6"},
        BadCase{"ssrc too big", kHead + "m=audio 9 RTP/AVP 0\r\na=ssrc:4294967296 cname:x\r\n", "sdp.bad-ssrc", "line 6"},
        BadCase{"ssrc-group empty", kHead + "m=audio 9 RTP/AVP 0\r\na=ssrc-group:FID\r\n", "sdp.bad-ssrc-group", "line 6"},
        BadCase{"huge ssrc-group", kHead + "m=audio 9 RTP/AVP 0\r\n" + ManySsrcs(1000), "sdp.too-many", "line 6"},
        BadCase{"huge format list", kHead + ManyFormats(300), "sdp.too-many-formats", "line 5"},
        BadCase{"too many m-lines", kHead + ManyMedia(kMaxMediaSections + 1), "sdp.too-many-media",
                "line " + std::to_string(5 + kMaxMediaSections)},
        BadCase{"line too long", kHead + "a=x:" + std::string(kMaxLineLength, 'x') + "\r\n", "sdp.line-too-long", "line 5"},
        BadCase{"bad fingerprint", kHead + "a=fingerprint:sha-256\r\n", "sdp.bad-fingerprint", "line 5"},
        BadCase{"bad setup", kHead + "a=setup:server\r\n", "sdp.bad-setup", "line 5"},
        BadCase{"bad sctp-port", kHead + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:65536\r\n",
                "sdp.bad-number", "line 6"},
        BadCase{"bad rid", kHead + "m=video 9 RTP/AVP 96\r\na=rid:1 sideways\r\n", "sdp.bad-rid", "line 6"},
        BadCase{"rtcp-fb without type", kHead + "m=video 9 RTP/AVP 96\r\na=rtcp-fb:96\r\n", "sdp.bad-rtcp-fb", "line 6"}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) {
      std::string n = param_info.param.name;
      for (char& c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return n;
    });

TEST(SdpParse, RejectsTooLargeInput) {
  std::string big = kHead;
  while (big.size() <= kMaxSdpBytes) big += "a=x-padding:" + std::string(1000, 'p') + "\r\n";
  auto sd = Parse(big);
  ASSERT_FALSE(sd.ok());
  EXPECT_EQ(sd.error().code, "sdp.too-large");
}

TEST(SdpParse, RejectsTooManyLines) {
  std::string many = kHead;
  for (size_t i = 0; i < kMaxLines; ++i) many += "a=x\r\n";
  auto sd = Parse(many);
  ASSERT_FALSE(sd.ok());
  EXPECT_EQ(sd.error().code, "sdp.too-many-lines");
  EXPECT_EQ(sd.error().where, "line " + std::to_string(kMaxLines + 1));
}

TEST(SdpToString, BuildsFromFieldsInChromeOrder) {
  SessionDescription sd;
  sd.origin.session_id = "42";
  sd.groups.push_back(Group{"BUNDLE", {"0"}});
  sd.msid_semantic = MsidSemantic{"WMS", {"*"}};
  MediaDescription m;
  m.media = "audio";
  m.formats = {"111"};
  m.connection = "IN IP4 0.0.0.0";
  m.mid = "0";
  m.direction = Direction::kSendOnly;
  m.rtcp_mux = true;
  m.rtpmaps.push_back(RtpMap{111, "opus", 48000, 2});
  m.rtcp_fbs.push_back(RtcpFb{"111", "transport-cc", ""});
  m.rtcp_fbs.push_back(RtcpFb{"*", "nack", ""});
  m.fmtps.push_back(Fmtp{"111", "minptime=10"});
  m.ssrcs.push_back(SsrcAttribute{7, "cname", "abc"});
  m.ssrcs.push_back(SsrcAttribute{7, "msid", "s t"});
  sd.media.push_back(m);
  EXPECT_EQ(ToString(sd),
            "v=0\r\no=- 42 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
            "a=msid-semantic: WMS *\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
            "a=mid:0\r\na=sendonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
            "a=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10\r\na=rtcp-fb:* nack\r\n"
            "a=ssrc:7 cname:abc\r\na=ssrc:7 msid:s t\r\n");
}

}  // namespace
}  // namespace meet::signaling::sdp
