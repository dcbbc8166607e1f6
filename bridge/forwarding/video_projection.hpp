#pragma once
// VideoProjection: one receiver's view of one simulcast video source (JVB's VP8 adaptive source
// projection). It forwards exactly one encoding at a time, rewritten onto the source's primary
// SSRC, so the receiver sees one continuous stream:
//  * sequence numbers continue across encoding switches (last + 1) and otherwise keep the
//    sender's gaps (so the receiver can NACK them);
//  * RTP timestamps continue (last + elapsed wall time at 90 kHz, at least 1);
//  * VP8 picture id (7 or 15 bit, as the sender chose) and TL0PICIDX continue (last + 1).
// It switches to the target encoding only at the start of a key frame of that encoding; until
// then the current one keeps flowing (or nothing, when none was forwarded yet). A target of
// kOff stops forwarding at once. Pure logic: no I/O, no allocation.

#include <cstdint>
#include <optional>

#include "media/codecs/vp8_descriptor.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace meet::bridge::forwarding {

class VideoProjection {
 public:
  static constexpr int kOff = -1;

  // The values written into a forwarded packet.
  struct Rewrite {
    uint16_t sequence_number = 0;
    uint32_t timestamp = 0;
    uint16_t picture_id = 0;
    uint8_t tl0_pic_idx = 0;
  };

  explicit VideoProjection(uint32_t output_ssrc) : output_ssrc_(output_ssrc) {}

  // The encoding the receiver should get (index into the source's encodings), or kOff.
  void SetTarget(int encoding) { target_ = encoding; if (encoding == kOff) current_ = kOff; }
  int target() const { return target_; }
  int current() const { return current_; }
  // True while the target differs from what is forwarded and a key frame of the target
  // encoding is needed (the caller asks the sender for one, rate-limited).
  bool NeedsKeyFrame() const { return target_ != kOff && current_ != target_; }

  // Decides for one packet of encoding `encoding`; nullopt = do not forward. `vp8` is the
  // parsed descriptor (nullopt for a non-VP8 payload: forwarded only on the current encoding,
  // switching impossible).
  std::optional<Rewrite> Process(int encoding, const media::rtp::RtpPacketView& packet,
                                 const std::optional<media::codecs::Vp8Descriptor>& vp8,
                                 int64_t now_ms);

  // Writes `rewrite` and the output SSRC into the packet (in place). The sender's values can
  // be put back with Restore.
  void Apply(media::rtp::RtpPacketView& packet, const std::optional<media::codecs::Vp8Descriptor>& vp8,
             const Rewrite& rewrite) const;
  static Rewrite Original(const media::rtp::RtpPacketView& packet,
                          const std::optional<media::codecs::Vp8Descriptor>& vp8);
  static void Restore(media::rtp::RtpPacketView& packet,
                      const std::optional<media::codecs::Vp8Descriptor>& vp8, uint32_t ssrc,
                      const Rewrite& original);

  uint32_t output_ssrc() const { return output_ssrc_; }
  // Of the newest forwarded packet.
  uint16_t last_sequence_number() const { return last_seq_; }
  uint32_t last_timestamp() const { return last_ts_; }
  int64_t last_sent_ms() const { return last_sent_ms_; }
  bool started() const { return started_; }
  uint64_t switches() const { return switches_; }
  uint64_t packets() const { return packets_; }
  uint64_t octets() const { return octets_; }

 private:
  uint32_t output_ssrc_;
  int target_ = kOff;
  int current_ = kOff;
  bool started_ = false;  // something was forwarded (the last_* values are valid)
  // Input -> output deltas of the current encoding (modular).
  uint16_t seq_delta_ = 0;
  uint32_t ts_delta_ = 0;
  uint16_t pid_delta_ = 0;
  uint8_t tl0_delta_ = 0;
  uint16_t switch_seq_ = 0;  // first input sequence number of the current encoding
  uint16_t last_seq_ = 0;
  uint32_t last_ts_ = 0;
  uint16_t last_pid_ = 0;
  uint8_t last_tl0_ = 0;
  int64_t last_sent_ms_ = 0;
  uint64_t switches_ = 0;
  uint64_t packets_ = 0;
  uint64_t octets_ = 0;
};

}  // namespace meet::bridge::forwarding
