#include "signaling/bridge_channel/message_codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "tests/support/test_data.hpp"

namespace meet::signaling::bridge_channel {
namespace {

std::string Fixture(std::string_view name) {
  return meet::test::ReadData("bridge_channel/" + std::string(name));
}

// Parses text that must be valid and returns the message of the wanted type.
template <typename T>
T ParseAs(std::string_view text) {
  auto parsed = Parse(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().ToString()) << "\n" << text;
  if (!parsed.ok()) return T{};
  const T* m = std::get_if<T>(&*parsed);
  EXPECT_NE(m, nullptr) << "parsed as " << ColibriClass(*parsed);
  return m != nullptr ? *m : T{};
}

// Parses text that must be rejected and returns the error.
Error ParseError(std::string_view text) {
  auto parsed = Parse(text);
  EXPECT_FALSE(parsed.ok()) << "unexpectedly accepted: " << text;
  if (parsed.ok()) return Error{};
  return parsed.error();
}

// Unordered JSON value of a text, for "equal as JSON values" comparisons.
nlohmann::json Value(std::string_view text) { return nlohmann::json::parse(text); }

TEST(BridgeChannelParse, EveryValidFixtureParsesToItsClassAndRoundTrips) {
  const std::vector<std::pair<std::string, std::string>> fixtures = {
      {"client_hello.json", "ClientHello"},
      {"server_hello.json", "ServerHello"},
      {"receiver_video_constraints.json", "ReceiverVideoConstraints"},
      {"receiver_video_constraints_example.json", "ReceiverVideoConstraints"},
      {"receiver_video_constraints_empty.json", "ReceiverVideoConstraints"},
      {"source_video_type.json", "SourceVideoTypeMessage"},
      {"video_type.json", "VideoTypeMessage"},
      {"endpoint_message.json", "EndpointMessage"},
      {"endpoint_message_relayed.json", "EndpointMessage"},
      {"endpoint_message_extra_fields.json", "EndpointMessage"},
      {"endpoint_stats.json", "EndpointStats"},
      {"last_n_changed.json", "LastNChangedEvent"},
      {"receiver_audio_subscription.json", "ReceiverAudioSubscription"},
      {"receiver_audio_subscription_legacy.json", "ReceiverAudioSubscription"},
      {"dominant_speaker.json", "DominantSpeakerEndpointChangeEvent"},
      {"forwarded_sources.json", "ForwardedSources"},
      {"sender_source_constraints.json", "SenderSourceConstraints"},
      {"endpoint_connectivity_status.json", "EndpointConnectivityStatusChangeEvent"},
      {"connection_stats.json", "ConnectionStats"},
      {"video_sources_map.json", "VideoSourcesMap"},
      {"audio_sources_map.json", "AudioSourcesMap"},
      {"synthetic_source_sending_change.json", "SyntheticSourceSendingChangeEvent"},
      {"add_receiver.json", "AddReceiver"},
      {"remove_receiver.json", "RemoveReceiver"},
  };
  for (const auto& [file, cls] : fixtures) {
    SCOPED_TRACE(file);
    const std::string text = Fixture(file);
    auto parsed = Parse(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_EQ(ColibriClass(*parsed), cls);
    const std::string out = Serialize(*parsed);
    auto again = Parse(out);
    ASSERT_TRUE(again.ok()) << again.error().ToString() << "\n" << out;
    EXPECT_EQ(*again, *parsed) << out;
  }
}

TEST(BridgeChannelParse, ProtocolExamplesSerializeToEqualJsonValues) {
  // jitsi-protocol.md 4.3 "Example messages": parse -> serialize must give the same JSON value.
  const std::vector<std::string> examples = {
      Fixture("receiver_video_constraints_example.json"),
      Fixture("dominant_speaker.json"),
      Fixture("forwarded_sources.json"),
      Fixture("sender_source_constraints.json"),
      R"({"colibriClass":"VideoSourcesMap","mappedSources":[{"source":"5e6f7a8b-v0","owner":"5e6f7a8b","ssrc":2711001,"rtx":2711002,"videoType":"CAMERA"}]})",
      Fixture("endpoint_message_relayed.json"),
  };
  for (const auto& text : examples) {
    SCOPED_TRACE(text);
    auto parsed = Parse(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_EQ(Value(Serialize(*parsed)), Value(text));
  }
}

TEST(BridgeChannelParse, ReceiverVideoConstraintsFields) {
  auto m = ParseAs<ReceiverVideoConstraints>(Fixture("receiver_video_constraints.json"));
  EXPECT_EQ(m.last_n, 20);
  EXPECT_EQ(m.selected_sources, (std::vector<std::string>{"9f00aa11-v1"}));
  EXPECT_EQ(m.on_stage_sources, (std::vector<std::string>{"5e6f7a8b-v0"}));
  ASSERT_TRUE(m.default_constraints);
  EXPECT_EQ(m.default_constraints->max_height, 180);
  EXPECT_FALSE(m.default_constraints->FrameRateIsLimited());
  ASSERT_TRUE(m.constraints);
  ASSERT_EQ(m.constraints->size(), 3u);
  EXPECT_EQ(m.constraints->at("5e6f7a8b-v0"), (VideoConstraints{720}));
  EXPECT_EQ(m.constraints->at("9f00aa11-v1"), (VideoConstraints{1080, 30.0}));
  EXPECT_TRUE(m.constraints->at("1a2b3c4d-v0").IsDisabled());
  EXPECT_FALSE(m.assumed_bandwidth_bps);

  auto example = ParseAs<ReceiverVideoConstraints>(Fixture("receiver_video_constraints_example.json"));
  EXPECT_EQ(example.assumed_bandwidth_bps, -1);
  EXPECT_FALSE(example.selected_sources);

  auto empty = ParseAs<ReceiverVideoConstraints>(Fixture("receiver_video_constraints_empty.json"));
  EXPECT_EQ(empty, ReceiverVideoConstraints{});
  EXPECT_EQ(Value(Serialize(empty)), Value(R"({"colibriClass":"ReceiverVideoConstraints"})"));
}

TEST(BridgeChannelParse, MaxHeightMinusOneIsUnlimitedAndBelowIsRejected) {
  auto m = ParseAs<ReceiverVideoConstraints>(
      R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":-1}})");
  ASSERT_TRUE(m.default_constraints);
  EXPECT_FALSE(m.default_constraints->HeightIsLimited());

  Error e = ParseError(
      R"({"colibriClass":"ReceiverVideoConstraints","constraints":{"a-v0":{"maxHeight":-2}}})");
  EXPECT_EQ(e.code, "bridge_channel.bad-value");
  EXPECT_EQ(e.where, "/constraints/a-v0/maxHeight");

  e = ParseError(
      R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":180,"maxFrameRate":-3}})");
  EXPECT_EQ(e.where, "/defaultConstraints/maxFrameRate");
  e = ParseError(R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{}})");
  EXPECT_EQ(e.code, "bridge_channel.missing-field");
  EXPECT_EQ(e.where, "/defaultConstraints/maxHeight");
}

TEST(BridgeChannelParse, VideoConstraintsIgnoreUnknownFieldsLikeJvb) {
  auto m = ParseAs<ReceiverVideoConstraints>(
      R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":360,"idealHeight":720}})");
  ASSERT_TRUE(m.default_constraints);
  EXPECT_EQ(m.default_constraints->max_height, 360);
}

TEST(BridgeChannelParse, DuplicateKeysAreRejectedAtAnyDepth) {
  Error e = ParseError(Fixture("invalid_duplicate_key.json"));
  EXPECT_EQ(e.code, "bridge_channel.duplicate-key");
  EXPECT_EQ(e.where, "/to");
  EXPECT_NE(e.text.find("\"to\""), std::string::npos);

  e = ParseError(Fixture("invalid_nested_duplicate_key.json"));
  EXPECT_EQ(e.code, "bridge_channel.duplicate-key");
  EXPECT_EQ(e.where, "/constraints/5e6f7a8b-v0/maxHeight");

  // Also in free-form parts and for colibriClass itself (JVB's own test cases).
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointStats","colibriClass":"duplicate"})").code,
            "bridge_channel.duplicate-key");
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointStats","x":"a","x":"b"})").code,
            "bridge_channel.duplicate-key");
  e = ParseError(
      R"({"colibriClass":"EndpointMessage","to":"","msgPayload":{"list":[1,{"k":1,"k":2}]}})");
  EXPECT_EQ(e.code, "bridge_channel.duplicate-key");
  EXPECT_EQ(e.where, "/msgPayload/list/1/k");
  // Equal keys in different objects are fine.
  ParseAs<EndpointMessage>(R"({"colibriClass":"EndpointMessage","to":"","msgPayload":{"to":1}})");
}

TEST(BridgeChannelParse, UnknownFieldsAreRejectedWithTheirPath) {
  Error e = ParseError(Fixture("invalid_unknown_field.json"));
  EXPECT_EQ(e.code, "bridge_channel.unknown-field");
  EXPECT_EQ(e.where, "/selectedEndpoints");
  EXPECT_EQ(ParseError(R"({"colibriClass":"ClientHello","hello":1})").where, "/hello");
  EXPECT_EQ(ParseError(R"({"colibriClass":"ForwardedSources","forwardedSources":[],"x":null})")
                .code,
            "bridge_channel.unknown-field");
  e = ParseError(
      R"({"colibriClass":"AudioSourcesMap","mappedSources":[{"source":"a","owner":"b","ssrc":1,"rtx":2}]})");
  EXPECT_EQ(e.code, "bridge_channel.unknown-field");
  EXPECT_EQ(e.where, "/mappedSources/0/rtx");
}

TEST(BridgeChannelParse, EndpointMessageKeepsOtherFieldsInOrder) {
  auto m = ParseAs<EndpointMessage>(Fixture("endpoint_message_extra_fields.json"));
  EXPECT_EQ(m.to, "");
  EXPECT_TRUE(m.IsBroadcast());
  EXPECT_FALSE(m.from);
  ASSERT_TRUE(m.msg_payload);
  EXPECT_EQ((*m.msg_payload)["faceBox"]["width"], 31);
  ASSERT_EQ(m.other_fields.size(), 3u);
  auto it = m.other_fields.begin();
  EXPECT_EQ(it.key(), "name");
  EXPECT_EQ(*it, "endpoint-text-message");
  ++it;
  EXPECT_EQ(it.key(), "ts");
  EXPECT_EQ(*it, 1732430401123LL);
  ++it;
  EXPECT_EQ(it.key(), "flag");
  EXPECT_TRUE(it->is_null());  // kept, as JVB keeps "other_null"

  // The bridge sets from (anti-spoofing) and forwards everything else unchanged.
  m.from = "1a2b3c4d";
  const nlohmann::json out = Value(Serialize(m));
  nlohmann::json expected = Value(Fixture("endpoint_message_extra_fields.json"));
  expected["from"] = "1a2b3c4d";
  EXPECT_EQ(out, expected);

  auto targeted = ParseAs<EndpointMessage>(Fixture("endpoint_message.json"));
  EXPECT_EQ(targeted.to, "5e6f7a8b");
  EXPECT_FALSE(targeted.IsBroadcast());
  EXPECT_EQ((*targeted.msg_payload)["type"], "e2e-ping-request");
  EXPECT_TRUE(targeted.other_fields.empty());
}

TEST(BridgeChannelParse, EndpointMessageRequiresToAndAnObjectPayload) {
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointMessage","msgPayload":{}})").code,
            "bridge_channel.missing-field");
  Error e = ParseError(R"({"colibriClass":"EndpointMessage","to":"","msgPayload":"hi"})");
  EXPECT_EQ(e.code, "bridge_channel.bad-type");
  EXPECT_EQ(e.where, "/msgPayload");
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointMessage","to":"","msgPayload":null})").code,
            "bridge_channel.bad-type");
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointMessage","to":5})").code,
            "bridge_channel.bad-type");
  EXPECT_TRUE(ParseAs<EndpointMessage>(R"({"colibriClass":"EndpointMessage","to":" \t"})")
                  .IsBroadcast());
}

TEST(BridgeChannelParse, EndpointStatsKeepFreeFormFields) {
  auto m = ParseAs<EndpointStats>(Fixture("endpoint_stats.json"));
  EXPECT_FALSE(m.from);
  EXPECT_EQ(m.other_fields["bitrate"]["video"]["download"], 1430);
  EXPECT_EQ(m.other_fields["connectionQuality"], 98.5);
  EXPECT_EQ(m.other_fields["serverRegion"], "eu-west-1");
  EXPECT_EQ(m.other_fields.size(), 6u);
  m.from = "5e6f7a8b";
  nlohmann::json expected = Value(Fixture("endpoint_stats.json"));
  expected["from"] = "5e6f7a8b";
  EXPECT_EQ(Value(Serialize(m)), expected);
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointStats","from":7})").code,
            "bridge_channel.bad-type");
}

TEST(BridgeChannelParse, WrongTypesAreRejected) {
  Error e = ParseError(Fixture("invalid_wrong_type.json"));
  EXPECT_EQ(e.code, "bridge_channel.bad-type");
  EXPECT_EQ(e.where, "/lastN");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"colibriClass":"ReceiverVideoConstraints","onStageSources":"a-v0"})", "/onStageSources"},
      {R"({"colibriClass":"ReceiverVideoConstraints","onStageSources":["a-v0",7]})",
       "/onStageSources/1"},
      {R"({"colibriClass":"ReceiverVideoConstraints","constraints":[]})", "/constraints"},
      {R"({"colibriClass":"ReceiverVideoConstraints","constraints":{"a":null}})", "/constraints/a"},
      {R"({"colibriClass":"ReceiverVideoConstraints","assumedBandwidthBps":true})",
       "/assumedBandwidthBps"},
      {R"({"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":[5]})",
       "/dominantSpeakerEndpoint"},
      {R"({"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"a","silence":"no"})",
       "/silence"},
      {R"({"colibriClass":"SyntheticSourceSendingChangeEvent","sourceName":"s","sending":1,"timestamp":0})",
       "/sending"},
      {R"({"colibriClass":"VideoSourcesMap","mappedSources":[{"source":"s","ssrc":"1","rtx":2,"videoType":"camera"}]})",
       "/mappedSources/0/ssrc"},
      {R"({"colibriClass":"VideoSourcesMap","mappedSources":[7]})", "/mappedSources/0"},
      {R"({"colibriClass":"ServerHello","version":2})", "/version"},
  };
  for (const auto& [text, where] : cases) {
    SCOPED_TRACE(text);
    e = ParseError(text);
    EXPECT_EQ(e.code, "bridge_channel.bad-type");
    EXPECT_EQ(e.where, where);
  }
}

TEST(BridgeChannelParse, MissingRequiredFieldsAreRejected) {
  Error e = ParseError(R"({"colibriClass": "DominantSpeakerEndpointChangeEvent" })");
  EXPECT_EQ(e.code, "bridge_channel.missing-field");
  EXPECT_EQ(e.where, "/dominantSpeakerEndpoint");
  EXPECT_EQ(ParseError(R"({"colibriClass":"LastNChangedEvent"})").where, "/lastN");
  EXPECT_EQ(ParseError(R"({"colibriClass":"ForwardedSources","forwardedSources":null})").code,
            "bridge_channel.bad-type");
  EXPECT_EQ(ParseError(R"({"colibriClass":"SenderSourceConstraints","sourceName":"a"})").where,
            "/maxHeight");
  EXPECT_EQ(ParseError(R"({"colibriClass":"AddReceiver","bridgeId":"b","sourceName":"s"})").where,
            "/videoConstraints");
  EXPECT_EQ(ParseError(R"({"colibriClass":"SourceVideoTypeMessage","videoType":"camera"})").where,
            "/sourceName");
}

TEST(BridgeChannelParse, ClassMustBeKnownString) {
  Error e = ParseError(Fixture("invalid_unknown_class.json"));
  EXPECT_EQ(e.code, "bridge_channel.unknown-class");
  EXPECT_NE(e.text.find("unknown colibriClass"), std::string::npos);
  EXPECT_NE(e.text.find("LastNEndpointsChangeEvent"), std::string::npos);
  // Class names are case-sensitive type ids.
  EXPECT_EQ(ParseError(R"({"colibriClass":"clienthello"})").code, "bridge_channel.unknown-class");
  EXPECT_EQ(ParseError(Fixture("invalid_missing_class.json")).code, "bridge_channel.missing-class");
  EXPECT_EQ(ParseError("{}").code, "bridge_channel.missing-class");
  EXPECT_EQ(ParseError(R"({"colibriClass":5})").code, "bridge_channel.bad-type");
  EXPECT_EQ(ParseError(Fixture("invalid_not_object.json")).code, "bridge_channel.not-object");
  EXPECT_EQ(ParseError(R"("ClientHello")").code, "bridge_channel.not-object");
}

TEST(BridgeChannelParse, MalformedJsonSaysWhere) {
  Error e = ParseError(Fixture("invalid_truncated.json"));
  EXPECT_EQ(e.code, "bridge_channel.malformed");
  EXPECT_EQ(e.where.rfind("byte ", 0), 0u) << e.where;
  e = ParseError(R"({"colibriClass":"ClientHello"} x)");
  EXPECT_EQ(e.code, "bridge_channel.malformed");
  EXPECT_EQ(e.where, "byte 32");
  EXPECT_EQ(ParseError("").code, "bridge_channel.malformed");
  EXPECT_EQ(ParseError("{invalid json").code, "bridge_channel.malformed");
  EXPECT_EQ(ParseError("{\"colibriClass\":\"ClientHello\",\"x\":\"\xff\"}").code,
            "bridge_channel.malformed");  // not UTF-8
  EXPECT_EQ(ParseError(R"({"colibriClass":"ClientHello"/*c*/})").code, "bridge_channel.malformed");
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointStats","x":1e999})").code,
            "bridge_channel.malformed");
}

TEST(BridgeChannelParse, VideoTypeIsCaseInsensitiveAndSerialisedAsEnumName) {
  for (const char* spelling : {"none", "NONE", "None", "nOnE"}) {
    auto m = ParseAs<VideoTypeMessage>(std::string(R"({"colibriClass":"VideoTypeMessage","videoType":")") +
                                       spelling + "\"}");
    EXPECT_EQ(m.video_type, VideoType::kNone) << spelling;
  }
  auto m = ParseAs<SourceVideoTypeMessage>(
      R"({"colibriClass":"SourceVideoTypeMessage","sourceName":"source1234","videoType":"desktop_high_fps"})");
  EXPECT_EQ(m.video_type, VideoType::kDesktopHighFps);
  EXPECT_EQ(m.source_name, "source1234");
  EXPECT_FALSE(m.endpoint_id);
  // The bridge adds endpointId when forwarding to relays.
  m.endpoint_id = "1a2b3c4d";
  EXPECT_EQ(Value(Serialize(m)),
            Value(R"({"colibriClass":"SourceVideoTypeMessage","sourceName":"source1234",)"
                  R"("videoType":"DESKTOP_HIGH_FPS","endpointId":"1a2b3c4d"})"));
  EXPECT_EQ(ParseAs<SourceVideoTypeMessage>(Fixture("source_video_type.json")).video_type,
            VideoType::kDesktop);

  Error e = ParseError(Fixture("invalid_bad_video_type.json"));
  EXPECT_EQ(e.code, "bridge_channel.bad-value");
  EXPECT_EQ(e.where, "/videoType");
  EXPECT_EQ(ParseVideoType("Desktop"), VideoType::kDesktop);
  EXPECT_EQ(ParseVideoType("desktop "), std::nullopt);
  EXPECT_EQ(VideoTypeName(VideoType::kDisabled), "DISABLED");
  EXPECT_FALSE(IsEnabled(VideoType::kNone));
  EXPECT_TRUE(IsEnabled(VideoType::kCamera));
}

TEST(BridgeChannelParse, ConnectivityActiveTravelsAsString) {
  auto m = ParseAs<EndpointConnectivityStatusChangeEvent>(Fixture("endpoint_connectivity_status.json"));
  EXPECT_EQ(m.endpoint, "9f00aa11");
  EXPECT_FALSE(m.active);
  m.active = true;
  const nlohmann::json out = Value(Serialize(m));
  ASSERT_TRUE(out["active"].is_string());
  EXPECT_EQ(out["active"], "true");
  EXPECT_EQ(ParseError(Fixture("invalid_active_boolean.json")).code, "bridge_channel.bad-type");
  EXPECT_EQ(ParseError(R"({"colibriClass":"EndpointConnectivityStatusChangeEvent","endpoint":"a","active":"yes"})")
                .code,
            "bridge_channel.bad-value");
}

TEST(BridgeChannelParse, SourceMapsSerialiseRtxAsNumberAndVideoTypeAsName) {
  auto video = ParseAs<VideoSourcesMap>(Fixture("video_sources_map.json"));
  ASSERT_EQ(video.mapped_sources.size(), 2u);
  EXPECT_EQ(video.mapped_sources[0],
            (VideoSourceMapping{"5e6f7a8b-v0", "5e6f7a8b", 2711001, 2711002, VideoType::kCamera, {}}));
  EXPECT_EQ(video.mapped_sources[1].mid, "v3");
  EXPECT_EQ(video.mapped_sources[1].video_type, VideoType::kDesktop);

  VideoSourcesMap built;
  built.mapped_sources.push_back({"9f00aa11-v0", std::nullopt, 1234, 1235, VideoType::kDesktopHighFps, {}});
  const nlohmann::json out = Value(Serialize(built));
  const auto& entry = out["mappedSources"][0];
  EXPECT_TRUE(entry["rtx"].is_number_integer());
  EXPECT_EQ(entry["rtx"], 1235);
  EXPECT_EQ(entry["videoType"], "DESKTOP_HIGH_FPS");
  EXPECT_TRUE(entry["owner"].is_null());  // Jackson writes null owners
  EXPECT_FALSE(entry.contains("mid"));

  auto audio = ParseAs<AudioSourcesMap>(Fixture("audio_sources_map.json"));
  ASSERT_EQ(audio.mapped_sources.size(), 2u);
  EXPECT_EQ(audio.mapped_sources[0], (AudioSourceMapping{"5e6f7a8b-a0", "5e6f7a8b", 1711001, {}}));
  EXPECT_EQ(audio.mapped_sources[1].mid, "a1");
}

TEST(BridgeChannelParse, ReceiverAudioSubscriptionCurrentAndLegacyForms) {
  auto current = ParseAs<ReceiverAudioSubscription>(Fixture("receiver_audio_subscription.json"));
  EXPECT_EQ(current, (ReceiverAudioSubscription{true, {"55555555-a0.hi"}, {"1a2b3c4d-a0"}}));
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(Fixture("receiver_audio_subscription_legacy.json")),
            (ReceiverAudioSubscription{false, {"5e6f7a8b-a0", "9f00aa11-a0"}, {}}));

  const std::string prefix = R"({"colibriClass":"ReceiverAudioSubscription")";
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(prefix + "}"), ReceiverAudioSubscription{});
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(prefix + R"(,"mode":"All"})"),
            (ReceiverAudioSubscription{true, {}, {}}));
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(prefix + R"(,"mode":"None"})"),
            (ReceiverAudioSubscription{false, {}, {}}));
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(prefix + R"(,"mode":"Exclude","list":["s3"]})"),
            (ReceiverAudioSubscription{true, {}, {"s3"}}));
  EXPECT_EQ(ParseAs<ReceiverAudioSubscription>(prefix + R"(,"mode":"Include"})"),
            (ReceiverAudioSubscription{false, {}, {}}));
  Error e = ParseError(prefix + R"(,"mode":"all"})");  // legacy modes are exact strings
  EXPECT_EQ(e.code, "bridge_channel.bad-value");
  EXPECT_EQ(e.where, "/mode");

  // Output is always the current form.
  EXPECT_EQ(Value(Serialize(ParseAs<ReceiverAudioSubscription>(prefix + R"(,"mode":"Exclude","list":["s3"]})"))),
            Value(prefix + R"(,"all":true,"include":[],"exclude":["s3"]})"));
}

TEST(BridgeChannelParse, DominantSpeakerOmitsAbsentPreviousSpeakers) {
  auto m = ParseAs<DominantSpeakerEndpointChangeEvent>(Fixture("dominant_speaker.json"));
  EXPECT_EQ(m.dominant_speaker_endpoint, "5e6f7a8b");
  EXPECT_EQ(m.previous_speakers, (std::vector<std::string>{"1a2b3c4d"}));
  DominantSpeakerEndpointChangeEvent bare{"d", std::nullopt, true};
  EXPECT_EQ(Value(Serialize(bare)),
            Value(R"({"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"d","silence":true})"));
  // silence is a non-null Kotlin Boolean: null is an error, absence means false.
  EXPECT_EQ(ParseError(R"({"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"d","silence":null})")
                .code,
            "bridge_channel.bad-type");
  EXPECT_FALSE(ParseAs<DominantSpeakerEndpointChangeEvent>(
                   R"({"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"d"})")
                   .silence);
}

TEST(BridgeChannelParse, NumberRanges) {
  const std::string rvc = R"({"colibriClass":"ReceiverVideoConstraints",)";
  EXPECT_EQ(ParseAs<ReceiverVideoConstraints>(rvc + R"("lastN":2147483647})").last_n, 2147483647);
  EXPECT_EQ(ParseError(rvc + R"("lastN":2147483648})").code, "bridge_channel.bad-value");
  EXPECT_EQ(ParseAs<ReceiverVideoConstraints>(rvc + R"("lastN":-2147483648})").last_n,
            -2147483647 - 1);
  // An integral float is an integer (Jackson accepts it); a fraction is not.
  EXPECT_EQ(ParseAs<ReceiverVideoConstraints>(rvc + R"("lastN":5.0})").last_n, 5);
  EXPECT_EQ(ParseError(rvc + R"("lastN":5.5})").code, "bridge_channel.bad-value");
  EXPECT_EQ(ParseAs<ReceiverVideoConstraints>(rvc + R"("assumedBandwidthBps":9223372036854775807})")
                .assumed_bandwidth_bps,
            9223372036854775807LL);
  EXPECT_EQ(ParseError(rvc + R"("assumedBandwidthBps":9223372036854775808})").code,
            "bridge_channel.bad-value");
  EXPECT_EQ(ParseError(rvc + R"("assumedBandwidthBps":1e19})").code, "bridge_channel.bad-value");

  const std::string ss = R"({"colibriClass":"SyntheticSourceSendingChangeEvent","sourceName":"s","sending":false,"timestamp":)";
  EXPECT_EQ(ParseAs<SyntheticSourceSendingChangeEvent>(ss + "4294967295}").timestamp, 4294967295u);
  EXPECT_EQ(ParseError(ss + "4294967296}").code, "bridge_channel.bad-value");
  EXPECT_EQ(ParseError(ss + "-1}").code, "bridge_channel.bad-value");
  auto synthetic = ParseAs<SyntheticSourceSendingChangeEvent>(Fixture("synthetic_source_sending_change.json"));
  EXPECT_EQ(synthetic, (SyntheticSourceSendingChangeEvent{"55555555-a0.hi", true, 384000}));
  EXPECT_EQ(ParseAs<ConnectionStats>(Fixture("connection_stats.json")).estimated_downlink_bandwidth,
            2841000);
}

TEST(BridgeChannelParse, SizeCountAndDepthAreBounded) {
  std::string big = R"({"colibriClass":"EndpointStats","pad":")" + std::string(kMaxMessageBytes, 'x') + "\"}";
  EXPECT_EQ(ParseError(big).code, "bridge_channel.too-large");

  std::string list = R"({"colibriClass":"ForwardedSources","forwardedSources":[)";
  for (size_t i = 0; i <= kMaxListEntries; ++i) list += (i ? ",\"s\"" : "\"s\"");
  list += "]}";
  ASSERT_LE(list.size(), kMaxMessageBytes);
  Error e = ParseError(list);
  EXPECT_EQ(e.code, "bridge_channel.too-many");
  EXPECT_EQ(e.where, "/forwardedSources");

  std::string deep = R"({"colibriClass":"EndpointMessage","to":"","msgPayload":)";
  for (size_t i = 0; i < kMaxDepth; ++i) deep += "{\"a\":";
  deep += "1";
  for (size_t i = 0; i < kMaxDepth; ++i) deep += "}";
  deep += "}";
  EXPECT_EQ(ParseError(deep).code, "bridge_channel.too-deep");
  // Limits are parameters: a looser one accepts what the default refuses.
  ParseLimits loose;
  loose.max_depth = kMaxDepth + 2;
  EXPECT_TRUE(Parse(deep, loose).ok());
}

TEST(BridgeChannelSerialize, ColibriClassComesFirstAndOutputIsCompact) {
  ReceiverVideoConstraints m;
  m.last_n = 3;
  m.default_constraints = VideoConstraints{0};
  m.constraints = std::map<std::string, VideoConstraints>{{"epOnStage", {720}},
                                                          {"epThumbnail2", {180, 30.0}}};
  EXPECT_EQ(Serialize(m),
            R"({"colibriClass":"ReceiverVideoConstraints","lastN":3,"defaultConstraints":{"maxHeight":0},)"
            R"("constraints":{"epOnStage":{"maxHeight":720},"epThumbnail2":{"maxHeight":180,"maxFrameRate":30.0}}})");
  EXPECT_EQ(Serialize(ServerHello{}), R"({"colibriClass":"ServerHello"})");
  EXPECT_EQ(Serialize(ServerHello{"2.3"}), R"({"colibriClass":"ServerHello","version":"2.3"})");
  EXPECT_EQ(Serialize(SenderSourceConstraints{"1a2b3c4d-v0", 360}),
            R"({"colibriClass":"SenderSourceConstraints","sourceName":"1a2b3c4d-v0","maxHeight":360})");
  EXPECT_EQ(Serialize(AddReceiver{"jvb-1", "a-v0", {360}}),
            R"({"colibriClass":"AddReceiver","bridgeId":"jvb-1","sourceName":"a-v0","videoConstraints":{"maxHeight":360}})");
}

TEST(BridgeChannelSerialize, NeverThrowsOnInvalidUtf8AndFreeFormCannotShadowTypedFields) {
  EndpointMessage m;
  m.to = std::string("\xff\xfe", 2);
  m.other_fields["to"] = "spoofed";
  m.other_fields["colibriClass"] = "ClientHello";
  m.other_fields["extra"] = 1;
  const std::string out = Serialize(m);
  auto parsed = Parse(out);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString() << " " << out;
  const auto* again = std::get_if<EndpointMessage>(&*parsed);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->to, "\xEF\xBF\xBD\xEF\xBF\xBD");  // two U+FFFD
  EXPECT_EQ(again->other_fields.size(), 1u);
  EXPECT_EQ(again->other_fields["extra"], 1);
}

// Every alternative of Message serialises under its own class name and parses back equal.
template <size_t I = 0>
void CheckDefaultAlternativesRoundTrip() {
  if constexpr (I < std::variant_size_v<Message>) {
    Message m{std::in_place_index<I>};
    const std::string out = Serialize(m);
    auto parsed = Parse(out);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().ToString()) << " " << out;
    if (parsed.ok()) {
      EXPECT_EQ(parsed->index(), I) << out;
      EXPECT_EQ(*parsed, m) << out;
    }
    EXPECT_EQ(Value(out)["colibriClass"], std::string(ColibriClass(m)));
    CheckDefaultAlternativesRoundTrip<I + 1>();
  }
}

TEST(BridgeChannelSerialize, EveryAlternativeRoundTrips) {
  CheckDefaultAlternativesRoundTrip();
  EXPECT_EQ(ColibriClass(Message{EndpointConnectivityStatusChangeEvent{}}),
            "EndpointConnectivityStatusChangeEvent");
  EXPECT_EQ(ColibriClass(Message{LastNChangedEvent{}}), "LastNChangedEvent");
  EXPECT_EQ(ColibriClass(Message{DominantSpeakerEndpointChangeEvent{}}),
            "DominantSpeakerEndpointChangeEvent");
}

}  // namespace
}  // namespace meet::signaling::bridge_channel
