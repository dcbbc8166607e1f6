#pragma once
// TestEndpoint: a synthetic conference participant for bridge tests and benchmarks. It plays a
// browser: a WebRtcTransport (ICE controlled, DTLS client: answers the bridge's actpass with
// 'active'), opens the "JVB data channel", sends Opus-like audio (50 pps, ssrc-audio-level and
// transport-cc extensions) and VP8 simulcast (3 SSRCs + RTX, 30 fps, VP8 descriptors with
// 15-bit picture ids, TL0PICIDX and periodic key frames, 1/1/3 packets per frame for
// low/mid/high), answers NACKs with RTX and PLIs with a key frame, and records everything it
// receives per SSRC (sequence numbers, picture ids, key frames, RTX repairs) plus RTCP and
// bridge-channel messages. Lives on one EventLoop: create, call and destroy it on that loop's
// thread.

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "media/base/result.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "signaling/bridge_channel/messages.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::test {

struct TestEndpointConfig {
  std::string id;
  uint32_t audio_ssrc = 0;
  std::array<uint32_t, 3> video_ssrcs{};  // low, mid, high
  std::array<uint32_t, 3> rtx_ssrcs{};
  uint8_t audio_level_dbov = 90;  // RFC 6464: 0 = loudest, 127 = silence
  bool send_audio = true;
  bool send_video = true;
  int key_frame_interval_frames = 90;
  // Stamp a send time (microseconds, steady clock) in the first 8 payload bytes after the
  // VP8 descriptor / at the start of the audio payload (latency measurement).
  bool stamp_send_time = false;
  std::vector<std::string> local_addresses = {"127.0.0.1"};
};

class TestEndpoint final : public media::transport::WebRtcTransport::Listener {
 public:
  static constexpr uint8_t kOpusPt = 111;
  static constexpr uint8_t kVp8Pt = 100;
  static constexpr uint8_t kRtxPt = 96;
  static constexpr uint8_t kAudioLevelId = 1;
  static constexpr uint8_t kAbsSendTimeId = 3;
  static constexpr uint8_t kTwccId = 5;

  struct Received {
    uint64_t packets = 0;
    uint64_t bytes = 0;
    uint64_t key_frames = 0;
    std::vector<uint16_t> sequence_numbers;  // in arrival order (first kMaxRecorded)
    std::vector<uint16_t> payload_sizes;     // same order
    std::vector<uint16_t> picture_ids;       // first packet of each frame
    std::vector<uint16_t> key_frame_sequence_numbers;
    std::vector<uint16_t> rtx_osns;          // for RTX SSRCs: the repaired sequence numbers
    std::vector<int64_t> latencies_us;       // with stamp_send_time on the sender
    uint8_t last_audio_level = 127;
  };
  static constexpr size_t kMaxRecorded = 20000;

  static Result<std::unique_ptr<TestEndpoint>> Create(media::loop::EventLoop& loop, TestEndpointConfig config,
                                                      const media::dtls::DtlsCertificate& certificate);
  TestEndpoint(media::loop::EventLoop& loop, TestEndpointConfig config);
  ~TestEndpoint() override;

  // COLIBRI2 <endpoint> creating this endpoint (medias, transport with SCTP, sources,
  // capabilities), as the focus would send it.
  signaling::colibri2::Endpoint CreateRequest() const;
  // Answers the bridge's transport; the returned <endpoint> carries ours (ufrag, pwd,
  // fingerprint setup='active', candidates) for the update the focus would send.
  Result<signaling::colibri2::Endpoint> Connect(const signaling::jingle::IceUdpTransport& bridge);

  void StartMedia();
  void StopMedia();
  void SetAudioLevel(uint8_t dbov) { config_.audio_level_dbov = dbov; }
  // Skip sending the next packet of this SSRC (it stays in the send cache for NACKs).
  void SkipNextSent(uint32_t ssrc) { skip_next_sent_ = ssrc; }
  // Drop the next received packet of this SSRC and NACK it right away.
  void DropNextReceived(uint32_t ssrc) { drop_next_received_ = ssrc; }

  Status SendBridgeMessage(const signaling::bridge_channel::Message& message);
  Status SendBridgeText(std::string_view text);
  Status SendPli(uint32_t media_ssrc);

  const std::string& id() const { return config_.id; }
  const TestEndpointConfig& config() const { return config_; }
  bool connected() const { return connected_; }
  bool channel_open() const { return channel_.has_value(); }
  const std::map<uint32_t, Received>& received() const { return received_; }
  const Received* ReceivedOn(uint32_t ssrc) const;
  const std::vector<signaling::bridge_channel::Message>& messages() const { return messages_; }
  // PLIs / NACKed sequence numbers received per media SSRC (as a sender).
  uint64_t plis_received(uint32_t ssrc) const;
  uint64_t nacks_received(uint32_t ssrc) const;
  uint64_t rtx_sent() const { return rtx_sent_; }
  uint64_t transport_feedbacks_received() const { return twcc_feedbacks_; }
  uint64_t sender_reports_received() const { return sender_reports_; }
  uint64_t receiver_reports_received() const { return receiver_reports_; }
  std::vector<uint16_t> dropped() const { return dropped_; }
  uint64_t packets_sent() const { return packets_sent_; }
  media::transport::WebRtcTransport& transport() { return *transport_; }

 private:
  struct Layer {
    uint32_t ssrc = 0;
    uint32_t rtx_ssrc = 0;
    uint16_t seq = 0;
    uint16_t rtx_seq = 0;
    uint16_t picture_id = 0;
    uint8_t tl0 = 0;
    bool key_requested = true;
    int packets_per_frame = 1;
    size_t packet_bytes = 0;
    std::map<uint16_t, std::vector<uint8_t>> sent;  // send cache for NACKs
  };

  void Tick();
  void SendAudio();
  void SendVideoFrame();
  void SendPacket(Layer* layer, std::vector<uint8_t>& packet, uint16_t seq);
  void AnswerNack(uint32_t media_ssrc, uint16_t seq);

  // Implements WebRtcTransport::Listener.
  void OnTransportConnected() override { connected_ = true; }
  void OnTransportRtp(std::span<uint8_t> packet) override;
  void OnTransportRtcp(std::span<uint8_t> compound) override;
  void OnDataChannelsReady() override;
  void OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) override;
  void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> message, bool binary) override;

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  TestEndpointConfig config_;
  std::unique_ptr<media::transport::WebRtcTransport> transport_;
  media::loop::Timer timer_;
  uint64_t ticks_ = 0;
  bool connected_ = false;
  std::optional<uint16_t> channel_;
  uint16_t audio_seq_ = 0;
  uint32_t audio_ts_ = 0;
  uint32_t video_ts_ = 0;
  uint16_t twcc_seq_ = 0;
  uint64_t frames_ = 0;
  std::array<Layer, 3> layers_;
  std::map<uint32_t, Received> received_;
  std::vector<signaling::bridge_channel::Message> messages_;
  std::map<uint32_t, uint64_t> plis_;
  std::map<uint32_t, uint64_t> nacks_;
  uint64_t rtx_sent_ = 0;
  uint64_t twcc_feedbacks_ = 0;
  uint64_t sender_reports_ = 0;
  uint64_t receiver_reports_ = 0;
  uint64_t packets_sent_ = 0;
  uint32_t skip_next_sent_ = 0;
  uint32_t drop_next_received_ = 0;
  std::vector<uint16_t> dropped_;
};

}  // namespace meet::test
