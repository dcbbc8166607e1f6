#pragma once
// Random identifiers: Jingle sids, IQ ids, meeting ids (UUID v4) and bridge-session ids.

#include <cstddef>
#include <string>

namespace meet::focus {

// `length` lower-case hex digits from a CSPRNG (getrandom).
std::string RandomHex(size_t length);
// An RFC 4122 version 4 UUID, lower case ("0f3e…-…").
std::string RandomUuid();
// A Jingle session id: 12 lower-case alphanumerics.
std::string RandomSid();

}  // namespace meet::focus
