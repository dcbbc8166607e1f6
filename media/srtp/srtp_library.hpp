#pragma once
// Process-wide libsrtp initialisation. srtp_init() runs exactly once, on the first call to
// Init() from any thread; every later call returns the first result. libsrtp is never shut
// down (sessions may live until process exit), and its log output is routed to the "srtp"
// logger at debug level. SrtpSession::Create calls Init() itself.

#include <string_view>

#include "media/base/result.hpp"

namespace meet::media::srtp {

class SrtpLibrary {
 public:
  SrtpLibrary() = delete;
  // Thread-safe; cheap after the first call.
  static Status Init();
  // libsrtp's version string, e.g. "libsrtp2 2.5.0".
  static std::string_view Version();
};

}  // namespace meet::media::srtp
