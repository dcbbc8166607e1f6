// The element parsers/encoders shared by Jingle and COLIBRI2.
#include <gtest/gtest.h>

#include "signaling/jingle/header_extension.hpp"
#include "signaling/jingle/ice_udp_transport.hpp"
#include "signaling/jingle/payload_type.hpp"
#include "signaling/jingle/source.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {
namespace {

xml::TagPtr MustParse(const std::string& text) {
  auto tag = xml::Parse(text);
  EXPECT_TRUE(tag.ok()) << text;
  return tag.ok() ? std::move(*tag) : xml::Make("empty");
}

TEST(PayloadTypeElement, ParsesAndEncodesWithNamespaceOnlyWhereNeeded) {
  auto tag = MustParse(
      "<payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' id='97' name='rtx' clockrate='90000' ptime='20'>"
      "<parameter name='apt' value='96'/><rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>"
      "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='0'/></payload-type>");
  auto pt = ParsePayloadType(*tag, "media/payload-type[1]");
  ASSERT_TRUE(pt.ok()) << pt.error().ToString();
  EXPECT_EQ(pt->id, 97);
  EXPECT_EQ(pt->clockrate, 90000u);
  EXPECT_EQ(pt->channels, 1);
  EXPECT_EQ(pt->ptime, 20u);
  EXPECT_FALSE(pt->maxptime.has_value());
  EXPECT_EQ(pt->FindParameter("apt"), "96");
  EXPECT_FALSE(pt->FindParameter("x").has_value());
  EXPECT_EQ(pt->rtcp_fbs, (std::vector<RtcpFb>{{"nack", ""}}));

  // Inside a COLIBRI2 <media> the payload-type declares the rtp namespace itself.
  xml::TagPtr media = xml::Make("media", ns::kColibri2);
  AppendPayloadType(*media, *pt);
  const gloox::Tag* out = xml::Child(*media, "payload-type");
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->findAttribute("xmlns"), ns::kRtp);
  EXPECT_FALSE(out->hasAttribute("channels"));
  auto back = ParsePayloadType(*out, "x");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *pt);
}

TEST(PayloadTypeElement, Errors) {
  EXPECT_EQ(ParsePayloadType(*MustParse("<payload-type id='300'/>"), "p").error().code,
            "jingle.bad-payload-id");
  EXPECT_EQ(ParsePayloadType(*MustParse("<payload-type id='1' channels='0'/>"), "p").error().code,
            "xml.bad-number");
  EXPECT_EQ(ParsePayloadType(*MustParse("<payload-type id='1' clockrate='x'/>"), "p").error().code,
            "xml.bad-number");
  auto fb = ParsePayloadType(
      *MustParse("<payload-type id='1'><rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0'/></payload-type>"),
      "d/payload-type[2]");
  ASSERT_FALSE(fb.ok());
  EXPECT_EQ(fb.error().code, "jingle.bad-rtcp-fb");
  EXPECT_EQ(fb.error().where, "d/payload-type[2]/rtcp-fb[1]");
}

TEST(HeaderExtensionElement, ParsesAndRejectsBadIds) {
  auto ext = ParseHeaderExtension(
      *MustParse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='12' "
                 "uri='urn:3gpp:video-orientation' senders='initiator'/>"),
      "h");
  ASSERT_TRUE(ext.ok()) << ext.error().ToString();
  EXPECT_EQ(*ext, (HeaderExtension{12, hdrext::kVideoOrientation, "initiator"}));
  EXPECT_EQ(ParseHeaderExtension(*MustParse("<rtp-hdrext id='0' uri='u'/>"), "h").error().code,
            "jingle.bad-hdrext-id");
  EXPECT_EQ(ParseHeaderExtension(*MustParse("<rtp-hdrext id='256' uri='u'/>"), "h").error().code,
            "jingle.bad-hdrext-id");
  EXPECT_EQ(ParseHeaderExtension(*MustParse("<rtp-hdrext id='1'/>"), "h").error().code,
            "xml.missing-attribute");
  EXPECT_EQ(ParseHeaderExtension(*MustParse("<rtp-hdrext id='1' uri='u' senders='all'/>"), "h").error().code,
            "jingle.bad-senders");
}

TEST(SourceElement, MsidOwnerAndParameters) {
  auto tag = MustParse(
      "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4200001' name='ep-v1' videoType='desktop'>"
      "<parameter name='cname' value='c1'/><parameter name='msid' value=''/>"
      "<parameter name='msid' value='ep-video-1-1 t-1'/><parameter name='msid' value='later'/>"
      "<ssrc-info xmlns='http://jitsi.org/jitmeet' owner='room@muc/ep'/></source>");
  auto s = ParseSource(*tag, "s");
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(s->ssrc, 4200001u);
  EXPECT_EQ(s->name, "ep-v1");
  EXPECT_EQ(s->video_type, "desktop");
  EXPECT_EQ(s->msid, "ep-video-1-1 t-1");
  EXPECT_EQ(s->owner, "room@muc/ep");
  EXPECT_EQ(s->parameters, (std::vector<Parameter>{{"cname", "c1"}}));

  xml::TagPtr desc = xml::Make("description", ns::kRtp);
  AppendSource(*desc, *s);
  const gloox::Tag* out = xml::Child(*desc, "source", ns::kSsma);
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(xml::Namespace(*xml::Child(*out, "ssrc-info")), ns::kJitmeet);
  auto back = ParseSource(*out, "s");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *s);

  EXPECT_EQ(ParseSource(*MustParse("<source name='x'/>"), "s").error().code, "jingle.bad-ssrc");
  EXPECT_EQ(ParseSsrcGroup(*MustParse("<ssrc-group semantics='FID'/>"), "g").error().code, "jingle.bad-group");
  EXPECT_EQ(ParseSsrcGroup(*MustParse("<ssrc-group><source ssrc='1'/></ssrc-group>"), "g").error().code,
            "jingle.bad-group");
  EXPECT_EQ(ParseMediaType("video"), MediaType::kVideo);
  EXPECT_FALSE(ParseMediaType("data").has_value());
  EXPECT_EQ(ToString(MediaType::kApplication), "application");
}

TEST(IceUdpTransportElement, CandidatesFingerprintsAndIceGeneration) {
  auto tag = MustParse(
      "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u1' pwd='p1' ice-generation='2'>"
      "<candidate component='1' foundation='f' ip='2001:db8::1' port='443' priority='5' protocol='TCP' "
      "type='host' tcptype='passive'/>"
      "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='passive' cryptex='true'>\n"
      "  AA:BB \n</fingerprint><web-socket xmlns='http://jitsi.org/protocol/colibri' url='wss://a/b' active='false'/>"
      "</transport>");
  auto t = ParseIceUdpTransport(*tag, "t");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_EQ(t->ice_generation, 2u);
  ASSERT_EQ(t->candidates.size(), 1u);
  EXPECT_EQ(t->candidates[0].protocol, "tcp");
  EXPECT_EQ(t->candidates[0].generation, 0u);
  EXPECT_EQ(t->candidates[0].ip, "2001:db8::1");
  ASSERT_EQ(t->fingerprints.size(), 1u);
  EXPECT_EQ(t->fingerprints[0], (Fingerprint{"sha-256", "passive", "AA:BB", true}));
  EXPECT_EQ(t->web_sockets.at(0).active, false);
  EXPECT_FALSE(t->rtcp_mux);

  xml::TagPtr parent = xml::Make("transport", ns::kColibri2);
  AppendIceUdpTransport(*parent, *t);
  const gloox::Tag* out = xml::Child(*parent, "transport", ns::kIceUdp);
  ASSERT_NE(out, nullptr);
  auto back = ParseIceUdpTransport(*out, "t");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(*back, *t);
}

TEST(IceUdpTransportElement, Errors) {
  auto cand = [](const std::string& attrs) {
    auto tag = xml::Parse("<candidate " + attrs + "/>");
    return ParseCandidate(**tag, "c").error().code;
  };
  const std::string base = "component='1' foundation='1' ip='10.0.0.1' port='1' priority='1' ";
  EXPECT_EQ(cand(base + "type='magic'"), "jingle.bad-candidate-type");
  EXPECT_EQ(cand(base + "type='host' protocol='sctp'"), "jingle.bad-candidate-protocol");
  EXPECT_EQ(cand("component='0' foundation='1' ip='a' port='1' priority='1' type='host'"),
            "jingle.bad-component");
  EXPECT_EQ(cand("component='1' foundation='1' port='1' priority='1' type='host'"), "xml.missing-attribute");
  EXPECT_EQ(cand("component='1' foundation='1' ip='a' port='1' priority='4294967296' type='host'"),
            "xml.bad-number");
  auto fp = xml::Parse("<transport><fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0'>AA</fingerprint></transport>");
  auto r = ParseIceUdpTransport(**fp, "jingle/content[1]/transport");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xml.missing-attribute");
  EXPECT_EQ(r.error().where, "jingle/content[1]/transport/fingerprint[1]");
  auto setup = xml::Parse(
      "<transport><fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-1' setup='x'>AA</fingerprint></transport>");
  EXPECT_EQ(ParseIceUdpTransport(**setup, "t").error().code, "jingle.bad-setup");
  auto sctp = xml::Parse(
      "<transport><sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='70000'/></transport>");
  EXPECT_EQ(ParseIceUdpTransport(**sctp, "t").error().code, "jingle.bad-port");
}

}  // namespace
}  // namespace meet::signaling::jingle
