#pragma once
#include <string>

namespace meet::media {
// "libnice 0.1.21, libsrtp2 2.5.0, OpenSSL 3.0.x, usrsctp, GStreamer 1.22.0": the C
// libraries this build runs on, for /about/version and --version.
std::string DependencyVersions();
}  // namespace meet::media
