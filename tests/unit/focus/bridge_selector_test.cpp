#include "focus/bridge_selector.hpp"

#include <gtest/gtest.h>

#include "signaling/xml/xml.hpp"

namespace meet::focus {
namespace {

using signaling::stanzas::BridgeStats;

BridgeStats Stats(double stress) {
  BridgeStats s;
  s.SetStressLevel(stress).SetRegion("r1").SetDrain(false).SetGracefulShutdown(false).SetShuttingDown(false);
  return s;
}

TEST(BridgeSelectorTest, PicksLeastStressed) {
  BridgeSelector sel;
  EXPECT_FALSE(sel.Select().has_value());
  EXPECT_TRUE(sel.Update("brewery@internal/jvb-1", Stats(0.5)));
  EXPECT_TRUE(sel.Update("brewery@internal/jvb-2", Stats(0.1)));
  EXPECT_TRUE(sel.Update("brewery@internal/jvb-3", Stats(0.3)));
  EXPECT_EQ(sel.Select(), "brewery@internal/jvb-2");
  // A stats update changes the order.
  EXPECT_FALSE(sel.Update("brewery@internal/jvb-2", Stats(0.9)));
  EXPECT_EQ(sel.Select(), "brewery@internal/jvb-3");
}

TEST(BridgeSelectorTest, NeverPicksDrainingOrShuttingDownBridges) {
  BridgeSelector sel;
  sel.Update("b/drain", Stats(0.0).SetDrain(true));
  sel.Update("b/graceful", Stats(0.0).SetGracefulShutdown(true));
  sel.Update("b/shutting", Stats(0.0).SetShuttingDown(true));
  EXPECT_FALSE(sel.Select().has_value());
  EXPECT_EQ(sel.SelectableCount(), 0u);
  sel.Update("b/busy", Stats(0.95));
  EXPECT_EQ(sel.Select(), "b/busy");
}

TEST(BridgeSelectorTest, SkipsUnhealthyAndNonOperationalAndRemoved) {
  BridgeSelector sel;
  sel.Update("b/1", Stats(0.1));
  sel.Update("b/2", Stats(0.2));
  sel.SetHealthy("b/1", false);
  EXPECT_EQ(sel.Select(), "b/2");
  sel.SetOperational("b/2", false);
  EXPECT_FALSE(sel.Select().has_value());
  sel.SetHealthy("b/1", true);
  EXPECT_EQ(sel.Select(), "b/1");
  EXPECT_TRUE(sel.Remove("b/1"));
  EXPECT_FALSE(sel.Remove("b/1"));
  // A new presence makes a failed bridge operational again.
  sel.Update("b/2", Stats(0.2));
  EXPECT_EQ(sel.Select(), "b/2");
}

TEST(BridgeSelectorTest, StatsFromPresenceAndTieBreakByConferences) {
  auto presence = signaling::xml::Parse(
      "<presence from='jvbbrewery@internal.auth.meet.test/jvb-a'>"
      "<stats xmlns='http://jitsi.org/protocol/colibri'><stat name='stress_level' value='0.2'/>"
      "<stat name='region' value='eu'/><stat name='drain' value='false'/></stats></presence>");
  ASSERT_TRUE(presence.ok());
  auto stats = BridgeStats::Parse(**presence);
  ASSERT_TRUE(stats.ok());
  BridgeSelector sel;
  sel.Update("jvbbrewery@internal.auth.meet.test/jvb-a", *stats);
  sel.Update("jvbbrewery@internal.auth.meet.test/jvb-b", *stats);
  EXPECT_EQ(sel.Find("jvbbrewery@internal.auth.meet.test/jvb-a")->Region(), "eu");
  sel.AddConference("jvbbrewery@internal.auth.meet.test/jvb-a", 1);
  EXPECT_EQ(sel.Select(), "jvbbrewery@internal.auth.meet.test/jvb-b");
}

}  // namespace
}  // namespace meet::focus
