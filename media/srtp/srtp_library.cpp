#include "media/srtp/srtp_library.hpp"

#include <srtp2/srtp.h>

#include <string>

#include "media/base/log.hpp"

namespace meet::media::srtp {
namespace {

void OnSrtpLog(srtp_log_level_t level, const char* msg, void* /*data*/) noexcept {
  try {
    static const log::Logger logger("srtp");
    logger.Debug("libsrtp({}): {}", static_cast<int>(level), msg != nullptr ? msg : "");
  } catch (...) {
    // Logging must never throw into C.
  }
}

Status DoInit() {
  const srtp_err_status_t status = srtp_init();
  // srtp_init() is not idempotent: when another user of libsrtp in the process (GStreamer's
  // srtp plugin, loaded by webrtcbin or a recording pipeline) initialised it first, the crypto
  // kernel is ready but re-registering the "srtp" debug module fails with bad_param.
  if (status != srtp_err_status_ok && status != srtp_err_status_bad_param) {
    return MakeError("srtp.init-failed", "srtp_init failed with status " + std::to_string(status));
  }
  srtp_install_log_handler(&OnSrtpLog, nullptr);
  return {};
}

}  // namespace

Status SrtpLibrary::Init() {
  // C++11 guarantees thread-safe, once-only initialisation of a function-local static.
  static const Status result = DoInit();
  return result;
}

std::string_view SrtpLibrary::Version() { return srtp_get_version_string(); }

}  // namespace meet::media::srtp
