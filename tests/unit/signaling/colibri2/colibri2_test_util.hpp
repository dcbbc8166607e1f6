#pragma once
// Helpers shared by the COLIBRI2 tests: fixture loading and a canonical form of an element tree
// for layout comparisons.

#include <gloox/tag.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::colibri2::test {

// All conference-modify / conference-modified fixtures.
inline const std::vector<std::string>& ConferenceFixtures() {
  static const std::vector<std::string> kFiles = {
      "create_conference_request.xml", "create_conference_response.xml",
      "update_endpoint_request.xml",   "expire_endpoints.xml",
      "force_mute.xml",                "expire_conference.xml",
      "error_conference_not_found.xml", "relay_create.xml",
  };
  return kFiles;
}

// Parses tests/data/colibri2/<file> as XML; fails the test and returns nullptr on error.
inline xml::TagPtr LoadTag(const std::string& file) {
  auto tag = xml::Parse(meet::test::ReadData("colibri2/" + file));
  if (!tag.ok()) {
    ADD_FAILURE() << file << ": " << tag.error().ToString();
    return nullptr;
  }
  return std::move(*tag);
}

// The conference-modify or -modified child of an <iq> (or the element itself).
inline const gloox::Tag* ColibriRoot(const gloox::Tag& tag) {
  if (tag.name() != "iq") return &tag;
  if (const gloox::Tag* t = xml::Child(tag, "conference-modify", ns::kColibri2)) return t;
  return xml::Child(tag, "conference-modified", ns::kColibri2);
}

// "{namespace}name[a=1 b=2](text){child}{child}" with resolved namespaces, attributes sorted,
// xmlns declarations dropped and whitespace-only text ignored: equal for trees that mean the
// same XML whatever the attribute order, indentation or where a namespace is declared.
inline std::string Canonical(const gloox::Tag& tag) {
  std::vector<std::pair<std::string, std::string>> attrs;
  for (const gloox::Tag::Attribute* a : tag.attributes()) {
    if (a->name() == "xmlns" || a->name().rfind("xmlns:", 0) == 0) continue;
    attrs.emplace_back(a->name(), a->value());
  }
  std::sort(attrs.begin(), attrs.end());
  std::string out = "{" + xml::Namespace(tag) + "}" + tag.name() + "[";
  for (const auto& [name, value] : attrs) out += name + "=" + value + " ";
  out += "]";
  std::string text = tag.cdata();
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos) {
    const auto last = text.find_last_not_of(" \t\r\n");
    out += "(" + text.substr(first, last - first + 1) + ")";
  }
  for (const gloox::Tag* child : tag.children()) out += "{" + Canonical(*child) + "}";
  return out;
}

}  // namespace meet::signaling::colibri2::test
