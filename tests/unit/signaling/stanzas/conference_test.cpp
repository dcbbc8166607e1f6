#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "signaling/stanzas/conference_request.hpp"
#include "signaling/stanzas/conference_response.hpp"
#include "signaling/xml/namespaces.hpp"
#include "tests/support/test_data.hpp"
#include "tests/unit/signaling/stanzas/stanza_test_util.hpp"

namespace meet::signaling::stanzas {
namespace {

using test::ExpectRoundTrip;
using test::LoadStanza;
using test::LoadVariant;

TEST(ConferenceRequest, ParsesClientIq) {
  auto iq = LoadStanza("conference_request.xml");
  ASSERT_NE(iq, nullptr);
  auto req = ConferenceRequest::Parse(*iq);
  ASSERT_TRUE(req.ok()) << req.error().ToString();
  EXPECT_EQ(req->room.ToString(), "myroom@muc.meet.jitsi");
  EXPECT_EQ(req->machine_uid, "5b3f0a9e2c1d4e7f8a6b9c0d1e2f3a4b");
  EXPECT_FALSE(req->token.has_value());
  EXPECT_FALSE(req->session_id.has_value());
  EXPECT_EQ(req->properties.size(), 4u);
  EXPECT_EQ(req->RtcstatsEnabled(), false);
  EXPECT_EQ(req->VisitorsVersion(), 1);
  EXPECT_EQ(req->StartAudioMuted(), 10);
  EXPECT_EQ(req->StartVideoMuted(), 10);
  EXPECT_FALSE(req->PrefersVisitor());
  ExpectRoundTrip(*req);

  auto with_token = ConferenceRequest::Parse(*LoadStanza("conference_request_token.xml"));
  ASSERT_TRUE(with_token.ok()) << with_token.error().ToString();
  EXPECT_EQ(with_token->room.ToString(), "standup@conference.example.org");
  EXPECT_EQ(with_token->session_id, "auth-session-42");
  ASSERT_TRUE(with_token->token.has_value());
  EXPECT_EQ(with_token->token->rfind("eyJhbGciOi", 0), 0u);
  EXPECT_TRUE(with_token->PrefersVisitor());
  ExpectRoundTrip(*with_token);
}

TEST(ConferenceRequest, EncodesWhatLjmSends) {
  ConferenceRequest req;
  req.room = *Jid::Parse("MyRoom@muc.meet.jitsi");
  req.machine_uid = "abc";
  req.properties.SetBool(ConferenceRequest::kRtcstatsEnabled, false);
  req.properties.SetInt(ConferenceRequest::kVisitorsVersion, 1);
  xml::TagPtr tag = req.ToTag();
  EXPECT_EQ(tag->name(), "conference");
  EXPECT_EQ(xml::Namespace(*tag), ns::kFocus);
  EXPECT_EQ(xml::AttrOr(*tag, "room"), "myroom@muc.meet.jitsi");
  EXPECT_EQ(xml::AttrOr(*tag, "machine-uid"), "abc");
  EXPECT_FALSE(xml::Attr(*tag, "token").has_value());
  const auto props = xml::Children(*tag, "property");
  ASSERT_EQ(props.size(), 2u);
  EXPECT_EQ(xml::AttrOr(*props[0], "name"), "rtcstatsEnabled");
  EXPECT_EQ(xml::AttrOr(*props[0], "value"), "false");
  EXPECT_EQ(xml::AttrOr(*props[1], "name"), "visitors-version");
  EXPECT_EQ(xml::AttrOr(*props[1], "value"), "1");
  // AppendTo puts the payload in an IQ.
  xml::TagPtr iq = xml::Make("iq");
  req.AppendTo(*iq);
  auto back = ConferenceRequest::Parse(*iq);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, req);
}

TEST(ConferenceRequest, RejectsMalformedVariants) {
  struct Case {
    const char* from;
    const char* to;
    const char* code;
  };
  const Case cases[] = {
      {"room='myroom@muc.meet.jitsi'", "", "conference.missing-room"},
      {"room='myroom@muc.meet.jitsi'", "room='muc.meet.jitsi'", "conference.bad-room"},
      {"room='myroom@muc.meet.jitsi'", "room='myroom@muc.meet.jitsi/nick'", "conference.bad-room"},
      {"room='myroom@muc.meet.jitsi'", "room='my room@muc.meet.jitsi'", "conference.bad-room"},
      {"room='myroom@muc.meet.jitsi'", "room='myroom@'", "conference.bad-room"},
      {"<property name='rtcstatsEnabled' value='false'/>", "<property value='false'/>",
       "xml.missing-attribute"},
      {"xmlns='http://jitsi.org/protocol/focus'", "xmlns='http://jitsi.org/protocol/colibri'",
       "conference.missing-element"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    auto iq = LoadVariant("conference_request.xml", c.from, c.to);
    ASSERT_NE(iq, nullptr);
    auto req = ConferenceRequest::Parse(*iq);
    ASSERT_FALSE(req.ok());
    EXPECT_EQ(req.error().code, c.code) << req.error().ToString();
    EXPECT_FALSE(req.error().text.empty());
    EXPECT_EQ(req.error().condition, "bad-request");
  }
  // The bad room error names the JID problem.
  auto iq = LoadVariant("conference_request.xml", "room='myroom@muc.meet.jitsi'",
                        "room='my room@muc.meet.jitsi'");
  auto req = ConferenceRequest::Parse(*iq);
  ASSERT_FALSE(req.ok());
  EXPECT_NE(req.error().text.find("jid.local-space"), std::string::npos) << req.error().text;
  EXPECT_EQ(req.error().where, "conference");
}

TEST(ConferenceResponse, ParsesFocusResult) {
  auto res = ConferenceResponse::Parse(*LoadStanza("conference_response.xml"));
  ASSERT_TRUE(res.ok()) << res.error().ToString();
  EXPECT_EQ(res->room.ToString(), "myroom@muc.meet.jitsi");
  EXPECT_TRUE(res->ready);
  EXPECT_EQ(res->focus_jid.ToString(), "focus@auth.meet.jitsi");
  EXPECT_EQ(res->Authentication(), false);
  EXPECT_EQ(res->VisitorsSupported(), false);
  EXPECT_EQ(res->SipGatewayEnabled(), false);
  EXPECT_FALSE(res->Live().has_value());
  EXPECT_FALSE(res->vnode.has_value());
  ExpectRoundTrip(*res);

  auto redirect = ConferenceResponse::Parse(*LoadStanza("conference_response_redirect.xml"));
  ASSERT_TRUE(redirect.ok()) << redirect.error().ToString();
  EXPECT_EQ(redirect->vnode, "v1");
  EXPECT_EQ(redirect->session_id, "sess-9");
  EXPECT_EQ(redirect->identity, "alice");
  EXPECT_EQ(redirect->Authentication(), true);
  EXPECT_EQ(redirect->ExternalAuth(), false);
  EXPECT_EQ(redirect->Live(), true);
  ExpectRoundTrip(*redirect);
}

TEST(ConferenceResponse, WritesLowerCaseFocusjid) {
  ConferenceResponse res;
  res.room = *Jid::Parse("myroom@muc.meet.jitsi");
  res.ready = true;
  res.focus_jid = *Jid::Parse("focus@auth.meet.jitsi");
  res.properties.SetBool(ConferenceResponse::kAuthentication, false);
  res.properties.SetBool(ConferenceResponse::kVisitorsSupported, true);
  xml::TagPtr tag = res.ToTag();
  EXPECT_EQ(xml::AttrOr(*tag, "focusjid"), "focus@auth.meet.jitsi");
  EXPECT_FALSE(xml::Attr(*tag, "focusJid").has_value());
  EXPECT_EQ(xml::AttrOr(*tag, "ready"), "true");
  ExpectRoundTrip(res);
}

TEST(ConferenceResponse, RejectsMalformedVariants) {
  struct Case {
    const char* from;
    const char* to;
    const char* code;
  };
  const Case cases[] = {
      {"ready='true'", "ready='yes'", "xml.bad-bool"},
      {"focusjid='focus@auth.meet.jitsi'", "focusjid='focus@auth.meet.jitsi/focus'",
       "conference.bad-focusjid"},
      {"focusjid='focus@auth.meet.jitsi'", "focusjid='@auth.meet.jitsi'", "conference.bad-focusjid"},
      {"room='myroom@muc.meet.jitsi'", "room='muc.meet.jitsi'", "conference.bad-room"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    auto iq = LoadVariant("conference_response.xml", c.from, c.to);
    ASSERT_NE(iq, nullptr);
    auto res = ConferenceResponse::Parse(*iq);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, c.code) << res.error().ToString();
  }
}

TEST(ConferenceHttp, RequestJsonBothWays) {
  auto req = ConferenceRequest::FromJsonText(meet::test::ReadData("stanzas/conference_request.json"));
  ASSERT_TRUE(req.ok()) << req.error().ToString();
  EXPECT_EQ(req->room.ToString(), "myroom@muc.meet.jitsi");
  EXPECT_EQ(req->machine_uid, "5b3f0a9e2c1d4e7f8a6b9c0d1e2f3a4b");
  EXPECT_FALSE(req->session_id.has_value());
  // JSON booleans and numbers become the strings the XMPP form carries.
  EXPECT_EQ(*req->properties.Find("rtcstatsEnabled"), "false");
  EXPECT_EQ(req->VisitorsVersion(), 1);
  EXPECT_EQ(req->StartAudioMuted(), 10);

  const nlohmann::json out = req->ToJson();
  EXPECT_EQ(out["room"], "myroom@muc.meet.jitsi");
  EXPECT_EQ(out["machineUid"], "5b3f0a9e2c1d4e7f8a6b9c0d1e2f3a4b");
  EXPECT_FALSE(out.contains("sessionId"));
  EXPECT_EQ(out["properties"]["rtcstatsEnabled"], "false");
  auto again = ConferenceRequest::FromJson(out);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *req);
  // And the same request over XMPP.
  ExpectRoundTrip(*req);
}

TEST(ConferenceHttp, ResponseJsonBothWays) {
  auto res = ConferenceResponse::FromJsonText(meet::test::ReadData("stanzas/conference_response.json"));
  ASSERT_TRUE(res.ok()) << res.error().ToString();
  EXPECT_TRUE(res->ready);
  EXPECT_EQ(res->focus_jid.ToString(), "focus@auth.meet.jitsi");
  EXPECT_EQ(res->vnode, "v1");
  EXPECT_TRUE(res->room.empty());
  EXPECT_EQ(res->SipGatewayEnabled(), true);
  EXPECT_EQ(res->VisitorsSupported(), true);
  const nlohmann::json out = res->ToJson();
  EXPECT_EQ(out["ready"], true);
  EXPECT_EQ(out["focusJid"], "focus@auth.meet.jitsi");
  EXPECT_FALSE(out.contains("room"));
  EXPECT_FALSE(out.contains("sessionId"));
  auto again = ConferenceResponse::FromJson(out);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *res);
}

TEST(ConferenceHttp, RejectsBadJson) {
  struct Case {
    const char* json;
    const char* code;
  };
  const Case cases[] = {
      {"", "conference.bad-json"},
      {"{\"room\": ", "conference.bad-json"},
      {"[1,2]", "conference.bad-json"},
      {"{}", "conference.missing-room"},
      {"{\"room\": 5}", "conference.bad-field"},
      {"{\"room\": \"muc.meet.jitsi\"}", "conference.bad-room"},
      {"{\"room\": \"r@muc.meet.jitsi/x\"}", "conference.bad-room"},
      {"{\"room\": \"r@muc\", \"machineUid\": {}}", "conference.bad-field"},
      {"{\"room\": \"r@muc\", \"properties\": []}", "conference.bad-property"},
      {"{\"room\": \"r@muc\", \"properties\": {\"a\": [1]}}", "conference.bad-property"},
      {"{\"room\": \"r@muc\", \"properties\": {\"a\": {\"b\": 1}}}", "conference.bad-property"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    auto req = ConferenceRequest::FromJsonText(c.json);
    ASSERT_FALSE(req.ok());
    EXPECT_EQ(req.error().code, c.code) << req.error().ToString();
  }
  // Deep nesting is refused before the recursive JSON parser sees it.
  const std::string deep = "{\"room\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
  EXPECT_EQ(ConferenceRequest::FromJsonText(deep).error().code, "conference.bad-json");
  EXPECT_EQ(ConferenceResponse::FromJsonText("{\"ready\": \"true\"}").error().code,
            "conference.bad-field");
  EXPECT_EQ(ConferenceResponse::FromJsonText("{\"focusJid\": \"a@b/c\"}").error().code,
            "conference.bad-focusjid");
}

}  // namespace
}  // namespace meet::signaling::stanzas
