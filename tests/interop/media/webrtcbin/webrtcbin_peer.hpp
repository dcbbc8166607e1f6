#pragma once
// GStreamer webrtcbin as the remote peer of a WebRtcTransport, in-process: it offers, our test
// answers from WebRtcTransport::local_parameters(). webrtcbin runs on its own threads; what it
// reports (offer, candidates, connection state) is kept under a mutex and read by the test
// thread, which also runs our EventLoop.

#include <gst/gst.h>
#include <gst/sdp/sdp.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "media/base/result.hpp"
#include "media/transport/webrtc_transport.hpp"

namespace meet::test::webrtcbin {

// What the test needs from webrtcbin's offer.
struct OfferMedia {
  std::string kind;  // "video", "audio"
  std::string mid;
  uint8_t payload_type = 0;
  std::string rtpmap;  // "VP8/90000"
  std::string direction;  // sendrecv, sendonly, recvonly
};
struct Offer {
  std::string text;
  uint16_t sctp_port = 0;  // a=sctp-port of the m=application line, 0 without one
  media::transport::RemoteParameters remote;  // ICE, fingerprint, setup, a=candidate lines
  std::vector<OfferMedia> media;
};

Result<Offer> ParseOffer(const std::string& sdp_text);

// An answer for `offer`: every m-line BUNDLEd on our transport, `setup` (passive/active), our
// candidates on the first m-line, and for each m-line the direction that mirrors the offer's.
// `send_ssrc` announces the SSRC we send on m-lines where we send (0: none).
std::string BuildAnswer(const Offer& offer, const media::transport::LocalParameters& local,
                        const std::string& setup, uint32_t send_ssrc);

class WebrtcbinPeer {
 public:
  WebrtcbinPeer();
  ~WebrtcbinPeer();
  WebrtcbinPeer(const WebrtcbinPeer&) = delete;
  WebrtcbinPeer& operator=(const WebrtcbinPeer&) = delete;

  // gst_parse_launch(description); the webrtcbin must be named "wb". ICE is restricted to
  // 127.0.0.1. `recv_video_caps` adds a recvonly transceiver with a decoding branch whose
  // decoded frames are counted. Then PLAYING, which triggers negotiation (webrtcbin offers).
  // `data_channel_label` (when not empty) creates a data channel with that label and
  // `data_channel_protocol` before negotiation, so the offer has an m=application line.
  Status Start(const std::string& description, const std::string& recv_video_caps = {},
               const std::string& data_channel_label = {}, const std::string& data_channel_protocol = {});

  std::optional<std::string> offer();
  // Candidates webrtcbin trickled since the last call ("candidate:..." lines).
  std::vector<std::string> TakeCandidates();
  Status SetAnswer(const std::string& sdp_text);
  void AddCandidate(const std::string& candidate);
  int connection_state();  // GstWebRTCPeerConnectionState
  int decoded_frames();
  // The data channel made by Start: open yet, strings received, and sending one.
  bool data_channel_open();
  std::vector<std::string> data_channel_messages();
  void SendDataChannelString(const std::string& text);
  std::string errors();

 private:
  static void OnNegotiationNeeded(GstElement* wb, gpointer self) noexcept;
  static void OnOfferCreated(GstPromise* promise, gpointer self) noexcept;
  static void OnIceCandidate(GstElement* wb, guint mline, gchar* candidate, gpointer self) noexcept;
  static void OnPadAdded(GstElement* wb, GstPad* pad, gpointer self) noexcept;
  static GstPadProbeReturn OnDecodedFrame(GstPad* pad, GstPadProbeInfo* info, gpointer self) noexcept;
  static void OnDataChannelOpen(GstElement* channel, gpointer self) noexcept;
  static void OnDataChannelString(GstElement* channel, gchar* text, gpointer self) noexcept;
  static GstBusSyncReply OnBusMessage(GstBus* bus, GstMessage* message, gpointer self) noexcept;

  GstElement* pipeline_ = nullptr;  // owned
  GstElement* webrtcbin_ = nullptr;  // owned ref
  GObject* data_channel_ = nullptr;  // owned ref (GstWebRTCDataChannel)
  std::atomic<bool> offer_requested_{false};
  std::mutex mutex_;
  std::optional<std::string> offer_;
  std::vector<std::string> candidates_;
  std::string errors_;
  int decoded_frames_ = 0;
  bool data_channel_open_ = false;
  std::vector<std::string> data_channel_messages_;
};

}  // namespace meet::test::webrtcbin
