#include "tests/support/test_endpoint/test_endpoint.hpp"

#include <chrono>
#include <cstring>

#include "media/codecs/vp8_descriptor.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtp/rtp_packet_builder.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtx.hpp"
#include "signaling/bridge_channel/message_codec.hpp"

namespace meet::test {
namespace colibri2 = signaling::colibri2;
namespace jingle = signaling::jingle;
namespace bc = signaling::bridge_channel;
namespace rtp = media::rtp;
namespace rtcp = media::rtcp;
using media::transport::WebRtcTransport;

namespace {

constexpr int64_t kTickMs = 10;
constexpr size_t kSendCache = 512;
constexpr size_t kAudioPayload = 80;  // Opus at ~32 kbit/s, 20 ms
constexpr uint32_t kAudioTsStep = 960;
constexpr uint32_t kVideoTsStep = 3000;  // 30 fps at 90 kHz

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

jingle::Candidate ToJingle(const media::ice::IceCandidate& c) {
  jingle::Candidate j;
  j.component = static_cast<uint8_t>(c.component);
  j.foundation = c.foundation;
  j.ip = c.address;
  j.port = c.port;
  j.priority = c.priority;
  j.protocol = c.protocol;
  j.type = std::string(media::ice::ToString(c.type));
  j.id = c.foundation + "x" + std::to_string(c.port);
  return j;
}

media::ice::IceCandidate FromJingle(const jingle::Candidate& j) {
  media::ice::IceCandidate c;
  c.foundation = j.foundation;
  c.component = j.component;
  c.protocol = j.protocol;
  c.priority = j.priority;
  c.address = j.ip;
  c.port = j.port;
  c.type = j.type == "srflx" ? media::ice::IceCandidateType::kSrflx : media::ice::IceCandidateType::kHost;
  c.related_address = j.rel_addr;
  c.related_port = j.rel_port.value_or(0);
  return c;
}

jingle::PayloadType Pt(uint8_t id, std::string name, uint32_t clock, uint8_t channels = 1) {
  jingle::PayloadType pt;
  pt.id = id;
  pt.name = std::move(name);
  pt.clockrate = clock;
  pt.channels = channels;
  return pt;
}

jingle::Source Src(uint32_t ssrc, const std::string& name) {
  jingle::Source s;
  s.ssrc = ssrc;
  s.name = name;
  return s;
}

}  // namespace

Result<std::unique_ptr<TestEndpoint>> TestEndpoint::Create(media::loop::EventLoop& loop, TestEndpointConfig config,
                                                           const media::dtls::DtlsCertificate& certificate) {
  auto endpoint = std::make_unique<TestEndpoint>(loop, config);
  media::transport::TransportConfig tc{.ice = {}, .certificate = certificate};
  tc.ice.controlling = false;
  tc.ice.local_addresses = config.local_addresses;
  tc.ice.log_context = "test-ep=" + config.id;
  tc.dtls_setup = "active";
  auto transport = WebRtcTransport::Create(loop, std::move(tc), endpoint.get());
  if (!transport.ok()) return transport.error();
  endpoint->transport_ = std::move(*transport);
  return endpoint;
}

TestEndpoint::TestEndpoint(media::loop::EventLoop& loop, TestEndpointConfig config)
    : loop_(loop), config_(std::move(config)), timer_(loop) {
  static constexpr int kPacketsPerFrame[3] = {1, 1, 3};
  static constexpr size_t kPacketBytes[3] = {250, 700, 1000};
  for (size_t i = 0; i < 3; ++i) {
    layers_[i].ssrc = config_.video_ssrcs[i];
    layers_[i].rtx_ssrc = config_.rtx_ssrcs[i];
    layers_[i].seq = static_cast<uint16_t>(1000 * (i + 1) + config_.audio_ssrc % 100);
    layers_[i].picture_id = static_cast<uint16_t>(100 * (i + 1));
    layers_[i].tl0 = static_cast<uint8_t>(10 * (i + 1));
    layers_[i].packets_per_frame = kPacketsPerFrame[i];
    layers_[i].packet_bytes = kPacketBytes[i];
  }
  audio_seq_ = static_cast<uint16_t>(config_.audio_ssrc & 0x7fff);
}

TestEndpoint::~TestEndpoint() {
  timer_.Cancel();
  if (transport_) transport_->Close();
  transport_.reset();
}

colibri2::Endpoint TestEndpoint::CreateRequest() const {
  colibri2::Endpoint ep;
  ep.id = config_.id;
  ep.create = true;
  ep.stats_id = "Test-" + config_.id;
  ep.capabilities = {"source-names"};
  colibri2::Media audio;
  audio.type = jingle::MediaType::kAudio;
  jingle::PayloadType opus = Pt(kOpusPt, "opus", 48000, 2);
  opus.rtcp_fbs.push_back({"transport-cc", ""});
  audio.payload_types.push_back(opus);
  audio.header_extensions.push_back({kAudioLevelId, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", ""});
  audio.header_extensions.push_back(
      {kTwccId, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", ""});
  colibri2::Media video;
  video.type = jingle::MediaType::kVideo;
  jingle::PayloadType vp8 = Pt(kVp8Pt, "VP8", 90000);
  vp8.rtcp_fbs = {{"ccm", "fir"}, {"nack", ""}, {"nack", "pli"}, {"transport-cc", ""}};
  jingle::PayloadType rtx = Pt(kRtxPt, "rtx", 90000);
  rtx.parameters.push_back({"apt", std::to_string(kVp8Pt)});
  video.payload_types = {vp8, rtx};
  video.header_extensions.push_back({kAbsSendTimeId, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", ""});
  video.header_extensions.push_back(
      {kTwccId, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", ""});
  ep.medias = {audio, video};
  colibri2::Transport t;
  t.ice_controlling = true;
  t.sctp = colibri2::Sctp{};
  ep.transport = t;
  colibri2::Sources sources;
  if (config_.send_audio) {
    colibri2::MediaSource a;
    a.type = jingle::MediaType::kAudio;
    a.id = config_.id + "-a0";
    a.sources.push_back(Src(config_.audio_ssrc, a.id));
    sources.media_sources.push_back(a);
  }
  if (config_.send_video) {
    colibri2::MediaSource v;
    v.type = jingle::MediaType::kVideo;
    v.id = config_.id + "-v0";
    jingle::SsrcGroup sim{"SIM", {}};
    for (size_t i = 0; i < 3; ++i) {
      v.sources.push_back(Src(config_.video_ssrcs[i], v.id));
      v.sources.push_back(Src(config_.rtx_ssrcs[i], v.id));
      sim.ssrcs.push_back(config_.video_ssrcs[i]);
    }
    v.ssrc_groups.push_back(sim);
    for (size_t i = 0; i < 3; ++i) v.ssrc_groups.push_back({"FID", {config_.video_ssrcs[i], config_.rtx_ssrcs[i]}});
    sources.media_sources.push_back(v);
  }
  ep.sources = sources;
  return ep;
}

Result<colibri2::Endpoint> TestEndpoint::Connect(const jingle::IceUdpTransport& bridge) {
  media::transport::RemoteParameters remote;
  remote.ufrag = bridge.ufrag;
  remote.pwd = bridge.pwd;
  if (bridge.fingerprints.empty()) return MakeError("test.no-fingerprint", "bridge sent no fingerprint");
  remote.fingerprint_hash = bridge.fingerprints.front().hash;
  remote.fingerprint = bridge.fingerprints.front().value;
  remote.setup = bridge.fingerprints.front().setup;
  for (const auto& c : bridge.candidates) remote.candidates.push_back(FromJingle(c));
  MEET_RETURN_IF_ERROR(transport_->SetRemoteParameters(remote));
  const media::transport::LocalParameters local = transport_->local_parameters();
  colibri2::Endpoint ep;
  ep.id = config_.id;
  colibri2::Transport t;
  jingle::IceUdpTransport ice;
  ice.ufrag = local.ufrag;
  ice.pwd = local.pwd;
  ice.rtcp_mux = true;
  jingle::Fingerprint fp;
  fp.hash = local.fingerprint_hash;
  fp.value = local.fingerprint;
  fp.setup = "active";
  ice.fingerprints.push_back(fp);
  for (const auto& c : local.candidates) ice.candidates.push_back(ToJingle(c));
  t.ice_udp = ice;
  ep.transport = t;
  return ep;
}

void TestEndpoint::StartMedia() {
  timer_.Start(std::chrono::milliseconds(kTickMs), [this] { Tick(); }, true);
}

void TestEndpoint::StopMedia() { timer_.Cancel(); }

void TestEndpoint::Tick() {
  ++ticks_;
  if (!connected_) return;
  if (config_.send_audio && ticks_ % 2 == 0) SendAudio();
  if (config_.send_video && ticks_ % 3 == 0) SendVideoFrame();
}

void TestEndpoint::SendPacket(Layer* layer, std::vector<uint8_t>& packet, uint16_t seq) {
  const uint32_t ssrc = layer != nullptr ? layer->ssrc : config_.audio_ssrc;
  if (layer != nullptr) {
    layer->sent[seq] = packet;
    if (layer->sent.size() > kSendCache) layer->sent.erase(layer->sent.begin());
  }
  if (skip_next_sent_ == ssrc) {
    skip_next_sent_ = 0;
    return;
  }
  if (transport_->SendRtp(packet).ok()) ++packets_sent_;
}

void TestEndpoint::SendAudio() {
  std::vector<uint8_t> buffer(1500);
  std::array<uint8_t, kAudioPayload> payload{};
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(audio_seq_ + i);
  if (config_.stamp_send_time) {
    const int64_t now = NowUs();
    std::memcpy(payload.data(), &now, sizeof(now));
  }
  const std::array<uint8_t, 1> level{static_cast<uint8_t>(0x80 | (config_.audio_level_dbov & 0x7f))};
  const std::array<uint8_t, 2> twcc{static_cast<uint8_t>(twcc_seq_ >> 8), static_cast<uint8_t>(twcc_seq_)};
  ++twcc_seq_;
  rtp::RtpPacketBuilder builder(buffer);
  builder.SetPayloadType(kOpusPt).SetSequenceNumber(audio_seq_).SetTimestamp(audio_ts_)
      .SetSsrc(config_.audio_ssrc).AddExtension(kAudioLevelId, level).AddExtension(kTwccId, twcc)
      .SetPayload(payload);
  auto view = builder.Build();
  if (!view.ok()) return;
  buffer.resize(view->size());
  SendPacket(nullptr, buffer, audio_seq_);
  ++audio_seq_;
  audio_ts_ += kAudioTsStep;
}

void TestEndpoint::SendVideoFrame() {
  ++frames_;
  const bool periodic_key = config_.key_frame_interval_frames > 0 &&
                            frames_ % static_cast<uint64_t>(config_.key_frame_interval_frames) == 1;
  video_ts_ += kVideoTsStep;
  std::vector<uint8_t> payload;
  std::vector<uint8_t> buffer(1500);
  for (Layer& layer : layers_) {
    const bool key = periodic_key || layer.key_requested;
    layer.key_requested = false;
    ++layer.picture_id;
    layer.picture_id &= 0x7fff;
    ++layer.tl0;
    for (int p = 0; p < layer.packets_per_frame; ++p) {
      payload.assign(layer.packet_bytes, static_cast<uint8_t>(layer.picture_id));
      // VP8 descriptor: X, S on the first packet, PID 0; I (15-bit M) + L.
      payload[0] = static_cast<uint8_t>(0x80 | (p == 0 ? 0x10 : 0));
      payload[1] = 0xC0;
      payload[2] = static_cast<uint8_t>(0x80 | (layer.picture_id >> 8));
      payload[3] = static_cast<uint8_t>(layer.picture_id & 0xff);
      payload[4] = layer.tl0;
      // VP8 payload header: P bit 0 for key frames.
      payload[5] = static_cast<uint8_t>(key && p == 0 ? 0x00 : 0x01);
      if (config_.stamp_send_time && payload.size() >= 14) {
        const int64_t now = NowUs();
        std::memcpy(&payload[6], &now, sizeof(now));
      }
      const std::array<uint8_t, 2> twcc{static_cast<uint8_t>(twcc_seq_ >> 8), static_cast<uint8_t>(twcc_seq_)};
      ++twcc_seq_;
      rtp::RtpPacketBuilder builder(buffer);
      builder.SetPayloadType(kVp8Pt).SetSequenceNumber(layer.seq).SetTimestamp(video_ts_).SetSsrc(layer.ssrc)
          .SetMarker(p == layer.packets_per_frame - 1).AddExtension(kTwccId, twcc).SetPayload(payload);
      auto view = builder.Build();
      if (!view.ok()) continue;
      std::vector<uint8_t> packet(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(view->size()));
      SendPacket(&layer, packet, layer.seq);
      ++layer.seq;
    }
  }
}

void TestEndpoint::AnswerNack(uint32_t media_ssrc, uint16_t seq) {
  for (Layer& layer : layers_) {
    if (layer.ssrc != media_ssrc) continue;
    auto it = layer.sent.find(seq);
    if (it == layer.sent.end()) return;
    std::vector<uint8_t> original = it->second;
    auto view = rtp::RtpPacketView::Parse(original);
    if (!view.ok()) return;
    std::vector<uint8_t> out(rtp::RtxSize(*view));
    auto rtx = rtp::RtxWrap(*view, kRtxPt, layer.rtx_ssrc, layer.rtx_seq++, out);
    if (rtx.ok() && transport_->SendRtp(rtx->data()).ok()) ++rtx_sent_;
    return;
  }
}

Status TestEndpoint::SendPli(uint32_t media_ssrc) {
  std::array<uint8_t, rtcp::Pli::kSize> out{};
  auto built = rtcp::Pli::Build(config_.audio_ssrc, media_ssrc, out);
  if (!built.ok()) return MakeError("test.pli", "build failed");
  return transport_->SendRtcp(std::span<const uint8_t>(out.data(), *built));
}

const TestEndpoint::Received* TestEndpoint::ReceivedOn(uint32_t ssrc) const {
  auto it = received_.find(ssrc);
  return it == received_.end() ? nullptr : &it->second;
}

uint64_t TestEndpoint::plis_received(uint32_t ssrc) const {
  auto it = plis_.find(ssrc);
  return it == plis_.end() ? 0 : it->second;
}

uint64_t TestEndpoint::nacks_received(uint32_t ssrc) const {
  auto it = nacks_.find(ssrc);
  return it == nacks_.end() ? 0 : it->second;
}

void TestEndpoint::OnTransportRtp(std::span<uint8_t> data) {
  auto view = rtp::RtpPacketView::Parse(data);
  if (!view.ok()) return;
  const uint32_t ssrc = view->ssrc();
  const uint16_t seq = view->sequence_number();
  if (drop_next_received_ == ssrc && view->payload_type() != kRtxPt) {
    drop_next_received_ = 0;
    dropped_.push_back(seq);
    std::array<uint8_t, 64> out{};
    const std::array<uint16_t, 1> lost{seq};
    auto built = rtcp::GenericNack::Build(config_.audio_ssrc, ssrc, lost, out);
    if (built.ok()) (void)transport_->SendRtcp(std::span<const uint8_t>(out.data(), *built));
    return;
  }
  Received& r = received_[ssrc];
  ++r.packets;
  r.bytes += data.size();
  const bool record = r.packets <= kMaxRecorded;
  if (view->payload_type() == kRtxPt) {
    if (view->payload_size() >= 2 && record) {
      r.rtx_osns.push_back(static_cast<uint16_t>((view->payload()[0] << 8) | view->payload()[1]));
    }
    return;
  }
  if (record) {
    r.sequence_numbers.push_back(seq);
    r.payload_sizes.push_back(static_cast<uint16_t>(view->payload_size()));
  }
  if (view->payload_type() == kOpusPt) {
    if (auto level = view->FindExtension(kAudioLevelId); level && level->size() == 1) {
      r.last_audio_level = (*level)[0] & 0x7f;
    }
    if (config_.stamp_send_time && view->payload_size() >= 8 && record) {
      int64_t sent = 0;
      std::memcpy(&sent, view->payload().data(), sizeof(sent));
      r.latencies_us.push_back(NowUs() - sent);
    }
    return;
  }
  if (view->payload_type() != kVp8Pt) return;
  auto d = media::codecs::ParseVp8Descriptor(view->payload());
  if (!d.ok()) return;
  if (d->start_of_frame && record) r.picture_ids.push_back(d->picture_id);
  if (d->key_frame) {
    ++r.key_frames;
    if (record) r.key_frame_sequence_numbers.push_back(seq);
  }
  if (config_.stamp_send_time && view->payload_size() >= d->header_size + 9 && record) {
    int64_t sent = 0;
    std::memcpy(&sent, view->payload().data() + d->header_size + 1, sizeof(sent));
    r.latencies_us.push_back(NowUs() - sent);
  }
}

void TestEndpoint::OnTransportRtcp(std::span<uint8_t> compound) {
  (void)rtcp::ForEachRtcpPacket(compound, [&](const rtcp::RtcpHeader& h) {
    if (h.packet_type == rtcp::packet_type::kPsfb && h.count == rtcp::fmt::kPli) {
      auto pli = rtcp::Pli::Parse(h);
      if (!pli.ok()) return;
      ++plis_[pli->media_ssrc()];
      for (Layer& layer : layers_) {
        if (layer.ssrc == pli->media_ssrc()) layer.key_requested = true;
      }
    } else if (h.packet_type == rtcp::packet_type::kRtpfb && h.count == rtcp::fmt::kNack) {
      auto nack = rtcp::GenericNack::Parse(h);
      if (!nack.ok()) return;
      nack->ForEachLost([&](uint16_t seq) {
        ++nacks_[nack->media_ssrc()];
        AnswerNack(nack->media_ssrc(), seq);
      });
    } else if (h.packet_type == rtcp::packet_type::kRtpfb && h.count == rtcp::fmt::kTransportCc) {
      ++twcc_feedbacks_;
    } else if (h.packet_type == rtcp::packet_type::kSr) {
      ++sender_reports_;
    } else if (h.packet_type == rtcp::packet_type::kRr) {
      ++receiver_reports_;
    }
  });
}

void TestEndpoint::OnDataChannelsReady() {
  auto id = transport_->OpenDataChannel("JVB data channel", "http://jitsi.org/protocols/colibri");
  if (id.ok()) channel_ = *id;
}

void TestEndpoint::OnDataChannelOpen(uint16_t id, std::string_view /*label*/, std::string_view /*protocol*/) {
  if (!channel_) channel_ = id;
}

void TestEndpoint::OnDataChannelMessage(uint16_t /*id*/, std::span<const uint8_t> message, bool binary) {
  if (binary) return;
  auto parsed = bc::Parse(std::string_view(reinterpret_cast<const char*>(message.data()), message.size()));
  if (parsed.ok()) messages_.push_back(std::move(*parsed));
}

Status TestEndpoint::SendBridgeMessage(const bc::Message& message) { return SendBridgeText(bc::Serialize(message)); }

Status TestEndpoint::SendBridgeText(std::string_view text) {
  if (!channel_) return MakeError("test.no-channel", "data channel not open");
  return transport_->SendDataText(*channel_, text);
}

}  // namespace meet::test
