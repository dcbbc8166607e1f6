// Unit tests of the forwarding building blocks: VideoProjection (simulcast -> one continuous
// stream), ReceiveStream (loss, NACK list, report block), RetransmissionCache, TwccRecorder,
// COLIBRI2 source mapping and layer selection.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "bridge/forwarding/endpoint_media.hpp"
#include "bridge/forwarding/layer_selector.hpp"
#include "bridge/forwarding/receive_stream.hpp"
#include "bridge/forwarding/retransmission_cache.hpp"
#include "bridge/forwarding/twcc_recorder.hpp"
#include "bridge/forwarding/video_projection.hpp"
#include "media/codecs/vp8_descriptor.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "media/rtp/rtp_packet_builder.hpp"

namespace meet::bridge::forwarding {
namespace {

namespace codecs = media::codecs;
namespace rtp = media::rtp;
namespace bc = signaling::bridge_channel;

// One VP8 packet of encoding `enc`: seq, ts, 15-bit picture id, TL0PICIDX, key frame start.
struct Vp8Packet {
  std::vector<uint8_t> bytes;
  rtp::RtpPacketView view;
  std::optional<codecs::Vp8Descriptor> vp8;
};

Vp8Packet MakeVp8(uint32_t ssrc, uint16_t seq, uint32_t ts, uint16_t pid, uint8_t tl0, bool key, bool start = true) {
  Vp8Packet p;
  std::array<uint8_t, 20> payload{};
  payload[0] = static_cast<uint8_t>(0x80 | (start ? 0x10 : 0));
  payload[1] = 0xC0;
  payload[2] = static_cast<uint8_t>(0x80 | (pid >> 8));
  payload[3] = static_cast<uint8_t>(pid);
  payload[4] = tl0;
  payload[5] = key ? 0x00 : 0x01;
  p.bytes.resize(200);
  rtp::RtpPacketBuilder b(p.bytes);
  b.SetPayloadType(100).SetSequenceNumber(seq).SetTimestamp(ts).SetSsrc(ssrc).SetPayload(payload);
  auto v = b.Build();
  EXPECT_TRUE(v.ok());
  p.bytes.resize(v->size());
  p.view = *rtp::RtpPacketView::Parse(p.bytes);
  auto d = codecs::ParseVp8Descriptor(p.view.payload());
  EXPECT_TRUE(d.ok());
  p.vp8 = *d;
  return p;
}

TEST(VideoProjectionTest, ForwardsNothingUntilTargetKeyFrameThenRewritesOntoPrimarySsrc) {
  VideoProjection proj(0xAAAA);
  auto low = MakeVp8(0x1, 500, 9000, 40, 4, false);
  EXPECT_FALSE(proj.Process(0, low.view, low.vp8, 0));  // target off
  proj.SetTarget(0);
  EXPECT_TRUE(proj.NeedsKeyFrame());
  EXPECT_FALSE(proj.Process(0, low.view, low.vp8, 0));  // not a key frame
  auto key = MakeVp8(0x1, 501, 12000, 41, 5, true);
  auto r = proj.Process(0, key.view, key.vp8, 10);
  ASSERT_TRUE(r);
  EXPECT_FALSE(proj.NeedsKeyFrame());
  proj.Apply(key.view, key.vp8, *r);
  EXPECT_EQ(key.view.ssrc(), 0xAAAAu);
  // Restore puts the sender's values back.
  VideoProjection::Restore(key.view, key.vp8, 0x1, VideoProjection::Original(key.view, key.vp8));
  EXPECT_EQ(key.view.ssrc(), 0x1u);
}

TEST(VideoProjectionTest, SwitchKeepsSequenceTimestampPictureIdAndTl0Continuous) {
  VideoProjection proj(0xAAAA);
  proj.SetTarget(0);
  VideoProjection::Rewrite last;
  for (uint16_t i = 0; i < 5; ++i) {
    auto p = MakeVp8(0x1, static_cast<uint16_t>(65533 + i), 1000u + 3000u * i, static_cast<uint16_t>(32766 + i),
                     static_cast<uint8_t>(254 + i), i == 0);
    auto r = proj.Process(0, p.view, p.vp8, 33 * i);
    ASSERT_TRUE(r) << i;
    if (i > 0) {
      EXPECT_EQ(r->sequence_number, static_cast<uint16_t>(last.sequence_number + 1));
      EXPECT_EQ(r->picture_id, (last.picture_id + 1) & 0x7fff);
      EXPECT_EQ(r->tl0_pic_idx, static_cast<uint8_t>(last.tl0_pic_idx + 1));
    }
    last = *r;
  }
  proj.SetTarget(2);
  // The high encoding's delta frames are ignored and the low one keeps flowing until a key frame.
  auto high_delta = MakeVp8(0x3, 100, 777, 9, 1, false);
  EXPECT_FALSE(proj.Process(2, high_delta.view, high_delta.vp8, 200));
  auto low_more = MakeVp8(0x1, 2, 16000, 3, 3, false);
  auto kept = proj.Process(0, low_more.view, low_more.vp8, 200);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->sequence_number, static_cast<uint16_t>(last.sequence_number + 1));
  last = *kept;
  auto high_key = MakeVp8(0x3, 101, 99999, 10, 2, true);
  auto switched = proj.Process(2, high_key.view, high_key.vp8, 233);
  ASSERT_TRUE(switched);
  EXPECT_EQ(proj.current(), 2);
  EXPECT_EQ(proj.switches(), 2u);
  EXPECT_EQ(switched->sequence_number, static_cast<uint16_t>(last.sequence_number + 1));
  EXPECT_EQ(switched->picture_id, (last.picture_id + 1) & 0x7fff);
  EXPECT_EQ(switched->tl0_pic_idx, static_cast<uint8_t>(last.tl0_pic_idx + 1));
  EXPECT_EQ(switched->timestamp, last.timestamp + 33 * 90);
  // Old encoding's packets are dropped after the switch; late packets of the new one before
  // the switch point too.
  auto low_late = MakeVp8(0x1, 3, 19000, 4, 4, false);
  EXPECT_FALSE(proj.Process(0, low_late.view, low_late.vp8, 240));
  auto high_before = MakeVp8(0x3, 99, 99000, 9, 1, false);
  EXPECT_FALSE(proj.Process(2, high_before.view, high_before.vp8, 240));
  auto high_next = MakeVp8(0x3, 102, 102999, 11, 3, false);
  auto n = proj.Process(2, high_next.view, high_next.vp8, 266);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->sequence_number, static_cast<uint16_t>(switched->sequence_number + 1));
  EXPECT_EQ(n->timestamp, switched->timestamp + 3000);
  proj.SetTarget(VideoProjection::kOff);
  EXPECT_FALSE(proj.Process(2, high_next.view, high_next.vp8, 300));
}

TEST(ReceiveStreamTest, DetectsGapsNacksThemAndReportsLoss) {
  ReceiveStream s(0x42, 90000);
  s.OnPacket(100, 0, 1000, 0, false);
  s.OnPacket(101, 3000, 1000, 33, false);
  s.OnPacket(104, 9000, 1000, 66, false);  // 102, 103 missing
  std::array<uint16_t, 8> out{};
  ASSERT_EQ(s.CollectNacks(out, 70), 2u);
  EXPECT_EQ(out[0], 102);
  EXPECT_EQ(out[1], 103);
  EXPECT_EQ(s.CollectNacks(out, 80), 0u);  // too soon to repeat
  s.OnPacket(102, 6000, 1000, 90, true);  // repaired by RTX
  ASSERT_EQ(s.CollectNacks(out, 70 + ReceiveStream::kNackIntervalMs), 1u);
  EXPECT_EQ(out[0], 103);
  EXPECT_EQ(s.lost(), 1);
  auto block = s.MakeReportBlock(200);
  EXPECT_EQ(block.source_ssrc, 0x42u);
  EXPECT_EQ(block.extended_highest_sequence, 104u);
  EXPECT_EQ(block.cumulative_lost, 1);
  EXPECT_EQ(block.fraction_lost, 256 / 5);
  // Tries are bounded.
  for (int i = 0; i < 10; ++i) s.CollectNacks(out, 1000 + i * 100);
  EXPECT_EQ(s.CollectNacks(out, 5000), 0u);
}

TEST(RetransmissionCacheTest, FindsBySequenceNumberUntilOverwrittenOrTooOld) {
  RetransmissionCache cache;
  const std::array<uint8_t, 3> a{1, 2, 3};
  cache.Store(10, a, 0);
  auto found = cache.Find(10, 100);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[2], 3);
  EXPECT_FALSE(cache.Find(11, 100));
  EXPECT_FALSE(cache.Find(10, 5000));  // too old
  cache.Store(static_cast<uint16_t>(10 + RetransmissionCache::kSlots), a, 0);
  EXPECT_FALSE(cache.Find(10, 100));  // slot reused
  std::vector<uint8_t> huge(RetransmissionCache::kSlotBytes + 1);
  cache.Store(20, huge, 0);
  EXPECT_FALSE(cache.Find(20, 0));
}

TEST(TwccRecorderTest, FeedbackReportsReceivedAndLostPacketsOnce) {
  TwccRecorder rec;
  rec.OnPacket(65534, 1'000'000);
  rec.OnPacket(65535, 1'001'000);
  rec.OnPacket(1, 1'003'000);  // 0 lost, across the wrap
  std::array<uint8_t, TwccRecorder::kMaxFeedbackBytes> out{};
  const size_t n = rec.BuildFeedback(7, 8, out);
  ASSERT_GT(n, 0u);
  auto header = media::rtcp::ParseRtcpHeader(std::span<const uint8_t>(out.data(), n), 0);
  ASSERT_TRUE(header.ok());
  std::array<media::rtcp::TccPacketResult, 16> results{};
  auto fb = media::rtcp::TransportFeedback::Parse(*header, results);
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(fb->header().base_sequence_number, 65534);
  ASSERT_EQ(fb->status_count(), 4u);
  EXPECT_TRUE(fb->packets()[0].received);
  EXPECT_TRUE(fb->packets()[1].received);
  EXPECT_FALSE(fb->packets()[2].received);
  EXPECT_TRUE(fb->packets()[3].received);
  EXPECT_EQ(fb->packets()[1].delta_ticks, 4);   // 1 ms
  EXPECT_EQ(fb->packets()[3].delta_ticks, 8);   // 2 ms
  EXPECT_EQ(rec.BuildFeedback(7, 8, out), 0u);  // nothing new
}

signaling::colibri2::MediaSource SimulcastSource() {
  signaling::colibri2::MediaSource v;
  v.type = signaling::jingle::MediaType::kVideo;
  v.id = "ep1-v0";
  for (uint32_t s : {11u, 12u, 21u, 22u, 31u, 32u}) {
    signaling::jingle::Source src;
    src.ssrc = s;
    src.name = v.id;
    v.sources.push_back(src);
  }
  v.ssrc_groups = {{"SIM", {11, 21, 31}}, {"FID", {11, 12}}, {"FID", {21, 22}}, {"FID", {31, 32}}};
  return v;
}

TEST(EndpointMediaTest, MapsSimulcastFidAudioPayloadTypesAndExtensions) {
  signaling::colibri2::Sources sources;
  signaling::colibri2::MediaSource a;
  a.type = signaling::jingle::MediaType::kAudio;
  a.id = "ep1-a0";
  signaling::jingle::Source as;
  as.ssrc = 5;
  a.sources.push_back(as);
  sources.media_sources = {a, SimulcastSource()};
  signaling::colibri2::Media video;
  video.type = signaling::jingle::MediaType::kVideo;
  signaling::jingle::PayloadType vp8;
  vp8.id = 100;
  vp8.name = "VP8";
  signaling::jingle::PayloadType rtx;
  rtx.id = 96;
  rtx.name = "rtx";
  rtx.parameters.push_back({"apt", "100"});
  video.payload_types = {rtx, vp8};
  video.header_extensions.push_back({5, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", ""});
  auto m = MapEndpointMedia({video}, sources, {true, false});
  ASSERT_EQ(m.audio_sources.size(), 1u);
  EXPECT_EQ(m.audio_sources[0].ssrc, 5u);
  ASSERT_EQ(m.video_sources.size(), 1u);
  const auto& v = m.video_sources[0];
  ASSERT_EQ(v.encodings.size(), 3u);
  EXPECT_EQ(v.encodings[0], (VideoEncoding{11, 12, 180}));
  EXPECT_EQ(v.encodings[2], (VideoEncoding{31, 32, 720}));
  EXPECT_EQ(v.primary_ssrc(), 11u);
  EXPECT_EQ(m.format.vp8_rtx_pt, 96);
  EXPECT_EQ(m.format.video_extensions.IdOf(rtp::ExtensionType::kTransportSequenceNumber), 5);
  EXPECT_TRUE(m.mute_audio);
  EXPECT_FALSE(m.mute_video);
}

TEST(LayerSelectorTest, MaxHeightLastNAndOnStage) {
  VideoSource v;
  v.name = "x";
  v.encodings = {{1, 0, 180}, {2, 0, 360}, {3, 0, 720}};
  EXPECT_EQ(EncodingForHeight(v, 0), -1);
  EXPECT_EQ(EncodingForHeight(v, 180), 0);
  EXPECT_EQ(EncodingForHeight(v, 500), 1);
  EXPECT_EQ(EncodingForHeight(v, 720), 2);
  EXPECT_EQ(EncodingForHeight(v, -1), 2);
  EXPECT_EQ(EncodingForHeight(v, 90), 0);

  bc::ReceiverVideoState state;
  std::array<LayerCandidate, 3> c{{{"a-v0", &v, 2, false}, {"b-v0", &v, 0, false}, {"c-v0", &v, 1, false}}};
  std::array<int, 3> t{};
  SelectLayers(state.settings(), c, t);
  EXPECT_EQ(t, (std::array<int, 3>{-1, -1, -1}));  // nothing before constraints
  bc::ReceiverVideoConstraints m;
  m.last_n = 2;
  m.on_stage_sources = std::vector<std::string>{"a-v0"};
  m.default_constraints = bc::VideoConstraints{360};
  m.constraints = std::map<std::string, bc::VideoConstraints>{{"a-v0", bc::VideoConstraints{720}}};
  state.Apply(m);
  SelectLayers(state.settings(), c, t);
  // a on stage (720 -> high), then b (dominant speaker, 360 -> mid); c beyond last-N.
  EXPECT_EQ(t, (std::array<int, 3>{2, 1, -1}));
  c[1].sender_muted = true;
  SelectLayers(state.settings(), c, t);
  EXPECT_EQ(t[1], -1);
}

}  // namespace
}  // namespace meet::bridge::forwarding
