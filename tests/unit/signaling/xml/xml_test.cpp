#include "signaling/xml/xml.hpp"

#include <gtest/gtest.h>

namespace meet::signaling::xml {
namespace {

TEST(XmlParse, ParsesOneElementWithNamespacesAndChildren) {
  auto tag = Parse(R"(
    <iq type='set' id='a1'><jingle xmlns='urn:xmpp:jingle:1' sid='x'>
      <content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></content>
    </jingle></iq>  )");
  ASSERT_TRUE(tag.ok()) << tag.error().ToString();
  EXPECT_EQ((*tag)->name(), "iq");
  const gloox::Tag* jingle = Child(**tag, "jingle", "urn:xmpp:jingle:1");
  ASSERT_NE(jingle, nullptr);
  EXPECT_EQ(AttrOr(*jingle, "sid"), "x");
  const gloox::Tag* content = Child(*jingle, "content");
  ASSERT_NE(content, nullptr);
  // The content inherits the jingle namespace; the description declares its own.
  EXPECT_EQ(Namespace(*content), "urn:xmpp:jingle:1");
  const gloox::Tag* description = Child(*content, "description", "urn:xmpp:jingle:apps:rtp:1");
  ASSERT_NE(description, nullptr);
  EXPECT_EQ(Child(*content, "description", "urn:other"), nullptr);
}

TEST(XmlParse, RejectsBadInputWithReason) {
  EXPECT_EQ(Parse("").error().code, "xml.empty");
  EXPECT_EQ(Parse("   \n").error().code, "xml.empty");
  EXPECT_EQ(Parse("<a><b></a>").error().code, "xml.malformed");
  EXPECT_EQ(Parse("<a>").error().code, "xml.incomplete");
  EXPECT_EQ(Parse("<a/><b/>").error().code, "xml.multiple-roots");
  EXPECT_EQ(Parse("<a:/>").error().code, "xml.bad-name");
  EXPECT_EQ(Parse("<a><1b/></a>").error().code, "xml.bad-name");
  EXPECT_EQ(Parse("<a 1x='y'/>").error().code, "xml.bad-name");
  EXPECT_EQ(Parse(std::string_view("<a>\0</a>", 8)).error().code, "xml.bad-char");
  EXPECT_EQ(Parse("<a x='\xff'/>").error().code, "xml.bad-char");        // not UTF-8
  EXPECT_EQ(Parse("<a>\xc0\xaf</a>").error().code, "xml.bad-char");     // overlong '/'
  EXPECT_EQ(Parse("<a>\xed\xa0\x80</a>").error().code, "xml.bad-char");  // surrogate
  EXPECT_EQ(Parse("<a>\x01</a>").error().code, "xml.bad-char");         // control char
  EXPECT_TRUE(Parse("<a>caf\xc3\xa9 \xf0\x9f\x8e\xa5</a>").ok());     // é and an emoji
  EXPECT_EQ(Parse(std::string(kMaxDocumentBytes + 1, ' ')).error().code, "xml.too-large");
}

TEST(XmlParse, DecodesEntitiesAndRoundTrips) {
  auto tag = Parse("<m a='x&amp;y'>1 &lt; 2</m>");
  ASSERT_TRUE(tag.ok()) << tag.error().ToString();
  EXPECT_EQ(AttrOr(**tag, "a"), "x&y");
  EXPECT_EQ((*tag)->cdata(), "1 < 2");
  auto again = Parse((*tag)->xml());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(**again, **tag);
}

TEST(XmlNumbers, StrictParsing) {
  EXPECT_EQ(ParseUint("4294967295", 0xFFFFFFFFu), 4294967295u);
  EXPECT_FALSE(ParseUint("4294967296", 0xFFFFFFFFu));
  EXPECT_FALSE(ParseUint("-1"));
  EXPECT_FALSE(ParseUint(" 1"));
  EXPECT_FALSE(ParseUint("1x"));
  EXPECT_FALSE(ParseUint(""));
  EXPECT_EQ(ParseInt("-5"), -5);
  EXPECT_EQ(ParseBool("1"), true);
  EXPECT_EQ(ParseBool("false"), false);
  EXPECT_FALSE(ParseBool("yes"));
}

TEST(XmlAttrs, TypedReadersSayWhereAndWhat) {
  auto tag = Parse("<candidate port='70000' generation='0' x='maybe'/>");
  ASSERT_TRUE(tag.ok());
  auto port = UintAttr(**tag, "port", "content[0]/candidate[1]", 65535);
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().code, "xml.bad-number");
  EXPECT_EQ(port.error().where, "content[0]/candidate[1]");
  EXPECT_EQ(*UintAttr(**tag, "generation", "c"), 0u);
  EXPECT_EQ(UintAttr(**tag, "missing", "c").error().code, "xml.missing-attribute");
  EXPECT_FALSE(OptionalBoolAttr(**tag, "x", "c").ok());
  EXPECT_FALSE(OptionalBoolAttr(**tag, "absent", "c")->has_value());
}

TEST(XmlBuild, BuildsNamespacedTree) {
  TagPtr root = Make("conference-modify", "jitsi:colibri2");
  SetAttr(*root, "meeting-id", "m1");
  gloox::Tag* ep = AddChild(*root, "endpoint");
  SetBoolAttr(*ep, "create", true);
  SetAttr(*ep, "count", uint64_t{3});
  auto parsed = Parse(root->xml());
  ASSERT_TRUE(parsed.ok()) << root->xml();
  EXPECT_EQ(Namespace(**parsed), "jitsi:colibri2");
  EXPECT_EQ(AttrOr(*Child(**parsed, "endpoint"), "create"), "true");
}

}  // namespace
}  // namespace meet::signaling::xml
