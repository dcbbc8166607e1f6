#pragma once
// DominantSpeakerIdentification: which endpoint of a conference is the dominant speaker, after
// Volfin & Cohen as JVB runs it (jitsi-protocol.md 5.5). Feed it the audio level of every audio
// packet (level = 127 - the RFC 6464 -dBov value, so 0 is silence and 127 the loudest) and call
// Decide() periodically, e.g. every 20..100 ms from a timer of the conference's loop:
//  * Decide() first times out levels: a speaker that sent no level for more than 40 ms gets
//    one silent level per 20 ms of the gap (as if its silent packets had arrived);
//  * speakers without any level for an hour are dropped;
//  * at most every 300 ms it makes a decision: with no dominant speaker the most active
//    speaker (medium, long, immediate score; ties: first seen) becomes dominant; otherwise a
//    challenger replaces the dominant speaker when the natural logs of its immediate, medium
//    and long score ratios against the dominant exceed C1 = 3, C2 = 2 and C3 = 0, and among
//    such challengers the one with the highest medium ratio wins. Silence keeps the last
//    dominant speaker.
// The clock is injected: every call takes `now`; nothing reads real time.
// Not thread-safe: use it from the conference's loop only.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/speech/speaker.hpp"

namespace meet::bridge::speech {

struct DominantSpeakerChange {
  std::string dominant;
  // Earlier dominant speakers, most recent first, without `dominant`, at most kMaxPrevious.
  std::vector<std::string> previous_speakers;
  bool operator==(const DominantSpeakerChange&) const = default;
};

class DominantSpeakerIdentification {
 public:
  using TimePoint = Speaker::TimePoint;

  static constexpr std::chrono::milliseconds kDecisionInterval{300};
  static constexpr std::chrono::milliseconds kLevelIdleTimeout{40};
  static constexpr std::chrono::milliseconds kPacketInterval{20};
  static constexpr std::chrono::hours kSpeakerIdleTimeout{1};
  static constexpr double kC1 = 3.0;
  static constexpr double kC2 = 2.0;
  static constexpr double kC3 = 0.0;
  static constexpr size_t kMaxPrevious = 10;
  // Bounds the state kept for a conference; levels of further endpoints are ignored.
  static constexpr size_t kMaxSpeakers = 10000;

  DominantSpeakerIdentification() = default;

  // One audio level of `endpoint` (clamped to 0..127). Creates the speaker on first use.
  void LevelChanged(std::string_view endpoint, int level, TimePoint now);
  // Forgets an endpoint (it left). If it was dominant, the next decision elects another one.
  void RemoveEndpoint(std::string_view endpoint);
  // Times out levels, drops idle speakers and, when the decision interval has passed, decides.
  // Returns the new dominant speaker when it changed.
  std::optional<DominantSpeakerChange> Decide(TimePoint now);

  // Current dominant speaker ("" when none).
  const std::string& dominant() const { return dominant_; }
  // Earlier dominant speakers, most recent first, at most kMaxPrevious.
  const std::vector<std::string>& previous_speakers() const { return previous_; }
  size_t speaker_count() const { return speakers_.size(); }
  // The speaker state (for tests and stats); nullptr if unknown.
  const Speaker* FindSpeaker(std::string_view endpoint) const;

 private:
  void TimeOutLevels(TimePoint now);
  std::string Elect();
  void SetDominant(const std::string& endpoint);

  std::map<std::string, Speaker, std::less<>> speakers_;
  std::string dominant_;
  std::vector<std::string> previous_;
  std::optional<TimePoint> last_decision_;
  uint64_t next_order_ = 0;
};

}  // namespace meet::bridge::speech
