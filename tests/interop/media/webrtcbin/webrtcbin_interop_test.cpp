// Interop between our WebRtcTransport and GStreamer's webrtcbin (libnice + OpenSSL DTLS +
// libsrtp), both in this process, ICE on 127.0.0.1 only (ctest runs this in a loopback-only
// network namespace). webrtcbin offers; we answer from WebRtcTransport::local_parameters().
//  1. webrtcbin sends VP8 + Opus, we are the DTLS server (answer a=setup:passive, as the
//     bridge): we must decrypt both, parse the VP8 descriptors and see a key frame.
//  3. webrtcbin opens the 'JVB data channel' towards us; text flows both ways.
//  2. webrtcbin receives VP8, we are the DTLS client (a=setup:active): we send packets from
//     a small vp8enc ! rtpvp8pay ! appsink pipeline and webrtcbin must decode > 10 frames.
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "media/codecs/vp8_descriptor.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/ice/ice_candidate.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "tests/interop/media/webrtcbin/webrtcbin_peer.hpp"

// GStreamer keeps process-lifetime allocations (type system, plugin registry, element
// factories, GLib's thread pools) that it never frees by design; only those are suppressed.
// webrtcbin's DTLS (libgstdtls.so, OpenSSL on GStreamer's streaming threads) now and then
// leaves OpenSSL objects behind at exit; the fast unwinder stops inside libcrypto (no frame
// pointers there), so full unwinding is switched on to attribute such allocations to
// libgstdtls and not to our own OpenSSL use, which stays checked.
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgstdtls.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n"
         "leak:libgstreamer-1.0.so\n"
         "leak:libgstbase-1.0.so\n"
         "leak:libgio-2.0.so\n"
         "leak:/usr/lib/x86_64-linux-gnu/gstreamer-1.0/\n";
}

namespace meet::test::webrtcbin {
namespace {

using namespace std::chrono_literals;
using media::loop::EventLoop;
using media::transport::LocalParameters;
using media::transport::TransportConfig;
using media::transport::WebRtcTransport;

constexpr auto kWait = 12s;
constexpr uint32_t kOurVideoSsrc = 0x1EE7C0DE;

struct Receiver : WebRtcTransport::Listener {
  int connected = 0;
  std::vector<Error> failures;
  uint8_t vp8_pt = 0;
  uint8_t opus_pt = 0;
  int vp8_packets = 0;
  int vp8_key_frames = 0;
  int vp8_bad_descriptors = 0;
  int opus_packets = 0;
  int other_packets = 0;
  int rtcp = 0;
  std::set<uint32_t> vp8_ssrcs;
  std::set<uint32_t> opus_ssrcs;

  struct Opened {
    uint16_t id;
    std::string label;
    std::string protocol;
  };
  std::vector<Opened> opened;
  std::vector<std::string> messages;

  void OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) override {
    opened.push_back({id, std::string(label), std::string(protocol)});
  }
  void OnDataChannelMessage(uint16_t, std::span<const uint8_t> m, bool binary) override {
    if (!binary) messages.emplace_back(m.begin(), m.end());
  }
  void OnTransportConnected() override { ++connected; }
  void OnTransportFailed(const Error& e) override { failures.push_back(e); }
  void OnTransportRtcp(std::span<uint8_t>) override { ++rtcp; }
  void OnTransportRtp(std::span<uint8_t> packet) override {
    auto view = media::rtp::RtpPacketView::Parse(packet);
    if (!view.ok()) {
      ++other_packets;  // cannot happen: the transport parse-checks before delivering
      return;
    }
    if (vp8_pt != 0 && view->payload_type() == vp8_pt) {
      ++vp8_packets;
      vp8_ssrcs.insert(view->ssrc());
      auto d = media::codecs::ParseVp8Descriptor(view->payload());
      if (!d.ok()) {
        ++vp8_bad_descriptors;
      } else if (d->key_frame) {
        ++vp8_key_frames;
      }
    } else if (opus_pt != 0 && view->payload_type() == opus_pt) {
      if (view->payload_size() > 0) ++opus_packets;
      opus_ssrcs.insert(view->ssrc());
    } else {
      ++other_packets;
    }
  }
};

class WebrtcbinInteropTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { gst_init(nullptr, nullptr); }
  // Joins GStreamer's pooled streaming threads, so that their thread-local OpenSSL state
  // (webrtcbin's DTLS runs there) is freed before LeakSanitizer looks at the heap at exit.
  static void TearDownTestSuite() { gst_deinit(); }

  void TearDown() override {
    send_timer_.reset();
    if (source_ != nullptr) {
      gst_element_set_state(source_, GST_STATE_NULL);
      gst_object_unref(source_);
      source_ = nullptr;
    }
    transport_.reset();
    peer_.reset();
    loop_.RunPending();
  }

  // Applies webrtcbin's trickled candidates to our transport (on our loop thread).
  void PumpCandidates() {
    if (!transport_) return;
    for (const std::string& line : peer_->TakeCandidates()) {
      auto c = media::ice::ParseSdpAttribute(line);
      if (c.ok() && c->protocol == "udp") (void)transport_->AddRemoteCandidate(*c);
    }
  }

  bool Wait(const std::function<bool()>& done, std::chrono::milliseconds timeout = kWait) {
    return loop_.RunUntil([&] {
      PumpCandidates();
      return done() || !receiver_.failures.empty();
    }, timeout) && receiver_.failures.empty();
  }

  // Waits for webrtcbin's offer, creates our transport with `setup`, answers.
  void Negotiate(const std::string& setup, uint32_t send_ssrc, Offer& offer_out, bool data_channels = false) {
    ASSERT_TRUE(Wait([&] { return peer_->offer().has_value(); })) << "no offer; " << peer_->errors();
    auto offer = ParseOffer(*peer_->offer());
    ASSERT_TRUE(offer.ok()) << offer.error().ToString() << "\n" << *peer_->offer();
    EXPECT_EQ(offer->remote.setup, "actpass");
    EXPECT_EQ(offer->remote.fingerprint_hash, "sha-256");

    auto cert = media::dtls::DtlsCertificate::Generate("meet-interop");
    ASSERT_TRUE(cert.ok());
    TransportConfig config{.ice = {}, .certificate = *cert};
    config.ice.controlling = false;  // webrtcbin offered: it controls
    config.ice.local_addresses = {"127.0.0.1"};
    config.ice.log_context = "ep=webrtcbin";
    config.enable_sctp = data_channels;
    config.dtls_setup = setup;
    auto t = WebRtcTransport::Create(loop_, config, &receiver_);
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    transport_ = std::move(*t);
    ASSERT_TRUE(Wait([&] { return !transport_->local_parameters().candidates.empty(); }));

    offer->remote.sctp_port = offer->sctp_port;
    Status s = transport_->SetRemoteParameters(offer->remote);
    ASSERT_TRUE(s.ok()) << s.error().ToString();
    const LocalParameters local = transport_->local_parameters();
    const std::string answer = BuildAnswer(*offer, local, setup, send_ssrc);
    Status a = peer_->SetAnswer(answer);
    ASSERT_TRUE(a.ok()) << a.error().ToString() << "\n" << answer;
    for (const auto& c : local.candidates) peer_->AddCandidate(media::ice::ToSdpAttribute(c));
    offer_out = std::move(*offer);
  }

  EventLoop loop_{"webrtcbin-interop"};
  Receiver receiver_;
  std::unique_ptr<WebrtcbinPeer> peer_ = std::make_unique<WebrtcbinPeer>();
  std::unique_ptr<WebRtcTransport> transport_;
  GstElement* source_ = nullptr;
  std::unique_ptr<media::loop::Timer> send_timer_;
};

TEST_F(WebrtcbinInteropTest, WeDecryptVp8AndOpusFromWebrtcbinAsDtlsServer) {
  Status started = peer_->Start(
      "webrtcbin name=wb bundle-policy=max-bundle "
      "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! "
      "vp8enc deadline=1 keyframe-max-dist=30 ! rtpvp8pay picture-id-mode=15-bit mtu=1200 ! "
      "application/x-rtp,media=video,encoding-name=VP8,payload=96 ! wb. "
      "audiotestsrc is-live=true wave=sine ! opusenc ! rtpopuspay ! "
      "application/x-rtp,media=audio,encoding-name=OPUS,payload=111 ! wb.");
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  Offer offer;
  ASSERT_NO_FATAL_FAILURE(Negotiate("passive", 0, offer));
  for (const OfferMedia& m : offer.media) {
    if (m.rtpmap.rfind("VP8/", 0) == 0) receiver_.vp8_pt = m.payload_type;
    if (m.rtpmap.rfind("OPUS/", 0) == 0 || m.rtpmap.rfind("opus/", 0) == 0) receiver_.opus_pt = m.payload_type;
  }
  ASSERT_NE(receiver_.vp8_pt, 0) << offer.text;
  ASSERT_NE(receiver_.opus_pt, 0) << offer.text;

  ASSERT_TRUE(Wait([&] { return receiver_.connected > 0; }))
      << "not connected; webrtcbin state " << peer_->connection_state() << "; " << peer_->errors()
      << (receiver_.failures.empty() ? "" : receiver_.failures[0].ToString());
  EXPECT_EQ(transport_->dtls_role(), media::dtls::DtlsRole::kServer);
  ASSERT_TRUE(transport_->srtp_profile().has_value());

  ASSERT_TRUE(Wait([&] {
    return receiver_.vp8_key_frames >= 1 && receiver_.vp8_packets >= 30 && receiver_.opus_packets >= 10;
  })) << "vp8 " << receiver_.vp8_packets << " (key " << receiver_.vp8_key_frames << "), opus "
      << receiver_.opus_packets << "; " << peer_->errors();
  EXPECT_EQ(receiver_.vp8_bad_descriptors, 0);
  EXPECT_EQ(receiver_.other_packets, 0);
  EXPECT_EQ(receiver_.vp8_ssrcs.size(), 1u);
  EXPECT_EQ(receiver_.opus_ssrcs.size(), 1u);
  const WebRtcTransport::Stats s = transport_->stats();
  EXPECT_EQ(s.dropped_srtp_auth, 0u);
  EXPECT_EQ(s.dropped_malformed_rtp, 0u);
  EXPECT_EQ(s.dropped_malformed_rtcp, 0u);
  EXPECT_GE(s.rtp_in.packets, 40u);
  EXPECT_TRUE(peer_->errors().empty()) << peer_->errors();
}

TEST_F(WebrtcbinInteropTest, WebrtcbinDecodesVp8WeSendAsDtlsClient) {
  Status started = peer_->Start("webrtcbin name=wb bundle-policy=max-bundle",
                                "application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000");
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  Offer offer;
  ASSERT_NO_FATAL_FAILURE(Negotiate("active", kOurVideoSsrc, offer));
  ASSERT_EQ(offer.media.size(), 1u) << offer.text;
  EXPECT_EQ(offer.media[0].direction, "recvonly");
  EXPECT_EQ(offer.media[0].rtpmap.substr(0, 4), "VP8/");
  const uint8_t pt = offer.media[0].payload_type;

  ASSERT_TRUE(Wait([&] { return receiver_.connected > 0; }))
      << "not connected; webrtcbin state " << peer_->connection_state() << "; " << peer_->errors();
  EXPECT_EQ(transport_->dtls_role(), media::dtls::DtlsRole::kClient);

  // Encode and packetise with GStreamer, send through our transport.
  const std::string description =
      "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! "
      "vp8enc deadline=1 keyframe-max-dist=15 ! rtpvp8pay picture-id-mode=15-bit mtu=1100 pt=" +
      std::to_string(pt) + " ssrc=" + std::to_string(kOurVideoSsrc) +
      " ! appsink name=out sync=false max-buffers=200";
  GError* error = nullptr;
  source_ = gst_parse_launch(description.c_str(), &error);
  ASSERT_TRUE(source_ != nullptr && error == nullptr) << (error != nullptr ? error->message : "");
  GstElement* sink = gst_bin_get_by_name(GST_BIN(source_), "out");
  ASSERT_NE(sink, nullptr);
  int sent = 0;
  int send_errors = 0;
  send_timer_ = std::make_unique<media::loop::Timer>(loop_);
  send_timer_->Start(5ms, [&] {
    while (GstSample* sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 0)) {
      GstBuffer* buffer = gst_sample_get_buffer(sample);
      GstMapInfo map;
      if (buffer != nullptr && gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        if (transport_->SendRtp(std::span<const uint8_t>(map.data, map.size)).ok()) {
          ++sent;
        } else {
          ++send_errors;
        }
        gst_buffer_unmap(buffer, &map);
      }
      gst_sample_unref(sample);
    }
  }, /*repeating=*/true);
  ASSERT_NE(gst_element_set_state(source_, GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);

  const bool decoded = Wait([&] { return peer_->decoded_frames() > 10; });
  send_timer_->Cancel();
  gst_object_unref(sink);
  ASSERT_TRUE(decoded) << "webrtcbin decoded " << peer_->decoded_frames() << " frames from " << sent
                       << " packets; " << peer_->errors();
  EXPECT_EQ(send_errors, 0);
  EXPECT_GE(transport_->stats().rtp_out.packets, static_cast<uint64_t>(sent));
  EXPECT_TRUE(peer_->errors().empty()) << peer_->errors();
}

// webrtcbin's data channel (its own usrsctp through sctpenc/sctpdec) opened towards us as the
// browser opens the bridge channel: we are the DTLS and SCTP server, as the bridge is.
TEST_F(WebrtcbinInteropTest, DataChannelFromWebrtcbinCarriesTextBothWays) {
  const std::string label = "JVB data channel";
  const std::string protocol = "http://jitsi.org/protocols/colibri";
  Status started = peer_->Start("webrtcbin name=wb bundle-policy=max-bundle", {}, label, protocol);
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  Offer offer;
  ASSERT_NO_FATAL_FAILURE(Negotiate("passive", 0, offer, /*data_channels=*/true));
  ASSERT_EQ(offer.media.size(), 1u) << offer.text;
  EXPECT_EQ(offer.media[0].kind, "application");
  EXPECT_NE(offer.sctp_port, 0) << offer.text;

  ASSERT_TRUE(Wait([&] { return !receiver_.opened.empty() && peer_->data_channel_open(); }))
      << "connected " << receiver_.connected << ", sctp ready " << transport_->data_channels_ready()
      << ", webrtcbin channel open " << peer_->data_channel_open() << "; " << peer_->errors();
  const uint16_t id = receiver_.opened[0].id;
  EXPECT_EQ(receiver_.opened[0].label, label);
  EXPECT_EQ(receiver_.opened[0].protocol, protocol);
  EXPECT_EQ(id % 2, 0) << "the DTLS client (webrtcbin) opens even stream ids";
  EXPECT_EQ(transport_->dtls_role(), media::dtls::DtlsRole::kServer);

  const std::string hello = R"({"colibriClass":"ServerHello","version":"meet"})";
  ASSERT_TRUE(transport_->SendDataText(id, hello).ok());
  const std::string endpoint_stats = R"({"colibriClass":"EndpointStats","from":"webrtcbin"})";
  peer_->SendDataChannelString(endpoint_stats);
  ASSERT_TRUE(Wait([&] { return !receiver_.messages.empty() && !peer_->data_channel_messages().empty(); }))
      << peer_->errors();
  EXPECT_EQ(peer_->data_channel_messages()[0], hello);
  EXPECT_EQ(receiver_.messages[0], endpoint_stats);
}

}  // namespace
}  // namespace meet::test::webrtcbin
