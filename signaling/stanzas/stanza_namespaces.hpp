#pragma once
// Namespaces used only by the focus stanza models and not (yet) in signaling/xml/namespaces.hpp.

namespace meet::signaling::stanzas {

inline constexpr const char* kEtherpadNamespace = "http://jitsi.org/jitmeet/etherpad";
inline constexpr const char* kSilentNamespace = "http://jitsi.org/protocol/silent";

}  // namespace meet::signaling::stanzas
