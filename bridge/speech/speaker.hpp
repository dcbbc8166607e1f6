#pragma once
// Speaker: the speech-activity state of one endpoint for DominantSpeakerIdentification
// (Volfin & Cohen, "Dominant speaker identification for multipoint videoconferencing",
// jitsi-protocol.md 5.5).
//
// Model: every audio level (0..127, 0 = silence) is quantised into one of N1 = 13 sub-bands
// after removing the speaker's noise floor (a tracked minimum level). The newest
// kImmediateCount sub-band values are the "immediates"; each block of N2 = 5 immediates gives a
// "medium" (how many of them exceed kMediumThreshold) and the N3 = 10 mediums give one "long"
// (how many mediums exceed kLongThreshold). Each time scale gets a speech-activity score: the
// log-likelihood ratio of a binomial speech model (p = 0.5) against an exponential non-speech
// model (rate lambda) for the observed count.
//
// Not thread-safe; owned and driven by DominantSpeakerIdentification.

#include <array>
#include <chrono>
#include <cstdint>

namespace meet::bridge::speech {

class Speaker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  static constexpr int kMaxLevel = 127;
  static constexpr int kSubBandCount = 13;                       // N1
  static constexpr int kImmediatesPerMedium = 5;                 // N2
  static constexpr int kMediumsPerLong = 10;                     // N3
  static constexpr int kImmediateCount = kImmediatesPerMedium * kMediumsPerLong;
  static constexpr int kSubBandWidth = (kMaxLevel + kSubBandCount) / kSubBandCount;  // 10
  static constexpr int kMediumThreshold = 7;
  static constexpr int kLongThreshold = 4;
  // The noise floor is re-estimated after this many non-silent levels (15 s of 20 ms packets).
  static constexpr int kMinLevelWindow = 750;
  static constexpr double kMinScore = 1e-10;

  explicit Speaker(TimePoint now, uint64_t order);

  // Records one level (clamped to 0..127) received at `now`.
  void LevelChanged(int level, TimePoint now);
  // Records `count` silent levels without touching the noise floor (level time-out).
  void AppendSilence(int count, TimePoint now);
  // Recomputes the immediates, mediums, long and the three scores if levels changed.
  void EvaluateScores();

  double immediate_score() const { return immediate_score_; }
  double medium_score() const { return medium_score_; }
  double long_score() const { return long_score_; }
  int min_level() const { return min_level_; }
  // When the last level was recorded, real or timed-out silence.
  TimePoint last_level_time() const { return last_level_time_; }
  // When the last real level arrived (LevelChanged).
  TimePoint last_packet_time() const { return last_packet_time_; }
  // Insertion order, for deterministic tie-breaking.
  uint64_t order() const { return order_; }

  // log-likelihood ratio of speech (binomial, p) vs non-speech (exponential, lambda) for
  // `active` of `total` sub-units, floored at kMinScore.
  static double ActivityScore(int active, int total, double p, double lambda);

 private:
  void Push(uint8_t level);
  void UpdateMinLevel(uint8_t level);

  // Newest first.
  std::array<uint8_t, kImmediateCount> levels_{};
  std::array<uint8_t, kImmediateCount> immediates_{};
  std::array<uint8_t, kMediumsPerLong> mediums_{};
  uint8_t long_ = 0;

  int min_level_ = 0;             // 0 = not known yet
  int window_min_level_ = 0;      // minimum seen in the current window (0 = none yet)
  int window_length_ = 0;

  double immediate_score_ = kMinScore;
  double medium_score_ = kMinScore;
  double long_score_ = kMinScore;
  bool dirty_ = true;
  TimePoint last_level_time_;
  TimePoint last_packet_time_;
  uint64_t order_ = 0;
};

}  // namespace meet::bridge::speech
