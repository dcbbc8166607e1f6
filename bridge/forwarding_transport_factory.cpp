#include "bridge/forwarding_transport_factory.hpp"

#include <chrono>
#include <thread>

#include "bridge/forwarding_endpoint_transport.hpp"
#include "media/base/log.hpp"

namespace meet::bridge {
namespace {
// How long Create waits for the first local candidates (host candidates take a loop turn).
constexpr auto kGatherWait = std::chrono::milliseconds(2000);
}  // namespace

Result<std::unique_ptr<ForwardingTransportFactory>> ForwardingTransportFactory::Create(ForwardingConfig config) {
  auto certificate = media::dtls::DtlsCertificate::Generate("meet-bridge");
  if (!certificate.ok()) return certificate.error();
  return std::make_unique<ForwardingTransportFactory>(std::move(config), std::move(*certificate));
}

ForwardingTransportFactory::ForwardingTransportFactory(ForwardingConfig config,
                                                       media::dtls::DtlsCertificate certificate)
    : config_(std::move(config)), certificate_(std::move(certificate)), workers_(config_.workers) {}

ForwardingTransportFactory::~ForwardingTransportFactory() {
  // Endpoints normally release their conferences first; destroy any left on their workers.
  for (auto& [id, entry] : conferences_) {
    workers_.loop(entry.worker).Invoke([&entry] { entry.conference.reset(); });
  }
  conferences_.clear();
}

ForwardingTransportFactory::Entry* ForwardingTransportFactory::Acquire(const TransportRequest& request) {
  auto it = conferences_.find(request.conference_id);
  if (it != conferences_.end()) return &it->second;
  Entry entry;
  entry.worker = workers_.Acquire();
  forwarding::MediaConferenceConfig mc{.conference_id = request.conference_id,
                                       .feedback_audio_ssrc = request.feedback_audio_ssrc,
                                       .feedback_video_ssrc = request.feedback_video_ssrc,
                                       .transport = {.ice = {}, .certificate = certificate_}};
  mc.transport.ice.local_addresses = config_.media_addresses;
  mc.transport.ice.min_port = config_.min_port;
  mc.transport.ice.max_port = config_.max_port;
  mc.transport.ice.public_addresses = config_.public_addresses;
  media::loop::EventLoop& loop = workers_.loop(entry.worker);
  if (!loop.Invoke([&] { entry.conference = std::make_unique<forwarding::MediaConference>(loop, std::move(mc)); }) ||
      !entry.conference) {
    workers_.Release(entry.worker);
    return nullptr;
  }
  return &conferences_.emplace(request.conference_id, std::move(entry)).first->second;
}

void ForwardingTransportFactory::Release(const std::string& conference_id) {
  auto it = conferences_.find(conference_id);
  if (it == conferences_.end()) return;
  if (it->second.endpoints > 0) --it->second.endpoints;
  if (it->second.endpoints > 0) return;
  Entry& entry = it->second;
  workers_.loop(entry.worker).Invoke([&entry] { entry.conference.reset(); });
  workers_.Release(entry.worker);
  conferences_.erase(it);
}

Result<std::unique_ptr<EndpointTransport>> ForwardingTransportFactory::Create(const TransportRequest& request) {
  Entry* entry = Acquire(request);
  if (entry == nullptr) return MakeError("forward.worker", "media worker not running");
  media::loop::EventLoop& loop = workers_.loop(entry->worker);
  forwarding::MediaConference& conference = *entry->conference;
  std::optional<Result<media::transport::LocalParameters>> added;
  loop.Invoke([&] { added = conference.AddEndpoint(request.endpoint_id, request.sctp, true); });
  if (!added || !added->ok()) {
    if (entry->endpoints == 0) Release(request.conference_id);
    if (!added) return MakeError("forward.worker", "media worker not running");
    return added->error();
  }
  ++entry->endpoints;
  media::transport::LocalParameters local = std::move(**added);
  const auto deadline = std::chrono::steady_clock::now() + kGatherWait;
  while (local.candidates.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    loop.Invoke([&] {
      if (auto p = conference.GetLocalParameters(request.endpoint_id)) local = std::move(*p);
    });
  }
  return std::unique_ptr<EndpointTransport>(std::make_unique<ForwardingEndpointTransport>(
      *this, loop, conference, request.conference_id, request.endpoint_id, std::move(local), request.sctp));
}

forwarding::MediaStatistics ForwardingTransportFactory::Snapshot() const {
  forwarding::MediaStatistics total;
  for (const auto& [id, entry] : conferences_) total.Add(entry.conference->Snapshot());
  return total;
}

void ForwardingTransportFactory::AddStatistics(BridgeStatistics& stats) const {
  const forwarding::MediaStatistics s = Snapshot();
  stats.endpoints_sending_audio = s.endpoints_sending_audio;
  stats.endpoints_sending_video = s.endpoints_sending_video;
  stats.bit_rate_download_kbps = s.bit_rate_download_kbps;
  stats.bit_rate_upload_kbps = s.bit_rate_upload_kbps;
  stats.packet_rate_download = s.packet_rate_download;
  stats.packet_rate_upload = s.packet_rate_upload;
  stats.loss_rate_download = s.loss_rate_download;
  stats.loss_rate_upload = s.loss_rate_upload;
  stats.rtp_packets_received = s.rtp_packets_received;
  stats.rtp_packets_forwarded = s.rtp_packets_forwarded;
  stats.retransmissions_sent = s.retransmissions_sent;
  stats.keyframe_requests_sent = s.keyframe_requests_sent;
  stats.media_workers = workers_.size();
  // JVB-like stress: forwarded packet rate relative to a conservative per-worker budget.
  constexpr double kPacketsPerWorker = 100000.0;
  stats.stress_level = s.packet_rate_upload / (kPacketsPerWorker * static_cast<double>(workers_.size()));
}

bool ForwardingTransportFactory::Healthy() const {
  for (size_t i = 0; i < workers_.size(); ++i) {
    if (!const_cast<WorkerPool&>(workers_).loop(i).running()) return false;
  }
  return true;
}

bool ForwardingTransportFactory::RunOnConference(const std::string& conference_id,
                                                 const std::function<void(forwarding::MediaConference*)>& task) {
  auto it = conferences_.find(conference_id);
  if (it == conferences_.end()) {
    task(nullptr);
    return false;
  }
  forwarding::MediaConference* conference = it->second.conference.get();
  return workers_.loop(it->second.worker).Invoke([&] { task(conference); });
}

}  // namespace meet::bridge
