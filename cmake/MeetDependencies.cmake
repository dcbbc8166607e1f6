# Every third-party dependency comes from a Debian package (see ./meet deps) through
# find_package or pkg-config. Imported targets make their include dirs SYSTEM, so
# -Werror applies to our code only.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt REQUIRED)
find_package(GTest REQUIRED)
if(MEET_BENCH)
  find_package(benchmark REQUIRED)
endif()
pkg_check_modules(GLIB     REQUIRED IMPORTED_TARGET glib-2.0 gobject-2.0 gio-2.0)
pkg_check_modules(NICE     REQUIRED IMPORTED_TARGET nice)
pkg_check_modules(SRTP2    REQUIRED IMPORTED_TARGET libsrtp2)
pkg_check_modules(USRSCTP  REQUIRED IMPORTED_TARGET usrsctp)
pkg_check_modules(GLOOX    REQUIRED IMPORTED_TARGET gloox)
pkg_check_modules(GST      REQUIRED IMPORTED_TARGET gstreamer-1.0 gstreamer-app-1.0 gstreamer-rtp-1.0
                                                    gstreamer-sdp-1.0 gstreamer-webrtc-1.0)
