#include "media/versions/versions.hpp"

#include <fmt/format.h>
#include <gst/gst.h>
#include <openssl/crypto.h>
#include <srtp2/srtp.h>

namespace meet::media {

std::string DependencyVersions() {
  guint major = 0, minor = 0, micro = 0, nano = 0;
  gst_version(&major, &minor, &micro, &nano);
  return fmt::format("{}, {}, usrsctp, GStreamer {}.{}.{}", srtp_get_version_string(),
                     OpenSSL_version(OPENSSL_VERSION), major, minor, micro);
}

}  // namespace meet::media
