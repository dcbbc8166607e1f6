#include "media/packet/drop_reason.hpp"

#include <array>

namespace meet::media::packet {
namespace {

constexpr std::array<std::string_view, kDropReasonCount> kNames = {
    "none",
    "packet.empty",
    "packet.too-short",
    "packet.buffer-too-small",
    "packet.invalid-argument",
    "packet.unknown-first-byte",
    "rtp.bad-version",
    "rtp.csrc-overflow",
    "rtp.extension-overflow",
    "rtp.bad-extension",
    "rtp.padding-overflow",
    "rtp.zero-padding",
    "rtx.no-osn",
    "rtcp.bad-version",
    "rtcp.bad-length",
    "rtcp.padding-not-last",
    "rtcp.bad-padding",
    "rtcp.truncated",
    "rtcp.wrong-type",
    "rtcp.bad-sdes",
    "rtcp.bad-bye",
    "rtcp.nack-empty",
    "rtcp.bad-remb",
    "tcc.zero-status-count",
    "tcc.bad-chunk",
    "tcc.chunk-overflow",
    "tcc.delta-overflow",
    "tcc.too-many-packets",
    "stun.bad-header",
    "stun.bad-cookie",
    "stun.bad-length",
    "stun.attribute-overflow",
    "stun.bad-attribute",
    "stun.attribute-after-integrity",
    "stun.attribute-after-fingerprint",
    "stun.bad-fingerprint",
    "dtls.bad-content-type",
    "dtls.bad-version",
    "dtls.record-overflow",
    "dtls.record-too-large",
    "dtls.bad-handshake",
    "dtls.too-many-records",
    "vp8.bad-descriptor",
    "vp9.bad-descriptor",
    "vp9.bad-scalability-structure",
    "h264.bad-nal",
    "h264.bad-aggregation",
    "av1.bad-descriptor",
    "av1.bad-structure",
    "av1.unknown-template",
};

}  // namespace

std::string_view DropReasonName(DropReason reason) {
  const auto i = static_cast<size_t>(reason);
  return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

}  // namespace meet::media::packet
