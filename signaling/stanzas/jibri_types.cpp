#include "signaling/stanzas/jibri_types.hpp"

#include <array>
#include <cstddef>

namespace meet::signaling::stanzas {
namespace {

// Index = enum value; index 0 is kUndefined.
constexpr std::array<std::string_view, 3> kActions{"undefined", "start", "stop"};
constexpr std::array<std::string_view, 3> kModes{"undefined", "file", "stream"};
constexpr std::array<std::string_view, 4> kStatuses{"undefined", "on", "off", "pending"};
constexpr std::array<std::string_view, 3> kReasons{"undefined", "busy", "error"};
constexpr std::array<std::string_view, 3> kBusy{"undefined", "idle", "busy"};
constexpr std::array<std::string_view, 3> kHealth{"undefined", "healthy", "unhealthy"};

template <typename E, size_t N>
std::string_view Name(const std::array<std::string_view, N>& names, E v) {
  const auto i = static_cast<size_t>(v);
  return i < N ? names[i] : names[0];
}

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(JibriAction v) { return Name(kActions, v); }
std::string_view ToString(RecordingMode v) { return Name(kModes, v); }
std::string_view ToString(JibriSessionStatus v) { return Name(kStatuses, v); }
std::string_view ToString(JibriFailureReason v) { return Name(kReasons, v); }
std::string_view ToString(JibriBusyStatus v) { return Name(kBusy, v); }
std::string_view ToString(HealthStatus v) { return Name(kHealth, v); }

std::optional<JibriAction> ParseJibriAction(std::string_view s) {
  return Lookup<JibriAction>(kActions, s);
}
std::optional<RecordingMode> ParseRecordingMode(std::string_view s) {
  return Lookup<RecordingMode>(kModes, s);
}
std::optional<JibriSessionStatus> ParseJibriSessionStatus(std::string_view s) {
  return Lookup<JibriSessionStatus>(kStatuses, s);
}
std::optional<JibriFailureReason> ParseJibriFailureReason(std::string_view s) {
  return Lookup<JibriFailureReason>(kReasons, s);
}
std::optional<JibriBusyStatus> ParseJibriBusyStatus(std::string_view s) {
  return Lookup<JibriBusyStatus>(kBusy, s);
}
std::optional<HealthStatus> ParseHealthStatus(std::string_view s) {
  return Lookup<HealthStatus>(kHealth, s);
}

}  // namespace meet::signaling::stanzas
