// Fuzzes DtlsTransport's input path: record framing checks, OpenSSL's DTLS 1.2 handshake and
// record layer behind our datagram BIO, the fingerprint check and the timer calls.
// Input: byte 0 picks the role (bit 0: 0 = server waiting for a ClientHello, 1 = client that
// has sent one), then datagrams, each a 2-byte big-endian length and that many bytes.
// Seeds (tests/fuzz/corpus/dtls_handshake/) are real flights from a back-to-back handshake.
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/dtls/dtls_certificate.hpp"
#include "media/packet/dtls_record.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/base/log.hpp"

namespace {

using meet::media::dtls::DtlsCertificate;
using meet::media::dtls::DtlsRole;
using meet::media::dtls::DtlsState;
using meet::media::dtls::DtlsTransport;

class FuzzListener : public DtlsTransport::Listener {
 public:
  void OnDtlsSendPacket(std::span<const uint8_t> datagram) override { sent_ += datagram.size(); }
  void OnDtlsConnected(const meet::media::srtp::SrtpKeyMaterial& keys) override {
    sent_ += keys.local_key_salt.size();
  }
  void OnDtlsApplicationData(std::span<const uint8_t> data) override { sent_ += data.size(); }
  void OnDtlsClosed() override {}
  void OnDtlsFailed(const meet::Error&) override {}
  size_t sent_ = 0;
};

const DtlsCertificate& Certificate(int which) {
  static const DtlsCertificate local = DtlsCertificate::Generate("fuzz-local").value();
  static const DtlsCertificate remote = DtlsCertificate::Generate("fuzz-remote").value();
  return which == 0 ? local : remote;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = [] {
    meet::log::SetLevel(meet::log::Level::kOff);
    return true;
  }();
  (void)quiet;
  const std::span<const uint8_t> input(data, size);
  // The framing check alone on the whole input.
  (void)meet::media::packet::ParseDtlsDatagram(input);
  if (size < 1) return 0;

  FuzzListener listener;
  auto transport = DtlsTransport::Create(Certificate(0), &listener);
  if (!transport.ok()) return 0;
  DtlsTransport& t = **transport;
  (void)t.SetRole((data[0] & 1) != 0 ? DtlsRole::kClient : DtlsRole::kServer);
  (void)t.SetRemoteFingerprint("sha-256", Certificate(1).fingerprint());
  (void)t.Start();

  size_t offset = 1;
  for (int n = 0; n < 64 && size - offset >= 2; ++n) {
    size_t len = (static_cast<size_t>(data[offset]) << 8) | data[offset + 1];
    offset += 2;
    if (len > size - offset) len = size - offset;
    t.HandleIncoming(input.subspan(offset, len));
    offset += len;
    (void)t.NextTimeout();
    if (t.state() == DtlsState::kConnected) {
      const uint8_t ping[] = {1, 2, 3};
      (void)t.SendApplicationData(ping);
    }
  }
  t.HandleTimeout();
  t.Close();
  return 0;
}
