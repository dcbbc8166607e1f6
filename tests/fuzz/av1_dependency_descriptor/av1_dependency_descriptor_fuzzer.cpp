// AV1 dependency descriptor fuzz target. Byte 0 splits the rest into two descriptors: the
// first is parsed with storage for an attached structure, the second with that structure (if
// any) as the known one, as consecutive packets of a stream are.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "media/codecs/av1_dependency_descriptor.hpp"

using namespace meet::media::codecs;  // NOLINT

namespace {

void CheckResolved(const Av1DependencyDescriptor& d, const Av1TemplateStructure* s) {
  if (!d.resolved) return;
  if (s == nullptr || d.spatial_id > s->max_spatial_id || d.temporal_id > s->max_temporal_id ||
      d.fdiff_count > kAv1MaxFdiffs) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t split = data[0] < size ? data[0] : size - 1;
  const std::span<const uint8_t> first(data + 1, split);
  const std::span<const uint8_t> second(data + 1 + split, size - 1 - split);
  auto structure = std::make_unique<Av1TemplateStructure>();
  bool have = false;
  auto a = ParseAv1DependencyDescriptor(first, nullptr, structure.get());
  if (a) {
    have = a->structure_attached;
    if (have && (structure->template_count == 0 || structure->template_count > kAv1MaxTemplates ||
                 structure->decode_target_count == 0 ||
                 structure->decode_target_count > kAv1MaxDecodeTargets)) {
      __builtin_trap();
    }
    CheckResolved(*a, have ? structure.get() : nullptr);
    if (a->key_frame() && !have) __builtin_trap();
  }
  // The same storage as both known and attached: allowed by the API.
  const Av1TemplateStructure* known = have ? structure.get() : nullptr;
  auto b = ParseAv1DependencyDescriptor(second, known, structure.get());
  if (b) CheckResolved(*b, (have || b->structure_attached) ? structure.get() : nullptr);
  return 0;
}
