#pragma once
// The gloox extension types and filters under which the bridge receives the payloads it
// answers (signaling::xml::RawExtension: COLIBRI2 and health-check IQs).

#include <gloox/gloox.h>

#include "signaling/xml/raw_extension.hpp"

namespace meet::bridge {

using signaling::xml::RawExtension;
inline constexpr int kColibri2Extension = gloox::ExtUser + 101;
inline constexpr int kHealthCheckExtension = gloox::ExtUser + 102;
inline constexpr const char* kColibri2Filter = "/iq/*[@xmlns='jitsi:colibri2']";
inline constexpr const char* kHealthCheckFilter =
    "/iq/healthcheck[@xmlns='http://jitsi.org/protocol/healthcheck']";

}  // namespace meet::bridge
