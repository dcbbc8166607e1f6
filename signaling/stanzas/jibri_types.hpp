#pragma once
// Enumerations of the Jibri protocol (jitsi-protocol.md 6.2-6.4) and their wire names.
// kUndefined means "attribute absent"; "undefined" on the wire also parses to it.

#include <optional>
#include <string_view>

namespace meet::signaling::stanzas {

enum class JibriAction { kUndefined, kStart, kStop };
enum class RecordingMode { kUndefined, kFile, kStream };
enum class JibriSessionStatus { kUndefined, kOn, kOff, kPending };
enum class JibriFailureReason { kUndefined, kBusy, kError };
enum class JibriBusyStatus { kUndefined, kIdle, kBusy };
enum class HealthStatus { kUndefined, kHealthy, kUnhealthy };

std::string_view ToString(JibriAction v);
std::string_view ToString(RecordingMode v);
std::string_view ToString(JibriSessionStatus v);
std::string_view ToString(JibriFailureReason v);
std::string_view ToString(JibriBusyStatus v);
std::string_view ToString(HealthStatus v);

// nullopt for an unknown name.
std::optional<JibriAction> ParseJibriAction(std::string_view s);
std::optional<RecordingMode> ParseRecordingMode(std::string_view s);
std::optional<JibriSessionStatus> ParseJibriSessionStatus(std::string_view s);
std::optional<JibriFailureReason> ParseJibriFailureReason(std::string_view s);
std::optional<JibriBusyStatus> ParseJibriBusyStatus(std::string_view s);
std::optional<HealthStatus> ParseHealthStatus(std::string_view s);

}  // namespace meet::signaling::stanzas
