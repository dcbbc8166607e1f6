#pragma once
// Jicofo's source validation (jitsi-protocol.md 2.9), applied to the sources a client signals
// in session-accept / source-add / source-remove before the focus accepts them:
//   * an SSRC must be 1..2^32-1 and unused in the whole conference (and in the request);
//   * an endpoint has at most `max_ssrcs` sources and at most `max_ssrcs` SSRC groups;
//   * every SSRC of a group must be one of the endpoint's sources;
//   * an FID group has exactly 2 SSRCs;
//   * the sources of a group all carry the same, non-empty msid, and no other group (or
//     ungrouped source) of the endpoint uses that msid;
//   * removing a source or group the endpoint does not have is an error.
// Failures are Errors with condition "bad-request" and a text saying what is wrong (LJM drops
// the offending local source). Sources without a name get "<endpoint>-a0" / "<endpoint>-v0".

#include <cstddef>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jingle/source_map.hpp"

namespace meet::focus {

class SourceValidator {
 public:
  explicit SourceValidator(size_t max_ssrcs = 20) : max_ssrcs_(max_ssrcs) {}

  // Checks adding `add` to `owner` in `conference` and returns the accepted set (names filled
  // in, owner fields cleared). `conference` is not changed.
  Result<signaling::jingle::EndpointSourceSet> ValidateAdd(
      const signaling::jingle::SourceMap& conference, std::string_view owner,
      const signaling::jingle::EndpointSourceSet& add) const;
  // Checks removing `remove` from `owner` and returns what is removed (as the owner's stored
  // sources and groups).
  Result<signaling::jingle::EndpointSourceSet> ValidateRemove(
      const signaling::jingle::SourceMap& conference, std::string_view owner,
      const signaling::jingle::EndpointSourceSet& remove) const;

  // Applies a validated change to the map (empty owners are erased).
  static void Add(signaling::jingle::SourceMap& conference, std::string_view owner,
                  const signaling::jingle::EndpointSourceSet& add);
  static void Remove(signaling::jingle::SourceMap& conference, std::string_view owner,
                     const signaling::jingle::EndpointSourceSet& remove);

  // Checks a whole endpoint set on its own (limits, groups, msids).
  Status ValidateEndpointSet(const signaling::jingle::EndpointSourceSet& set) const;

 private:
  size_t max_ssrcs_;
};

}  // namespace meet::focus
