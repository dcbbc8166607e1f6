#pragma once
// AV1 Dependency Descriptor RTP header extension (AV1 RTP specification, appendix A): the
// mandatory fields (start/end of frame, template id, frame number), the extended flags, the
// template dependency structure when attached (template layers, DTIs, fdiffs, chains,
// resolutions), the active decode targets bitmask and the per-frame custom DTIs / fdiffs /
// chains. With a structure (attached or from an earlier packet) the frame's spatial and
// temporal ids, DTIs and fdiffs are resolved from its template.
//
// Key frame: the packet attaches a structure and the frame references no other frame (no
// fdiffs), i.e. the start of a coded video sequence on the base layer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::codecs {

inline constexpr size_t kAv1MaxTemplates = 64;
inline constexpr size_t kAv1MaxDecodeTargets = 32;
inline constexpr size_t kAv1MaxSpatialLayers = 4;  // MAX_SPATIAL_ID 3
inline constexpr uint8_t kAv1MaxTemporalId = 7;
// Our bound on frame diffs per template or frame (the syntax has none; real encoders use <= 4).
inline constexpr size_t kAv1MaxFdiffs = 16;

struct Av1FrameTemplate {
  uint8_t spatial_id = 0;
  uint8_t temporal_id = 0;
  uint64_t dtis = 0;  // 2 bits per decode target, target 0 in the lowest bits
  uint8_t fdiff_count = 0;
  std::array<uint8_t, kAv1MaxFdiffs> fdiffs{};
};

struct Av1TemplateStructure {
  uint8_t template_id_offset = 0;
  uint8_t decode_target_count = 0;  // DtisCnt, 1-32
  uint8_t template_count = 0;
  uint8_t max_spatial_id = 0;
  uint8_t max_temporal_id = 0;
  uint8_t chain_count = 0;
  bool has_resolutions = false;
  std::array<uint16_t, kAv1MaxSpatialLayers> widths{};   // render width per spatial id
  std::array<uint16_t, kAv1MaxSpatialLayers> heights{};
  std::array<Av1FrameTemplate, kAv1MaxTemplates> templates{};
};

struct Av1DependencyDescriptor {
  // Mandatory fields.
  bool start_of_frame = false;
  bool end_of_frame = false;
  uint8_t template_id = 0;
  uint16_t frame_number = 0;
  // Extended fields.
  bool has_extended_fields = false;
  bool structure_attached = false;
  bool has_active_decode_targets = false;
  uint32_t active_decode_targets = 0;
  bool custom_dtis = false;
  bool custom_fdiffs = false;
  bool custom_chains = false;
  // Resolved from the template (false when no structure was known).
  bool resolved = false;
  uint8_t spatial_id = 0;
  uint8_t temporal_id = 0;
  uint64_t dtis = 0;
  uint8_t fdiff_count = 0;
  std::array<uint16_t, kAv1MaxFdiffs> fdiffs{};

  bool key_frame() const { return structure_attached && resolved && fdiff_count == 0; }
  // Decode target indication for target `dt` (0 not present, 1 discardable, 2 switch,
  // 3 required).
  uint8_t dti(size_t dt) const { return static_cast<uint8_t>((dtis >> (2 * dt)) & 3); }
};

// `known` is the latest structure for this stream (may be null). When the packet attaches a
// new structure it is written to `*attached` (which must then be non-null; pass storage the
// caller keeps as the next `known`; it may be the same object as `known`, and is only written
// when the whole structure parsed). Drops: kEmpty / kTooShort (< 3 bytes),
// kAv1BadDescriptor (truncated), kAv1BadStructure, kAv1UnknownTemplate (the template id is
// outside the structure in use).
packet::ParseResult<Av1DependencyDescriptor> ParseAv1DependencyDescriptor(
    std::span<const uint8_t> data, const Av1TemplateStructure* known,
    Av1TemplateStructure* attached);

}  // namespace meet::media::codecs
