#include "bridge/forwarding/receive_stream.hpp"

#include <algorithm>

#include "media/rtp/sequence_number.hpp"

namespace meet::bridge::forwarding {

void ReceiveStream::OnPacket(uint16_t seq, uint32_t rtp_timestamp, size_t bytes, int64_t now_ms,
                             bool retransmission) {
  ++packets_;
  bytes_ += bytes;
  last_packet_ms_ = now_ms;
  if (retransmission) ++retransmissions_;
  if (!started_) {
    started_ = true;
    base_ext_ = max_ext_ = seq;
  } else {
    const int64_t diff = media::rtp::SequenceDiff<uint16_t>(seq, static_cast<uint16_t>(max_ext_));
    const int64_t ext = max_ext_ + diff;
    if (diff > 0) {
      if (diff > 1 && diff <= kMaxGapTracked) {
        for (int64_t s = max_ext_ + 1; s < ext; ++s) AddMissing(static_cast<uint16_t>(s));
      }
      max_ext_ = ext;
    } else {
      RemoveMissing(seq);
      if (ext < base_ext_) base_ext_ = ext;
      if (diff == 0) --packets_;  // duplicate
      return;
    }
  }
  if (retransmission || clock_rate_ == 0) return;
  // RFC 3550 A.8, jitter in RTP units, kept scaled by 16.
  const int64_t arrival = now_ms * clock_rate_ / 1000;
  const int64_t transit = arrival - static_cast<int64_t>(rtp_timestamp);
  if (have_transit_) {
    int64_t d = transit - last_transit_;
    if (d < 0) d = -d;
    if (d < int64_t{clock_rate_} * 10) jitter_q4_ += d - ((jitter_q4_ + 8) >> 4);
  }
  last_transit_ = transit;
  have_transit_ = true;
}

void ReceiveStream::OnSenderReport(uint64_t ntp_timestamp, int64_t now_ms) {
  last_sr_ = static_cast<uint32_t>(ntp_timestamp >> 16);
  last_sr_ms_ = now_ms;
}

void ReceiveStream::AddMissing(uint16_t seq) {
  if (missing_count_ == kMaxMissing) {
    std::move(missing_.begin() + 1, missing_.end(), missing_.begin());  // drop the oldest
    --missing_count_;
  }
  missing_[missing_count_++] = Missing{seq, 0, 0};
}

void ReceiveStream::RemoveMissing(uint16_t seq) {
  for (size_t i = 0; i < missing_count_; ++i) {
    if (missing_[i].seq == seq) {
      std::move(missing_.begin() + i + 1, missing_.begin() + missing_count_, missing_.begin() + i);
      --missing_count_;
      return;
    }
  }
}

size_t ReceiveStream::CollectNacks(std::span<uint16_t> out, int64_t now_ms) {
  size_t n = 0;
  size_t keep = 0;
  for (size_t i = 0; i < missing_count_; ++i) {
    Missing m = missing_[i];
    if (m.tries >= kMaxNackTries) continue;  // give up
    if ((m.tries == 0 || now_ms - m.last_nack_ms >= kNackIntervalMs) && n < out.size()) {
      out[n++] = m.seq;
      ++m.tries;
      m.last_nack_ms = now_ms;
    }
    missing_[keep++] = m;
  }
  missing_count_ = keep;
  return n;
}

media::rtcp::ReportBlock ReceiveStream::MakeReportBlock(int64_t now_ms) {
  media::rtcp::ReportBlock b;
  b.source_ssrc = ssrc_;
  const uint64_t expected_total = expected();
  const uint64_t expected_interval = expected_total - expected_prior_;
  const uint64_t received_interval = packets_ - received_prior_;
  expected_prior_ = expected_total;
  received_prior_ = packets_;
  const int64_t lost_interval = int64_t(expected_interval) - int64_t(received_interval);
  b.fraction_lost = (expected_interval == 0 || lost_interval <= 0)
                        ? 0
                        : static_cast<uint8_t>(std::min<int64_t>(255, (lost_interval << 8) / int64_t(expected_interval)));
  b.cumulative_lost = static_cast<int32_t>(std::clamp<int64_t>(lost(), -0x800000, 0x7fffff));
  b.extended_highest_sequence = static_cast<uint32_t>(max_ext_);
  b.jitter = jitter();
  b.last_sr = last_sr_;
  b.delay_since_last_sr = last_sr_ == 0 ? 0 : static_cast<uint32_t>((now_ms - last_sr_ms_) * 65536 / 1000);
  return b;
}

}  // namespace meet::bridge::forwarding
