#pragma once
// Two DtlsTransports wired back to back in memory: each Peer queues what its transport sends,
// Pump() delivers the queues to the other side until both are empty (no threads, no sockets).

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "media/dtls/dtls_certificate.hpp"
#include "media/dtls/dtls_transport.hpp"

namespace meet::media::dtls::test {

struct Peer : DtlsTransport::Listener {
  std::deque<std::vector<uint8_t>> outbox;
  std::vector<std::vector<uint8_t>> sent_all;  // every datagram ever sent
  std::optional<srtp::SrtpKeyMaterial> keys;
  std::vector<std::vector<uint8_t>> received;
  int connected_calls = 0;
  int closed_calls = 0;
  std::optional<Error> failure;
  std::unique_ptr<DtlsTransport> transport;

  void OnDtlsSendPacket(std::span<const uint8_t> datagram) override {
    outbox.emplace_back(datagram.begin(), datagram.end());
    sent_all.emplace_back(datagram.begin(), datagram.end());
  }
  void OnDtlsConnected(const srtp::SrtpKeyMaterial& k) override {
    keys = k;
    ++connected_calls;
  }
  void OnDtlsApplicationData(std::span<const uint8_t> data) override { received.emplace_back(data.begin(), data.end()); }
  void OnDtlsClosed() override { ++closed_calls; }
  void OnDtlsFailed(const Error& error) override { failure = error; }
};

inline const DtlsCertificate& SharedCertificate(int which) {
  static const DtlsCertificate a = DtlsCertificate::Generate("meet-a").value();
  static const DtlsCertificate b = DtlsCertificate::Generate("meet-b").value();
  return which == 0 ? a : b;
}

struct Pair {
  Peer client;
  Peer server;

  // Client uses certificate 0, server certificate 1; each is told the other's fingerprint.
  explicit Pair(const DtlsTransport::Options& client_options = DtlsTransport::DefaultOptions(),
                const DtlsTransport::Options& server_options = DtlsTransport::DefaultOptions(),
                bool set_fingerprints = true) {
    auto c = DtlsTransport::Create(SharedCertificate(0), &client, client_options);
    auto s = DtlsTransport::Create(SharedCertificate(1), &server, server_options);
    EXPECT_TRUE(c.ok()) << c.error().ToString();
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    client.transport = std::move(c).value();
    server.transport = std::move(s).value();
    EXPECT_TRUE(client.transport->SetRole(DtlsRole::kClient).ok());
    EXPECT_TRUE(server.transport->SetRole(DtlsRole::kServer).ok());
    if (set_fingerprints) {
      EXPECT_TRUE(client.transport->SetRemoteFingerprint("sha-256", SharedCertificate(1).fingerprint()).ok());
      EXPECT_TRUE(server.transport->SetRemoteFingerprint("sha-256", SharedCertificate(0).fingerprint()).ok());
    }
  }

  void Start() {
    ASSERT_TRUE(server.transport->Start().ok());
    ASSERT_TRUE(client.transport->Start().ok());
  }

  // Delivers queued datagrams both ways until nothing is left. `drop(from_client, n)` is
  // asked for the n-th datagram (counted per direction over the pair's life) and may drop it.
  // Returns the number of datagrams delivered.
  int Pump(const std::function<bool(bool from_client, int n)>& drop = nullptr) {
    int delivered = 0;
    for (int round = 0; round < 100 && (!client.outbox.empty() || !server.outbox.empty()); ++round) {
      while (!client.outbox.empty()) {
        auto d = std::move(client.outbox.front());
        client.outbox.pop_front();
        if (drop && drop(true, client_n_++)) continue;
        server.transport->HandleIncoming(d);
        ++delivered;
      }
      while (!server.outbox.empty()) {
        auto d = std::move(server.outbox.front());
        server.outbox.pop_front();
        if (drop && drop(false, server_n_++)) continue;
        client.transport->HandleIncoming(d);
        ++delivered;
      }
    }
    return delivered;
  }

  bool BothConnected() const {
    return client.transport->state() == DtlsState::kConnected && server.transport->state() == DtlsState::kConnected;
  }

 private:
  int client_n_ = 0;
  int server_n_ = 0;
};

}  // namespace meet::media::dtls::test
