#include "signaling/stanzas/property_list.hpp"

#include <gtest/gtest.h>

#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {
namespace {

TEST(PropertyList, TypedGettersReplaceAndOrderFreeEquality) {
  PropertyList a;
  a.Set("bridge-count", "2");
  a.SetBool("octo-enabled", true);
  a.Set("stress", "0.5");
  a.Set("bridge-count", "3");  // replaces in place
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.items()[0].first, "bridge-count");
  EXPECT_EQ(a.GetInt("bridge-count"), 3);
  EXPECT_EQ(a.GetBool("octo-enabled"), true);
  EXPECT_DOUBLE_EQ(*a.GetDouble("stress"), 0.5);
  EXPECT_EQ(a.GetInt("stress"), std::nullopt);
  EXPECT_EQ(a.GetBool("stress"), std::nullopt);
  EXPECT_EQ(a.Get("missing"), std::nullopt);

  PropertyList b;
  b.Set("stress", "0.5");
  b.SetInt("bridge-count", 3);
  b.Set("octo-enabled", "true");
  EXPECT_EQ(a, b);
  b.Set("stress", "0.6");
  EXPECT_NE(a, b);
  EXPECT_TRUE(b.Remove("stress"));
  EXPECT_FALSE(b.Remove("stress"));
  EXPECT_NE(a, b);
}

TEST(PropertyList, ParsesChildrenLaterDuplicateWinsAndBounds) {
  auto tag = xml::Parse(
      "<conference-properties xmlns='http://jitsi.org/protocol/focus'>"
      "<property key='a' value='1'/><other key='x' value='y'/><property key='a' value='2'/>"
      "<property key='b'/></conference-properties>");
  ASSERT_TRUE(tag.ok());
  auto list = PropertyList::ParseChildren(**tag, "property", "key", "cp");
  ASSERT_TRUE(list.ok()) << list.error().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(*list->Find("a"), "2");
  EXPECT_EQ(*list->Find("b"), "");  // a missing value reads as empty

  std::string many = "<stats>";
  for (size_t i = 0; i <= PropertyList::kMaxProperties; ++i) {
    many += "<stat name='s" + std::to_string(i) + "' value='1'/>";
  }
  many += "</stats>";
  auto big = xml::Parse(many);
  ASSERT_TRUE(big.ok());
  auto too_many = PropertyList::ParseChildren(**big, "stat", "name", "stats");
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, "xml.too-many");
  EXPECT_EQ(too_many.error().where, "stats/stat[512]");
}

}  // namespace
}  // namespace meet::signaling::stanzas
