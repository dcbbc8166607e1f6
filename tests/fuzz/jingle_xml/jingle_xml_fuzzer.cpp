// Fuzz target "jingle_xml": bytes -> xml::Parse -> find <jingle> (the root or a child of an
// <iq>) -> ParseJingle -> ToTag -> ParseJingle again must succeed and compare equal; the same
// must hold after serialising the encoded tag to text and parsing it back. Errors must say what
// (code) and where (element path).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signaling/jingle/jingle.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace {

const gloox::Tag* FindJingle(const gloox::Tag& root) {
  if (root.name() == "jingle") return &root;
  for (const gloox::Tag* child : root.children()) {
    if (child->name() == "jingle") return child;
  }
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace jingle = meet::signaling::jingle;
  namespace xml = meet::signaling::xml;
  auto root = xml::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!root.ok()) return 0;
  const gloox::Tag* element = FindJingle(**root);
  if (element == nullptr) return 0;

  auto first = jingle::ParseJingle(*element);
  if (!first.ok()) {
    if (first.error().code.empty() || first.error().where.empty()) __builtin_trap();
    return 0;
  }
  xml::TagPtr encoded = jingle::ToTag(*first);
  auto second = jingle::ParseJingle(*encoded);
  if (!second.ok() || !(*second == *first)) __builtin_trap();

  auto reparsed = xml::Parse(encoded->xml());
  if (!reparsed.ok()) __builtin_trap();
  auto third = jingle::ParseJingle(**reparsed);
  if (!third.ok() || !(*third == *first)) __builtin_trap();
  return 0;
}
