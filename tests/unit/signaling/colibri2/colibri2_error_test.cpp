#include "signaling/colibri2/colibri2_error.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/signaling/colibri2/colibri2_test_util.hpp"

namespace meet::signaling::colibri2 {
namespace {

TEST(Colibri2Error, ParsesConferenceNotFoundFixture) {
  xml::TagPtr iq = test::LoadTag("error_conference_not_found.xml");
  ASSERT_NE(iq, nullptr);
  auto error = ParseColibri2Error(*iq);
  ASSERT_TRUE(error.ok()) << error.error().ToString();
  EXPECT_EQ(error->condition, "item-not-found");
  EXPECT_EQ(error->reason, Reason::kConferenceNotFound);
  EXPECT_EQ(error->text, "Conference not found for ID: 6b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d");
  EXPECT_TRUE(error->endpoint_id.empty());
  EXPECT_EQ(*error, ConferenceNotFound("6b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d"));
}

TEST(Colibri2Error, EncodesAsJvbDoesAndRoundTrips) {
  const Colibri2Error unknown = UnknownEndpoint("5e6f7a8b");
  xml::TagPtr tag = ToTag(unknown);
  const std::string text = tag->xml();
  EXPECT_EQ(text,
            "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Endpoint not found for ID: 5e6f7a8b</text>"
            "<error xmlns='jitsi:colibri2' reason='unknown_endpoint'/>"
            "<endpoint xmlns='jitsi:colibri2' id='5e6f7a8b'/></error>");
  for (const Colibri2Error& e : {unknown, ConferenceNotFound("m"), ConferenceAlreadyExists("m"),
                                 GracefulShutdown(), FeatureNotImplemented("SCTP support is not configured"),
                                 BadRequest("bad")}) {
    auto reparsed_tag = xml::Parse(ToTag(e)->xml());
    ASSERT_TRUE(reparsed_tag.ok());
    auto back = ParseColibri2Error(**reparsed_tag);
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(*back, e);
  }
  EXPECT_EQ(xml::AttrOr(*ToTag(GracefulShutdown()), "type"), "cancel");
  EXPECT_EQ(xml::AttrOr(*ToTag(BadRequest("x")), "type"), "modify");
}

TEST(Colibri2Error, ReasonNamesAreLowercaseWireNames) {
  EXPECT_EQ(ToString(Reason::kConferenceAlreadyExists), "conference_already_exists");
  EXPECT_EQ(ToString(Reason::kGracefulShutdown), "graceful_shutdown");
  EXPECT_EQ(ParseReason("unknown_endpoint"), Reason::kUnknownEndpoint);
  EXPECT_EQ(ParseReason("unspecified"), Reason::kUnspecified);
  EXPECT_FALSE(ParseReason("CONFERENCE_NOT_FOUND").has_value());
  EXPECT_TRUE(IsStanzaErrorCondition("service-unavailable"));
  EXPECT_FALSE(IsStanzaErrorCondition("graceful_shutdown"));
}

TEST(Colibri2Error, RejectsMalformedErrors) {
  auto no_condition = xml::Parse("<error type='cancel'><error xmlns='jitsi:colibri2' reason='unspecified'/></error>");
  ASSERT_TRUE(no_condition.ok());
  EXPECT_EQ(ParseColibri2Error(**no_condition).error().code, "colibri2.error-no-condition");

  auto bad_reason = xml::Parse(
      "<error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
      "<error xmlns='jitsi:colibri2' reason='out_of_coffee'/></error>");
  ASSERT_TRUE(bad_reason.ok());
  EXPECT_EQ(ParseColibri2Error(**bad_reason).error().code, "colibri2.bad-reason");

  auto iq = xml::Parse("<iq type='result' id='x'/>");
  ASSERT_TRUE(iq.ok());
  EXPECT_EQ(ParseColibri2Error(**iq).error().code, "colibri2.error-missing");

  // A plain XMPP error from the MUC component (no colibri2 element) parses without reason.
  auto plain = xml::Parse("<error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>");
  ASSERT_TRUE(plain.ok());
  auto parsed = ParseColibri2Error(**plain);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->condition, "resource-constraint");
  EXPECT_FALSE(parsed->reason.has_value());
}

TEST(Colibri2Error, ConvertsToAndFromMeetError) {
  const Error e = ToError(ConferenceAlreadyExists("m"));
  EXPECT_EQ(e.code, "colibri2.conference_already_exists");
  EXPECT_EQ(e.condition, "conflict");
  const Colibri2Error back = FromError(e);
  EXPECT_EQ(back.reason, Reason::kConferenceAlreadyExists);
  EXPECT_EQ(back.condition, "conflict");
  EXPECT_EQ(back.text, "Conference already exists for ID: m");

  // A parse error becomes a bad-request without reason.
  const Colibri2Error parse = FromError(MakeError("colibri2.missing-meeting-id", "no meeting-id", "conference-modify"));
  EXPECT_EQ(parse.condition, "bad-request");
  EXPECT_FALSE(parse.reason.has_value());
}

}  // namespace
}  // namespace meet::signaling::colibri2
