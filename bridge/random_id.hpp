#pragma once
// Random identifiers the bridge hands out: internal conference ids (hex), web-socket passwords
// (alphanumeric), ICE credentials and SSRCs. All come from OpenSSL's CSPRNG.

#include <cstddef>
#include <cstdint>
#include <string>

namespace meet::bridge {

// 2 * bytes lower-case hex characters.
std::string RandomHex(size_t bytes);
// `length` characters from [A-Za-z0-9].
std::string RandomAlphanumeric(size_t length);
// A random SSRC, never 0.
uint32_t RandomSsrc();

}  // namespace meet::bridge
