#include "media/codecs/av1_dependency_descriptor.hpp"

#include "media/codecs/bit_reader.hpp"

namespace meet::media::codecs {

using packet::Drop;
using packet::DropReason;

namespace {

size_t ByteOf(const BitReader& r) { return r.bit_position() / 8; }

// template_dependency_structure(); returns false when malformed or over our limits (the
// reason goes to *reason).
bool ReadStructure(BitReader& r, Av1TemplateStructure& s, DropReason* reason) {
  *reason = DropReason::kAv1BadStructure;
  s = Av1TemplateStructure{};
  s.template_id_offset = static_cast<uint8_t>(r.ReadBits(6));
  s.decode_target_count = static_cast<uint8_t>(r.ReadBits(5) + 1);
  // template_layers()
  uint8_t spatial = 0;
  uint8_t temporal = 0;
  uint32_t next = 0;
  do {
    if (s.template_count == kAv1MaxTemplates) return false;
    auto& t = s.templates[s.template_count++];
    t.spatial_id = spatial;
    t.temporal_id = temporal;
    next = r.ReadBits(2);
    if (r.failed()) { *reason = DropReason::kAv1BadDescriptor; return false; }
    if (next == 1) {
      if (++temporal > kAv1MaxTemporalId) return false;
      if (temporal > s.max_temporal_id) s.max_temporal_id = temporal;
    } else if (next == 2) {
      temporal = 0;
      if (++spatial >= kAv1MaxSpatialLayers) return false;
    }
  } while (next != 3);
  s.max_spatial_id = spatial;
  // template_dtis()
  for (size_t i = 0; i < s.template_count; ++i) {
    for (size_t dt = 0; dt < s.decode_target_count; ++dt) {
      s.templates[i].dtis |= uint64_t{r.ReadBits(2)} << (2 * dt);
    }
  }
  // template_fdiffs()
  for (size_t i = 0; i < s.template_count; ++i) {
    auto& t = s.templates[i];
    while (r.ReadBit()) {
      if (t.fdiff_count == kAv1MaxFdiffs) return false;
      t.fdiffs[t.fdiff_count++] = static_cast<uint8_t>(r.ReadBits(4) + 1);
    }
    if (r.failed()) { *reason = DropReason::kAv1BadDescriptor; return false; }
  }
  // template_chains(): chain fdiffs are read and not kept.
  s.chain_count = static_cast<uint8_t>(r.ReadNonSymmetric(s.decode_target_count + 1u));
  if (s.chain_count > 0) {
    for (size_t dt = 0; dt < s.decode_target_count; ++dt) r.ReadNonSymmetric(s.chain_count + 1u);
    for (size_t i = 0; i < s.template_count; ++i) {
      for (size_t c = 0; c < s.chain_count; ++c) r.ReadBits(4);
    }
  }
  s.has_resolutions = r.ReadBit() != 0;
  if (s.has_resolutions) {
    for (size_t sid = 0; sid <= s.max_spatial_id; ++sid) {
      s.widths[sid] = static_cast<uint16_t>(r.ReadBits(16) + 1);
      s.heights[sid] = static_cast<uint16_t>(r.ReadBits(16) + 1);
    }
  }
  if (r.failed()) { *reason = DropReason::kAv1BadDescriptor; return false; }
  return true;
}

}  // namespace

packet::ParseResult<Av1DependencyDescriptor> ParseAv1DependencyDescriptor(
    std::span<const uint8_t> data, const Av1TemplateStructure* known,
    Av1TemplateStructure* attached) {
  if (data.empty()) return Drop{DropReason::kEmpty, 0};
  if (data.size() < 3) return Drop{DropReason::kTooShort, data.size()};
  BitReader r(data);
  Av1DependencyDescriptor d;
  d.start_of_frame = r.ReadBit() != 0;
  d.end_of_frame = r.ReadBit() != 0;
  d.template_id = static_cast<uint8_t>(r.ReadBits(6));
  d.frame_number = static_cast<uint16_t>(r.ReadBits(16));

  const Av1TemplateStructure* structure = known;
  if (data.size() > 3) {
    d.has_extended_fields = true;
    d.structure_attached = r.ReadBit() != 0;
    d.has_active_decode_targets = r.ReadBit() != 0;
    d.custom_dtis = r.ReadBit() != 0;
    d.custom_fdiffs = r.ReadBit() != 0;
    d.custom_chains = r.ReadBit() != 0;
    if (d.structure_attached) {
      if (attached == nullptr) return Drop{DropReason::kInvalidArgument, 3};
      // Parsed aside so a bad packet never clobbers the caller's structure (which `known`
      // may alias).
      Av1TemplateStructure parsed;
      DropReason reason = DropReason::kNone;
      if (!ReadStructure(r, parsed, &reason)) return Drop{reason, ByteOf(r)};
      *attached = parsed;
      structure = attached;
      d.active_decode_targets = structure->decode_target_count == 32
                                    ? 0xFFFFFFFFu
                                    : (1u << structure->decode_target_count) - 1;
    }
    if (d.has_active_decode_targets) {
      if (structure == nullptr) {
        // Its width (DtisCnt) is unknown without a structure.
        d.resolved = false;
        return d;
      }
      d.active_decode_targets = r.ReadBits(structure->decode_target_count);
    }
  }
  if (r.failed()) return Drop{DropReason::kAv1BadDescriptor, ByteOf(r)};
  if (structure == nullptr) return d;  // mandatory fields only

  // frame_dependency_definition()
  const size_t index = (d.template_id + kAv1MaxTemplates - structure->template_id_offset) %
                       kAv1MaxTemplates;
  if (index >= structure->template_count) return Drop{DropReason::kAv1UnknownTemplate, 0};
  const Av1FrameTemplate& t = structure->templates[index];
  d.spatial_id = t.spatial_id;
  d.temporal_id = t.temporal_id;
  if (d.custom_dtis) {
    for (size_t dt = 0; dt < structure->decode_target_count; ++dt) {
      d.dtis |= uint64_t{r.ReadBits(2)} << (2 * dt);
    }
  } else {
    d.dtis = t.dtis;
  }
  if (d.custom_fdiffs) {
    for (uint32_t size = r.ReadBits(2); size != 0 && !r.failed(); size = r.ReadBits(2)) {
      if (d.fdiff_count == kAv1MaxFdiffs) return Drop{DropReason::kAv1BadDescriptor, ByteOf(r)};
      d.fdiffs[d.fdiff_count++] = static_cast<uint16_t>(r.ReadBits(4 * size) + 1);
    }
  } else {
    d.fdiff_count = t.fdiff_count;
    for (size_t i = 0; i < t.fdiff_count; ++i) d.fdiffs[i] = t.fdiffs[i];
  }
  if (d.custom_chains) {
    for (size_t c = 0; c < structure->chain_count; ++c) r.ReadBits(8);
  }
  if (r.failed()) return Drop{DropReason::kAv1BadDescriptor, ByteOf(r)};
  d.resolved = true;
  return d;
}

}  // namespace meet::media::codecs
