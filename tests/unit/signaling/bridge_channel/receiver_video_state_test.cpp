#include "signaling/bridge_channel/receiver_video_state.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "signaling/bridge_channel/message_codec.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::bridge_channel {
namespace {

ReceiverVideoConstraints ParseConstraints(std::string_view text) {
  auto parsed = Parse(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().ToString());
  if (!parsed.ok()) return {};
  const auto* m = std::get_if<ReceiverVideoConstraints>(&*parsed);
  EXPECT_NE(m, nullptr);
  return m != nullptr ? *m : ReceiverVideoConstraints{};
}

TEST(ReceiverVideoState, NoVideoBeforeTheFirstMessage) {
  ReceiverVideoState state;
  EXPECT_FALSE(state.constraints_received());
  EXPECT_EQ(state.settings().last_n, -1);
  EXPECT_EQ(state.settings().default_constraints.max_height, 0);
  EXPECT_TRUE(state.settings().ConstraintsFor("5e6f7a8b-v0").IsDisabled());
  EXPECT_EQ(state.settings().assumed_bandwidth_bps, -1);
}

TEST(ReceiverVideoState, FirstMessageWithoutDefaultConstraintsGets180) {
  ReceiverVideoState state;
  EXPECT_TRUE(state.Apply(ParseConstraints(R"({"colibriClass":"ReceiverVideoConstraints","lastN":4})")));
  EXPECT_TRUE(state.constraints_received());
  EXPECT_EQ(state.settings().last_n, 4);
  EXPECT_EQ(state.settings().default_constraints, VideoConstraints{180});

  // Later messages without defaultConstraints leave the default alone (JVB everSet).
  EXPECT_TRUE(state.Apply(ParseConstraints(
      R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":360}})")));
  EXPECT_FALSE(state.Apply(ParseConstraints(R"({"colibriClass":"ReceiverVideoConstraints"})")));
  EXPECT_EQ(state.settings().default_constraints.max_height, 360);
  EXPECT_EQ(state.settings().last_n, 4);
}

TEST(ReceiverVideoState, OnlyPresentFieldsChangeState) {
  ReceiverVideoState state;
  EXPECT_TRUE(state.Apply(ParseConstraints(
      meet::test::ReadData("bridge_channel/receiver_video_constraints.json"))));
  const ReceiverVideoSettings after_first = state.settings();
  EXPECT_EQ(after_first.last_n, 20);
  EXPECT_EQ(after_first.on_stage_sources, (std::vector<std::string>{"5e6f7a8b-v0"}));
  EXPECT_EQ(after_first.selected_sources, (std::vector<std::string>{"9f00aa11-v1"}));
  EXPECT_EQ(after_first.ConstraintsFor("5e6f7a8b-v0").max_height, 720);
  EXPECT_EQ(after_first.ConstraintsFor("9f00aa11-v1"), (VideoConstraints{1080, 30.0}));
  EXPECT_EQ(after_first.ConstraintsFor("unknown-v0").max_height, 180);  // the default

  // Same content again: nothing changes.
  EXPECT_FALSE(state.Apply(ParseConstraints(
      meet::test::ReadData("bridge_channel/receiver_video_constraints.json"))));

  // Only onStageSources: every other field keeps its value.
  EXPECT_TRUE(state.Apply(ParseConstraints(
      R"({"colibriClass":"ReceiverVideoConstraints","onStageSources":["9f00aa11-v1"]})")));
  ReceiverVideoSettings expected = after_first;
  expected.on_stage_sources = {"9f00aa11-v1"};
  EXPECT_EQ(state.settings(), expected);

  // A present (even empty) map or list replaces the old one.
  EXPECT_TRUE(state.Apply(ParseConstraints(
      R"({"colibriClass":"ReceiverVideoConstraints","constraints":{},"selectedSources":[]})")));
  EXPECT_TRUE(state.settings().constraints.empty());
  EXPECT_TRUE(state.settings().selected_sources.empty());
  EXPECT_EQ(state.settings().ConstraintsFor("5e6f7a8b-v0").max_height, 180);
}

TEST(ReceiverVideoState, AssumedBandwidthNeedsAConfiguredLimit) {
  const auto message = ParseConstraints(
      R"({"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":-1},"assumedBandwidthBps":5000000})");
  ReceiverVideoState plain;
  EXPECT_TRUE(plain.Apply(message));
  EXPECT_EQ(plain.settings().assumed_bandwidth_bps, -1);
  EXPECT_FALSE(plain.settings().default_constraints.HeightIsLimited());

  ReceiverVideoConfig config;
  config.assumed_bandwidth_limit_bps = 2000000;
  ReceiverVideoState limited(config);
  EXPECT_TRUE(limited.Apply(message));
  EXPECT_EQ(limited.settings().assumed_bandwidth_bps, 2000000);
  EXPECT_TRUE(limited.Apply(ParseConstraints(
      R"({"colibriClass":"ReceiverVideoConstraints","assumedBandwidthBps":1000})")));
  EXPECT_EQ(limited.settings().assumed_bandwidth_bps, 1000);
}

TEST(ReceiverVideoState, LastNChangedEventAndConfig) {
  ReceiverVideoConfig config;
  config.initial_last_n = 10;
  config.initial_max_height = 90;
  config.default_max_height = 360;
  ReceiverVideoState state(config);
  EXPECT_EQ(state.settings().last_n, 10);
  EXPECT_EQ(state.settings().default_constraints.max_height, 90);
  EXPECT_TRUE(state.Apply(LastNChangedEvent{3}));
  EXPECT_FALSE(state.Apply(LastNChangedEvent{3}));
  EXPECT_EQ(state.settings().last_n, 3);
  EXPECT_FALSE(state.constraints_received());  // LastNChangedEvent is not a constraints message
  EXPECT_TRUE(state.Apply(ReceiverVideoConstraints{}));
  EXPECT_EQ(state.settings().default_constraints.max_height, 360);
  EXPECT_EQ(state.settings().last_n, 3);
}

}  // namespace
}  // namespace meet::signaling::bridge_channel
