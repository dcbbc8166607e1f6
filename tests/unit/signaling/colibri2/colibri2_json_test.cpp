#include "signaling/colibri2/colibri2_json.hpp"

#include <gtest/gtest.h>

#include <string>

#include "signaling/colibri2/colibri2_xml.hpp"
#include "tests/unit/signaling/colibri2/colibri2_test_util.hpp"

namespace meet::signaling::colibri2 {
namespace {

using test::LoadTag;

Message LoadXml(const std::string& file) {
  xml::TagPtr tag = LoadTag(file);
  if (!tag) return ConferenceModify{};
  auto parsed = Parse(*tag);
  if (!parsed.ok()) {
    ADD_FAILURE() << file << ": " << parsed.error().ToString();
    return ConferenceModify{};
  }
  return std::move(*parsed);
}

Error ModifyJsonError(const std::string& text) {
  auto parsed = ConferenceModifyFromJson(std::string_view(text));
  if (parsed.ok()) {
    ADD_FAILURE() << "expected an error for " << text;
    return {};
  }
  return parsed.error();
}

TEST(Colibri2Json, CreateRequestJsonEqualsTheXmlFixture) {
  auto from_json = ConferenceModifyFromJson(std::string_view(meet::test::ReadData("colibri2/create_conference_request.json")));
  ASSERT_TRUE(from_json.ok()) << from_json.error().ToString();
  const Message xml_message = LoadXml("create_conference_request.xml");
  const auto& from_xml = std::get<ConferenceModify>(xml_message);
  EXPECT_EQ(*from_json, from_xml);
  // A few concrete fields, so that an empty model cannot pass.
  EXPECT_EQ(from_json->meeting_id, "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60");
  ASSERT_EQ(from_json->endpoints.size(), 1u);
  ASSERT_EQ(from_json->endpoints[0].medias.size(), 2u);
  EXPECT_EQ(from_json->endpoints[0].medias[1].payload_types.size(), 8u);
  EXPECT_EQ(from_json->endpoints[0].medias[0].payload_types[0].FindParameter("minptime"), "10");
  ASSERT_TRUE(from_json->endpoints[0].transport && from_json->endpoints[0].transport->sctp);
  EXPECT_TRUE(from_json->endpoints[0].transport->ice_controlling);
}

TEST(Colibri2Json, CreateResponseJsonEqualsTheXmlFixture) {
  auto from_json = ConferenceModifiedFromJson(std::string_view(meet::test::ReadData("colibri2/create_conference_response.json")));
  ASSERT_TRUE(from_json.ok()) << from_json.error().ToString();
  const Message xml_message = LoadXml("create_conference_response.xml");
  EXPECT_EQ(*from_json, std::get<ConferenceModified>(xml_message));
  ASSERT_EQ(from_json->endpoints.size(), 1u);
  const auto& ice = from_json->endpoints[0].transport->ice_udp;
  ASSERT_TRUE(ice.has_value());
  EXPECT_EQ(ice->candidates[1].rel_port, 10000);
  EXPECT_EQ(ice->web_sockets.size(), 1u);
  EXPECT_EQ(from_json->sources->media_sources[1].sources[0].msid, "mixedmslabel mixedlabelvideo0");
}

TEST(Colibri2Json, EveryXmlFixtureSurvivesXmlToJsonToModel) {
  for (const std::string& file : test::ConferenceFixtures()) {
    SCOPED_TRACE(file);
    const Message message = LoadXml(file);
    if (const auto* modify = std::get_if<ConferenceModify>(&message)) {
      const std::string text = DumpJson(ToJson(*modify));
      auto back = ConferenceModifyFromJson(std::string_view(text));
      ASSERT_TRUE(back.ok()) << back.error().ToString() << "\n" << text;
      EXPECT_EQ(*back, *modify) << text;
      // And back to XML: JSON and XML carry the same model.
      auto reparsed = ParseConferenceModify(*ToTag(*back));
      ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString();
      EXPECT_EQ(*reparsed, *modify);
    } else {
      const auto& modified = std::get<ConferenceModified>(message);
      const std::string text = DumpJson(ToJson(modified));
      auto back = ConferenceModifiedFromJson(std::string_view(text));
      ASSERT_TRUE(back.ok()) << back.error().ToString() << "\n" << text;
      EXPECT_EQ(*back, modified) << text;
    }
  }
}

TEST(Colibri2Json, WritesJvbKeys) {
  const Message message = LoadXml("create_conference_request.xml");
  const Json json = ToJson(std::get<ConferenceModify>(message));
  EXPECT_EQ(json["meeting-id"], "0f3e5b2a-9c41-4d6e-8a7b-2f1c3d4e5f60");
  EXPECT_EQ(json["name"], "myroom@muc.meet.jitsi");
  EXPECT_EQ(json["create"], true);
  EXPECT_EQ(json["rtcstats-enabled"], false);
  EXPECT_FALSE(json.contains("expire"));
  const Json& ep = json["endpoints"][0];
  EXPECT_EQ(ep["id"], "1a2b3c4d");
  EXPECT_EQ(ep["stats-id"], "Ada-Xy1");
  EXPECT_EQ(ep["capabilities"], Json::array({"source-names", "ssrc-rewriting"}));
  EXPECT_EQ(ep["transport"]["ice-controlling"], true);
  EXPECT_EQ(ep["transport"]["sctp"], Json::object());
  EXPECT_EQ(ep["sources"], Json::array());
  const Json& opus = ep["medias"][0]["payload-types"][0];
  EXPECT_EQ(opus["id"], "111");  // attributes as strings, as JVB writes them
  EXPECT_EQ(opus["channels"], "2");
  EXPECT_EQ(opus["parameters"].dump(), R"({"minptime":"10","useinbandfec":"1"})");
  EXPECT_EQ(opus["rtcp-fbs"][0]["type"], "transport-cc");
  EXPECT_EQ(ep["medias"][0]["rtp-hdrexts"][0]["id"], 1);
  EXPECT_EQ(ep["medias"][0]["extmap-allow-mixed"], true);

  const Message update = LoadXml("update_endpoint_request.xml");
  const Json u = ToJson(std::get<ConferenceModify>(update));
  EXPECT_EQ(u["endpoints"][0]["initial-last-n"]["value"], 25);
  const Json& group = u["endpoints"][0]["sources"][1]["ssrc-groups"][0];
  EXPECT_EQ(group["semantics"], "SIM");
  EXPECT_EQ(group["sources"], Json::array({1111, 3333, 5555}));
  EXPECT_EQ(u["endpoints"][0]["transport"]["transport"]["fingerprints"][0]["setup"], "active");
}

TEST(Colibri2Json, AcceptsJvbShorthands) {
  auto parsed = ConferenceModifyFromJson(std::string_view(R"({
    "meeting-id": "m",
    "endpoints": [{
      "id": "e1",
      "sources": [{"type": "video", "id": "e1-v0", "sources": [1234, "5678"]}],
      "transport": {"transport": {"ufrag": "u", "pwd": "p", "web-sockets": ["active"],
                                  "candidates": [{"ip": "10.0.0.1", "port": 10000}]}},
      "medias": [{"type": "audio", "payload-types": [{"id": 111, "name": "red", "parameters": {"null": "111/111"}}]}]
    }],
    "connects": [{"url": "wss://example.com/audio", "protocol": "mediajson", "type": "transcriber"}]
  })"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const Endpoint& ep = parsed->endpoints[0];
  ASSERT_EQ(ep.sources->media_sources[0].sources.size(), 2u);
  EXPECT_EQ(ep.sources->media_sources[0].sources[0].ssrc, 1234u);
  EXPECT_EQ(ep.sources->media_sources[0].sources[1].ssrc, 5678u);
  ASSERT_EQ(ep.transport->ice_udp->web_sockets.size(), 1u);
  EXPECT_EQ(ep.transport->ice_udp->web_sockets[0].active, true);
  EXPECT_EQ(ep.transport->ice_udp->candidates[0].component, 1);
  EXPECT_EQ(ep.transport->ice_udp->candidates[0].protocol, "udp");
  ASSERT_EQ(ep.medias[0].payload_types[0].parameters.size(), 1u);
  EXPECT_EQ(ep.medias[0].payload_types[0].parameters[0].name, "");  // nameless fmtp value
  EXPECT_EQ(ep.medias[0].payload_types[0].parameters[0].value, "111/111");
}

TEST(Colibri2Json, SyntaxAndShapeErrors) {
  Error syntax = ModifyJsonError(R"({"meeting-id": "m", "endpoints": [})");
  EXPECT_EQ(syntax.code, "colibri2.json-syntax");
  EXPECT_EQ(syntax.where.rfind("byte ", 0), 0u);
  EXPECT_EQ(ModifyJsonError("").code, "colibri2.json-syntax");
  EXPECT_EQ(ModifyJsonError("[1, 2]").code, "colibri2.json-type");
  EXPECT_EQ(ModifyJsonError(std::string(100, '[') + std::string(100, ']')).code, "colibri2.json-too-deep");

  Error no_meeting = ModifyJsonError(R"({"create": true})");
  EXPECT_EQ(no_meeting.code, "colibri2.missing-meeting-id");
  EXPECT_EQ(no_meeting.where, "/meeting-id");
  EXPECT_EQ(no_meeting.condition, "bad-request");
}

TEST(Colibri2Json, TypeAndRangeErrorsNameThePath) {
  Error create = ModifyJsonError(R"({"meeting-id": "m", "endpoints": [{"id": "a"}, {"id": "b", "create": "true"}]})");
  EXPECT_EQ(create.code, "colibri2.json-type");
  EXPECT_EQ(create.where, "/endpoints/1/create");

  Error pt = ModifyJsonError(
      R"({"meeting-id": "m", "endpoints": [{"id": "a", "medias": [{"type": "video", "payload-types": [{"id": "200"}]}]}]})");
  EXPECT_EQ(pt.code, "colibri2.json-range");
  EXPECT_EQ(pt.where, "/endpoints/0/medias/0/payload-types/0/id");

  Error ssrc = ModifyJsonError(
      R"({"meeting-id": "m", "endpoints": [{"id": "a", "sources": [{"type": "audio", "id": "a-a0", "sources": [{"ssrc": -5}]}]}]})");
  EXPECT_EQ(ssrc.code, "colibri2.json-range");
  EXPECT_EQ(ssrc.where, "/endpoints/0/sources/0/sources/0/ssrc");

  Error media = ModifyJsonError(R"({"meeting-id": "m", "endpoints": [{"id": "a", "medias": [{"type": "data"}]}]})");
  EXPECT_EQ(media.code, "colibri2.bad-media-type");
  EXPECT_EQ(media.where, "/endpoints/0/medias/0/type");

  Error last_n = ModifyJsonError(R"({"meeting-id": "m", "endpoints": [{"id": "a", "initial-last-n": {"value": 18446744073709551615}}]})");
  EXPECT_EQ(last_n.code, "colibri2.bad-last-n");

  Error no_id = ModifyJsonError(R"({"meeting-id": "m", "relays": [{"create": true}]})");
  EXPECT_EQ(no_id.code, "colibri2.json-missing");
  EXPECT_EQ(no_id.where, "/relays/0/id");

  Error control = ModifyJsonError("{\"meeting-id\": \"m\\u0001\"}");
  EXPECT_EQ(control.code, "colibri2.json-bad-string");

  Error role = ModifyJsonError(R"({"meeting-id": "m", "endpoints": [{"id": "a", "transport": {"sctp": {"role": "peer"}}}]})");
  EXPECT_EQ(role.code, "colibri2.bad-sctp-role");
  EXPECT_EQ(role.where, "/endpoints/0/transport/sctp/role");
}

TEST(Colibri2Json, ErrorBodyAndHttpStatus) {
  const Colibri2Error not_found = ConferenceNotFound("m1");
  const Json body = ToJson(not_found);
  EXPECT_EQ(body["condition"], "item-not-found");
  EXPECT_EQ(body["reason"], "conference_not_found");
  EXPECT_EQ(body["text"], "Conference not found for ID: m1");
  EXPECT_FALSE(body.contains("endpoint-id"));
  EXPECT_EQ(ToJson(UnknownEndpoint("ep1"))["endpoint-id"], "ep1");
  EXPECT_EQ(HttpStatusFor(not_found), 404);
  EXPECT_EQ(HttpStatusFor(ConferenceAlreadyExists("m1")), 409);
  EXPECT_EQ(HttpStatusFor(BadRequest("x")), 400);
  EXPECT_EQ(HttpStatusFor(FeatureNotImplemented("x")), 501);
  EXPECT_EQ(HttpStatusFor(GracefulShutdown()), 503);
}

}  // namespace
}  // namespace meet::signaling::colibri2
