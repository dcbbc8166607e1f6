#include "signaling/colibri2/bridge_validation.hpp"

#include <gtest/gtest.h>

#include <string>

#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "tests/unit/signaling/colibri2/colibri2_test_util.hpp"

namespace meet::signaling::colibri2 {
namespace {

ConferenceModify Load(const std::string& file) {
  xml::TagPtr tag = test::LoadTag(file);
  if (!tag) return {};
  auto parsed = ParseConferenceModify(*tag);
  if (!parsed.ok()) {
    ADD_FAILURE() << file << ": " << parsed.error().ToString();
    return {};
  }
  return std::move(*parsed);
}

Endpoint ExpireEndpoint(std::string id) {
  Endpoint ep;
  ep.id = std::move(id);
  ep.expire = true;
  return ep;
}

Error Violation(const ConferenceModify& modify) {
  Status status = ValidateForBridge(modify);
  if (status.ok()) {
    ADD_FAILURE() << "expected a violation";
    return {};
  }
  return status.error();
}

TEST(Colibri2BridgeValidation, RealRequestsPass) {
  for (const char* file : {"create_conference_request.xml", "update_endpoint_request.xml",
                           "expire_endpoints.xml", "force_mute.xml", "expire_conference.xml",
                           "relay_create.xml"}) {
    Status status = ValidateForBridge(Load(file));
    EXPECT_TRUE(status.ok()) << file << ": " << status.error().ToString();
  }
}

TEST(Colibri2BridgeValidation, EndpointsAndRelaysTogetherAreNotImplemented) {
  ConferenceModify m = Load("relay_create.xml");
  m.endpoints.push_back(ExpireEndpoint("1a2b3c4d"));
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "feature-not-implemented");
  EXPECT_EQ(e.code, "colibri2.feature_not_implemented");
}

TEST(Colibri2BridgeValidation, SeveralEndpointsOnlyForExpireAndMute) {
  ConferenceModify m = Load("create_conference_request.xml");
  m.endpoints.push_back(ExpireEndpoint("5e6f7a8b"));
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "feature-not-implemented");
  EXPECT_EQ(e.where, "conference-modify/endpoint[1]");

  // Sources (or media, or a transport) on one of several endpoints is refused too.
  ConferenceModify mute = Load("force_mute.xml");
  ASSERT_TRUE(ValidateForBridge(mute).ok());
  mute.endpoints[1].sources = Sources{};
  Error sources = Violation(mute);
  EXPECT_EQ(sources.condition, "feature-not-implemented");
  EXPECT_EQ(sources.where, "conference-modify/endpoint[2]");
}

TEST(Colibri2BridgeValidation, AtMostOneRelay) {
  ConferenceModify m = Load("relay_create.xml");
  Relay second = m.relays[0];
  second.id = "jvb-3";
  m.relays.push_back(second);
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "feature-not-implemented");
  EXPECT_EQ(FromError(e).reason, Reason::kFeatureNotImplemented);
}

TEST(Colibri2BridgeValidation, CreateNeedsTransport) {
  ConferenceModify m = Load("create_conference_request.xml");
  m.endpoints[0].transport.reset();
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "bad-request");
  EXPECT_EQ(e.text, "Attempt to create endpoint 1a2b3c4d with no <transport>");

  ConferenceModify relay = Load("relay_create.xml");
  relay.relays[0].transport.reset();
  EXPECT_EQ(Violation(relay).text, "Attempt to create relay jvb-1 with no <transport>");
}

TEST(Colibri2BridgeValidation, SourceNamesCapabilityIsMandatoryOnCreate) {
  ConferenceModify m = Load("create_conference_request.xml");
  m.endpoints[0].capabilities = {capability::kSsrcRewriting};
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "bad-request");
  EXPECT_EQ(e.text, "Source name support is mandatory.");
  // Not needed on updates.
  ConferenceModify update = Load("update_endpoint_request.xml");
  EXPECT_TRUE(update.endpoints[0].capabilities.empty());
  EXPECT_TRUE(ValidateForBridge(update).ok());
}

TEST(Colibri2BridgeValidation, SctpPortMustBe5000AndRoleServer) {
  ConferenceModify m = Load("create_conference_request.xml");
  m.endpoints[0].transport->sctp->port = kDefaultSctpPort;
  m.endpoints[0].transport->sctp->role = SctpRole::kServer;
  EXPECT_TRUE(ValidateForBridge(m).ok());

  m.endpoints[0].transport->sctp->port = 5001;
  Error port = Violation(m);
  EXPECT_EQ(port.condition, "bad-request");
  EXPECT_EQ(port.text, "Specific SCTP port requested, not supported.");
  EXPECT_EQ(port.where, "conference-modify/endpoint[1]/transport/sctp");

  m.endpoints[0].transport->sctp->port.reset();
  m.endpoints[0].transport->sctp->role = SctpRole::kClient;
  Error role = Violation(m);
  EXPECT_EQ(role.condition, "feature-not-implemented");
  EXPECT_EQ(role.text, "Unsupported SCTP role: client");
}

TEST(Colibri2BridgeValidation, NoSctpOnRelays) {
  ConferenceModify m = Load("relay_create.xml");
  m.relays[0].transport->sctp = Sctp{SctpRole::kClient, std::nullopt};
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "feature-not-implemented");
  EXPECT_EQ(e.text, "SCTP is not supported for relays.");
}

TEST(Colibri2BridgeValidation, VisitorsMayNotHaveSources) {
  ConferenceModify m = Load("update_endpoint_request.xml");
  m.endpoints[0].muc_role = muc_role::kVisitor;
  Error e = Violation(m);
  EXPECT_EQ(e.condition, "bad-request");
  EXPECT_EQ(e.where, "conference-modify/endpoint[1]/sources");
  m.endpoints[0].sources = Sources{};  // an empty <sources/> is fine
  EXPECT_TRUE(ValidateForBridge(m).ok());
}

TEST(Colibri2BridgeValidation, ViolationBecomesTheIqError) {
  ConferenceModify m = Load("relay_create.xml");
  m.endpoints.push_back(ExpireEndpoint("1a2b3c4d"));
  const Colibri2Error error = FromError(Violation(m));
  EXPECT_EQ(error.condition, "feature-not-implemented");
  EXPECT_EQ(error.reason, Reason::kFeatureNotImplemented);
  xml::TagPtr tag = ToTag(error);
  EXPECT_EQ(xml::AttrOr(*tag, "type"), "cancel");
  EXPECT_NE(xml::Child(*tag, "feature-not-implemented", ns::kStanzas), nullptr);
  const gloox::Tag* ext = xml::Child(*tag, "error", ns::kColibri2);
  ASSERT_NE(ext, nullptr);
  EXPECT_EQ(xml::AttrOr(*ext, "reason"), "feature_not_implemented");

  // A bad-request violation carries no colibri2 reason (JVB sends none).
  ConferenceModify create = Load("create_conference_request.xml");
  create.endpoints[0].capabilities.clear();
  const Colibri2Error bad = FromError(Violation(create));
  EXPECT_EQ(bad.condition, "bad-request");
  EXPECT_FALSE(bad.reason.has_value());
  EXPECT_EQ(xml::AttrOr(*ToTag(bad), "type"), "modify");
}

}  // namespace
}  // namespace meet::signaling::colibri2
