#include "bridge/forwarding/video_projection.hpp"

#include <algorithm>

#include "media/rtp/sequence_number.hpp"

namespace meet::bridge::forwarding {
namespace codecs = media::codecs;
namespace rtp = media::rtp;

namespace {
constexpr int64_t kVideoClockKhz = 90;
uint16_t PidMask(const codecs::Vp8Descriptor& d) { return d.picture_id_15bit ? 0x7fff : 0x7f; }
}  // namespace

std::optional<VideoProjection::Rewrite> VideoProjection::Process(
    int encoding, const rtp::RtpPacketView& packet, const std::optional<codecs::Vp8Descriptor>& vp8,
    int64_t now_ms) {
  if (target_ == kOff) return std::nullopt;
  const uint16_t seq = packet.sequence_number();
  if (encoding != current_) {
    const bool key_start = vp8 && vp8->key_frame && vp8->start_of_frame;
    if (encoding != target_ || !key_start) return std::nullopt;
    // Switch: the key frame's first packet continues the output stream.
    current_ = encoding;
    ++switches_;
    switch_seq_ = seq;
    if (!started_) {
      seq_delta_ = 0;
      ts_delta_ = 0;
      pid_delta_ = 0;
      tl0_delta_ = 0;
    } else {
      seq_delta_ = static_cast<uint16_t>(last_seq_ + 1 - seq);
      const int64_t elapsed = std::max<int64_t>(1, (now_ms - last_sent_ms_) * kVideoClockKhz);
      ts_delta_ = static_cast<uint32_t>(last_ts_ + static_cast<uint32_t>(elapsed) - packet.timestamp());
      if (vp8 && vp8->has_picture_id) {
        pid_delta_ = static_cast<uint16_t>((last_pid_ + 1 - vp8->picture_id) & PidMask(*vp8));
      }
      if (vp8 && vp8->has_tl0_pic_idx) tl0_delta_ = static_cast<uint8_t>(last_tl0_ + 1 - vp8->tl0_pic_idx);
    }
  } else if (rtp::IsNewerSequenceNumber(switch_seq_, seq)) {
    return std::nullopt;  // from before the switch
  }

  Rewrite out;
  out.sequence_number = static_cast<uint16_t>(seq + seq_delta_);
  out.timestamp = packet.timestamp() + ts_delta_;
  if (vp8 && vp8->has_picture_id) {
    out.picture_id = static_cast<uint16_t>((vp8->picture_id + pid_delta_) & PidMask(*vp8));
  }
  if (vp8 && vp8->has_tl0_pic_idx) out.tl0_pic_idx = static_cast<uint8_t>(vp8->tl0_pic_idx + tl0_delta_);

  if (!started_ || rtp::IsNewerSequenceNumber(out.sequence_number, last_seq_)) {
    last_seq_ = out.sequence_number;
    if (!started_ || rtp::IsNewerTimestamp(out.timestamp, last_ts_)) last_ts_ = out.timestamp;
    if (vp8 && vp8->has_picture_id) last_pid_ = out.picture_id;
    if (vp8 && vp8->has_tl0_pic_idx) last_tl0_ = out.tl0_pic_idx;
    last_sent_ms_ = now_ms;
  }
  started_ = true;
  ++packets_;
  octets_ += packet.payload_size();
  return out;
}

void VideoProjection::Apply(rtp::RtpPacketView& packet, const std::optional<codecs::Vp8Descriptor>& vp8,
                            const Rewrite& rewrite) const {
  packet.SetSsrc(output_ssrc_);
  packet.SetSequenceNumber(rewrite.sequence_number);
  packet.SetTimestamp(rewrite.timestamp);
  if (vp8) {
    if (vp8->has_picture_id) codecs::SetVp8PictureId(packet.payload(), *vp8, rewrite.picture_id);
    if (vp8->has_tl0_pic_idx) codecs::SetVp8Tl0PicIdx(packet.payload(), *vp8, rewrite.tl0_pic_idx);
  }
}

VideoProjection::Rewrite VideoProjection::Original(const rtp::RtpPacketView& packet,
                                                   const std::optional<codecs::Vp8Descriptor>& vp8) {
  Rewrite r;
  r.sequence_number = packet.sequence_number();
  r.timestamp = packet.timestamp();
  if (vp8) {
    r.picture_id = vp8->picture_id;
    r.tl0_pic_idx = vp8->tl0_pic_idx;
  }
  return r;
}

void VideoProjection::Restore(rtp::RtpPacketView& packet, const std::optional<codecs::Vp8Descriptor>& vp8,
                              uint32_t ssrc, const Rewrite& original) {
  packet.SetSsrc(ssrc);
  packet.SetSequenceNumber(original.sequence_number);
  packet.SetTimestamp(original.timestamp);
  if (vp8) {
    if (vp8->has_picture_id) codecs::SetVp8PictureId(packet.payload(), *vp8, original.picture_id);
    if (vp8->has_tl0_pic_idx) codecs::SetVp8Tl0PicIdx(packet.payload(), *vp8, original.tl0_pic_idx);
  }
}

}  // namespace meet::bridge::forwarding
