#pragma once
// GuardedCall: runs a listener call from inside a C library's callback (libnice, usrsctp, …)
// so that nothing can unwind into the C frames: any exception is caught and logged.

#include <exception>

#include "media/base/log.hpp"

namespace meet {

template <typename F>
void GuardedCall(const log::Logger& log, const char* what, F&& f) noexcept {
  try {
    f();
  } catch (const std::exception& e) {
    log.Error("{} threw: {}", what, e.what());
  } catch (...) {
    log.Error("{} threw", what);
  }
}

}  // namespace meet
