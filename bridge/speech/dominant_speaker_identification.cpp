#include "bridge/speech/dominant_speaker_identification.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace meet::bridge::speech {

void DominantSpeakerIdentification::LevelChanged(std::string_view endpoint, int level,
                                                 TimePoint now) {
  auto it = speakers_.find(endpoint);
  if (it == speakers_.end()) {
    if (speakers_.size() >= kMaxSpeakers) return;
    it = speakers_.emplace(std::string(endpoint), Speaker(now, next_order_++)).first;
  }
  it->second.LevelChanged(level, now);
}

void DominantSpeakerIdentification::RemoveEndpoint(std::string_view endpoint) {
  auto it = speakers_.find(endpoint);
  if (it != speakers_.end()) speakers_.erase(it);
  std::erase(previous_, endpoint);
  if (dominant_ == endpoint) dominant_.clear();
}

const Speaker* DominantSpeakerIdentification::FindSpeaker(std::string_view endpoint) const {
  auto it = speakers_.find(endpoint);
  return it == speakers_.end() ? nullptr : &it->second;
}

void DominantSpeakerIdentification::TimeOutLevels(TimePoint now) {
  for (auto it = speakers_.begin(); it != speakers_.end();) {
    Speaker& speaker = it->second;
    if (now - speaker.last_packet_time() >= kSpeakerIdleTimeout) {
      const std::string endpoint = it->first;
      it = speakers_.erase(it);
      std::erase(previous_, endpoint);
      if (dominant_ == endpoint) dominant_.clear();
      continue;
    }
    const auto idle = now - speaker.last_level_time();
    if (idle > kLevelIdleTimeout) {
      // One silent level per packet interval of the gap; the speaker's clock advances by as
      // many intervals so the next call continues from there.
      const auto missed = idle / kPacketInterval;
      const int count = static_cast<int>(std::min<int64_t>(missed, Speaker::kImmediateCount));
      speaker.AppendSilence(count, speaker.last_level_time() + missed * kPacketInterval);
    }
    ++it;
  }
}

std::string DominantSpeakerIdentification::Elect() {
  if (speakers_.empty()) return {};
  for (auto& [id, speaker] : speakers_) speaker.EvaluateScores();

  if (dominant_.empty()) {
    const std::string* best = nullptr;
    const Speaker* best_speaker = nullptr;
    for (const auto& [id, speaker] : speakers_) {
      if (best_speaker == nullptr) {
        best = &id;
        best_speaker = &speaker;
        continue;
      }
      const auto key = [](const Speaker& s) {
        return std::make_tuple(s.medium_score(), s.long_score(), s.immediate_score());
      };
      if (key(speaker) > key(*best_speaker) ||
          (key(speaker) == key(*best_speaker) && speaker.order() < best_speaker->order())) {
        best = &id;
        best_speaker = &speaker;
      }
    }
    return *best;
  }

  auto dominant_it = speakers_.find(dominant_);
  if (dominant_it == speakers_.end()) return dominant_;  // keeps a dominant without levels
  const Speaker& dominant = dominant_it->second;
  std::string winner = dominant_;
  double best_medium_ratio = kC2;
  for (const auto& [id, speaker] : speakers_) {
    if (id == dominant_) continue;
    const double c1 = std::log(speaker.immediate_score() / dominant.immediate_score());
    const double c2 = std::log(speaker.medium_score() / dominant.medium_score());
    const double c3 = std::log(speaker.long_score() / dominant.long_score());
    if (c1 > kC1 && c2 > kC2 && c3 > kC3 && c2 > best_medium_ratio) {
      best_medium_ratio = c2;
      winner = id;
    }
  }
  return winner;
}

void DominantSpeakerIdentification::SetDominant(const std::string& endpoint) {
  if (!dominant_.empty()) {
    std::erase(previous_, dominant_);
    previous_.insert(previous_.begin(), dominant_);
  }
  std::erase(previous_, endpoint);
  if (previous_.size() > kMaxPrevious) previous_.resize(kMaxPrevious);
  dominant_ = endpoint;
}

std::optional<DominantSpeakerChange> DominantSpeakerIdentification::Decide(TimePoint now) {
  TimeOutLevels(now);
  if (last_decision_ && now - *last_decision_ < kDecisionInterval) return std::nullopt;
  last_decision_ = now;
  std::string elected = Elect();
  if (elected.empty() || elected == dominant_) return std::nullopt;
  SetDominant(elected);
  return DominantSpeakerChange{dominant_, previous_};
}

}  // namespace meet::bridge::speech
