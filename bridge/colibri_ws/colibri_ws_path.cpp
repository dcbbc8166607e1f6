#include "bridge/colibri_ws/colibri_ws_path.hpp"

#include <array>

namespace meet::bridge::colibri_ws {

Result<ColibriWsPath> ParseColibriWsPath(std::string_view path) {
  if (path.size() > kMaxColibriWsPathBytes) {
    return MakeError("colibri-ws.too-long", "path longer than " + std::to_string(kMaxColibriWsPathBytes) + " bytes",
                     "path", "item-not-found");
  }
  if (!path.starts_with(kColibriWsPrefix)) {
    return MakeError("colibri-ws.bad-prefix", "path does not start with /colibri-ws/", "path",
                     "item-not-found");
  }
  std::string_view rest = path.substr(kColibriWsPrefix.size());
  std::array<std::string_view, 3> segments;
  size_t count = 0;
  while (count < segments.size()) {
    const size_t slash = rest.find('/');
    segments[count++] = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      rest = {};
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  if (count < segments.size()) {
    return MakeError("colibri-ws.too-few-segments",
                     "expected /colibri-ws/<server-id>/<conference-id>/<endpoint-id>",
                     "segment " + std::to_string(count), "item-not-found");
  }
  return ColibriWsPath{std::string(segments[0]), std::string(segments[1]),
                       std::string(segments[2])};
}

bool ConstantTimeEquals(std::string_view presented, std::string_view expected) {
  // Walk the expected length whatever was presented; any difference, including the length,
  // ends up in `diff` without an early exit.
  unsigned diff = presented.size() == expected.size() ? 0u : 1u;
  for (size_t i = 0; i < expected.size(); ++i) {
    const unsigned char p = i < presented.size() ? static_cast<unsigned char>(presented[i]) : 0;
    diff |= static_cast<unsigned>(p ^ static_cast<unsigned char>(expected[i]));
  }
  return diff == 0;
}

}  // namespace meet::bridge::colibri_ws
