#include "bridge/speech/dominant_speaker_identification.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace meet::bridge::speech {
namespace {

using namespace std::chrono_literals;
using TimePoint = DominantSpeakerIdentification::TimePoint;

// Synthetic audio levels (level = 127 - dBov): background noise around -100 dBov, speech
// around -30 dBov with syllable-like variation.
constexpr int kNoiseLevels[] = {24, 27, 22, 26, 25, 23, 28};
constexpr int kSpeechLevels[] = {92, 101, 88, 97, 104, 95, 86, 99};

enum class Activity { kNoPackets, kNoise, kSpeech };

// Drives a detector with one packet per 20 ms per endpoint and Decide() every 20 ms.
class Simulation {
 public:
  using Script = std::function<Activity(const std::string& endpoint, int64_t ms)>;

  explicit Simulation(std::vector<std::string> endpoints) : endpoints_(std::move(endpoints)) {}

  // Runs [from_ms, to_ms) with `script` deciding what each endpoint sends.
  void Run(int64_t from_ms, int64_t to_ms, const Script& script) {
    for (int64_t ms = from_ms; ms < to_ms; ms += 20) {
      const TimePoint now = TimePoint{} + std::chrono::milliseconds(ms);
      for (const auto& ep : endpoints_) {
        const Activity activity = script(ep, ms);
        const size_t i = static_cast<size_t>(ms / 20);
        if (activity == Activity::kNoise) {
          detector.LevelChanged(ep, kNoiseLevels[i % std::size(kNoiseLevels)], now);
        } else if (activity == Activity::kSpeech) {
          detector.LevelChanged(ep, kSpeechLevels[i % std::size(kSpeechLevels)], now);
        }
      }
      if (auto change = detector.Decide(now)) changes.push_back({ms, *change});
    }
  }

  struct Change {
    int64_t ms;
    DominantSpeakerChange change;
  };
  DominantSpeakerIdentification detector;
  std::vector<Change> changes;

 private:
  std::vector<std::string> endpoints_;
};

Simulation::Script Speaking(const std::string& who) {
  return [who](const std::string& ep, int64_t) {
    return ep == who ? Activity::kSpeech : Activity::kNoise;
  };
}

Activity AllNoise(const std::string&, int64_t) { return Activity::kNoise; }

TEST(SpeakerScore, FollowsTheBinomialExponentialModel) {
  // Nothing active: the log-likelihood ratio is negative and floors at kMinScore.
  EXPECT_EQ(Speaker::ActivityScore(0, 13, 0.5, 0.78), Speaker::kMinScore);
  EXPECT_EQ(Speaker::ActivityScore(0, 5, 0.5, 24), Speaker::kMinScore);
  // ln C(13,12) + 13 ln 0.5 - ln 0.78 + 0.78 * 12
  const double expected = std::log(13.0) + 13 * std::log(0.5) - std::log(0.78) + 0.78 * 12;
  EXPECT_NEAR(Speaker::ActivityScore(12, 13, 0.5, 0.78), expected, 1e-9);
  EXPECT_NEAR(Speaker::ActivityScore(5, 5, 0.5, 24), 5 * std::log(0.5) - std::log(24.0) + 120,
              1e-9);
  // More activity, higher score.
  for (int k = 1; k < 10; ++k) {
    EXPECT_LT(Speaker::ActivityScore(k, 10, 0.5, 47), Speaker::ActivityScore(k + 1, 10, 0.5, 47));
  }
  // Out-of-range counts are clamped, not read out of bounds.
  EXPECT_EQ(Speaker::ActivityScore(20, 10, 0.5, 47), Speaker::ActivityScore(10, 10, 0.5, 47));
}

TEST(SpeakerScore, NoiseFloorIsTrackedAndLevelsNearItCountAsSilence) {
  Speaker s(TimePoint{}, 0);
  for (int i = 0; i < 60; ++i) s.LevelChanged(kNoiseLevels[i % std::size(kNoiseLevels)], TimePoint{} + i * 20ms);
  EXPECT_EQ(s.min_level(), 22);
  s.EvaluateScores();
  EXPECT_EQ(s.immediate_score(), Speaker::kMinScore);
  EXPECT_EQ(s.medium_score(), Speaker::kMinScore);
  EXPECT_EQ(s.long_score(), Speaker::kMinScore);
  for (int i = 0; i < 50; ++i) s.LevelChanged(kSpeechLevels[i % std::size(kSpeechLevels)], TimePoint{} + 2s + i * 20ms);
  s.EvaluateScores();
  EXPECT_GT(s.immediate_score(), 1.0);
  EXPECT_GT(s.medium_score(), 50.0);
  EXPECT_GT(s.long_score(), 50.0);
  // Silence (level 0) never lowers the floor.
  s.LevelChanged(0, TimePoint{} + 3s);
  EXPECT_EQ(s.min_level(), 22);
}

TEST(SpeakerScore, NoiseFloorRisesSlowlyAfterAFullWindow) {
  Speaker s(TimePoint{}, 0);
  s.LevelChanged(20, TimePoint{});
  for (int i = 0; i < Speaker::kMinLevelWindow - 1; ++i) s.LevelChanged(80, TimePoint{} + i * 20ms);
  EXPECT_EQ(s.min_level(), 20);
  s.LevelChanged(80, TimePoint{} + 20s);
  EXPECT_EQ(s.min_level(), 40);  // sqrt(20 * 80)
}

TEST(DominantSpeaker, LoudSpeakerAmongQuietOnesBecomesDominant) {
  Simulation sim({"aaaa0001", "bbbb0002", "cccc0003"});
  sim.Run(0, 1000, AllNoise);
  // Someone is elected at the first decision even in silence: the first endpoint seen.
  ASSERT_EQ(sim.changes.size(), 1u);
  EXPECT_EQ(sim.changes[0].change.dominant, "aaaa0001");
  EXPECT_TRUE(sim.changes[0].change.previous_speakers.empty());

  sim.Run(1000, 3000, Speaking("bbbb0002"));
  ASSERT_EQ(sim.changes.size(), 2u);
  EXPECT_EQ(sim.changes[1].change.dominant, "bbbb0002");
  EXPECT_EQ(sim.changes[1].change.previous_speakers, std::vector<std::string>{"aaaa0001"});
  // Long-term evidence is needed: a full medium window (100 ms) of speech first.
  EXPECT_GE(sim.changes[1].ms, 1100);
  EXPECT_LE(sim.changes[1].ms, 1700);
  EXPECT_EQ(sim.detector.dominant(), "bbbb0002");
}

TEST(DominantSpeaker, SwitchesWhenAnotherSpeaksLonger) {
  Simulation sim({"aaaa0001", "bbbb0002", "cccc0003"});
  sim.Run(0, 500, AllNoise);
  sim.Run(500, 3000, Speaking("bbbb0002"));
  ASSERT_EQ(sim.detector.dominant(), "bbbb0002");
  const size_t before = sim.changes.size();
  sim.Run(3000, 6000, Speaking("cccc0003"));
  ASSERT_EQ(sim.changes.size(), before + 1);
  EXPECT_EQ(sim.changes.back().change.dominant, "cccc0003");
  EXPECT_EQ(sim.changes.back().change.previous_speakers,
            (std::vector<std::string>{"bbbb0002", "aaaa0001"}));
  // And back again: the list is most recent first and never holds the dominant.
  sim.Run(6000, 9000, Speaking("aaaa0001"));
  EXPECT_EQ(sim.changes.back().change.dominant, "aaaa0001");
  EXPECT_EQ(sim.changes.back().change.previous_speakers,
            (std::vector<std::string>{"cccc0003", "bbbb0002"}));
}

TEST(DominantSpeaker, ShortBurstDoesNotStealTheFloor) {
  Simulation sim({"aaaa0001", "bbbb0002"});
  sim.Run(0, 500, AllNoise);
  sim.Run(500, 3000, Speaking("aaaa0001"));
  ASSERT_EQ(sim.detector.dominant(), "aaaa0001");
  const size_t before = sim.changes.size();
  // A pauses; B coughs for 60 ms (three packets), never a full medium window.
  sim.Run(3000, 5000, [](const std::string& ep, int64_t ms) {
    return ep == "bbbb0002" && ms >= 3500 && ms < 3560 ? Activity::kSpeech : Activity::kNoise;
  });
  EXPECT_EQ(sim.changes.size(), before);
  EXPECT_EQ(sim.detector.dominant(), "aaaa0001");
}

TEST(DominantSpeaker, SilenceKeepsTheLastDominantSpeaker) {
  Simulation sim({"aaaa0001", "bbbb0002", "cccc0003"});
  sim.Run(0, 400, AllNoise);
  sim.Run(400, 2500, Speaking("cccc0003"));
  ASSERT_EQ(sim.detector.dominant(), "cccc0003");
  const size_t before = sim.changes.size();
  // Everyone stops sending (DTX): levels time out to silence, nobody takes over.
  sim.Run(2500, 8000, [](const std::string&, int64_t) { return Activity::kNoPackets; });
  // Then background noise only.
  sim.Run(8000, 10000, AllNoise);
  EXPECT_EQ(sim.changes.size(), before);
  EXPECT_EQ(sim.detector.dominant(), "cccc0003");
  // The level time-out filled the history with silence.
  const Speaker* c = sim.detector.FindSpeaker("cccc0003");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->long_score(), Speaker::kMinScore);
}

TEST(DominantSpeaker, LevelTimeOutLetsAChallengerWinAfterTheDominantStopsSending) {
  Simulation sim({"aaaa0001", "bbbb0002"});
  sim.Run(0, 400, AllNoise);
  sim.Run(400, 2500, Speaking("aaaa0001"));
  ASSERT_EQ(sim.detector.dominant(), "aaaa0001");
  // A's last packets were loud; A then sends nothing at all while B talks. Without the 40 ms
  // time-out A's history would stay loud forever and B could never win.
  sim.Run(2500, 5000, [](const std::string& ep, int64_t) {
    return ep == "bbbb0002" ? Activity::kSpeech : Activity::kNoPackets;
  });
  EXPECT_EQ(sim.detector.dominant(), "bbbb0002");
}

TEST(DominantSpeaker, RemovedEndpointsLeaveTheDominantAndPreviousSpeakers) {
  Simulation sim({"aaaa0001", "bbbb0002", "cccc0003"});
  sim.Run(0, 400, AllNoise);
  sim.Run(400, 2500, Speaking("bbbb0002"));
  sim.Run(2500, 5000, Speaking("cccc0003"));
  ASSERT_EQ(sim.detector.dominant(), "cccc0003");
  ASSERT_EQ(sim.detector.previous_speakers(), (std::vector<std::string>{"bbbb0002", "aaaa0001"}));

  sim.detector.RemoveEndpoint("bbbb0002");
  EXPECT_EQ(sim.detector.previous_speakers(), std::vector<std::string>{"aaaa0001"});
  EXPECT_EQ(sim.detector.FindSpeaker("bbbb0002"), nullptr);
  EXPECT_EQ(sim.detector.speaker_count(), 2u);

  // Removing the dominant speaker: the next decision elects the most active remaining one.
  const size_t before = sim.changes.size();
  sim.detector.RemoveEndpoint("cccc0003");
  EXPECT_EQ(sim.detector.dominant(), "");
  sim.Run(5000, 6000, [](const std::string& ep, int64_t) {
    return ep == "aaaa0001" ? Activity::kSpeech : Activity::kNoPackets;
  });
  ASSERT_EQ(sim.changes.size(), before + 1);
  EXPECT_EQ(sim.changes.back().change.dominant, "aaaa0001");
  EXPECT_TRUE(sim.changes.back().change.previous_speakers.empty());
  // Unknown endpoints are ignored.
  sim.detector.RemoveEndpoint("ffff9999");
  EXPECT_EQ(sim.detector.dominant(), "aaaa0001");
}

TEST(DominantSpeaker, IdleSpeakersAreDroppedAfterAnHour) {
  DominantSpeakerIdentification d;
  const TimePoint t0{};
  d.LevelChanged("aaaa0001", 25, t0);
  d.LevelChanged("bbbb0002", 25, t0);
  ASSERT_TRUE(d.Decide(t0).has_value());
  EXPECT_EQ(d.dominant(), "aaaa0001");
  // B keeps sending, A goes quiet for good.
  for (auto t = t0 + 20ms; t < t0 + 59min; t += 1min) d.LevelChanged("bbbb0002", 25, t);
  EXPECT_FALSE(d.Decide(t0 + 59min).has_value());
  EXPECT_EQ(d.speaker_count(), 2u);
  d.LevelChanged("bbbb0002", 25, t0 + 60min);
  auto change = d.Decide(t0 + 60min);
  EXPECT_EQ(d.speaker_count(), 1u);
  EXPECT_EQ(d.FindSpeaker("aaaa0001"), nullptr);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->dominant, "bbbb0002");
  EXPECT_TRUE(change->previous_speakers.empty());
}

TEST(DominantSpeaker, DecisionsAreAtLeast300MsApart) {
  DominantSpeakerIdentification d;
  const TimePoint t0{};
  d.LevelChanged("aaaa0001", 25, t0);
  ASSERT_TRUE(d.Decide(t0).has_value());
  // B appears loud right after; no decision until 300 ms have passed.
  for (int i = 0; i < 20; ++i) {
    d.LevelChanged("aaaa0001", kNoiseLevels[i % 7], t0 + i * 20ms);
    d.LevelChanged("bbbb0002", i < 3 ? 20 : kSpeechLevels[i % 8], t0 + i * 20ms);
    auto change = d.Decide(t0 + i * 20ms);
    if (i * 20 < 300) {
      EXPECT_FALSE(change.has_value()) << i;
    } else if (change) {
      EXPECT_EQ(change->dominant, "bbbb0002");
    }
  }
  EXPECT_EQ(d.dominant(), "bbbb0002");
}

TEST(DominantSpeaker, PreviousSpeakersAreBoundedMostRecentFirst) {
  std::vector<std::string> eps;
  for (int i = 0; i < 13; ++i) eps.push_back("ep" + std::to_string(100 + i));
  Simulation sim(eps);
  sim.Run(0, 400, AllNoise);
  int64_t t = 400;
  for (const auto& ep : eps) {
    sim.Run(t, t + 2000, Speaking(ep));
    t += 2000;
    ASSERT_EQ(sim.detector.dominant(), ep);
  }
  const auto& previous = sim.changes.back().change.previous_speakers;
  ASSERT_EQ(previous.size(), DominantSpeakerIdentification::kMaxPrevious);
  EXPECT_EQ(previous.front(), "ep111");
  EXPECT_EQ(previous.back(), "ep102");
}

TEST(DominantSpeaker, DeterministicForTheSameLevels) {
  const auto script = [](const std::string& ep, int64_t ms) {
    // Alternating turns with overlaps.
    const int64_t phase = (ms / 1700) % 3;
    const std::string talker = phase == 0 ? "aaaa0001" : phase == 1 ? "bbbb0002" : "cccc0003";
    if (ep == talker) return Activity::kSpeech;
    return (ms / 20) % 11 == 0 ? Activity::kNoPackets : Activity::kNoise;
  };
  Simulation a({"aaaa0001", "bbbb0002", "cccc0003"});
  Simulation b({"aaaa0001", "bbbb0002", "cccc0003"});
  a.Run(0, 12000, script);
  b.Run(0, 12000, script);
  ASSERT_EQ(a.changes.size(), b.changes.size());
  ASSERT_GE(a.changes.size(), 6u);
  for (size_t i = 0; i < a.changes.size(); ++i) {
    EXPECT_EQ(a.changes[i].ms, b.changes[i].ms);
    EXPECT_EQ(a.changes[i].change, b.changes[i].change);
  }
}

TEST(DominantSpeaker, LevelsAreClamped) {
  DominantSpeakerIdentification d;
  d.LevelChanged("aaaa0001", -5, TimePoint{});
  d.LevelChanged("aaaa0001", 1000, TimePoint{} + 20ms);
  const Speaker* s = d.FindSpeaker("aaaa0001");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->min_level(), 127);
}

}  // namespace
}  // namespace meet::bridge::speech
