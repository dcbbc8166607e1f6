// Fuzz target "sctp_packet": arbitrary bytes into a fresh server association's
// HandleIncomingPacket (the path DTLS application data takes). The checksum of inputs of at
// least 12 bytes is fixed up first so that the bytes get past our CRC check into the structure
// check and usrsctp itself; the seeds are packets captured from the back-to-back unit tests
// (INIT, INIT-ACK, COOKIE-ECHO, COOKIE-ACK, DATA with DCEP OPEN and with a ClientHello, SACK,
// RE-CONFIG, SHUTDOWN-ACK). The DCEP parser also gets the raw bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "media/loop/event_loop.hpp"
#include "media/sctp/dcep.hpp"
#include "media/sctp/sctp_association.hpp"
#include "media/sctp/sctp_library.hpp"
#include "media/sctp/sctp_packet.hpp"

namespace {

using meet::media::sctp::SctpAssociation;

struct CountingListener : SctpAssociation::Listener {
  size_t packets = 0;
  size_t events = 0;
  void OnSctpSendPacket(std::span<const uint8_t> p) override { packets += p.empty() ? 0 : 1; }
  void OnSctpConnected() override { ++events; }
  void OnDataChannelOpen(uint16_t, const std::string&, const std::string&) override { ++events; }
  void OnDataChannelMessage(uint16_t, std::span<const uint8_t>, bool) override { ++events; }
  void OnDataChannelClosed(uint16_t) override { ++events; }
  void OnSctpClosed() override { ++events; }
};

struct Harness {
  meet::media::sctp::SctpLibrary library;
  meet::media::loop::EventLoop loop{"sctp-fuzz"};
};

Harness& H() {
  static Harness harness;
  return harness;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meet::media::sctp;
  const std::span<const uint8_t> input(data, size);
  (void)ParseDataChannelOpen(input);
  (void)CheckSctpPacket(input);

  Harness& h = H();
  CountingListener listener;
  SctpAssociation::Config config;
  config.role = SctpAssociation::Role::kServer;
  auto association = SctpAssociation::Create(h.library, h.loop, config, &listener);
  if (!association.ok()) __builtin_trap();

  std::vector<uint8_t> packet(input.begin(), input.end());
  if (packet.size() >= kSctpCommonHeaderSize) WriteSctpChecksum(packet);
  (*association)->HandleIncomingPacket(packet);
  h.loop.RunPending();
  const auto& stats = (*association)->stats();
  // Every packet is accounted for exactly once: dropped by a check or handed to usrsctp.
  const uint64_t accounted = stats.packets_received + stats.malformed_dropped + stats.bad_checksum +
                             stats.wrong_port;
  if (accounted != 1) __builtin_trap();
  association->reset();
  h.loop.RunPending();
  return 0;
}
