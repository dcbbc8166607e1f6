#include "tests/interop/media/webrtcbin/webrtcbin_peer.hpp"

#include <gst/webrtc/webrtc.h>

#include <cstdlib>
#include <sstream>
#include <utility>

#include "media/ice/ice_candidate.hpp"

namespace meet::test::webrtcbin {

namespace {

std::string AttributeOf(const GstSDPMessage* msg, const GstSDPMedia* m, const char* key) {
  const char* v = m != nullptr ? gst_sdp_media_get_attribute_val(m, key) : nullptr;
  if (v == nullptr) v = gst_sdp_message_get_attribute_val(msg, key);
  return v != nullptr ? v : "";
}

}  // namespace

Result<Offer> ParseOffer(const std::string& sdp_text) {
  GstSDPMessage* msg = nullptr;
  if (gst_sdp_message_new_from_text(sdp_text.c_str(), &msg) != GST_SDP_OK || msg == nullptr) {
    return MakeError("interop.bad-offer", "GStreamer cannot parse the offer");
  }
  Offer offer;
  offer.text = sdp_text;
  const guint n = gst_sdp_message_medias_len(msg);
  for (guint i = 0; i < n; ++i) {
    const GstSDPMedia* m = gst_sdp_message_get_media(msg, i);
    if (i == 0) {
      offer.remote.ufrag = AttributeOf(msg, m, "ice-ufrag");
      offer.remote.pwd = AttributeOf(msg, m, "ice-pwd");
      offer.remote.setup = AttributeOf(msg, m, "setup");
      const std::string fp = AttributeOf(msg, m, "fingerprint");
      const size_t space = fp.find(' ');
      if (space != std::string::npos) {
        offer.remote.fingerprint_hash = fp.substr(0, space);
        offer.remote.fingerprint = fp.substr(space + 1);
      }
      for (guint k = 0;; ++k) {
        const char* c = gst_sdp_media_get_attribute_val_n(m, "candidate", k);
        if (c == nullptr) break;
        auto cand = media::ice::ParseSdpAttribute(c);
        if (cand.ok() && cand->protocol == "udp") offer.remote.candidates.push_back(*cand);
      }
    }
    OfferMedia om;
    om.kind = gst_sdp_media_get_media(m);
    om.mid = AttributeOf(nullptr, m, "mid");
    if (om.kind == "application") {
      const char* port = gst_sdp_media_get_attribute_val(m, "sctp-port");
      if (port != nullptr) offer.sctp_port = static_cast<uint16_t>(std::strtoul(port, nullptr, 10));
      offer.media.push_back(std::move(om));
      continue;
    }
    if (gst_sdp_media_formats_len(m) > 0) {
      om.payload_type = static_cast<uint8_t>(std::strtoul(gst_sdp_media_get_format(m, 0), nullptr, 10));
    }
    for (guint k = 0;; ++k) {
      const char* r = gst_sdp_media_get_attribute_val_n(m, "rtpmap", k);
      if (r == nullptr) break;
      std::string rtpmap(r);
      const size_t space = rtpmap.find(' ');
      if (space != std::string::npos && std::strtoul(rtpmap.c_str(), nullptr, 10) == om.payload_type) {
        om.rtpmap = rtpmap.substr(space + 1);
      }
    }
    for (const char* d : {"sendrecv", "sendonly", "recvonly", "inactive"}) {
      if (gst_sdp_media_get_attribute_val(m, d) != nullptr) om.direction = d;
    }
    offer.media.push_back(std::move(om));
  }
  gst_sdp_message_free(msg);
  if (offer.remote.ufrag.empty() || offer.remote.fingerprint.empty() || offer.media.empty()) {
    return MakeError("interop.bad-offer", "offer without ICE credentials, fingerprint or media");
  }
  return offer;
}

std::string BuildAnswer(const Offer& offer, const media::transport::LocalParameters& local,
                        const std::string& setup, uint32_t send_ssrc) {
  std::ostringstream s;
  s << "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
  s << "a=group:BUNDLE";
  for (const OfferMedia& m : offer.media) s << ' ' << m.mid;
  s << "\r\n";
  for (size_t i = 0; i < offer.media.size(); ++i) {
    const OfferMedia& m = offer.media[i];
    if (m.kind == "application") {
      s << "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n";
      s << "a=mid:" << m.mid << "\r\n";
      s << "a=ice-ufrag:" << local.ufrag << "\r\na=ice-pwd:" << local.pwd << "\r\n";
      s << "a=fingerprint:" << local.fingerprint_hash << ' ' << local.fingerprint << "\r\n";
      s << "a=setup:" << setup << "\r\n";
      s << "a=sctp-port:5000\r\na=max-message-size:262144\r\n";
      if (i == 0) {
        for (const auto& c : local.candidates) s << "a=" << media::ice::ToSdpAttribute(c) << "\r\n";
        s << "a=end-of-candidates\r\n";
      }
      continue;
    }
    s << "m=" << m.kind << " 9 UDP/TLS/RTP/SAVPF " << int{m.payload_type} << "\r\n";
    s << "c=IN IP4 0.0.0.0\r\n";
    s << "a=mid:" << m.mid << "\r\n";
    s << "a=ice-ufrag:" << local.ufrag << "\r\na=ice-pwd:" << local.pwd << "\r\n";
    s << "a=fingerprint:" << local.fingerprint_hash << ' ' << local.fingerprint << "\r\n";
    s << "a=setup:" << setup << "\r\n";
    s << "a=rtcp-mux\r\n";
    const bool we_send = m.direction == "recvonly" || m.direction == "sendrecv";
    const bool we_recv = m.direction == "sendonly" || m.direction == "sendrecv";
    s << "a=" << (we_send && we_recv ? "sendrecv" : we_send ? "sendonly" : we_recv ? "recvonly" : "inactive")
      << "\r\n";
    s << "a=rtpmap:" << int{m.payload_type} << ' ' << m.rtpmap << "\r\n";
    if (we_send && send_ssrc != 0) {
      s << "a=ssrc:" << send_ssrc << " cname:meet-transport-test\r\n";
      s << "a=ssrc:" << send_ssrc << " msid:meet-stream meet-track-" << m.mid << "\r\n";
    }
    if (i == 0) {
      for (const auto& c : local.candidates) s << "a=" << media::ice::ToSdpAttribute(c) << "\r\n";
      s << "a=end-of-candidates\r\n";
    }
  }
  return s.str();
}

WebrtcbinPeer::WebrtcbinPeer() = default;

WebrtcbinPeer::~WebrtcbinPeer() {
  if (pipeline_ != nullptr) {
    gst_element_set_state(pipeline_, GST_STATE_NULL);
    GstBus* bus = gst_element_get_bus(pipeline_);
    gst_bus_set_sync_handler(bus, nullptr, nullptr, nullptr);
    gst_object_unref(bus);
  }
  if (data_channel_ != nullptr) g_object_unref(data_channel_);
  if (webrtcbin_ != nullptr) gst_object_unref(webrtcbin_);
  if (pipeline_ != nullptr) gst_object_unref(pipeline_);
}

Status WebrtcbinPeer::Start(const std::string& description, const std::string& recv_video_caps,
                            const std::string& data_channel_label, const std::string& data_channel_protocol) {
  GError* error = nullptr;
  pipeline_ = gst_parse_launch(description.c_str(), &error);
  if (pipeline_ == nullptr || error != nullptr) {
    std::string text = error != nullptr ? error->message : "gst_parse_launch failed";
    if (error != nullptr) g_error_free(error);
    return MakeError("interop.pipeline", text);
  }
  if (!GST_IS_PIPELINE(pipeline_)) {  // a lone element comes back as itself, not in a bin
    GstElement* element = pipeline_;
    pipeline_ = gst_pipeline_new(nullptr);
    gst_bin_add(GST_BIN(pipeline_), element);
  }
  webrtcbin_ = gst_bin_get_by_name(GST_BIN(pipeline_), "wb");
  if (webrtcbin_ == nullptr) return MakeError("interop.pipeline", "no element named wb");

  GObject* agent = nullptr;
  g_object_get(webrtcbin_, "ice-agent", &agent, nullptr);
  if (agent == nullptr) return MakeError("interop.pipeline", "webrtcbin has no ice-agent");
  gboolean added = FALSE;
  g_signal_emit_by_name(agent, "add-local-ip-address", "127.0.0.1", &added);
  g_object_unref(agent);
  if (!added) return MakeError("interop.pipeline", "add-local-ip-address 127.0.0.1 refused");

  if (!recv_video_caps.empty()) {
    GstCaps* caps = gst_caps_from_string(recv_video_caps.c_str());
    GstWebRTCRTPTransceiver* transceiver = nullptr;
    g_signal_emit_by_name(webrtcbin_, "add-transceiver", GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, caps,
                          &transceiver);
    gst_caps_unref(caps);
    if (transceiver == nullptr) return MakeError("interop.pipeline", "add-transceiver failed");
    gst_object_unref(transceiver);
    g_signal_connect(webrtcbin_, "pad-added", G_CALLBACK(&WebrtcbinPeer::OnPadAdded), this);
  }

  GstBus* bus = gst_element_get_bus(pipeline_);
  gst_bus_set_sync_handler(bus, &WebrtcbinPeer::OnBusMessage, this, nullptr);
  gst_object_unref(bus);
  g_signal_connect(webrtcbin_, "on-ice-candidate", G_CALLBACK(&WebrtcbinPeer::OnIceCandidate), this);
  if (!data_channel_label.empty()) {
    // webrtcbin makes data channels only once it is out of NULL.
    if (gst_element_set_state(pipeline_, GST_STATE_READY) == GST_STATE_CHANGE_FAILURE) {
      return MakeError("interop.pipeline", "cannot go to READY");
    }
    GstStructure* options = gst_structure_new("options", "protocol", G_TYPE_STRING, data_channel_protocol.c_str(),
                                              nullptr);
    GstWebRTCDataChannel* channel = nullptr;
    g_signal_emit_by_name(webrtcbin_, "create-data-channel", data_channel_label.c_str(), options, &channel);
    gst_structure_free(options);
    if (channel == nullptr) return MakeError("interop.pipeline", "create-data-channel failed");
    data_channel_ = G_OBJECT(channel);
    g_signal_connect(data_channel_, "on-open", G_CALLBACK(&WebrtcbinPeer::OnDataChannelOpen), this);
    g_signal_connect(data_channel_, "on-message-string", G_CALLBACK(&WebrtcbinPeer::OnDataChannelString), this);
  }
  // Connected only now: webrtcbin may already ask on READY, before the data channel exists,
  // and such an offer would be empty. One offer is made, on the first request after this.
  g_signal_connect(webrtcbin_, "on-negotiation-needed", G_CALLBACK(&WebrtcbinPeer::OnNegotiationNeeded), this);
  if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    return MakeError("interop.pipeline", "cannot go to PLAYING");
  }
  // With a data channel webrtcbin asked (for an empty offer) before the handler was there and
  // does not ask again: make the offer now.
  if (data_channel_ != nullptr) OnNegotiationNeeded(webrtcbin_, this);
  return {};
}

void WebrtcbinPeer::OnNegotiationNeeded(GstElement* wb, gpointer self) noexcept {
  if (static_cast<WebrtcbinPeer*>(self)->offer_requested_.exchange(true)) return;
  GstPromise* promise = gst_promise_new_with_change_func(&WebrtcbinPeer::OnOfferCreated, self, nullptr);
  g_signal_emit_by_name(wb, "create-offer", nullptr, promise);
}

void WebrtcbinPeer::OnOfferCreated(GstPromise* promise, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  GstWebRTCSessionDescription* offer = nullptr;
  const GstStructure* reply = gst_promise_get_reply(promise);
  if (reply != nullptr) gst_structure_get(reply, "offer", GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &offer, nullptr);
  gst_promise_unref(promise);
  if (offer == nullptr) {
    std::lock_guard lock(peer->mutex_);
    peer->errors_ += "create-offer gave no offer; ";
    return;
  }
  g_signal_emit_by_name(peer->webrtcbin_, "set-local-description", offer, nullptr);
  gchar* text = gst_sdp_message_as_text(offer->sdp);
  {
    std::lock_guard lock(peer->mutex_);
    peer->offer_ = std::string(text);
  }
  g_free(text);
  gst_webrtc_session_description_free(offer);
}

void WebrtcbinPeer::OnIceCandidate(GstElement*, guint, gchar* candidate, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  std::lock_guard lock(peer->mutex_);
  peer->candidates_.emplace_back(candidate);
}

void WebrtcbinPeer::OnPadAdded(GstElement*, GstPad* pad, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  if (GST_PAD_DIRECTION(pad) != GST_PAD_SRC) return;
  GError* error = nullptr;
  GstElement* bin = gst_parse_bin_from_description(
      "rtpvp8depay ! vp8dec ! fakesink name=frames sync=false async=false", TRUE, &error);
  if (bin == nullptr || error != nullptr) {
    std::lock_guard lock(peer->mutex_);
    peer->errors_ += "decode bin: " + std::string(error != nullptr ? error->message : "?") + "; ";
    if (error != nullptr) g_error_free(error);
    return;
  }
  gst_bin_add(GST_BIN(peer->pipeline_), bin);
  gst_element_sync_state_with_parent(bin);
  GstPad* sink = gst_element_get_static_pad(bin, "sink");
  if (gst_pad_link(pad, sink) != GST_PAD_LINK_OK) {
    std::lock_guard lock(peer->mutex_);
    peer->errors_ += "cannot link webrtcbin pad; ";
  }
  gst_object_unref(sink);
  GstElement* fakesink = gst_bin_get_by_name(GST_BIN(bin), "frames");
  GstPad* fake_pad = gst_element_get_static_pad(fakesink, "sink");
  gst_pad_add_probe(fake_pad, GST_PAD_PROBE_TYPE_BUFFER, &WebrtcbinPeer::OnDecodedFrame, self, nullptr);
  gst_object_unref(fake_pad);
  gst_object_unref(fakesink);
}

GstPadProbeReturn WebrtcbinPeer::OnDecodedFrame(GstPad*, GstPadProbeInfo*, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  std::lock_guard lock(peer->mutex_);
  ++peer->decoded_frames_;
  return GST_PAD_PROBE_OK;
}

GstBusSyncReply WebrtcbinPeer::OnBusMessage(GstBus*, GstMessage* message, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
    GError* error = nullptr;
    gchar* debug = nullptr;
    gst_message_parse_error(message, &error, &debug);
    std::lock_guard lock(peer->mutex_);
    peer->errors_ += std::string(GST_OBJECT_NAME(GST_MESSAGE_SRC(message))) + ": " +
                     (error != nullptr ? error->message : "?") + "; ";
    if (error != nullptr) g_error_free(error);
    g_free(debug);
  }
  return GST_BUS_DROP;
}

std::optional<std::string> WebrtcbinPeer::offer() {
  std::lock_guard lock(mutex_);
  return offer_;
}

std::vector<std::string> WebrtcbinPeer::TakeCandidates() {
  std::lock_guard lock(mutex_);
  return std::exchange(candidates_, {});
}

Status WebrtcbinPeer::SetAnswer(const std::string& sdp_text) {
  GstSDPMessage* msg = nullptr;
  if (gst_sdp_message_new_from_text(sdp_text.c_str(), &msg) != GST_SDP_OK || msg == nullptr) {
    return MakeError("interop.bad-answer", "GStreamer cannot parse our answer");
  }
  GstWebRTCSessionDescription* answer = gst_webrtc_session_description_new(GST_WEBRTC_SDP_TYPE_ANSWER, msg);
  GstPromise* promise = gst_promise_new();
  g_signal_emit_by_name(webrtcbin_, "set-remote-description", answer, promise);
  gst_promise_wait(promise);
  const GstStructure* reply = gst_promise_get_reply(promise);
  std::string error;
  if (reply != nullptr && gst_structure_has_field(reply, "error")) {
    GError* e = nullptr;
    gst_structure_get(reply, "error", G_TYPE_ERROR, &e, nullptr);
    error = e != nullptr ? e->message : "set-remote-description failed";
    if (e != nullptr) g_error_free(e);
  }
  gst_promise_unref(promise);
  gst_webrtc_session_description_free(answer);
  if (!error.empty()) return MakeError("interop.bad-answer", error);
  return {};
}

void WebrtcbinPeer::AddCandidate(const std::string& candidate) {
  g_signal_emit_by_name(webrtcbin_, "add-ice-candidate", 0u, candidate.c_str());
}

int WebrtcbinPeer::connection_state() {
  GstWebRTCPeerConnectionState state = GST_WEBRTC_PEER_CONNECTION_STATE_NEW;
  g_object_get(webrtcbin_, "connection-state", &state, nullptr);
  return static_cast<int>(state);
}

int WebrtcbinPeer::decoded_frames() {
  std::lock_guard lock(mutex_);
  return decoded_frames_;
}

void WebrtcbinPeer::OnDataChannelOpen(GstElement*, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  std::lock_guard lock(peer->mutex_);
  peer->data_channel_open_ = true;
}

void WebrtcbinPeer::OnDataChannelString(GstElement*, gchar* text, gpointer self) noexcept {
  auto* peer = static_cast<WebrtcbinPeer*>(self);
  std::lock_guard lock(peer->mutex_);
  peer->data_channel_messages_.emplace_back(text != nullptr ? text : "");
}

bool WebrtcbinPeer::data_channel_open() {
  std::lock_guard lock(mutex_);
  return data_channel_open_;
}

std::vector<std::string> WebrtcbinPeer::data_channel_messages() {
  std::lock_guard lock(mutex_);
  return data_channel_messages_;
}

void WebrtcbinPeer::SendDataChannelString(const std::string& text) {
  if (data_channel_ != nullptr) g_signal_emit_by_name(data_channel_, "send-string", text.c_str());
}

std::string WebrtcbinPeer::errors() {
  std::lock_guard lock(mutex_);
  return errors_;
}

}  // namespace meet::test::webrtcbin
