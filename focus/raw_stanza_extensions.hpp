#pragma once
// The gloox extension types under which the focus receives whole stanzas' payloads
// (signaling::xml::RawExtension registered for "/iq", "/presence" and "/message").

#include <gloox/gloox.h>

#include "signaling/xml/raw_extension.hpp"

namespace meet::focus {

using signaling::xml::RawExtension;
inline constexpr int kRawIq = gloox::ExtUser + 101;
inline constexpr int kRawPresence = gloox::ExtUser + 102;
inline constexpr int kRawMessage = gloox::ExtUser + 103;

}  // namespace meet::focus
