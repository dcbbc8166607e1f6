#include "signaling/json/json_text.hpp"

#include <gtest/gtest.h>

namespace meet::signaling::json {
namespace {

TEST(JsonText, NestingScanFindsTheFirstTooDeepBracket) {
  EXPECT_FALSE(ExcessNestingOffset(R"({"a":[1,[2]]})", 3).has_value());
  EXPECT_EQ(ExcessNestingOffset(R"({"a":[1,[2]]})", 2), 8u);
  EXPECT_EQ(ExcessNestingOffset("[[[[", 3), 3u);
  // Brackets inside strings, including after escaped quotes, do not count.
  EXPECT_FALSE(ExcessNestingOffset(R"({"k":"[[[\"[[["})", 1).has_value());
  // Unbalanced closers never drive the depth negative.
  EXPECT_EQ(ExcessNestingOffset("]]]]{{", 1), 5u);
  EXPECT_FALSE(ExcessNestingOffset("", 0).has_value());
}

TEST(JsonText, PointerSegmentEscapesPerRfc6901) {
  EXPECT_EQ(PointerSegment("a-v0"), "/a-v0");
  EXPECT_EQ(PointerSegment("a/b~c"), "/a~1b~0c");
  EXPECT_EQ(PointerSegment(""), "/");
}

}  // namespace
}  // namespace meet::signaling::json
