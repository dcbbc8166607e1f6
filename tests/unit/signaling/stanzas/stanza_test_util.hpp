#pragma once
// Shared helpers of the stanza model tests: load a fixture, re-encode and re-parse.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::stanzas::test {

// Parses tests/data/stanzas/<file>; fails the test and returns nullptr on error.
inline xml::TagPtr LoadStanza(std::string_view file) {
  const std::string text = meet::test::ReadData("stanzas/" + std::string(file));
  auto tag = xml::Parse(text);
  if (!tag.ok()) {
    ADD_FAILURE() << file << ": " << tag.error().ToString();
    return nullptr;
  }
  return std::move(*tag);
}

// Parses a fixture after replacing `from` by `to` in its text (for malformed variants).
inline xml::TagPtr LoadVariant(std::string_view file, std::string_view from, std::string_view to) {
  std::string text = meet::test::ReadData("stanzas/" + std::string(file));
  const size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "'" << from << "' not in " << file;
    return nullptr;
  }
  text.replace(at, from.size(), to);
  auto tag = xml::Parse(text);
  if (!tag.ok()) {
    ADD_FAILURE() << file << " variant: " << tag.error().ToString();
    return nullptr;
  }
  return std::move(*tag);
}

// Serialises `tag` and parses the text again, as a peer receiving it would.
inline xml::TagPtr Reparse(const gloox::Tag& tag) {
  auto again = xml::Parse(tag.xml());
  if (!again.ok()) {
    ADD_FAILURE() << again.error().ToString() << " in " << tag.xml();
    return nullptr;
  }
  return std::move(*again);
}

// Model -> XML text -> model must give an equal model.
template <typename Model, typename... Args>
void ExpectRoundTrip(const Model& model, Args&&... args) {
  xml::TagPtr encoded = model.ToTag();
  xml::TagPtr again = Reparse(*encoded);
  ASSERT_NE(again, nullptr);
  auto reparsed = Model::Parse(*again, std::forward<Args>(args)...);
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().ToString() << " in " << encoded->xml();
  EXPECT_TRUE(*reparsed == model) << encoded->xml();
}

}  // namespace meet::signaling::stanzas::test
