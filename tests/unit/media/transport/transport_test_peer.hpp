#pragma once
// Test helpers: a WebRtcTransport listener that records everything, and the set-up of two
// transports on loopback (ICE on 127.0.0.1 only), one playing the bridge (offers actpass,
// ICE-controlling) and one playing the browser (answers with the given setup).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/base/result.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/loop/event_loop.hpp"
#include "media/transport/webrtc_transport.hpp"

namespace meet::media::transport::test {

struct Channel {
  uint16_t id;
  std::string label;
  std::string protocol;
};
struct DataMessage {
  uint16_t id;
  std::string text;
  bool binary;
};

struct RecordingPeer : WebRtcTransport::Listener {
  std::unique_ptr<WebRtcTransport> transport;
  std::vector<ice::IceCandidate> local_candidates;
  int connected = 0;
  std::vector<Error> failures;
  std::vector<std::vector<uint8_t>> rtp;
  std::vector<std::vector<uint8_t>> rtcp;
  bool data_ready = false;
  std::vector<Channel> opened;
  std::vector<DataMessage> messages;
  std::vector<uint16_t> closed_channels;

  void OnTransportLocalCandidate(const ice::IceCandidate& c) override { local_candidates.push_back(c); }
  void OnTransportConnected() override { ++connected; }
  void OnTransportFailed(const Error& e) override { failures.push_back(e); }
  void OnTransportRtp(std::span<uint8_t> p) override { rtp.emplace_back(p.begin(), p.end()); }
  void OnTransportRtcp(std::span<uint8_t> p) override { rtcp.emplace_back(p.begin(), p.end()); }
  void OnDataChannelsReady() override { data_ready = true; }
  void OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) override {
    opened.push_back({id, std::string(label), std::string(protocol)});
  }
  void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> m, bool binary) override {
    messages.push_back({id, std::string(m.begin(), m.end()), binary});
  }
  void OnDataChannelClosed(uint16_t id) override { closed_channels.push_back(id); }
};

inline const dtls::DtlsCertificate& TestCertificate(int which) {
  static const dtls::DtlsCertificate a = dtls::DtlsCertificate::Generate("bridge").value();
  static const dtls::DtlsCertificate b = dtls::DtlsCertificate::Generate("browser").value();
  static const dtls::DtlsCertificate c = dtls::DtlsCertificate::Generate("intruder").value();
  return which == 0 ? a : which == 1 ? b : c;
}

inline TransportConfig LoopbackConfig(const dtls::DtlsCertificate& cert, bool controlling, std::string setup,
                                      std::string log_context) {
  TransportConfig config{.ice = {}, .certificate = cert};
  config.ice.controlling = controlling;
  config.ice.local_addresses = {"127.0.0.1"};
  config.ice.log_context = std::move(log_context);
  config.dtls_setup = std::move(setup);
  return config;
}

inline RemoteParameters ToRemote(const LocalParameters& local) {
  RemoteParameters r;
  r.ufrag = local.ufrag;
  r.pwd = local.pwd;
  r.fingerprint_hash = local.fingerprint_hash;
  r.fingerprint = local.fingerprint;
  r.setup = local.setup;
  r.candidates = local.candidates;
  return r;
}

}  // namespace meet::media::transport::test
