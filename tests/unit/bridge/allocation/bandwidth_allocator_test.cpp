#include "bridge/allocation/bandwidth_allocator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bridge/allocation/sender_constraints.hpp"

namespace meet::bridge::allocation {
namespace {

using signaling::bridge_channel::ReceiverVideoSettings;
using signaling::bridge_channel::VideoConstraints;

// A Chrome VP8 simulcast sender: 3 encodings (180p/360p/720p) x 3 temporal layers, with
// cumulative bitrates as a bridge measures them.
std::vector<VideoLayer> Simulcast(bool active = true) {
  return {
      {180, 7.5, 50'000, active},   {180, 15, 80'000, active},    {180, 30, 150'000, active},
      {360, 7.5, 200'000, active},  {360, 15, 300'000, active},   {360, 30, 500'000, active},
      {720, 7.5, 700'000, active},  {720, 15, 1'100'000, active}, {720, 30, 2'500'000, active},
  };
}

VideoSource Source(const std::string& owner, const std::string& suffix = "-v0", bool active = true) {
  return VideoSource{owner, owner + suffix, Simulcast(active)};
}

struct Height {
  int32_t height;
  double fps;
};

// The forwarded layer's height/fps, or {0, 0} when nothing is forwarded.
Height LayerOf(const Allocation& a, const std::vector<VideoSource>& sources,
               const std::string& name) {
  const SourceAllocation* s = a.Find(name);
  if (s == nullptr || s->layer < 0) return {0, 0};
  for (const auto& src : sources) {
    if (src.name == name) {
      const VideoLayer& l = src.layers[static_cast<size_t>(s->layer)];
      return {l.height, l.frame_rate};
    }
  }
  return {0, 0};
}

class AllocatorTest : public ::testing::Test {
 protected:
  const Allocation& Run(int64_t bps) {
    AllocationInput input;
    input.receiver = receiver;
    input.settings = &settings;
    input.sources = sources;
    input.speech_order = speech;
    input.available_bps = bps;
    return allocator.Allocate(input);
  }
  Height Layer(const std::string& name) { return LayerOf(allocator.last(), sources, name); }

  std::string receiver = "ffff0000";
  ReceiverVideoSettings settings;
  std::vector<VideoSource> sources{Source("aaaa0001"), Source("bbbb0002"), Source("cccc0003")};
  std::vector<std::string> speech{"aaaa0001", "bbbb0002", "cccc0003"};
  BandwidthAllocator allocator;
};

#define EXPECT_LAYER(name, h, f)             \
  do {                                       \
    const Height got = Layer(name);          \
    EXPECT_EQ(got.height, h) << name;        \
    EXPECT_EQ(got.fps, f) << name;           \
  } while (0)

TEST_F(AllocatorTest, NothingIsForwardedBeforeReceiverVideoConstraints) {
  // ReceiverVideoSettings as the bridge holds them before any message: maxHeight 0.
  const Allocation& a = Run(10'000'000);
  EXPECT_TRUE(a.forwarded_sources.empty());
  ASSERT_EQ(a.sources.size(), 3u);
  for (const auto& s : a.sources) {
    EXPECT_EQ(s.layer, SourceAllocation::kNoLayer);
    EXPECT_EQ(s.effective_max_height, 0);
  }
  EXPECT_EQ(a.allocated_bps, 0);
}

TEST_F(AllocatorTest, DefaultConstraintGivesEveryoneTheBest180pLayer) {
  settings.default_constraints = VideoConstraints{180};
  const Allocation& a = Run(10'000'000);
  EXPECT_EQ(a.forwarded_sources, (std::vector<std::string>{"aaaa0001-v0", "bbbb0002-v0", "cccc0003-v0"}));
  EXPECT_LAYER("aaaa0001-v0", 180, 30);
  EXPECT_LAYER("bbbb0002-v0", 180, 30);
  EXPECT_LAYER("cccc0003-v0", 180, 30);
  EXPECT_EQ(a.allocated_bps, 3 * 150'000);
  EXPECT_EQ(a.Find("bbbb0002-v0")->effective_max_height, 180);
}

TEST_F(AllocatorTest, ThumbnailsImproveOneLayerPerRoundInSpeechOrder) {
  settings.default_constraints = VideoConstraints{180};
  // 310 kbps: round 1 gives every source 7.5 fps (3 x 50k), round 2 15 fps (+30k each,
  // 240k in all), round 3 30 fps (+70k) only to the dominant speaker, who comes first.
  speech = {"cccc0003", "aaaa0001", "bbbb0002"};
  Run(310'000);
  EXPECT_LAYER("cccc0003-v0", 180, 30);
  EXPECT_LAYER("aaaa0001-v0", 180, 15);
  EXPECT_LAYER("bbbb0002-v0", 180, 15);
  EXPECT_EQ(allocator.last().allocated_bps, 310'000);
  // 300 kbps is 10k short of that step: everyone stays at 15 fps.
  Run(300'000);
  EXPECT_LAYER("cccc0003-v0", 180, 15);
  EXPECT_EQ(allocator.last().allocated_bps, 240'000);
  // 120 kbps: two thumbnails at 7.5 fps, the last speaker gets nothing.
  Run(120'000);
  EXPECT_EQ(allocator.last().forwarded_sources,
            (std::vector<std::string>{"cccc0003-v0", "aaaa0001-v0"}));
}

TEST_F(AllocatorTest, OnStageIsAllocatedGreedilyUpTo360pFirst) {
  settings.default_constraints = VideoConstraints{180};
  settings.on_stage_sources = {"cccc0003-v0"};
  settings.constraints["cccc0003-v0"] = VideoConstraints{720};
  // 600 kbps: the on-stage source jumps to 360p@30 (500k) before any thumbnail gets a bit;
  // the remaining 100k buys 7.5 fps thumbnails in speech order (50k each).
  Run(600'000);
  EXPECT_LAYER("cccc0003-v0", 360, 30);
  EXPECT_LAYER("aaaa0001-v0", 180, 7.5);
  EXPECT_LAYER("bbbb0002-v0", 180, 7.5);
  EXPECT_EQ(allocator.last().forwarded_sources.front(), "cccc0003-v0");
  EXPECT_TRUE(allocator.last().Find("cccc0003-v0")->on_stage);

  // 450 kbps: the on-stage source cannot reach its preferred layer (360p@30): it takes the best
  // layer that fits and the thumbnails get nothing (stage view).
  Run(450'000);
  EXPECT_LAYER("cccc0003-v0", 360, 15);
  EXPECT_LAYER("aaaa0001-v0", 0, 0);
  EXPECT_LAYER("bbbb0002-v0", 0, 0);
  EXPECT_EQ(allocator.last().forwarded_sources, std::vector<std::string>{"cccc0003-v0"});

  // Plenty: 720p@30 on stage, 180p@30 thumbnails.
  Run(5'000'000);
  EXPECT_LAYER("cccc0003-v0", 720, 30);
  EXPECT_LAYER("aaaa0001-v0", 180, 30);
}

TEST_F(AllocatorTest, OnStageAbove360pOnlyWith30Fps) {
  settings.default_constraints = VideoConstraints{0};
  settings.on_stage_sources = {"aaaa0001-v0"};
  settings.constraints["aaaa0001-v0"] = VideoConstraints{-1};
  // The 720p encoding runs at 15 fps at most (e.g. a CPU-limited sender).
  sources[0].layers = {{180, 7.5, 50'000},  {180, 15, 80'000},    {360, 7.5, 200'000},
                       {360, 15, 300'000},  {720, 7.5, 700'000},  {720, 15, 1'100'000}};
  Run(10'000'000);
  EXPECT_LAYER("aaaa0001-v0", 360, 15);
  // A thumbnail (not on stage) with the same layers and no height limit takes 720p@15.
  settings.on_stage_sources.clear();
  Run(10'000'000);
  EXPECT_LAYER("aaaa0001-v0", 720, 15);
}

TEST_F(AllocatorTest, SelectedSourcesComeBeforeSpeechOrder) {
  settings.default_constraints = VideoConstraints{180};
  settings.selected_sources = {"cccc0003-v0"};
  // Room for a single 7.5 fps thumbnail: the selected source wins over the dominant speaker.
  Run(60'000);
  EXPECT_EQ(allocator.last().forwarded_sources, std::vector<std::string>{"cccc0003-v0"});
  EXPECT_TRUE(allocator.last().Find("cccc0003-v0")->selected);
  EXPECT_EQ(allocator.last().sources[0].name, "cccc0003-v0");
  EXPECT_EQ(allocator.last().sources[1].name, "aaaa0001-v0");
  // On-stage comes before selected.
  settings.on_stage_sources = {"bbbb0002-v0"};
  Run(60'000);
  EXPECT_EQ(allocator.last().sources[0].name, "bbbb0002-v0");
  EXPECT_EQ(allocator.last().sources[1].name, "cccc0003-v0");
  EXPECT_EQ(allocator.last().forwarded_sources, std::vector<std::string>{"bbbb0002-v0"});
}

TEST_F(AllocatorTest, DominantSpeakerGetsTheBandwidthFirst) {
  settings.default_constraints = VideoConstraints{180};
  speech = {"bbbb0002", "cccc0003", "aaaa0001"};
  Run(110'000);
  EXPECT_EQ(allocator.last().forwarded_sources,
            (std::vector<std::string>{"bbbb0002-v0", "cccc0003-v0"}));
  // Endpoints missing from the speech list come after those in it, in input order.
  sources.push_back(Source("dddd0004"));
  speech = {"dddd0004"};
  Run(110'000);
  EXPECT_EQ(allocator.last().forwarded_sources,
            (std::vector<std::string>{"dddd0004-v0", "aaaa0001-v0"}));
}

TEST_F(AllocatorTest, EndpointsNotSendingVideoGoLast) {
  settings.default_constraints = VideoConstraints{180};
  settings.last_n = 2;
  // The dominant speaker has its camera off.
  sources[0] = Source("aaaa0001", "-v0", /*active=*/false);
  const Allocation& a = Run(10'000'000);
  ASSERT_EQ(a.sources.size(), 3u);
  EXPECT_EQ(a.sources[0].name, "bbbb0002-v0");
  EXPECT_EQ(a.sources[1].name, "cccc0003-v0");
  EXPECT_EQ(a.sources[2].name, "aaaa0001-v0");
  EXPECT_EQ(a.forwarded_sources, (std::vector<std::string>{"bbbb0002-v0", "cccc0003-v0"}));
  EXPECT_EQ(a.sources[2].effective_max_height, 0);  // beyond last-N
}

TEST_F(AllocatorTest, LastNZeroesConstraintsBeyondN) {
  settings.default_constraints = VideoConstraints{360};
  sources.push_back(Source("dddd0004"));
  speech = {"dddd0004", "cccc0003", "bbbb0002", "aaaa0001"};
  settings.last_n = 2;
  Run(10'000'000);
  EXPECT_EQ(allocator.last().forwarded_sources,
            (std::vector<std::string>{"dddd0004-v0", "cccc0003-v0"}));
  EXPECT_EQ(allocator.last().Find("cccc0003-v0")->effective_max_height, 360);
  EXPECT_EQ(allocator.last().Find("bbbb0002-v0")->effective_max_height, 0);
  // lastN 0: no video at all; -1: everyone.
  settings.last_n = 0;
  EXPECT_TRUE(Run(10'000'000).forwarded_sources.empty());
  settings.last_n = -1;
  EXPECT_EQ(Run(10'000'000).forwarded_sources.size(), 4u);
  // The bridge's own last-N also limits.
  BandwidthAllocator limited(AllocatorConfig{.bridge_last_n = 1});
  AllocationInput input{receiver, &settings, sources, speech, 10'000'000};
  EXPECT_EQ(limited.Allocate(input).forwarded_sources, std::vector<std::string>{"dddd0004-v0"});
}

TEST_F(AllocatorTest, ReceiversOwnSourcesAreNeverForwarded) {
  settings.default_constraints = VideoConstraints{-1};
  receiver = "bbbb0002";
  sources.push_back(Source("bbbb0002", "-v1"));  // its screen share too
  const Allocation& a = Run(10'000'000);
  EXPECT_EQ(a.sources.size(), 2u);
  EXPECT_EQ(a.Find("bbbb0002-v0"), nullptr);
  EXPECT_EQ(a.Find("bbbb0002-v1"), nullptr);
}

TEST_F(AllocatorTest, InactiveLayersAreSkippedAndASingleHighLayerExceedsTheConstraint) {
  settings.default_constraints = VideoConstraints{360};
  // Layer suspension: the sender stopped its 360p and 720p encodings.
  for (auto& l : sources[0].layers) l.active = l.height == 180;
  // A non-simulcast sender with one 720p stream.
  sources[1].layers = {{720, 30, 1'200'000}};
  Run(10'000'000);
  EXPECT_LAYER("aaaa0001-v0", 180, 30);
  EXPECT_LAYER("bbbb0002-v0", 720, 30);
  // ... but only when the bandwidth allows.
  Run(1'000'000);
  EXPECT_LAYER("bbbb0002-v0", 0, 0);
}

TEST_F(AllocatorTest, MaxFrameRateConstraintIsHonoured) {
  settings.default_constraints = VideoConstraints{360, 15.0};
  Run(10'000'000);
  EXPECT_LAYER("aaaa0001-v0", 360, 15);
}

TEST_F(AllocatorTest, AssumedBandwidthOverridesTheEstimate) {
  settings.default_constraints = VideoConstraints{180};
  settings.assumed_bandwidth_bps = 100'000;
  const Allocation& a = Run(10'000'000);
  EXPECT_EQ(a.available_bps, 100'000);
  EXPECT_LE(a.allocated_bps, 100'000);
  EXPECT_EQ(a.forwarded_sources.size(), 2u);
}

TEST_F(AllocatorTest, OnStageSourceOversendsItsLowestLayer) {
  settings.default_constraints = VideoConstraints{180};
  settings.on_stage_sources = {"bbbb0002-v0"};
  settings.constraints["bbbb0002-v0"] = VideoConstraints{720};
  const Allocation& a = Run(20'000);
  EXPECT_TRUE(a.oversending);
  EXPECT_EQ(a.forwarded_sources, std::vector<std::string>{"bbbb0002-v0"});
  EXPECT_LAYER("bbbb0002-v0", 180, 7.5);

  BandwidthAllocator strict(AllocatorConfig{.allow_oversend_on_stage = false});
  AllocationInput input{receiver, &settings, sources, speech, 20'000};
  EXPECT_TRUE(strict.Allocate(input).forwarded_sources.empty());
  EXPECT_FALSE(strict.last().oversending);
}

TEST_F(AllocatorTest, DeterministicAndReportsChanges) {
  settings.default_constraints = VideoConstraints{180};
  const Allocation first = Run(200'000);
  EXPECT_TRUE(allocator.forwarded_sources_changed());
  const Allocation second = Run(200'000);
  EXPECT_EQ(first, second);
  EXPECT_FALSE(allocator.forwarded_sources_changed());
  Run(60'000);
  EXPECT_TRUE(allocator.forwarded_sources_changed());
  // Re-run on > 15 % change of the estimate.
  EXPECT_FALSE(allocator.ShouldReallocate(66'000));
  EXPECT_TRUE(allocator.ShouldReallocate(70'000));
  EXPECT_TRUE(allocator.ShouldReallocate(50'000));
}

TEST(SenderConstraints, MaxHeightAnyReceiverWants) {
  Allocation r1;
  r1.sources = {{"aaaa0001", "aaaa0001-v0", 2, 150'000, 180}, {"bbbb0002", "bbbb0002-v0", -1, 0, 0}};
  Allocation r2;
  r2.sources = {{"aaaa0001", "aaaa0001-v0", 5, 500'000, 720}, {"bbbb0002", "bbbb0002-v0", -1, 0, 0},
                {"cccc0003", "cccc0003-v0", 8, 2'500'000, -1}};
  Allocation r3;
  r3.sources = {{"cccc0003", "cccc0003-v0", 2, 150'000, 180}};
  const Allocation* all[] = {&r1, &r2, &r3, nullptr};
  const auto max = MaxHeightBySource(all);
  EXPECT_EQ(max.at("aaaa0001-v0"), 720);
  EXPECT_EQ(max.at("bbbb0002-v0"), 0);
  EXPECT_EQ(max.at("cccc0003-v0"), -1);  // unlimited wins
  EXPECT_EQ(max.size(), 3u);
}

}  // namespace
}  // namespace meet::bridge::allocation
