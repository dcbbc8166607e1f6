#include "bridge/speech/speaker.hpp"

#include <algorithm>
#include <cmath>

namespace meet::bridge::speech {
namespace {

// Parameters of the non-speech (exponential) model per time scale, from the paper.
constexpr double kSpeechProbability = 0.5;
constexpr double kImmediateLambda = 0.78;
constexpr double kMediumLambda = 24.0;
constexpr double kLongLambda = 47.0;

double LogBinomial(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

}  // namespace

Speaker::Speaker(TimePoint now, uint64_t order)
    : last_level_time_(now), last_packet_time_(now), order_(order) {}

double Speaker::ActivityScore(int active, int total, double p, double lambda) {
  active = std::clamp(active, 0, total);
  const double score = LogBinomial(total, active) + active * std::log(p) +
                       (total - active) * std::log(1.0 - p) - std::log(lambda) +
                       lambda * active;
  return std::max(score, kMinScore);
}

void Speaker::Push(uint8_t level) {
  std::move_backward(levels_.begin(), levels_.end() - 1, levels_.end());
  levels_[0] = level;
  dirty_ = true;
}

void Speaker::UpdateMinLevel(uint8_t level) {
  if (level == 0) return;  // silence says nothing about the noise floor
  if (min_level_ == 0 || level < min_level_) {
    // A new lowest level: the floor drops at once and a new window starts.
    min_level_ = level;
    window_min_level_ = 0;
    window_length_ = 0;
    return;
  }
  // Otherwise the floor may only rise slowly: after a full window it moves to the geometric
  // mean of itself and the window's minimum.
  if (window_min_level_ == 0 || level < window_min_level_) window_min_level_ = level;
  if (++window_length_ >= kMinLevelWindow) {
    const double raised = std::sqrt(static_cast<double>(min_level_) * window_min_level_);
    min_level_ = std::clamp(static_cast<int>(raised), 1, kMaxLevel);
    window_min_level_ = 0;
    window_length_ = 0;
  }
}

void Speaker::LevelChanged(int level, TimePoint now) {
  const auto clamped = static_cast<uint8_t>(std::clamp(level, 0, kMaxLevel));
  last_level_time_ = now;
  last_packet_time_ = now;
  UpdateMinLevel(clamped);
  Push(clamped);
}

void Speaker::AppendSilence(int count, TimePoint now) {
  last_level_time_ = now;
  count = std::clamp(count, 0, kImmediateCount);
  for (int i = 0; i < count; ++i) Push(0);
}

void Speaker::EvaluateScores() {
  if (!dirty_) return;
  dirty_ = false;
  // Levels within one sub-band of the noise floor count as silence.
  const int floor = min_level_ + kSubBandWidth;
  for (int i = 0; i < kImmediateCount; ++i) {
    const int level = levels_[i] < floor ? 0 : levels_[i];
    immediates_[i] = static_cast<uint8_t>(std::min(level / kSubBandWidth, kSubBandCount - 1));
  }
  long_ = 0;
  for (int m = 0; m < kMediumsPerLong; ++m) {
    int active = 0;
    for (int i = 0; i < kImmediatesPerMedium; ++i) {
      if (immediates_[m * kImmediatesPerMedium + i] > kMediumThreshold) ++active;
    }
    mediums_[m] = static_cast<uint8_t>(active);
    if (active > kLongThreshold) ++long_;
  }
  immediate_score_ =
      ActivityScore(immediates_[0], kSubBandCount, kSpeechProbability, kImmediateLambda);
  medium_score_ =
      ActivityScore(mediums_[0], kImmediatesPerMedium, kSpeechProbability, kMediumLambda);
  long_score_ = ActivityScore(long_, kMediumsPerLong, kSpeechProbability, kLongLambda);
}

}  // namespace meet::bridge::speech
