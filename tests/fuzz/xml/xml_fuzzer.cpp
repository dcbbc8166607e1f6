// Fuzz target "xml": arbitrary bytes through xml::Parse (gloox's parser underneath). When a
// document parses, its serialisation must parse again and serialise identically.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "signaling/xml/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meet::signaling;
  auto tag = xml::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!tag.ok()) return 0;
  const std::string text = (*tag)->xml();
  auto again = xml::Parse(text);
  // Adjacent text nodes may merge on re-parse, so compare the serialisations.
  if (!again.ok() || (*again)->xml() != text) __builtin_trap();
  for (const gloox::Tag* child : (*tag)->children()) {
    (void)xml::Namespace(*child);
    (void)xml::Attr(*child, "id");
  }
  return 0;
}
