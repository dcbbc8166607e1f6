#pragma once
// The colibri-ws URL path (jitsi-protocol.md 4.1):
//   /colibri-ws/<server-id>/<conference-id>/<endpoint-id>?pwd=<token>
// JVB's checks, in order: the path starts with the prefix and has at least three segments
// after it, and the server id equals the configured one; otherwise the answer is 404. The
// conference, the endpoint and the password are checked against the bridge's state next (403).

#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::bridge::colibri_ws {

inline constexpr std::string_view kColibriWsPrefix = "/colibri-ws/";
// Longer paths are rejected before splitting (404).
inline constexpr size_t kMaxColibriWsPathBytes = 2048;

struct ColibriWsPath {
  std::string server_id;
  std::string conference_id;
  std::string endpoint_id;
  bool operator==(const ColibriWsPath&) const = default;
};

// Splits `path` (no query). Errors (all mean HTTP 404): colibri-ws.bad-prefix,
// colibri-ws.too-few-segments, colibri-ws.too-long; the server id is compared by the caller.
// Segments after the endpoint id are ignored, as JVB does.
Result<ColibriWsPath> ParseColibriWsPath(std::string_view path);

// Compares a presented password with the expected one in time independent of where they
// differ (the length of `expected` may leak, nothing else).
bool ConstantTimeEquals(std::string_view presented, std::string_view expected);

}  // namespace meet::bridge::colibri_ws
