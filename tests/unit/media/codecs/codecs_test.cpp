#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "media/codecs/av1_dependency_descriptor.hpp"
#include "media/codecs/h264_payload.hpp"
#include "media/codecs/vp8_descriptor.hpp"
#include "media/codecs/vp9_descriptor.hpp"

namespace meet::media::codecs {
namespace {

using packet::DropReason;
using Bytes = std::vector<uint8_t>;

// VP8 key frame start as Chrome sends it: X S, I L T, 15-bit picture id 0x0123, TL0PICIDX 5,
// TID 0 + Y, then the VP8 payload header (P = 0) and the key frame start code 9d 01 2a.
const Bytes kVp8KeyStart = {0x90, 0xE0, 0x81, 0x23, 0x05, 0x20, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a};

TEST(Vp8Descriptor, ParsesChromeKeyFrameStart) {
  auto d = ParseVp8Descriptor(kVp8KeyStart);
  ASSERT_TRUE(d.ok()) << packet::DropReasonName(d.reason());
  EXPECT_TRUE(d->start_of_partition);
  EXPECT_EQ(d->partition_id, 0);
  EXPECT_TRUE(d->has_picture_id);
  EXPECT_TRUE(d->picture_id_15bit);
  EXPECT_EQ(d->picture_id, 0x0123);
  EXPECT_TRUE(d->has_tl0_pic_idx);
  EXPECT_EQ(d->tl0_pic_idx, 5);
  EXPECT_TRUE(d->has_tid);
  EXPECT_EQ(d->tid, 0);
  EXPECT_TRUE(d->layer_sync);
  EXPECT_FALSE(d->has_key_idx);
  EXPECT_EQ(d->header_size, 6u);
  EXPECT_TRUE(d->start_of_frame);
  EXPECT_TRUE(d->key_frame);
}

TEST(Vp8Descriptor, DeltaFramesAndContinuationPackets) {
  Bytes delta = kVp8KeyStart;
  delta[6] = 0x31;  // P = 1: inter frame
  delta[5] = 0x80;  // TID 2
  auto d = ParseVp8Descriptor(delta);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->start_of_frame);
  EXPECT_FALSE(d->key_frame);
  EXPECT_EQ(d->tid, 2);
  EXPECT_FALSE(d->layer_sync);

  Bytes middle = kVp8KeyStart;
  middle[0] = 0x80;  // S = 0: not the start of a partition
  auto m = ParseVp8Descriptor(middle);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->start_of_frame);
  EXPECT_FALSE(m->key_frame);  // P bit is only meaningful at the first partition start

  // Minimal descriptor: no X byte; the VP8 payload header follows.
  auto minimal = ParseVp8Descriptor(Bytes{0x10, 0x50});
  ASSERT_TRUE(minimal.ok());
  EXPECT_FALSE(minimal->has_picture_id);
  EXPECT_EQ(minimal->header_size, 1u);
  EXPECT_TRUE(minimal->key_frame);

  // 7-bit picture id and KEYIDX only.
  auto short_id = ParseVp8Descriptor(Bytes{0x90, 0x90, 0x7f, 0x1f, 0x31});
  ASSERT_TRUE(short_id.ok());
  EXPECT_FALSE(short_id->picture_id_15bit);
  EXPECT_EQ(short_id->picture_id, 0x7f);
  EXPECT_TRUE(short_id->has_key_idx);
  EXPECT_EQ(short_id->key_idx, 0x1f);
}

TEST(Vp8Descriptor, DropsTruncatedDescriptors) {
  EXPECT_EQ(ParseVp8Descriptor({}).reason(), DropReason::kEmpty);
  EXPECT_EQ(ParseVp8Descriptor(Bytes{0x90}).reason(), DropReason::kVp8BadDescriptor);
  EXPECT_EQ(ParseVp8Descriptor(Bytes{0x90, 0x80}).reason(), DropReason::kVp8BadDescriptor);
  EXPECT_EQ(ParseVp8Descriptor(Bytes{0x90, 0x80, 0x81}).reason(), DropReason::kVp8BadDescriptor);
  EXPECT_EQ(ParseVp8Descriptor(Bytes{0x90, 0xC0, 0x01}).reason(), DropReason::kVp8BadDescriptor);
  EXPECT_EQ(ParseVp8Descriptor(Bytes{0x90, 0x20}).reason(), DropReason::kVp8BadDescriptor);
  auto no_data = ParseVp8Descriptor(std::span(kVp8KeyStart).first(6));
  EXPECT_EQ(no_data.reason(), DropReason::kVp8BadDescriptor);
  EXPECT_EQ(no_data.offset(), 6u);
}

TEST(Vp8Descriptor, RewritesPictureIdAndTl0PicIdxInPlace) {
  Bytes p = kVp8KeyStart;
  auto d = ParseVp8Descriptor(p);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(SetVp8PictureId(p, *d, 0x7ABC));
  EXPECT_TRUE(SetVp8Tl0PicIdx(p, *d, 200));
  auto again = ParseVp8Descriptor(p);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->picture_id, 0x7ABC);
  EXPECT_EQ(again->tl0_pic_idx, 200);
  EXPECT_TRUE(again->key_frame);
  EXPECT_EQ(p[6], 0x10);  // payload untouched

  Bytes short_id = {0x90, 0x80, 0x05, 0x31};
  auto s = ParseVp8Descriptor(short_id);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(SetVp8PictureId(short_id, *s, 0x1FF));  // keeps 7 bits
  EXPECT_EQ(ParseVp8Descriptor(short_id)->picture_id, 0x7F);
  EXPECT_FALSE(SetVp8Tl0PicIdx(short_id, *s, 1));
}

// VP9 non-flexible key frame with SS: 3 spatial layers 320x180 / 640x360 / 1280x720, one
// picture group (TID 0, one reference, P_DIFF 1).
const Bytes kVp9Key = {0xAA, 0x92, 0x34, 0x00, 0x07, 0x58, 0x01, 0x40, 0x00, 0xB4, 0x02, 0x80,
                       0x01, 0x68, 0x05, 0x00, 0x02, 0xD0, 0x01, 0x04, 0x01, 0x82, 0x49, 0x83};

TEST(Vp9Descriptor, ParsesKeyFrameWithScalabilityStructure) {
  auto d = ParseVp9Descriptor(kVp9Key);
  ASSERT_TRUE(d.ok()) << packet::DropReasonName(d.reason()) << " at " << d.offset();
  EXPECT_TRUE(d->has_picture_id);
  EXPECT_TRUE(d->picture_id_15bit);
  EXPECT_EQ(d->picture_id, 0x1234);
  EXPECT_FALSE(d->inter_picture);
  EXPECT_TRUE(d->beginning_of_frame);
  EXPECT_FALSE(d->end_of_frame);
  EXPECT_FALSE(d->flexible_mode);
  EXPECT_EQ(d->spatial_id, 0);
  EXPECT_EQ(d->temporal_id, 0);
  EXPECT_TRUE(d->has_tl0_pic_idx);
  EXPECT_EQ(d->tl0_pic_idx, 7);
  ASSERT_TRUE(d->has_scalability_structure);
  EXPECT_EQ(d->ss_spatial_layers, 3);
  EXPECT_TRUE(d->ss_has_resolutions);
  EXPECT_EQ(d->ss_widths[0], 320);
  EXPECT_EQ(d->ss_heights[0], 180);
  EXPECT_EQ(d->ss_widths[2], 1280);
  EXPECT_EQ(d->ss_heights[2], 720);
  EXPECT_EQ(d->ss_group_count, 1);
  EXPECT_EQ(d->ss_groups.size(), 2u);
  EXPECT_EQ(d->header_size, 21u);
  EXPECT_TRUE(d->key_frame());
}

TEST(Vp9Descriptor, ParsesFlexibleInterFrameAndRejectsBadOnes) {
  // I P L F B: 7-bit picture id 5, TID 2 U SID 1 D, P_DIFFs 1 (N) and 2.
  const Bytes flex = {0xF8, 0x05, 0x53, 0x03, 0x04, 0xAB};
  auto d = ParseVp9Descriptor(flex);
  ASSERT_TRUE(d.ok()) << packet::DropReasonName(d.reason());
  EXPECT_TRUE(d->flexible_mode);
  EXPECT_EQ(d->temporal_id, 2);
  EXPECT_TRUE(d->switching_up);
  EXPECT_EQ(d->spatial_id, 1);
  EXPECT_TRUE(d->inter_layer_dependency);
  EXPECT_FALSE(d->has_tl0_pic_idx);
  ASSERT_EQ(d->ref_count, 2);
  EXPECT_EQ(d->p_diffs[0], 1);
  EXPECT_EQ(d->p_diffs[1], 2);
  EXPECT_FALSE(d->key_frame());

  // An intra frame on spatial layer 1 is not a key frame for the stream.
  auto upper = ParseVp9Descriptor(Bytes{0xA8, 0x05, 0x02, 0x07, 0xAB});
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(upper->spatial_id, 1);
  EXPECT_FALSE(upper->key_frame());

  EXPECT_EQ(ParseVp9Descriptor({}).reason(), DropReason::kEmpty);
  EXPECT_EQ(ParseVp9Descriptor(Bytes{0xF8, 0x05, 0x53, 0x03, 0x03, 0x03, 0x02, 0xAB}).reason(),
            DropReason::kVp9BadDescriptor);  // four P_DIFFs
  EXPECT_EQ(ParseVp9Descriptor(Bytes{0xA0, 0x05, 0x00}).reason(), DropReason::kVp9BadDescriptor);
  EXPECT_EQ(ParseVp9Descriptor(Bytes{0x88}).reason(), DropReason::kVp9BadDescriptor);  // no data
  auto ss_short = ParseVp9Descriptor(std::span(kVp9Key).first(12));
  EXPECT_EQ(ss_short.reason(), DropReason::kVp9BadScalabilityStructure);
  Bytes bad_group = kVp9Key;
  bad_group[19] = 0x0C;  // R = 3 references: runs past the payload? no, into the data bytes
  auto g = ParseVp9Descriptor(std::span(bad_group).first(21));
  EXPECT_EQ(g.reason(), DropReason::kVp9BadScalabilityStructure);
}

TEST(Vp9Descriptor, RewritesPictureIdAndTl0PicIdx) {
  Bytes p = kVp9Key;
  auto d = ParseVp9Descriptor(p);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(SetVp9PictureId(p, *d, 0x0001));
  EXPECT_TRUE(SetVp9Tl0PicIdx(p, *d, 99));
  auto again = ParseVp9Descriptor(p);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->picture_id, 1);
  EXPECT_TRUE(again->picture_id_15bit);
  EXPECT_EQ(again->tl0_pic_idx, 99);
}

TEST(H264Payload, StapAWithSpsPpsIsKeyFrameStart) {
  const Bytes stap = {0x78, 0x00, 0x0A, 0x67, 0x42, 0xc0, 0x1f, 0xda, 0x01, 0x40, 0x16,
                      0xe8, 0x40, 0x00, 0x04, 0x68, 0xce, 0x3c, 0x80};
  auto info = ParseH264Payload(stap);
  ASSERT_TRUE(info.ok()) << packet::DropReasonName(info.reason());
  EXPECT_EQ(info->packetization, H264Packetization::kStapA);
  EXPECT_EQ(info->nal_count, 2);
  EXPECT_EQ(info->nal_type, h264_nal::kSps);
  EXPECT_TRUE(info->has_sps);
  EXPECT_TRUE(info->has_pps);
  EXPECT_FALSE(info->has_idr);
  EXPECT_TRUE(info->key_frame);
  EXPECT_TRUE(info->start_of_frame);
  EXPECT_EQ(info->nal_type_mask, (1u << 7) | (1u << 8));
}

TEST(H264Payload, FuAFragmentsOfAnIdr) {
  auto start = ParseH264Payload(Bytes{0x7C, 0x85, 0x88, 0x84, 0x00});
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(start->packetization, H264Packetization::kFuA);
  EXPECT_EQ(start->nal_type, h264_nal::kIdr);
  EXPECT_TRUE(start->start_of_nal);
  EXPECT_FALSE(start->end_of_nal);
  EXPECT_TRUE(start->has_idr);
  EXPECT_TRUE(start->key_frame);
  EXPECT_TRUE(start->start_of_frame);

  auto middle = ParseH264Payload(Bytes{0x7C, 0x05, 0x12, 0x34});
  ASSERT_TRUE(middle.ok());
  EXPECT_FALSE(middle->start_of_nal);
  EXPECT_FALSE(middle->start_of_frame);
  EXPECT_TRUE(middle->key_frame);  // still part of an IDR

  auto end = ParseH264Payload(Bytes{0x7C, 0x45, 0x12});
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->end_of_nal);

  // A second slice of a frame (first_mb_in_slice != 0) does not start a frame.
  auto second_slice = ParseH264Payload(Bytes{0x7C, 0x81, 0x5a, 0x00});
  ASSERT_TRUE(second_slice.ok());
  EXPECT_TRUE(second_slice->start_of_nal);
  EXPECT_FALSE(second_slice->start_of_frame);
  EXPECT_FALSE(second_slice->key_frame);
}

TEST(H264Payload, SingleNalSlices) {
  auto first = ParseH264Payload(Bytes{0x41, 0x9a, 0x02, 0x03});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->packetization, H264Packetization::kSingleNal);
  EXPECT_EQ(first->nal_type, h264_nal::kSlice);
  EXPECT_TRUE(first->start_of_frame);
  EXPECT_FALSE(first->key_frame);
  auto later = ParseH264Payload(Bytes{0x41, 0x5a, 0x02});
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->start_of_frame);
  auto idr = ParseH264Payload(Bytes{0x65, 0x88, 0x80});
  ASSERT_TRUE(idr.ok());
  EXPECT_TRUE(idr->key_frame);
}

TEST(H264Payload, DropsMalformedPayloads) {
  EXPECT_EQ(ParseH264Payload({}).reason(), DropReason::kEmpty);
  EXPECT_EQ(ParseH264Payload(Bytes{0xC1, 0x9a}).reason(), DropReason::kH264BadNal);  // F bit
  EXPECT_EQ(ParseH264Payload(Bytes{0x60}).reason(), DropReason::kH264BadNal);        // type 0
  EXPECT_EQ(ParseH264Payload(Bytes{0x79, 0, 1, 0x41}).reason(), DropReason::kH264BadNal);  // STAP-B
  EXPECT_EQ(ParseH264Payload(Bytes{0x7D, 0x85, 0x88}).reason(), DropReason::kH264BadNal);  // FU-B
  EXPECT_EQ(ParseH264Payload(Bytes{0x7C, 0xC5, 0x88}).reason(), DropReason::kH264BadNal);  // S+E
  EXPECT_EQ(ParseH264Payload(Bytes{0x7C, 0x80, 0x88}).reason(), DropReason::kH264BadNal);  // type 0 in FU
  EXPECT_EQ(ParseH264Payload(Bytes{0x7C, 0x85}).reason(), DropReason::kH264BadNal);        // too short
  EXPECT_EQ(ParseH264Payload(Bytes{0x78}).reason(), DropReason::kH264BadAggregation);
  auto over = ParseH264Payload(Bytes{0x78, 0x00, 0x03, 0x67, 0x42, 0xc0, 0x00, 0x09, 0x68});
  EXPECT_EQ(over.reason(), DropReason::kH264BadAggregation);
  EXPECT_EQ(over.offset(), 6u);
  EXPECT_EQ(ParseH264Payload(Bytes{0x78, 0x00, 0x00, 0x67}).reason(), DropReason::kH264BadAggregation);
  EXPECT_EQ(ParseH264Payload(Bytes{0x78, 0x00, 0x02, 0x98, 0x00}).reason(), DropReason::kH264BadNal);
}

// Writes MSB-first bit fields, for building dependency descriptors.
class BitWriter {
 public:
  void Put(uint32_t value, unsigned bits) {
    for (unsigned i = bits; i-- > 0;) {
      if (bit_ % 8 == 0) bytes_.push_back(0);
      if ((value >> i) & 1) bytes_.back() |= static_cast<uint8_t>(0x80 >> (bit_ % 8));
      ++bit_;
    }
  }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
  size_t bit_ = 0;
};

// L1T3 key frame packet (AV1 RTP spec A.6.1 structure): template id offset 10, 3 decode
// targets, 5 templates (T0 key, T0, T1, T2, T2), one chain, 1280x720.
Bytes L1T3KeyFrame() {
  BitWriter w;
  w.Put(1, 1);       // start_of_frame
  w.Put(1, 1);       // end_of_frame
  w.Put(10, 6);      // template id -> index 0
  w.Put(0x1234, 16); // frame number
  w.Put(0b10000, 5); // structure present, no active mask, no custom dtis/fdiffs/chains
  w.Put(10, 6);      // template_id_offset
  w.Put(2, 5);       // dtis_cnt_minus_one
  for (uint32_t idc : {0u, 1u, 1u, 0u, 3u}) w.Put(idc, 2);  // template_layers
  const uint32_t dtis[5][3] = {{2, 2, 2}, {2, 2, 2}, {2, 1, 0}, {1, 0, 0}, {1, 0, 0}};
  for (auto& t : dtis) {
    for (uint32_t dti : t) w.Put(dti, 2);
  }
  const int fdiff[5] = {0, 4, 2, 1, 1};
  for (int f : fdiff) {
    if (f) {
      w.Put(1, 1);
      w.Put(static_cast<uint32_t>(f - 1), 4);
    }
    w.Put(0, 1);
  }
  w.Put(1, 2);  // chains_cnt = ns(4) -> 1
  for (int dt = 0; dt < 3; ++dt) w.Put(0, 1);  // protected by chain 0 (ns(2))
  for (uint32_t c : {0u, 4u, 2u, 1u, 3u}) w.Put(c, 4);
  w.Put(1, 1);  // resolutions present
  w.Put(1279, 16);
  w.Put(719, 16);
  return w.bytes();
}

TEST(Av1DependencyDescriptor, ParsesKeyFrameWithTemplateStructure) {
  const Bytes dd = L1T3KeyFrame();
  auto structure = std::make_unique<Av1TemplateStructure>();
  auto d = ParseAv1DependencyDescriptor(dd, nullptr, structure.get());
  ASSERT_TRUE(d.ok()) << packet::DropReasonName(d.reason()) << " at " << d.offset();
  EXPECT_TRUE(d->start_of_frame);
  EXPECT_TRUE(d->end_of_frame);
  EXPECT_EQ(d->frame_number, 0x1234);
  EXPECT_TRUE(d->structure_attached);
  EXPECT_TRUE(d->resolved);
  EXPECT_EQ(d->spatial_id, 0);
  EXPECT_EQ(d->temporal_id, 0);
  EXPECT_EQ(d->fdiff_count, 0);
  EXPECT_TRUE(d->key_frame());
  EXPECT_EQ(d->dti(0), 2);
  EXPECT_EQ(d->active_decode_targets, 0b111u);
  EXPECT_EQ(structure->template_count, 5);
  EXPECT_EQ(structure->decode_target_count, 3);
  EXPECT_EQ(structure->max_temporal_id, 2);
  EXPECT_EQ(structure->max_spatial_id, 0);
  EXPECT_EQ(structure->chain_count, 1);
  EXPECT_TRUE(structure->has_resolutions);
  EXPECT_EQ(structure->widths[0], 1280);
  EXPECT_EQ(structure->heights[0], 720);
  EXPECT_EQ(structure->templates[1].fdiff_count, 1);
  EXPECT_EQ(structure->templates[1].fdiffs[0], 4);
  EXPECT_EQ(structure->templates[3].temporal_id, 2);
}

TEST(Av1DependencyDescriptor, ResolvesLaterPacketsFromKnownStructure) {
  auto structure = std::make_unique<Av1TemplateStructure>();
  ASSERT_TRUE(ParseAv1DependencyDescriptor(L1T3KeyFrame(), nullptr, structure.get()).ok());

  // Mandatory fields only: template id 12 (index 2: T1, fdiff 2), frame 0x1236.
  const Bytes t1 = {0x80 | 12, 0x12, 0x36};
  auto d = ParseAv1DependencyDescriptor(t1, structure.get(), nullptr);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->start_of_frame);
  EXPECT_FALSE(d->end_of_frame);
  EXPECT_TRUE(d->resolved);
  EXPECT_EQ(d->temporal_id, 1);
  EXPECT_EQ(d->fdiff_count, 1);
  EXPECT_EQ(d->fdiffs[0], 2);
  EXPECT_EQ(d->dti(1), 1);
  EXPECT_FALSE(d->key_frame());

  // Without a structure only the mandatory fields are known.
  auto unknown = ParseAv1DependencyDescriptor(t1, nullptr, nullptr);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->resolved);
  EXPECT_EQ(unknown->frame_number, 0x1236);

  // Template id outside the structure (index 10 of 5).
  const Bytes stale = {0x80 | 20, 0x00, 0x01};
  EXPECT_EQ(ParseAv1DependencyDescriptor(stale, structure.get(), nullptr).reason(),
            DropReason::kAv1UnknownTemplate);

  // Custom fdiffs: flags 00010, next_fdiff_size 1, fdiff_minus_one 0, then 0.
  BitWriter w;
  w.Put(0b11, 2);
  w.Put(11, 6);
  w.Put(0x1237, 16);
  w.Put(0b00010, 5);
  w.Put(1, 2);
  w.Put(0, 4);
  w.Put(0, 2);
  auto custom = ParseAv1DependencyDescriptor(w.bytes(), structure.get(), nullptr);
  ASSERT_TRUE(custom.ok()) << packet::DropReasonName(custom.reason());
  EXPECT_TRUE(custom->custom_fdiffs);
  EXPECT_EQ(custom->fdiff_count, 1);
  EXPECT_EQ(custom->fdiffs[0], 1);
  EXPECT_EQ(custom->temporal_id, 0);
}

TEST(Av1DependencyDescriptor, DropsTruncatedAndInvalidStructures) {
  EXPECT_EQ(ParseAv1DependencyDescriptor({}, nullptr, nullptr).reason(), DropReason::kEmpty);
  EXPECT_EQ(ParseAv1DependencyDescriptor(Bytes{0x80, 0x01}, nullptr, nullptr).reason(),
            DropReason::kTooShort);
  auto structure = std::make_unique<Av1TemplateStructure>();
  const Bytes full = L1T3KeyFrame();
  const Bytes cut(full.begin(), full.begin() + 8);
  EXPECT_EQ(ParseAv1DependencyDescriptor(cut, nullptr, structure.get()).reason(),
            DropReason::kAv1BadDescriptor);
  EXPECT_EQ(structure->template_count, 0);  // untouched on failure
  // Spatial layers beyond MAX_SPATIAL_ID: next_layer_idc 2 four times.
  BitWriter w;
  w.Put(0b11, 2);
  w.Put(0, 6);
  w.Put(1, 16);
  w.Put(0b10000, 5);
  w.Put(0, 6);
  w.Put(0, 5);
  for (int i = 0; i < 4; ++i) w.Put(2, 2);
  w.Put(3, 2);
  w.Put(0, 32);
  EXPECT_EQ(ParseAv1DependencyDescriptor(w.bytes(), nullptr, structure.get()).reason(),
            DropReason::kAv1BadStructure);
  // Structure attached but no storage given.
  EXPECT_EQ(ParseAv1DependencyDescriptor(full, nullptr, nullptr).reason(), DropReason::kInvalidArgument);
}

}  // namespace
}  // namespace meet::media::codecs
