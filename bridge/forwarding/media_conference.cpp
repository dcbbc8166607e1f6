#include "bridge/forwarding/media_conference.hpp"

#include <algorithm>
#include <chrono>

#include "bridge/forwarding/layer_selector.hpp"
#include "media/codecs/vp8_descriptor.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtp/header_extensions.hpp"
#include "media/rtp/rtx.hpp"
#include "signaling/bridge_channel/message_codec.hpp"

namespace meet::bridge::forwarding {
namespace bc = signaling::bridge_channel;
namespace rtp = media::rtp;
namespace rtcp = media::rtcp;
namespace codecs = media::codecs;
using media::transport::LocalParameters;
using media::transport::RemoteParameters;

namespace {

constexpr size_t kMaxRecentSpeakers = 10;
constexpr double kSpeechThreshold = 20;  // smoothed level (127 - dBov) that counts as speech
constexpr double kSpeakerHysteresis = 6;
constexpr int64_t kActivityWindowMs = 1000;
constexpr uint32_t kNtpUnixOffset = 2208988800u;

uint64_t NtpNow() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const uint64_t seconds = static_cast<uint64_t>(us / 1'000'000) + kNtpUnixOffset;
  const uint64_t fraction = (static_cast<uint64_t>(us % 1'000'000) << 32) / 1'000'000;
  return (seconds << 32) | fraction;
}

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int64_t MediaConference::NowMs() { return NowUs() / 1000; }

MediaConference::MediaConference(media::loop::EventLoop& loop, MediaConferenceConfig config)
    : loop_(loop),
      config_(std::move(config)),
      log_(log::Logger("forward").With("conf", config_.conference_id)),
      tick_(loop) {
  last_publish_ms_ = NowMs();
  tick_.Start(std::chrono::milliseconds(kTickMs), [this] { Tick(); }, true);
}

MediaConference::~MediaConference() {
  tick_.Cancel();
  list_.clear();
  for (auto& [id, ep] : endpoints_) ep->outgoing_video_.clear();
  endpoints_.clear();
}

MediaEndpoint* MediaConference::FindEndpoint(const std::string& id) {
  auto it = endpoints_.find(id);
  return it == endpoints_.end() ? nullptr : it->second.get();
}

Result<LocalParameters> MediaConference::AddEndpoint(const std::string& id, bool sctp, bool ice_controlling) {
  if (FindEndpoint(id) != nullptr) return MakeError("forward.duplicate-endpoint", "endpoint exists", id);
  auto endpoint = std::make_unique<MediaEndpoint>(*this, id, log_);
  media::transport::TransportConfig tc = config_.transport;
  tc.enable_sctp = sctp;
  tc.ice.controlling = ice_controlling;
  tc.ice.log_context = "conf=" + config_.conference_id + " ep=" + id;
  tc.dtls_setup = "actpass";
  MEET_RETURN_IF_ERROR(endpoint->Init(loop_, std::move(tc)));
  media::transport::LocalParameters local = endpoint->transport().local_parameters();
  endpoints_[id] = std::move(endpoint);
  list_.clear();
  for (auto& [eid, ep] : endpoints_) list_.push_back(ep.get());
  counters_.endpoints = endpoints_.size();
  RebuildRoutes();
  return local;
}

void MediaConference::RemoveEndpoint(const std::string& id) {
  auto it = endpoints_.find(id);
  if (it == endpoints_.end()) return;
  std::unique_ptr<MediaEndpoint> gone = std::move(it->second);
  endpoints_.erase(it);
  list_.clear();
  for (auto& [eid, ep] : endpoints_) list_.push_back(ep.get());
  RebuildRoutes();  // no route refers to `gone` any more
  if (dominant_speaker_ == id) dominant_speaker_.clear();
  std::erase(recent_speakers_, id);
  gone.reset();
  counters_.endpoints = endpoints_.size();
}

Status MediaConference::SetRemoteParameters(const std::string& id, const RemoteParameters& remote) {
  MediaEndpoint* ep = FindEndpoint(id);
  if (ep == nullptr) return MakeError("forward.unknown-endpoint", "no such endpoint", id);
  return ep->transport().SetRemoteParameters(remote);
}

Result<LocalParameters> MediaConference::RestartIce(const std::string& id) {
  MediaEndpoint* ep = FindEndpoint(id);
  if (ep == nullptr) return MakeError("forward.unknown-endpoint", "no such endpoint", id);
  MEET_RETURN_IF_ERROR(ep->transport().RestartIce());
  return ep->transport().local_parameters();
}

std::optional<LocalParameters> MediaConference::GetLocalParameters(const std::string& id) {
  MediaEndpoint* ep = FindEndpoint(id);
  if (ep == nullptr) return std::nullopt;
  return ep->transport().local_parameters();
}

void MediaConference::UpdateMedia(const std::string& id, EndpointMedia media) {
  MediaEndpoint* ep = FindEndpoint(id);
  if (ep == nullptr) return;
  ep->SetMedia(std::move(media));
  RebuildRoutes();
}

// ---- Routes and allocation -------------------------------------------------------------

void MediaConference::RebuildRoutes() {
  for (MediaEndpoint* receiver : list_) {
    std::vector<MediaEndpoint::OutgoingVideo> next;
    for (MediaEndpoint* sender : list_) {
      if (sender == receiver) continue;
      const auto& sources = sender->media().video_sources;
      for (size_t s = 0; s < sources.size(); ++s) {
        const VideoSource& v = sources[s];
        auto old = std::find_if(receiver->outgoing_video_.begin(), receiver->outgoing_video_.end(),
                                [&](const MediaEndpoint::OutgoingVideo& ov) {
                                  return ov.sender == sender && ov.source_name == v.name &&
                                         ov.primary_ssrc == v.primary_ssrc();
                                });
        if (old != receiver->outgoing_video_.end()) {
          old->source = s;
          old->rtx_ssrc = v.primary_rtx_ssrc();
          next.push_back(std::move(*old));
          continue;
        }
        MediaEndpoint::OutgoingVideo ov;
        ov.sender = sender;
        ov.source = s;
        ov.source_name = v.name;
        ov.primary_ssrc = v.primary_ssrc();
        ov.rtx_ssrc = v.primary_rtx_ssrc();
        ov.projection = VideoProjection(ov.primary_ssrc);
        ov.cache = std::make_unique<RetransmissionCache>();
        next.push_back(std::move(ov));
      }
    }
    receiver->outgoing_video_ = std::move(next);

    std::vector<MediaEndpoint::OutgoingAudio> audio;
    for (MediaEndpoint* sender : list_) {
      if (sender == receiver) continue;
      for (const AudioSource& a : sender->media().audio_sources) {
        MediaEndpoint::OutgoingAudio oa;
        if (auto* old = receiver->FindOutgoingAudio(a.ssrc); old != nullptr) oa = *old;
        oa.ssrc = a.ssrc;
        audio.push_back(oa);
      }
    }
    receiver->outgoing_audio_ = std::move(audio);
  }
  AllocateAll();
}

int MediaConference::SpeakerRank(const MediaEndpoint& endpoint) const {
  for (size_t i = 0; i < recent_speakers_.size(); ++i) {
    if (recent_speakers_[i] == endpoint.id()) return static_cast<int>(i);
  }
  return static_cast<int>(kMaxRecentSpeakers + 1);
}

void MediaConference::Allocate(MediaEndpoint& receiver) {
  auto& outgoing = receiver.outgoing_video_;
  std::vector<LayerCandidate> candidates(outgoing.size());
  std::vector<int> targets(outgoing.size(), VideoProjection::kOff);
  for (size_t i = 0; i < outgoing.size(); ++i) {
    const auto& ov = outgoing[i];
    const auto& sources = ov.sender->media().video_sources;
    candidates[i].source_name = ov.source_name;
    candidates[i].source = ov.source < sources.size() ? &sources[ov.source] : nullptr;
    candidates[i].speaker_rank = SpeakerRank(*ov.sender);
    candidates[i].sender_muted = ov.sender->media().mute_video;
  }
  // No video before the receiver's first ReceiverVideoConstraints (initial maxHeight 0).
  SelectLayers(receiver.video_state_.settings(), candidates, targets);
  std::vector<std::string> forwarded;
  const int64_t now = NowMs();
  for (size_t i = 0; i < outgoing.size(); ++i) {
    auto& ov = outgoing[i];
    ov.projection.SetTarget(targets[i]);
    if (targets[i] != VideoProjection::kOff) forwarded.push_back(ov.source_name);
    if (ov.projection.NeedsKeyFrame()) RequestKeyFrame(*ov.sender, ov.source, targets[i], now);
  }
  if (forwarded != receiver.forwarded_sources_) {
    receiver.forwarded_sources_ = forwarded;
    receiver.SendMessage(bc::ForwardedSources{std::move(forwarded)});
  }
}

void MediaConference::AllocateAll() {
  for (MediaEndpoint* receiver : list_) Allocate(*receiver);
}

// ---- RTP ---------------------------------------------------------------------------------

void MediaConference::OnRtp(MediaEndpoint& from, std::span<uint8_t> data) {
  auto parsed = rtp::RtpPacketView::Parse(data);
  if (!parsed.ok()) return;
  rtp::RtpPacketView packet = *parsed;
  MediaEndpoint::Incoming* in = from.FindIncoming(packet.ssrc());
  if (in == nullptr) return;  // not a signalled source
  const int64_t now_us = NowUs();
  const int64_t now_ms = now_us / 1000;
  ++counters_.rtp_packets_received;
  const rtp::ExtensionMap& map = in->audio ? from.media_.format.audio_extensions
                                           : from.media_.format.video_extensions;
  if (auto twcc = packet.GetExtension<rtp::TransportSequenceNumberExtension>(map)) {
    from.twcc_.OnPacket(*twcc, now_us);
  }
  bool retransmission = false;
  if (in->rtx) {
    in->stream.OnPacket(packet.sequence_number(), packet.timestamp(), packet.size(), now_ms, false);
    if (packet.payload_size() < 2) return;  // padding-only probe
    auto original = rtp::RtxUnwrap(packet, from.media_.format.vp8_pt, in->primary_ssrc);
    if (!original.ok()) return;
    packet = *original;
    in = from.FindIncoming(in->primary_ssrc);
    if (in == nullptr) return;
    retransmission = true;
  }
  in->stream.OnPacket(packet.sequence_number(), packet.timestamp(), packet.size(), now_ms, retransmission);

  if (in->audio) {
    if (packet.payload_type() != from.media_.format.opus_pt && from.media_.format.opus_pt != 0) {
      // Other audio payloads (DTMF, RED) are forwarded as they are.
    }
    if (auto level = packet.GetExtension<rtp::AudioLevelExtension>(map)) {
      const double value = 127.0 - level->level;
      from.audio_energy_ = 0.8 * from.audio_energy_ + 0.2 * value;
    }
    from.last_audio_ms_ = now_ms;
    if (from.media_.mute_audio) return;
    ForwardAudio(from, packet, now_ms);
    return;
  }
  from.last_video_ms_ = now_ms;
  if (from.media_.mute_video) return;
  ForwardVideo(from, *in, packet, now_ms);
}

void MediaConference::ForwardAudio(MediaEndpoint& from, rtp::RtpPacketView& packet, int64_t now_ms) {
  const rtp::ExtensionMap& map = from.media_.format.audio_extensions;
  const auto twcc_original = packet.GetExtension<rtp::TransportSequenceNumberExtension>(map);
  for (MediaEndpoint* receiver : list_) {
    if (receiver == &from || !receiver->connected()) continue;
    if (twcc_original) {
      packet.SetExtension<rtp::TransportSequenceNumberExtension>(map, receiver->twcc_out_sequence_++);
    }
    if (receiver->transport_->SendRtp(packet.data()).ok()) {
      ++counters_.rtp_packets_forwarded;
      if (auto* oa = receiver->FindOutgoingAudio(packet.ssrc()); oa != nullptr) {
        ++oa->packets;
        oa->octets += packet.payload_size();
        oa->last_timestamp = packet.timestamp();
        oa->last_ms = now_ms;
      }
    }
  }
  if (twcc_original) packet.SetExtension<rtp::TransportSequenceNumberExtension>(map, *twcc_original);
}

void MediaConference::ForwardVideo(MediaEndpoint& from, const MediaEndpoint::Incoming& in,
                                   rtp::RtpPacketView& packet, int64_t now_ms) {
  std::optional<codecs::Vp8Descriptor> vp8;
  if (packet.payload_type() == from.media_.format.vp8_pt) {
    auto d = codecs::ParseVp8Descriptor(packet.payload());
    if (d.ok()) vp8 = *d;
  }
  const rtp::ExtensionMap& map = from.media_.format.video_extensions;
  const auto twcc_original = packet.GetExtension<rtp::TransportSequenceNumberExtension>(map);
  const uint32_t original_ssrc = packet.ssrc();
  const VideoProjection::Rewrite original = VideoProjection::Original(packet, vp8);
  const int encoding = static_cast<int>(in.encoding);
  for (MediaEndpoint* receiver : list_) {
    if (receiver == &from) continue;
    for (auto& ov : receiver->outgoing_video_) {
      if (ov.sender != &from || ov.source != in.source) continue;
      const uint64_t switches = ov.projection.switches();
      auto rewrite = ov.projection.Process(encoding, packet, vp8, now_ms);
      if (ov.projection.switches() != switches) ++counters_.layer_switches;
      if (ov.projection.NeedsKeyFrame()) RequestKeyFrame(from, in.source, ov.projection.target(), now_ms);
      if (!rewrite || !receiver->connected()) continue;
      ov.projection.Apply(packet, vp8, *rewrite);
      if (twcc_original) {
        packet.SetExtension<rtp::TransportSequenceNumberExtension>(map, receiver->twcc_out_sequence_++);
      }
      ov.cache->Store(rewrite->sequence_number, packet.data(), now_ms);
      if (receiver->transport_->SendRtp(packet.data()).ok()) ++counters_.rtp_packets_forwarded;
      ov.rtcp_octets += packet.payload_size();
      VideoProjection::Restore(packet, vp8, original_ssrc, original);
    }
  }
  if (twcc_original) packet.SetExtension<rtp::TransportSequenceNumberExtension>(map, *twcc_original);
}

void MediaConference::RequestKeyFrame(MediaEndpoint& sender, size_t source, int encoding, int64_t now_ms) {
  if (encoding < 0) return;
  const auto& sources = sender.media_.video_sources;
  if (source >= sources.size() || static_cast<size_t>(encoding) >= sources[source].encodings.size()) return;
  const uint32_t ssrc = sources[source].encodings[static_cast<size_t>(encoding)].ssrc;
  MediaEndpoint::Incoming* in = sender.FindIncoming(ssrc);
  if (in == nullptr || now_ms - in->last_keyframe_request_ms < config_.keyframe_request_interval_ms) return;
  if (!sender.connected()) return;
  in->last_keyframe_request_ms = now_ms;
  auto built = rtcp::Pli::Build(config_.feedback_video_ssrc, ssrc, scratch_);
  if (!built.ok()) return;
  if (sender.transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), *built)).ok()) {
    ++counters_.keyframe_requests_sent;
  }
}

// ---- RTCP --------------------------------------------------------------------------------

void MediaConference::OnRtcp(MediaEndpoint& from, std::span<uint8_t> compound) {
  const int64_t now_ms = NowMs();
  (void)rtcp::ForEachRtcpPacket(compound, [&](const rtcp::RtcpHeader& h) {
    switch (h.packet_type) {
      case rtcp::packet_type::kSr: {
        auto sr = rtcp::SenderReport::Parse(h);
        if (!sr.ok()) return;
        if (auto* in = from.FindIncoming(sr->sender_ssrc()); in != nullptr) {
          in->stream.OnSenderReport(sr->sender_info().ntp_timestamp, now_ms);
        }
        for (size_t i = 0; i < sr->report_block_count(); ++i) {
          from.reported_loss_ = sr->report_block(i).fraction_lost / 256.0;
        }
        return;
      }
      case rtcp::packet_type::kRr: {
        auto rr = rtcp::ReceiverReport::Parse(h);
        if (!rr.ok()) return;
        double sum = 0;
        for (size_t i = 0; i < rr->report_block_count(); ++i) sum += rr->report_block(i).fraction_lost / 256.0;
        if (rr->report_block_count() > 0) from.reported_loss_ = sum / static_cast<double>(rr->report_block_count());
        return;
      }
      case rtcp::packet_type::kRtpfb: {
        if (h.count != rtcp::fmt::kNack) return;  // transport-cc: for the BWE
        auto nack = rtcp::GenericNack::Parse(h);
        if (!nack.ok()) return;
        const size_t n = nack->LostSequenceNumbers(lost_scratch_);
        HandleNack(from, nack->media_ssrc(), std::span<const uint16_t>(lost_scratch_.data(), n), now_ms);
        return;
      }
      case rtcp::packet_type::kPsfb: {
        if (h.count == rtcp::fmt::kPli) {
          auto pli = rtcp::Pli::Parse(h);
          if (pli.ok()) HandleKeyFrameRequest(from, pli->media_ssrc(), now_ms);
        } else if (h.count == rtcp::fmt::kFir) {
          auto fir = rtcp::Fir::Parse(h);
          if (!fir.ok()) return;
          for (size_t i = 0; i < fir->entry_count(); ++i) HandleKeyFrameRequest(from, fir->entry(i).ssrc, now_ms);
        }
        return;
      }
      default:
        return;  // SDES, BYE, APP, XR: consumed
    }
  });
}

void MediaConference::HandleNack(MediaEndpoint& receiver, uint32_t media_ssrc, std::span<const uint16_t> lost,
                                 int64_t now_ms) {
  MediaEndpoint::OutgoingVideo* ov = receiver.FindOutgoingVideo(media_ssrc);
  if (ov == nullptr || !receiver.connected()) return;
  const MediaFormat& format = ov->sender->media_.format;
  const uint8_t rtx_pt = receiver.media_.format.vp8_rtx_pt;
  for (uint16_t seq : lost) {
    ++counters_.nacks_received;
    auto cached = ov->cache->Find(seq, now_ms);
    if (!cached) continue;
    auto view = rtp::RtpPacketView::Parse(*cached);
    if (!view.ok()) continue;
    if (auto twcc = view->GetExtension<rtp::TransportSequenceNumberExtension>(format.video_extensions)) {
      view->SetExtension<rtp::TransportSequenceNumberExtension>(format.video_extensions,
                                                               receiver.twcc_out_sequence_++);
    }
    Status sent;
    if (rtx_pt != 0 && ov->rtx_ssrc != 0 && rtp::RtxSize(*view) <= scratch_.size()) {
      auto rtx = rtp::RtxWrap(*view, rtx_pt, ov->rtx_ssrc, ov->rtx_sequence++, scratch_);
      if (!rtx.ok()) continue;
      sent = receiver.transport_->SendRtp(rtx->data());
    } else {
      sent = receiver.transport_->SendRtp(view->data());
    }
    if (sent.ok()) ++counters_.retransmissions_sent;
  }
}

void MediaConference::HandleKeyFrameRequest(MediaEndpoint& receiver, uint32_t media_ssrc, int64_t now_ms) {
  ++counters_.keyframe_requests_received;
  MediaEndpoint::OutgoingVideo* ov = receiver.FindOutgoingVideo(media_ssrc);
  if (ov == nullptr) return;
  int encoding = ov->projection.current();
  if (encoding == VideoProjection::kOff) encoding = ov->projection.target();
  RequestKeyFrame(*ov->sender, ov->source, encoding, now_ms);
}

// ---- Timers ------------------------------------------------------------------------------

void MediaConference::Tick() {
  ++ticks_;
  const int64_t now_ms = NowMs();
  SendNacks(now_ms);
  if (ticks_ % 5 == 0) SendTransportFeedback();
  if (ticks_ % 15 == 0) DecideDominantSpeaker();
  if (ticks_ % 50 == 0) {
    SendReports(now_ms);
    PublishStatistics(now_ms);
  }
}

void MediaConference::SendNacks(int64_t now_ms) {
  for (MediaEndpoint* ep : list_) {
    if (!ep->connected()) continue;
    for (auto& in : ep->incoming_) {
      if (in.audio || in.rtx) continue;
      const size_t n = in.stream.CollectNacks(lost_scratch_, now_ms);
      if (n == 0) continue;
      auto built = rtcp::GenericNack::Build(config_.feedback_video_ssrc, in.ssrc,
                                            std::span<const uint16_t>(lost_scratch_.data(), n), scratch_);
      if (!built.ok()) continue;
      if (ep->transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), *built)).ok()) {
        counters_.nacks_sent += n;
      }
    }
  }
}

void MediaConference::SendTransportFeedback() {
  for (MediaEndpoint* ep : list_) {
    if (!ep->connected() || ep->incoming_.empty()) continue;
    const size_t n = ep->twcc_.BuildFeedback(config_.feedback_video_ssrc, ep->incoming_.front().ssrc, scratch_);
    if (n == 0) continue;
    if (ep->transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), n)).ok()) {
      ++counters_.twcc_feedbacks_sent;
    }
  }
}

void MediaConference::SendReports(int64_t now_ms) {
  const uint64_t ntp = NtpNow();
  for (MediaEndpoint* ep : list_) {
    if (!ep->connected()) continue;
    // RR toward the sender about everything it sends us.
    std::array<rtcp::ReportBlock, rtcp::kMaxReportBlocks> blocks{};
    size_t n = 0;
    for (auto& in : ep->incoming_) {
      if (in.rtx || in.stream.packets() == 0 || n == blocks.size()) continue;
      blocks[n++] = in.stream.MakeReportBlock(now_ms);
    }
    if (n > 0) {
      auto built = rtcp::ReceiverReport::Build(config_.feedback_video_ssrc,
                                               std::span<const rtcp::ReportBlock>(blocks.data(), n), scratch_);
      if (built.ok() && ep->transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), *built)).ok()) {
        ++counters_.receiver_reports_sent;
      }
    }
    // SRs toward the receiver for the streams we send it (rewritten video, forwarded audio).
    for (auto& ov : ep->outgoing_video_) {
      if (!ov.projection.started()) continue;
      rtcp::SenderInfo info;
      info.ntp_timestamp = ntp;
      info.rtp_timestamp = ov.projection.last_timestamp() +
                           static_cast<uint32_t>((now_ms - ov.projection.last_sent_ms()) * 90);
      info.packet_count = static_cast<uint32_t>(ov.projection.packets());
      info.octet_count = static_cast<uint32_t>(ov.rtcp_octets);
      auto built = rtcp::SenderReport::Build(ov.primary_ssrc, info, {}, scratch_);
      if (built.ok() && ep->transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), *built)).ok()) {
        ++counters_.sender_reports_sent;
      }
    }
    for (auto& oa : ep->outgoing_audio_) {
      if (oa.packets == 0) continue;
      rtcp::SenderInfo info;
      info.ntp_timestamp = ntp;
      info.rtp_timestamp = oa.last_timestamp + static_cast<uint32_t>((now_ms - oa.last_ms) * 48);
      info.packet_count = static_cast<uint32_t>(oa.packets);
      info.octet_count = static_cast<uint32_t>(oa.octets);
      auto built = rtcp::SenderReport::Build(oa.ssrc, info, {}, scratch_);
      if (built.ok() && ep->transport_->SendRtcp(std::span<const uint8_t>(scratch_.data(), *built)).ok()) {
        ++counters_.sender_reports_sent;
      }
    }
  }
}

void MediaConference::DecideDominantSpeaker() {
  const int64_t now_ms = NowMs();
  MediaEndpoint* loudest = nullptr;
  MediaEndpoint* current = nullptr;
  for (MediaEndpoint* ep : list_) {
    if (now_ms - ep->last_audio_ms_ > kActivityWindowMs) ep->audio_energy_ = 0;
    if (ep->id() == dominant_speaker_) current = ep;
    if (ep->audio_energy_ >= kSpeechThreshold && (loudest == nullptr || ep->audio_energy_ > loudest->audio_energy_)) {
      loudest = ep;
    }
  }
  if (loudest == nullptr || loudest == current) return;
  if (current != nullptr && loudest->audio_energy_ < current->audio_energy_ + kSpeakerHysteresis) return;
  dominant_speaker_ = loudest->id();
  std::erase(recent_speakers_, dominant_speaker_);
  recent_speakers_.insert(recent_speakers_.begin(), dominant_speaker_);
  if (recent_speakers_.size() > kMaxRecentSpeakers) recent_speakers_.resize(kMaxRecentSpeakers);
  ++counters_.dominant_speaker_changes;
  log_.Info("dominant speaker: {}", dominant_speaker_);
  bc::DominantSpeakerEndpointChangeEvent event;
  event.dominant_speaker_endpoint = dominant_speaker_;
  event.previous_speakers = std::vector<std::string>(recent_speakers_.begin() + 1, recent_speakers_.end());
  Broadcast(event, nullptr);
  AllocateAll();  // speech order changes last-N
}

void MediaConference::PublishStatistics(int64_t now_ms) {
  const double seconds = std::max<double>(0.001, static_cast<double>(now_ms - last_publish_ms_) / 1000.0);
  last_publish_ms_ = now_ms;
  MediaStatistics s = counters_;
  s.endpoints = endpoints_.size();
  uint64_t expected = 0, lost = 0;
  double loss_up_sum = 0;
  size_t loss_up_n = 0;
  for (MediaEndpoint* ep : list_) {
    if (ep->connected()) ++s.endpoints_connected;
    if (now_ms - ep->last_audio_ms_ <= kActivityWindowMs) ++s.endpoints_sending_audio;
    if (now_ms - ep->last_video_ms_ <= kActivityWindowMs) ++s.endpoints_sending_video;
    if (!ep->transport_) continue;
    const auto st = ep->transport_->stats();
    s.bit_rate_download_kbps += static_cast<double>(st.rtp_in.bytes - ep->last_stats_.rtp_in.bytes) * 8 / 1000 / seconds;
    s.bit_rate_upload_kbps += static_cast<double>(st.rtp_out.bytes - ep->last_stats_.rtp_out.bytes) * 8 / 1000 / seconds;
    s.packet_rate_download += static_cast<double>(st.rtp_in.packets - ep->last_stats_.rtp_in.packets) / seconds;
    s.packet_rate_upload += static_cast<double>(st.rtp_out.packets - ep->last_stats_.rtp_out.packets) / seconds;
    ep->last_stats_ = st;
    uint64_t ep_expected = 0, ep_lost = 0;
    for (const auto& in : ep->incoming_) {
      if (in.rtx) continue;
      ep_expected += in.stream.expected();
      ep_lost += static_cast<uint64_t>(std::max<int64_t>(0, in.stream.lost()));
    }
    expected += ep_expected - std::min(ep_expected, ep->last_expected_);
    lost += ep_lost - std::min(ep_lost, ep->last_lost_);
    ep->last_expected_ = ep_expected;
    ep->last_lost_ = ep_lost;
    if (ep->connected()) {
      loss_up_sum += ep->reported_loss_;
      ++loss_up_n;
    }
  }
  s.loss_rate_download = expected > 0 ? static_cast<double>(lost) / static_cast<double>(expected) : 0;
  s.loss_rate_upload = loss_up_n > 0 ? loss_up_sum / static_cast<double>(loss_up_n) : 0;
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  snapshot_ = s;
}

MediaStatistics MediaConference::Snapshot() const {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  return snapshot_;
}

// ---- Bridge channel ----------------------------------------------------------------------

void MediaConference::Broadcast(const bc::Message& message, const MediaEndpoint* except) {
  for (MediaEndpoint* ep : list_) {
    if (ep != except) ep->SendMessage(message);
  }
}

void MediaConference::OnEndpointConnected(MediaEndpoint& endpoint) {
  Allocate(endpoint);
  // Anything it should receive needs a key frame now.
  for (auto& ov : endpoint.outgoing_video_) {
    if (ov.projection.NeedsKeyFrame()) RequestKeyFrame(*ov.sender, ov.source, ov.projection.target(), NowMs());
  }
}

void MediaConference::OnDataChannelOpen(MediaEndpoint& endpoint) {
  endpoint.SendMessage(bc::ServerHello{std::string(MEET_FORWARDING_VERSION)});
  endpoint.SendMessage(bc::ForwardedSources{endpoint.forwarded_sources_});
  if (!dominant_speaker_.empty()) {
    bc::DominantSpeakerEndpointChangeEvent event;
    event.dominant_speaker_endpoint = dominant_speaker_;
    event.previous_speakers = std::vector<std::string>(recent_speakers_.begin() + 1, recent_speakers_.end());
    endpoint.SendMessage(event);
  }
}

void MediaConference::HandleBridgeMessage(const std::string& endpoint_id, std::string_view text) {
  if (MediaEndpoint* ep = FindEndpoint(endpoint_id); ep != nullptr) HandleBridgeMessage(*ep, text);
}

void MediaConference::HandleBridgeMessage(MediaEndpoint& from, std::string_view text) {
  ++counters_.bridge_messages_received;
  auto parsed = bc::Parse(text);
  if (!parsed.ok()) {
    ++counters_.bridge_messages_bad;
    if (!from.bad_message_logged_) {
      from.bad_message_logged_ = true;
      from.log_.Warn("dropping bad bridge-channel message (logged once): {}", parsed.error().ToString());
    }
    return;
  }
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, bc::ClientHello>) {
          from.SendMessage(bc::ServerHello{std::string(MEET_FORWARDING_VERSION)});
        } else if constexpr (std::is_same_v<T, bc::ReceiverVideoConstraints> ||
                             std::is_same_v<T, bc::LastNChangedEvent>) {
          from.video_state_.Apply(m);
          Allocate(from);
        } else if constexpr (std::is_same_v<T, bc::EndpointMessage>) {
          m.from = from.id();
          if (m.IsBroadcast()) {
            Broadcast(m, &from);
          } else if (MediaEndpoint* to = FindEndpoint(m.to); to != nullptr && to != &from) {
            to->SendMessage(m);
          }
        } else if constexpr (std::is_same_v<T, bc::EndpointStats>) {
          m.from = from.id();
          Broadcast(m, &from);
        } else if constexpr (std::is_same_v<T, bc::SourceVideoTypeMessage> ||
                             std::is_same_v<T, bc::VideoTypeMessage>) {
          // Video type only matters for the allocator's screen-share preferences (not yet).
        } else {
          // ReceiverAudioSubscription and bridge->client classes: ignored.
        }
      },
      *parsed);
}

}  // namespace meet::bridge::forwarding
