#include "bridge/forwarding_endpoint_transport.hpp"

#include "bridge/forwarding/endpoint_media.hpp"
#include "bridge/forwarding/media_conference.hpp"
#include "bridge/forwarding_transport_factory.hpp"

namespace meet::bridge {
namespace jingle = signaling::jingle;
namespace ice = media::ice;

ForwardingEndpointTransport::ForwardingEndpointTransport(
    ForwardingTransportFactory& factory, media::loop::EventLoop& loop, forwarding::MediaConference& conference,
    std::string conference_id, std::string endpoint_id, media::transport::LocalParameters local, bool sctp)
    : factory_(factory),
      loop_(loop),
      conference_(conference),
      conference_id_(std::move(conference_id)),
      endpoint_id_(std::move(endpoint_id)),
      local_(std::move(local)),
      sctp_(sctp) {}

ForwardingEndpointTransport::~ForwardingEndpointTransport() {
  loop_.Invoke([this] { conference_.RemoveEndpoint(endpoint_id_); });
  factory_.Release(conference_id_);
}

jingle::Candidate ForwardingEndpointTransport::ToJingle(const ice::IceCandidate& c) {
  jingle::Candidate j;
  j.component = static_cast<uint8_t>(c.component);
  j.foundation = c.foundation;
  j.ip = c.address;
  j.port = c.port;
  j.priority = c.priority;
  j.protocol = c.protocol;
  j.type = std::string(ice::ToString(c.type));
  if (!c.related_address.empty()) {
    j.rel_addr = c.related_address;
    j.rel_port = c.related_port;
  }
  j.tcptype = c.tcptype;
  j.id = c.foundation + "-" + std::to_string(c.port);
  return j;
}

ice::IceCandidate ForwardingEndpointTransport::FromJingle(const jingle::Candidate& j) {
  ice::IceCandidate c;
  c.foundation = j.foundation;
  c.component = j.component;
  c.protocol = j.protocol;
  c.priority = j.priority;
  c.address = j.ip;
  c.port = j.port;
  c.type = j.type == "srflx"   ? ice::IceCandidateType::kSrflx
           : j.type == "prflx" ? ice::IceCandidateType::kPrflx
           : j.type == "relay" ? ice::IceCandidateType::kRelay
                               : ice::IceCandidateType::kHost;
  c.related_address = j.rel_addr;
  c.related_port = j.rel_port.value_or(0);
  c.tcptype = j.tcptype;
  return c;
}

jingle::IceUdpTransport ForwardingEndpointTransport::LocalDescription() const {
  jingle::IceUdpTransport t;
  t.ufrag = local_.ufrag;
  t.pwd = local_.pwd;
  if (generation_ > 0) t.ice_generation = generation_;
  t.rtcp_mux = true;
  for (const auto& c : local_.candidates) t.candidates.push_back(ToJingle(c));
  jingle::Fingerprint fp;
  fp.hash = local_.fingerprint_hash;
  fp.setup = local_.setup;
  fp.value = local_.fingerprint;
  t.fingerprints.push_back(std::move(fp));
  return t;
}

Status ForwardingEndpointTransport::SetRemoteDescription(const jingle::IceUdpTransport& remote) {
  media::transport::RemoteParameters params;
  params.ufrag = remote.ufrag;
  params.pwd = remote.pwd;
  if (!remote.fingerprints.empty()) {
    params.fingerprint_hash = remote.fingerprints.front().hash;
    params.fingerprint = remote.fingerprints.front().value;
    params.setup = remote.fingerprints.front().setup;
  }
  if (params.setup.empty()) params.setup = "active";  // what browsers answer to actpass
  for (const auto& c : remote.candidates) params.candidates.push_back(FromJingle(c));
  Status result;
  const bool first = !remote_set_;
  loop_.Invoke([&] {
    forwarding::MediaEndpoint* ep = conference_.FindEndpoint(endpoint_id_);
    if (ep == nullptr) {
      result = MakeError("forward.unknown-endpoint", "endpoint gone", endpoint_id_);
      return;
    }
    if (first || (!params.ufrag.empty() && params.ufrag != remote_ufrag_)) {
      if (params.fingerprint.empty() && !first) {
        // Credentials without a fingerprint after the first update: keep the DTLS side.
      }
      result = ep->transport().SetRemoteParameters(params);
      return;
    }
    for (const auto& c : params.candidates) (void)ep->transport().AddRemoteCandidate(c);
  });
  if (result.ok()) {
    remote_set_ = true;
    if (!params.ufrag.empty()) remote_ufrag_ = params.ufrag;
  }
  return result;
}

bool ForwardingEndpointTransport::RestartIce() {
  bool ok = false;
  loop_.Invoke([&] {
    auto local = conference_.RestartIce(endpoint_id_);
    if (!local.ok()) return;
    local_ = std::move(*local);
    ok = true;
  });
  if (ok) ++generation_;
  return ok;
}

void ForwardingEndpointTransport::ApplyMedia(const std::vector<signaling::colibri2::Media>& medias,
                                             const signaling::colibri2::Sources& sources,
                                             const signaling::colibri2::ForceMute& force_mute) {
  forwarding::EndpointMedia media = forwarding::MapEndpointMedia(medias, sources, force_mute);
  loop_.Invoke([&] { conference_.UpdateMedia(endpoint_id_, std::move(media)); });
}

}  // namespace meet::bridge
