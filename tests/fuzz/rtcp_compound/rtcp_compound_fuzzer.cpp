// Compound RTCP fuzz target: validates the framing, parses every packet with its typed
// parser, rebuilds what has a builder and checks that the rebuilt packet parses to the same
// values (trap on mismatch: a builder/parser disagreement is a bug).
#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "media/rtcp/bye.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/sdes.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"

using namespace meet::media::rtcp;  // NOLINT

namespace {

void Check(bool invariant) {
  if (!invariant) __builtin_trap();
}

RtcpHeader Reparse(std::span<const uint8_t> bytes) {
  Check(ValidateRtcpCompound(bytes).ok());
  auto h = ParseRtcpHeader(bytes, 0);
  Check(h.ok());
  return *h;
}

std::array<TccPacketResult, 65536> g_tcc_in;
std::array<TccPacketResult, 65536> g_tcc_out;
std::vector<uint8_t> g_out(1 << 20);

void Reports(const RtcpHeader& h) {
  std::array<ReportBlock, kMaxReportBlocks> blocks;
  if (auto sr = SenderReport::Parse(h)) {
    for (size_t i = 0; i < sr->report_block_count(); ++i) blocks[i] = sr->report_block(i);
    auto n = SenderReport::Build(sr->sender_ssrc(), sr->sender_info(),
                                 std::span(blocks).first(sr->report_block_count()), g_out);
    Check(n.ok());
    auto back = SenderReport::Parse(Reparse(std::span(g_out).first(*n)));
    Check(back.ok() && back->sender_info() == sr->sender_info() &&
          back->report_block_count() == sr->report_block_count());
    for (size_t i = 0; i < sr->report_block_count(); ++i) Check(back->report_block(i) == blocks[i]);
  }
  if (auto rr = ReceiverReport::Parse(h)) {
    for (size_t i = 0; i < rr->report_block_count(); ++i) blocks[i] = rr->report_block(i);
    auto n = ReceiverReport::Build(rr->sender_ssrc(), std::span(blocks).first(rr->report_block_count()), g_out);
    Check(n.ok());
    auto back = ReceiverReport::Parse(Reparse(std::span(g_out).first(*n)));
    Check(back.ok() && back->report_block_count() == rr->report_block_count());
  }
}

void SdesAndBye(const RtcpHeader& h) {
  if (auto sdes = Sdes::Parse(h)) {
    std::array<SdesChunk, 31> chunks;
    size_t n = 0;
    sdes->ForEachChunk([&](const SdesChunk& c) { chunks[n++] = c; });
    Check(n == sdes->chunk_count());
    auto size = Sdes::Build(std::span(chunks).first(n), g_out);
    Check(size.ok());
    auto back = Sdes::Parse(Reparse(std::span(g_out).first(*size)));
    Check(back.ok());
    size_t i = 0;
    back->ForEachChunk([&](const SdesChunk& c) {
      Check(c.ssrc == chunks[i].ssrc && c.cname == chunks[i].cname);
      ++i;
    });
    Check(i == n);
  }
  if (auto bye = Bye::Parse(h)) {
    std::array<uint32_t, 31> ssrcs;
    for (size_t i = 0; i < bye->ssrc_count(); ++i) ssrcs[i] = bye->ssrc(i);
    auto size = Bye::Build(std::span(ssrcs).first(bye->ssrc_count()), bye->reason(), g_out);
    Check(size.ok());
    auto back = Bye::Parse(Reparse(std::span(g_out).first(*size)));
    Check(back.ok() && back->ssrc_count() == bye->ssrc_count() && back->reason() == bye->reason());
  }
}

void Feedback(const RtcpHeader& h) {
  if (auto nack = GenericNack::Parse(h)) {
    std::vector<uint16_t> lost;
    nack->ForEachLost([&](uint16_t s) { lost.push_back(s); });
    Check(lost.size() == nack->LostCount());
    auto size = GenericNack::Build(nack->sender_ssrc(), nack->media_ssrc(), lost, g_out);
    Check(size.ok());
    auto back = GenericNack::Parse(Reparse(std::span(g_out).first(*size)));
    Check(back.ok());
    std::set<uint16_t> rebuilt;
    back->ForEachLost([&](uint16_t s) { rebuilt.insert(s); });
    Check(rebuilt == std::set<uint16_t>(lost.begin(), lost.end()));
  }
  if (auto fb = TransportFeedback::Parse(h, g_tcc_in)) {
    auto size = TransportFeedback::Build(fb->header(), fb->packets(), g_out);
    Check(size.ok());
    auto back = TransportFeedback::Parse(Reparse(std::span(g_out).first(*size)), g_tcc_out);
    Check(back.ok() && back->status_count() == fb->status_count() &&
          back->header().reference_time == fb->header().reference_time);
    for (size_t i = 0; i < fb->status_count(); ++i) Check(back->packets()[i] == fb->packets()[i]);
  }
  if (auto pli = Pli::Parse(h)) {
    auto size = Pli::Build(pli->sender_ssrc(), pli->media_ssrc(), g_out);
    Check(size.ok() && Pli::Parse(Reparse(std::span(g_out).first(*size)))->media_ssrc() == pli->media_ssrc());
  }
  if (auto fir = Fir::Parse(h)) {
    std::vector<FirEntry> entries;
    for (size_t i = 0; i < fir->entry_count(); ++i) entries.push_back(fir->entry(i));
    auto size = Fir::Build(fir->sender_ssrc(), entries, g_out);
    Check(size.ok());
    auto back = Fir::Parse(Reparse(std::span(g_out).first(*size)));
    Check(back.ok() && back->entry_count() == entries.size());
  }
  if (auto remb = Remb::Parse(h)) {
    std::vector<uint32_t> ssrcs;
    for (size_t i = 0; i < remb->ssrc_count(); ++i) ssrcs.push_back(remb->ssrc(i));
    auto size = Remb::Build(remb->sender_ssrc(), remb->bitrate_bps(), ssrcs, g_out);
    Check(size.ok());
    auto back = Remb::Parse(Reparse(std::span(g_out).first(*size)));
    Check(back.ok() && back->bitrate_bps() == remb->bitrate_bps() && back->ssrc_count() == ssrcs.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> compound(data, size);
  auto count = ForEachRtcpPacket(compound, [](const RtcpHeader& h) {
    Check(h.body.size() + kRtcpHeaderSize <= h.size());
    Reports(h);
    SdesAndBye(h);
    Feedback(h);
  });
  (void)count;
  return 0;
}
