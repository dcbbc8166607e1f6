// Data-path parser benchmarks: RTP parse with header-extension reads, RTCP compound parse
// (SR + SDES, transport-cc feedback) and NACK build. Reported as items (packets) per second.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <vector>

#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/sdes.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "media/rtp/extension_map.hpp"
#include "media/rtp/header_extensions.hpp"
#include "media/rtp/rtp_packet_builder.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace {

using namespace meet::media;  // NOLINT

// A Chrome-like Opus packet: audio level (1), transport-cc (5), mid (10).
std::vector<uint8_t> AudioPacket() {
  std::vector<uint8_t> buf(1500);
  const std::array<uint8_t, 1> level = {0x80 | 40};
  const std::array<uint8_t, 2> tcc = {0x01, 0x2c};
  const std::array<uint8_t, 1> mid = {'0'};
  const std::vector<uint8_t> opus(80, 0x33);
  auto v = rtp::RtpPacketBuilder(buf)
               .SetPayloadType(111)
               .SetSequenceNumber(1)
               .SetTimestamp(960)
               .SetSsrc(0x11223344)
               .AddExtension(1, level)
               .AddExtension(5, tcc)
               .AddExtension(10, mid)
               .SetPayload(opus)
               .Build();
  buf.resize(v->size());
  return buf;
}

void BM_RtpParseWithExtensions(benchmark::State& state) {
  std::vector<uint8_t> packet = AudioPacket();
  rtp::ExtensionMap map;
  map.Register(1, rtp::ExtensionType::kAudioLevel);
  map.Register(5, rtp::ExtensionType::kTransportSequenceNumber);
  map.Register(10, rtp::ExtensionType::kMid);
  for (auto _ : state) {
    auto v = rtp::RtpPacketView::Parse(packet);
    auto level = v->GetExtension<rtp::AudioLevelExtension>(map);
    auto seq = v->GetExtension<rtp::TransportSequenceNumberExtension>(map);
    auto mid = v->GetExtension<rtp::MidExtension>(map);
    benchmark::DoNotOptimize(level);
    benchmark::DoNotOptimize(seq);
    benchmark::DoNotOptimize(mid);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtpParseWithExtensions);

void BM_RtcpCompoundSrSdes(benchmark::State& state) {
  std::array<uint8_t, 256> buf{};
  const std::array<rtcp::ReportBlock, 1> blocks = {rtcp::ReportBlock{1, 2, 3, 4, 5, 6, 7}};
  size_t n = *rtcp::SenderReport::Build(0x1, rtcp::SenderInfo{1, 2, 3, 4}, blocks, buf);
  const std::array<rtcp::SdesChunk, 1> chunks = {rtcp::SdesChunk{0x1, "f4hDx2sNt6oB1Zb3"}};
  n += *rtcp::Sdes::Build(chunks, std::span(buf).subspan(n));
  const std::span<const uint8_t> compound(buf.data(), n);
  for (auto _ : state) {
    uint64_t sum = 0;
    auto count = rtcp::ForEachRtcpPacket(compound, [&](const rtcp::RtcpHeader& h) {
      if (auto sr = rtcp::SenderReport::Parse(h)) sum += sr->sender_info().packet_count;
      if (auto sdes = rtcp::Sdes::Parse(h)) {
        sdes->ForEachChunk([&](const rtcp::SdesChunk& c) { sum += c.cname.size(); });
      }
    });
    benchmark::DoNotOptimize(count);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtcpCompoundSrSdes);

void BM_RtcpTransportFeedbackParse(benchmark::State& state) {
  // 100 packets as a 50 ms feedback interval at 2 Mbps carries: mostly small deltas, a loss
  // burst, a few large deltas.
  std::vector<rtcp::TccPacketResult> packets(100);
  for (size_t i = 0; i < packets.size(); ++i) {
    packets[i].sequence_number = static_cast<uint16_t>(1000 + i);
    packets[i].received = !(i >= 40 && i < 44);
    packets[i].delta_ticks = packets[i].received ? (i % 17 == 0 ? -8 : static_cast<int32_t>(i % 9)) : 0;
  }
  std::vector<uint8_t> buf(rtcp::TransportFeedback::MaxBuildSize(packets.size()));
  const size_t n = *rtcp::TransportFeedback::Build(rtcp::TccFeedbackHeader{1, 2, 1000, 77, 3}, packets, buf);
  const std::span<const uint8_t> compound(buf.data(), n);
  std::vector<rtcp::TccPacketResult> out(256);
  for (auto _ : state) {
    size_t received = 0;
    auto count = rtcp::ForEachRtcpPacket(compound, [&](const rtcp::RtcpHeader& h) {
      if (auto fb = rtcp::TransportFeedback::Parse(h, out)) received += fb->received_count();
    });
    benchmark::DoNotOptimize(count);
    benchmark::DoNotOptimize(received);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RtcpTransportFeedbackParse);

void BM_NackBuild(benchmark::State& state) {
  // 40 losses: bursts and singles across a sequence-number wrap.
  std::vector<uint16_t> lost;
  for (uint16_t s = 65520; s != 30; ++s) {
    if (s % 3 == 0 || (s > 5 && s < 12)) lost.push_back(s);
  }
  std::array<uint8_t, 512> buf{};
  for (auto _ : state) {
    auto n = rtcp::GenericNack::Build(0x1, 0x2, lost, buf);
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NackBuild);

}  // namespace
