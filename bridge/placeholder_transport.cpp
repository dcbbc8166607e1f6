#include "bridge/placeholder_transport.hpp"

#include "bridge/random_id.hpp"

namespace meet::bridge {
namespace {
constexpr size_t kUfragLength = 8;
constexpr size_t kPwdLength = 24;
}  // namespace

PlaceholderTransport::PlaceholderTransport(std::string fingerprint)
    : fingerprint_(std::move(fingerprint)),
      ufrag_(RandomAlphanumeric(kUfragLength)),
      pwd_(RandomAlphanumeric(kPwdLength)) {}

signaling::jingle::IceUdpTransport PlaceholderTransport::LocalDescription() const {
  signaling::jingle::IceUdpTransport t;
  t.ufrag = ufrag_;
  t.pwd = pwd_;
  if (generation_ > 0) t.ice_generation = generation_;
  t.rtcp_mux = true;
  signaling::jingle::Fingerprint fp;
  fp.hash = "sha-256";
  fp.setup = "actpass";
  fp.value = fingerprint_;
  t.fingerprints.push_back(std::move(fp));
  return t;
}

Status PlaceholderTransport::SetRemoteDescription(const signaling::jingle::IceUdpTransport& remote) {
  remote_ = remote;
  return {};
}

bool PlaceholderTransport::RestartIce() {
  ufrag_ = RandomAlphanumeric(kUfragLength);
  pwd_ = RandomAlphanumeric(kPwdLength);
  ++generation_;
  return true;
}

}  // namespace meet::bridge
