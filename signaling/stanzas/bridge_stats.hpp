#pragma once
// The stats a bridge publishes in its brewery MUC presence (jitsi-protocol.md 3.6):
//   <stats xmlns='http://jitsi.org/protocol/colibri'>
//     <stat name='stress_level' value='0.12'/><stat name='region' value='us-east-1'/>...
//   </stats>
// Unknown stats are kept in order; typed accessors return nullopt when a stat is absent or
// does not have the expected type.

#include <gloox/tag.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/stanzas/property_list.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

class BridgeStats {
 public:
  static constexpr const char* kStressLevel = "stress_level";
  static constexpr const char* kAverageParticipantStress = "average_participant_stress";
  static constexpr const char* kRegion = "region";
  static constexpr const char* kRelayId = "relay_id";
  static constexpr const char* kVersion = "version";
  static constexpr const char* kRelease = "release";
  static constexpr const char* kDrain = "drain";
  static constexpr const char* kGracefulShutdown = "graceful_shutdown";
  static constexpr const char* kShuttingDown = "shutting_down";
  static constexpr const char* kHealthy = "healthy";
  static constexpr const char* kConferences = "conferences";
  static constexpr const char* kParticipants = "participants";

  // `tag` is <stats> or a <presence> containing it. Errors: a <stat> without a name, too many
  // stats, over-long values, and a stress_level that is not a number >= 0.
  static Result<BridgeStats> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& presence) const;

  std::optional<double> StressLevel() const;
  std::optional<double> AverageParticipantStress() const;
  std::optional<std::string> Region() const { return stats_.Get(kRegion); }
  std::optional<std::string> RelayId() const { return stats_.Get(kRelayId); }
  std::optional<std::string> Version() const { return stats_.Get(kVersion); }
  std::optional<std::string> Release() const { return stats_.Get(kRelease); }
  std::optional<bool> Drain() const { return stats_.GetBool(kDrain); }
  std::optional<bool> GracefulShutdown() const { return stats_.GetBool(kGracefulShutdown); }
  std::optional<bool> ShuttingDown() const { return stats_.GetBool(kShuttingDown); }
  std::optional<bool> Healthy() const { return stats_.GetBool(kHealthy); }
  std::optional<int64_t> Conferences() const { return stats_.GetInt(kConferences); }
  std::optional<int64_t> Participants() const { return stats_.GetInt(kParticipants); }

  // Builder (each returns *this).
  BridgeStats& Set(std::string_view name, std::string_view value);
  BridgeStats& SetInt(std::string_view name, int64_t value);
  BridgeStats& SetDouble(std::string_view name, double value);
  BridgeStats& SetBool(std::string_view name, bool value);
  BridgeStats& SetStressLevel(double value) { return SetDouble(kStressLevel, value); }
  BridgeStats& SetRegion(std::string_view value) { return Set(kRegion, value); }
  BridgeStats& SetRelayId(std::string_view value) { return Set(kRelayId, value); }
  BridgeStats& SetVersion(std::string_view value) { return Set(kVersion, value); }
  BridgeStats& SetDrain(bool value) { return SetBool(kDrain, value); }
  BridgeStats& SetGracefulShutdown(bool value) { return SetBool(kGracefulShutdown, value); }
  BridgeStats& SetShuttingDown(bool value) { return SetBool(kShuttingDown, value); }
  BridgeStats& SetHealthy(bool value) { return SetBool(kHealthy, value); }

  const PropertyList& stats() const { return stats_; }

  friend bool operator==(const BridgeStats&, const BridgeStats&) = default;

 private:
  PropertyList stats_;
};

}  // namespace meet::signaling::stanzas
