// Two associations back to back in memory (no DTLS): what one emits is posted to the other's
// HandleIncomingPacket, as the DTLS transport will do.
#include "media/sctp/sctp_association.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "media/loop/event_loop.hpp"
#include "media/sctp/sctp_library.hpp"
#include "media/sctp/sctp_packet.hpp"

namespace meet::media::sctp {
namespace {

using namespace std::chrono_literals;
using loop::EventLoop;

constexpr const char* kJvbLabel = "JVB data channel";
constexpr const char* kColibriProtocol = "http://jitsi.org/protocols/colibri";

struct Message {
  uint16_t id;
  std::vector<uint8_t> data;
  bool binary;
};

struct Endpoint : SctpAssociation::Listener {
  explicit Endpoint(EventLoop& l) : loop(l) {}
  EventLoop& loop;
  std::unique_ptr<SctpAssociation> assoc;
  Endpoint* peer = nullptr;
  bool connected = false;
  int closed = 0;
  struct Open {
    uint16_t id;
    std::string label;
    std::string protocol;
  };
  std::vector<Open> opened;
  std::vector<Message> messages;
  std::vector<uint16_t> channels_closed;
  std::vector<std::vector<uint8_t>> sent;  // every packet emitted, for the fuzz seed capture
  int drop = 0;  // lose this many of the next packets, like a lossy network

  void OnSctpSendPacket(std::span<const uint8_t> packet) override {
    sent.emplace_back(packet.begin(), packet.end());
    if (drop > 0) {
      --drop;
      return;
    }
    std::vector<uint8_t> copy(packet.begin(), packet.end());
    Endpoint* to = peer;
    if (to == nullptr) return;
    to->loop.Post([to, copy = std::move(copy)] {
      if (to != nullptr && to->assoc) to->assoc->HandleIncomingPacket(copy);
    });
  }
  void OnSctpConnected() override { connected = true; }
  void OnDataChannelOpen(uint16_t id, const std::string& label, const std::string& protocol) override {
    opened.push_back({id, label, protocol});
  }
  void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> m, bool binary) override {
    messages.push_back({id, {m.begin(), m.end()}, binary});
  }
  void OnDataChannelClosed(uint16_t id) override { channels_closed.push_back(id); }
  void OnSctpClosed() override { ++closed; }
};

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

class SctpAssociationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Create(bridge_, SctpAssociation::Role::kServer);
    Create(browser_, SctpAssociation::Role::kClient);
    bridge_.peer = &browser_;
    browser_.peer = &bridge_;
  }
  void TearDown() override {
    loop_.RunPending();
    bridge_.peer = nullptr;
    browser_.peer = nullptr;
    bridge_.assoc.reset();
    browser_.assoc.reset();
    MaybeCaptureSeeds();
  }
  void Create(Endpoint& e, SctpAssociation::Role role) {
    SctpAssociation::Config config;
    config.role = role;
    auto a = SctpAssociation::Create(library_, loop_, config, &e);
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    e.assoc = std::move(*a);
  }
  void ConnectBoth() {
    ASSERT_TRUE(bridge_.assoc->Connect().ok());
    ASSERT_TRUE(browser_.assoc->Connect().ok());
    ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.connected && browser_.connected; }, 10s));
    EXPECT_EQ(bridge_.assoc->state(), SctpAssociation::State::kConnected);
  }
  // The browser opens the bridge channel, as lib-jitsi-meet does.
  uint16_t OpenJvbChannel() {
    auto id = browser_.assoc->OpenDataChannel(kJvbLabel, kColibriProtocol);
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE(loop_.RunUntil([&] { return !bridge_.opened.empty() && !browser_.opened.empty(); }, 5s));
    return id.ok() ? *id : 0;
  }
  // Set MEET_SCTP_CAPTURE_DIR to save the packets the server received as fuzz seeds.
  void MaybeCaptureSeeds() {
    const char* dir = std::getenv("MEET_SCTP_CAPTURE_DIR");
    if (dir == nullptr) return;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::create_directories(dir);
    for (size_t i = 0; i < browser_.sent.size(); ++i) {
      std::ofstream out(std::filesystem::path(dir) / (std::string(info->name()) + "_" + std::to_string(i)),
                        std::ios::binary);
      out.write(reinterpret_cast<const char*>(browser_.sent[i].data()),
                static_cast<std::streamsize>(browser_.sent[i].size()));
    }
  }

  SctpLibrary library_;
  EventLoop loop_{"sctp-test"};
  Endpoint bridge_{loop_};
  Endpoint browser_{loop_};
};

TEST_F(SctpAssociationTest, BrowserOpensJvbChannelAndJsonFlowsBothWays) {
  ConnectBoth();
  const uint16_t id = OpenJvbChannel();
  EXPECT_EQ(id % 2, 0) << "DTLS client opens even stream ids";
  ASSERT_EQ(bridge_.opened.size(), 1u);
  EXPECT_EQ(bridge_.opened[0].id, id);
  EXPECT_EQ(bridge_.opened[0].label, kJvbLabel);
  EXPECT_EQ(bridge_.opened[0].protocol, kColibriProtocol);
  ASSERT_EQ(browser_.opened.size(), 1u);  // after the bridge's ACK
  EXPECT_TRUE(bridge_.assoc->IsChannelOpen(id));
  EXPECT_TRUE(browser_.assoc->IsChannelOpen(id));

  const std::string hello = R"({"colibriClass":"ClientHello"})";
  ASSERT_TRUE(browser_.assoc->SendText(id, hello));
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.messages.size() == 1; }, 5s));
  EXPECT_EQ(bridge_.messages[0].id, id);
  EXPECT_FALSE(bridge_.messages[0].binary);
  EXPECT_EQ(bridge_.messages[0].data, Bytes(hello));

  const std::string reply = R"({"colibriClass":"ServerHello","version":"meet"})";
  ASSERT_TRUE(bridge_.assoc->SendText(id, reply));
  const std::vector<uint8_t> blob = {0x00, 0xff, 0x10, 0x80};
  ASSERT_TRUE(bridge_.assoc->SendBinary(id, blob));
  ASSERT_TRUE(loop_.RunUntil([&] { return browser_.messages.size() == 2; }, 5s));
  EXPECT_EQ(browser_.messages[0].data, Bytes(reply));
  EXPECT_FALSE(browser_.messages[0].binary);
  EXPECT_EQ(browser_.messages[1].data, blob);
  EXPECT_TRUE(browser_.messages[1].binary);
  EXPECT_EQ(bridge_.assoc->stats().messages_sent, 2u);
  EXPECT_EQ(browser_.assoc->stats().messages_received, 2u);
  EXPECT_EQ(bridge_.assoc->stats().malformed_dropped, 0u);
  EXPECT_EQ(bridge_.assoc->stats().bad_checksum, 0u);
}

TEST_F(SctpAssociationTest, LargeAndEmptyMessagesArriveIntact) {
  ConnectBoth();
  const uint16_t id = OpenJvbChannel();
  std::vector<uint8_t> big(64 * 1024);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>((i * 131) ^ (i >> 8));
  ASSERT_TRUE(bridge_.assoc->SendBinary(id, big));
  ASSERT_TRUE(browser_.assoc->SendBinary(id, big));
  ASSERT_TRUE(bridge_.assoc->SendText(id, ""));
  ASSERT_TRUE(bridge_.assoc->SendBinary(id, {}));
  ASSERT_TRUE(loop_.RunUntil([&] {
    return browser_.messages.size() == 3 && bridge_.messages.size() == 1;
  }, 10s));
  EXPECT_EQ(browser_.messages[0].data, big);
  EXPECT_TRUE(browser_.messages[0].binary);
  EXPECT_EQ(bridge_.messages[0].data, big);
  // Empty messages (PPID 56/57) come out empty, with their type.
  EXPECT_TRUE(browser_.messages[1].data.empty());
  EXPECT_FALSE(browser_.messages[1].binary);
  EXPECT_TRUE(browser_.messages[2].data.empty());
  EXPECT_TRUE(browser_.messages[2].binary);
  // 64 KiB needs many packets of at most the path MTU.
  EXPECT_GT(bridge_.sent.size(), 50u);
  for (const auto& p : bridge_.sent) EXPECT_LE(p.size(), 1200u);
}

TEST_F(SctpAssociationTest, BridgeOpensChannelWithOddStreamId) {
  ConnectBoth();
  auto id = bridge_.assoc->OpenDataChannel("bridge-initiated", "");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id % 2, 1);
  auto second = bridge_.assoc->OpenDataChannel("second", "p");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *id + 2);
  ASSERT_TRUE(loop_.RunUntil([&] { return browser_.opened.size() == 2 && bridge_.opened.size() == 2; }, 5s));
  EXPECT_EQ(browser_.opened[0].id, *id);
  EXPECT_EQ(browser_.opened[0].label, "bridge-initiated");
  EXPECT_EQ(browser_.opened[1].protocol, "p");
  ASSERT_TRUE(browser_.assoc->SendText(*second, "on second"));
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.messages.size() == 1; }, 5s));
  EXPECT_EQ(bridge_.messages[0].id, *second);
}

TEST_F(SctpAssociationTest, ClosingAChannelResetsTheStreamOnBothSides) {
  ConnectBoth();
  const uint16_t id = OpenJvbChannel();
  browser_.assoc->CloseDataChannel(id);
  EXPECT_FALSE(browser_.assoc->SendText(id, "after close"));
  ASSERT_TRUE(loop_.RunUntil([&] {
    return bridge_.channels_closed.size() == 1 && browser_.channels_closed.size() == 1;
  }, 5s));
  EXPECT_EQ(bridge_.channels_closed[0], id);
  EXPECT_EQ(browser_.channels_closed[0], id);
  EXPECT_EQ(bridge_.assoc->channel_count(), 0u);
  EXPECT_EQ(browser_.assoc->channel_count(), 0u);
  EXPECT_FALSE(bridge_.assoc->SendText(id, "gone"));
  // The stream id can be used again.
  auto again = browser_.assoc->OpenDataChannel(kJvbLabel, kColibriProtocol);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, id);
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.opened.size() == 2; }, 5s));
  ASSERT_TRUE(bridge_.assoc->SendText(id, "reopened"));
  ASSERT_TRUE(loop_.RunUntil([&] { return !browser_.messages.empty(); }, 5s));
  EXPECT_EQ(browser_.messages[0].data, Bytes("reopened"));
}

TEST_F(SctpAssociationTest, ShutdownClosesBothSides) {
  ConnectBoth();
  OpenJvbChannel();
  bridge_.assoc->Close();
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.closed == 1 && browser_.closed == 1; }, 5s))
      << bridge_.closed << " " << browser_.closed;
  EXPECT_EQ(bridge_.assoc->state(), SctpAssociation::State::kClosed);
  EXPECT_EQ(browser_.assoc->state(), SctpAssociation::State::kClosed);
  EXPECT_EQ(browser_.channels_closed.size(), 1u);
  EXPECT_FALSE(browser_.assoc->SendText(0, "x"));
  loop_.RunUntil([] { return false; }, 50ms);
  EXPECT_EQ(bridge_.closed, 1);  // exactly once
}

TEST_F(SctpAssociationTest, GarbageIsDroppedCountedAndSurvived) {
  ConnectBoth();
  const uint16_t id = OpenJvbChannel();
  SctpAssociation& a = *bridge_.assoc;
  const auto before = a.stats();
  // Too short, a chunk running past the end, random bytes with a wrong checksum.
  const std::vector<uint8_t> short_packet = {0x13, 0x88, 0x13, 0x88, 0, 0};
  a.HandleIncomingPacket(short_packet);
  a.HandleIncomingPacket({});
  std::vector<uint8_t> overrun = {0x13, 0x88, 0x13, 0x88, 1, 2, 3, 4, 0, 0, 0, 0, 0x00, 0x03, 0x40, 0x00};
  a.HandleIncomingPacket(overrun);
  std::vector<uint8_t> random(300);
  uint32_t x = 12345;
  for (auto& b : random) b = static_cast<uint8_t>((x = x * 1103515245 + 12345) >> 16);
  random[0] = 0x13; random[1] = 0x88; random[2] = 0x13; random[3] = 0x88;
  random[14] = 0x00; random[15] = 0x10;  // first chunk 16 bytes, then whatever
  for (size_t off = 28; off + 4 <= random.size(); off += 16) { random[off + 2] = 0; random[off + 3] = 16; }
  a.HandleIncomingPacket(random);
  EXPECT_EQ(a.stats().bad_checksum, before.bad_checksum + 1);
  // Correct checksum but for another port.
  std::vector<uint8_t> wrong_port = random;
  wrong_port[2] = 0x13; wrong_port[3] = 0x89;
  WriteSctpChecksum(wrong_port);
  a.HandleIncomingPacket(wrong_port);
  // Correct checksum, right ports, wrong verification tag and nonsense chunks: usrsctp drops it.
  WriteSctpChecksum(random);
  a.HandleIncomingPacket(random);
  EXPECT_EQ(a.stats().malformed_dropped, before.malformed_dropped + 3);
  EXPECT_EQ(a.stats().wrong_port, before.wrong_port + 1);
  // Still alive and working.
  ASSERT_TRUE(browser_.assoc->SendText(id, "still there?"));
  ASSERT_TRUE(loop_.RunUntil([&] { return !bridge_.messages.empty(); }, 5s));
  EXPECT_EQ(bridge_.messages[0].data, Bytes("still there?"));
  EXPECT_EQ(bridge_.assoc->state(), SctpAssociation::State::kConnected);
}

TEST_F(SctpAssociationTest, NothingIsSentBeforeConnect) {
  EXPECT_FALSE(bridge_.assoc->SendText(0, "x"));
  auto open = bridge_.assoc->OpenDataChannel("x", "");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().code, "sctp.state");
  EXPECT_TRUE(bridge_.sent.empty());
  ASSERT_TRUE(bridge_.assoc->Connect().ok());
  EXPECT_TRUE(bridge_.assoc->Connect().ok());  // no-op
  ASSERT_EQ(bridge_.sent.size(), 1u);  // one INIT
  auto info = CheckSctpPacket(bridge_.sent[0]);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->first_chunk_type, 1);  // INIT
  EXPECT_EQ(info->verification_tag, 0u);
  EXPECT_EQ(info->source_port, 5000);
  EXPECT_EQ(info->destination_port, 5000);
  EXPECT_TRUE(VerifySctpChecksum(bridge_.sent[0]));
}

// The lost INIT is retransmitted by usrsctp's T1-init timer, which fires on SctpLibrary's timer
// thread: the packet must still reach the Listener on the association's own loop.
TEST_F(SctpAssociationTest, LostInitIsRetransmittedFromTheTimerThread) {
  bridge_.drop = 1;
  ASSERT_TRUE(bridge_.assoc->Connect().ok());  // the browser side starts on the INIT's arrival
  ASSERT_TRUE(loop_.RunUntil([&] { return bridge_.connected && browser_.connected; }, 10s));
  EXPECT_GE(bridge_.sent.size(), 3u);  // INIT (lost), INIT again, COOKIE-ECHO
  auto first = CheckSctpPacket(bridge_.sent[0]);
  auto second = CheckSctpPacket(bridge_.sent[1]);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->first_chunk_type, 1);
  EXPECT_EQ(second->first_chunk_type, 1);
  const uint16_t id = OpenJvbChannel();
  ASSERT_TRUE(bridge_.assoc->SendText(id, "after retransmission"));
  ASSERT_TRUE(loop_.RunUntil([&] { return !browser_.messages.empty(); }, 5s));
}

// Messages from one association's thread to another's: each association on its own worker
// loop, the packets posted across.
TEST(SctpAssociationThreads, WorksAcrossTwoWorkerLoops) {
  SctpLibrary library;
  EventLoop loop_a("worker-a");
  EventLoop loop_b("worker-b");
  Endpoint a(loop_a);
  Endpoint b(loop_b);
  a.peer = &b;
  b.peer = &a;
  ASSERT_TRUE(loop_a.Start());
  ASSERT_TRUE(loop_b.Start());
  loop_a.Invoke([&] {
    SctpAssociation::Config c;
    c.role = SctpAssociation::Role::kServer;
    a.assoc = SctpAssociation::Create(library, loop_a, c, &a).value();
  });
  loop_b.Invoke([&] {
    SctpAssociation::Config c;
    c.role = SctpAssociation::Role::kClient;
    b.assoc = SctpAssociation::Create(library, loop_b, c, &b).value();
  });
  loop_a.Invoke([&] { ASSERT_TRUE(a.assoc->Connect().ok()); });
  loop_b.Invoke([&] { ASSERT_TRUE(b.assoc->Connect().ok()); });
  auto on = [](EventLoop& l, const std::function<bool()>& f) {
    bool r = false;
    l.Invoke([&] { r = f(); });
    return r;
  };
  bool ok = false;
  for (int i = 0; i < 500 && !ok; ++i) {
    std::this_thread::sleep_for(10ms);
    ok = on(loop_a, [&] { return a.connected; }) && on(loop_b, [&] { return b.connected; });
  }
  ASSERT_TRUE(ok);
  loop_b.Invoke([&] { ASSERT_TRUE(b.assoc->OpenDataChannel(kJvbLabel, kColibriProtocol).ok()); });
  ok = false;
  for (int i = 0; i < 500 && !ok; ++i) {
    std::this_thread::sleep_for(10ms);
    ok = on(loop_a, [&] { return !a.opened.empty(); });
  }
  ASSERT_TRUE(ok);
  loop_a.Invoke([&] { a.peer = nullptr; a.assoc.reset(); });
  loop_b.Invoke([&] { b.peer = nullptr; b.assoc.reset(); });
  loop_a.Stop();
  loop_b.Stop();
}

}  // namespace
}  // namespace meet::media::sctp
