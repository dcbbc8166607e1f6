#include "signaling/jid/jid.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <unordered_set>

namespace meet::signaling {
namespace {

std::string Code(std::string_view text) {
  auto jid = Jid::Parse(text);
  return jid.ok() ? "ok" : jid.error().code;
}

TEST(JidParse, SplitsThreeParts) {
  auto jid = Jid::Parse("juliet@example.com/foo");
  ASSERT_TRUE(jid.ok()) << jid.error().ToString();
  EXPECT_EQ(jid->local(), "juliet");
  EXPECT_EQ(jid->domain(), "example.com");
  EXPECT_EQ(jid->resource(), "foo");
  EXPECT_FALSE(jid->IsBare());
  EXPECT_TRUE(jid->IsFull());
  EXPECT_EQ(jid->ToString(), "juliet@example.com/foo");
  EXPECT_EQ(jid->BareString(), "juliet@example.com");
}

// RFC 7622 section 3.5, "Examples": the valid ones.
TEST(JidParse, AcceptsRfc7622ValidExamples) {
  struct Case {
    const char* in;
    const char* local;
    const char* domain;
    const char* resource;
  };
  const Case cases[] = {
      {"juliet@example.com", "juliet", "example.com", ""},
      {"juliet@example.com/foo", "juliet", "example.com", "foo"},
      {"juliet@example.com/foo bar", "juliet", "example.com", "foo bar"},
      {"juliet@example.com/foo@bar", "juliet", "example.com", "foo@bar"},
      {"foo\\20bar@example.com", "foo\\20bar", "example.com", ""},
      {"fussball@example.com", "fussball", "example.com", ""},
      {"fu\xc3\x9f" "ball@example.com", "fu\xc3\x9f" "ball", "example.com", ""},
      {"\xcf\x80@example.com", "\xcf\x80", "example.com", ""},
      {"\xce\xa3@example.com/foo", "\xce\xa3", "example.com", "foo"},
      {"\xcf\x83@example.com", "\xcf\x83", "example.com", ""},
      {"\xcf\x82@example.com", "\xcf\x82", "example.com", ""},
      {"king@example.com/\xe2\x99\x9a", "king", "example.com", "\xe2\x99\x9a"},
      {"example.com", "", "example.com", ""},
      {"example.com/foobar", "", "example.com", "foobar"},
      {"a.example.com/b@example.net", "", "a.example.com", "b@example.net"},
      // Jitsi addresses.
      {"myroom@muc.meet.jitsi/1a2b3c4d", "myroom", "muc.meet.jitsi", "1a2b3c4d"},
      {"focus@auth.meet.jitsi/focus", "focus", "auth.meet.jitsi", "focus"},
      {"focus.meet.jitsi/user@meet.jitsi/abc", "", "focus.meet.jitsi", "user@meet.jitsi/abc"},
      {"jvbbrewery@internal-muc.meet.jitsi/jvb-1", "jvbbrewery", "internal-muc.meet.jitsi", "jvb-1"},
      {"user@192.0.2.1", "user", "192.0.2.1", ""},
      {"user@[2001:db8::1]/r", "user", "[2001:db8::1]", "r"},
      {"localhost", "", "localhost", ""},
      {"x@b\xc3\xbc" "cher.example", "x", "b\xc3\xbc" "cher.example", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    auto jid = Jid::Parse(c.in);
    ASSERT_TRUE(jid.ok()) << jid.error().ToString();
    EXPECT_EQ(jid->local(), c.local);
    EXPECT_EQ(jid->domain(), c.domain);
    EXPECT_EQ(jid->resource(), c.resource);
  }
}

// RFC 7622 section 3.5, "Examples": the invalid ones, plus one per rule.
TEST(JidParse, RejectsInvalidWithPreciseCode) {
  EXPECT_EQ(Code(""), "jid.empty");
  EXPECT_EQ(Code("\"juliet\"@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("foo bar@example.com"), "jid.local-space");
  EXPECT_EQ(Code("juliet@example.com/ foo"), "ok");  // spaces are fine in a resource
  EXPECT_EQ(Code("@example.com/"), "jid.resource-empty");
  EXPECT_EQ(Code("@example.com"), "jid.local-empty");
  EXPECT_EQ(Code("juliet@example.com/"), "jid.resource-empty");
  EXPECT_EQ(Code("juliet@"), "jid.domain-empty");
  EXPECT_EQ(Code("juliet@/foo"), "jid.domain-empty");
  EXPECT_EQ(Code("/foo"), "jid.domain-empty");
  EXPECT_EQ(Code("."), "jid.domain-empty");
  EXPECT_EQ(Code("a&b@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("a'b@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("a:b@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("a<b@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("a>b@example.com"), "jid.local-forbidden-char");
  EXPECT_EQ(Code("a\xc2\xa0" "b@example.com"), "jid.local-space");  // NO-BREAK SPACE
  EXPECT_EQ(Code("a@b@example.com"), "jid.domain-bad-char");
  EXPECT_EQ(Code("user@exa mple.com"), "jid.domain-space");
  EXPECT_EQ(Code("user@example..com"), "jid.domain-empty-label");
  EXPECT_EQ(Code("user@.example.com"), "jid.domain-empty-label");
  EXPECT_EQ(Code("user@-example.com"), "jid.domain-bad-label");
  EXPECT_EQ(Code("user@example-.com"), "jid.domain-bad-label");
  EXPECT_EQ(Code("user@exa_mple.com"), "jid.domain-bad-char");
  EXPECT_EQ(Code("user@" + std::string(64, 'a') + ".com"), "jid.domain-label-too-long");
  EXPECT_EQ(Code("user@" + std::string(63, 'a') + ".com"), "ok");
  EXPECT_EQ(Code("user@256.0.0.1"), "jid.domain-bad-ipv4");
  EXPECT_EQ(Code("user@1.2.3"), "jid.domain-bad-ipv4");
  EXPECT_EQ(Code("user@01.2.3.4"), "jid.domain-bad-ipv4");
  EXPECT_EQ(Code("user@example.123"), "jid.domain-bad-ipv4");
  EXPECT_EQ(Code("user@[2001:db8::g]"), "jid.domain-bad-ipv6");
  EXPECT_EQ(Code("user@[2001:db8::1"), "jid.domain-bad-ipv6");
  EXPECT_EQ(Code("user@[]"), "jid.domain-bad-ipv6");
  EXPECT_EQ(Code("user@[1.2.3.4]"), "jid.domain-bad-ipv6");
}

TEST(JidParse, RejectsControlCharactersAndBadUtf8Everywhere) {
  EXPECT_EQ(Code(std::string_view("a\0b@example.com", 15)), "jid.control-char");
  EXPECT_EQ(Code("user@example.com/a\tb"), "jid.control-char");
  EXPECT_EQ(Code("user@example.com/a\x7f"), "jid.control-char");
  EXPECT_EQ(Code("user@example.com/a\xc2\x85"), "jid.control-char");  // NEL (C1)
  EXPECT_EQ(Code("user@exam\nple.com"), "jid.control-char");
  EXPECT_EQ(Code("us\xff" "er@example.com"), "jid.invalid-utf8");
  EXPECT_EQ(Code("user@example.com/\xc0\xaf"), "jid.invalid-utf8");          // overlong '/'
  EXPECT_EQ(Code("user@example.com/\xed\xa0\x80"), "jid.invalid-utf8");      // surrogate
  EXPECT_EQ(Code("user@example.com/\xf4\x90\x80\x80"), "jid.invalid-utf8");  // > U+10FFFF
  EXPECT_EQ(Code("user@example.com/\xe2\x99"), "jid.invalid-utf8");          // truncated
  EXPECT_EQ(Code("user@ex\xe2\x99" ".com"), "jid.invalid-utf8");
}

TEST(JidParse, ErrorsSayWhere) {
  auto bad = Jid::Parse("room@muc.meet.jitsi/ok\x01");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, "byte 22");
  EXPECT_EQ(bad.error().condition, "jid-malformed");
  auto space = Jid::Parse("user@exa mple.com");
  ASSERT_FALSE(space.ok());
  EXPECT_EQ(space.error().where, "byte 8");
  auto forbidden = Jid::Parse("ab:c@example.com");
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().where, "byte 2");
  EXPECT_NE(forbidden.error().text.find("':'"), std::string::npos) << forbidden.error().text;
}

TEST(JidParse, EnforcesPartLengthLimits) {
  const std::string l1023(1023, 'l');
  const std::string r1023(1023, 'r');
  EXPECT_EQ(Code(l1023 + "@example.com/" + r1023), "ok");
  EXPECT_EQ(Code(l1023 + "l@example.com"), "jid.local-too-long");
  EXPECT_EQ(Code("u@example.com/" + r1023 + "r"), "jid.resource-too-long");
  std::string domain;
  while (domain.size() < 1030) domain += "abcdefghij.";
  domain += "com";
  EXPECT_EQ(Code("u@" + domain), "jid.domain-too-long");
  EXPECT_EQ(Code(std::string(Jid::kMaxJidBytes + 1, 'a')), "jid.too-long");
}

TEST(JidNormalise, LowerCasesDomainAndLocalKeepsResource) {
  auto jid = Jid::Parse("MyRoom@MUC.Meet.Jitsi./Juliet Capulet");
  ASSERT_TRUE(jid.ok()) << jid.error().ToString();
  EXPECT_EQ(jid->local(), "myroom");
  EXPECT_EQ(jid->domain(), "muc.meet.jitsi");  // trailing dot removed
  EXPECT_EQ(jid->resource(), "Juliet Capulet");
  EXPECT_EQ(jid->ToString(), "myroom@muc.meet.jitsi/Juliet Capulet");
  EXPECT_EQ(*Jid::Parse("user@[2001:DB8::1]"), *Jid::Parse("user@[2001:db8::1]"));
  EXPECT_NE(*Jid::Parse("a@b/R"), *Jid::Parse("a@b/r"));
  EXPECT_EQ(*Jid::Parse("A@B/r"), *Jid::Parse("a@b/r"));
}

TEST(JidOps, BareWithResourceAndComparison) {
  const Jid full = *Jid::Parse("myroom@muc.meet.jitsi/1a2b3c4d");
  const Jid bare = full.Bare();
  EXPECT_TRUE(bare.IsBare());
  EXPECT_EQ(bare.ToString(), "myroom@muc.meet.jitsi");
  auto other = bare.WithResource("focus");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->ToString(), "myroom@muc.meet.jitsi/focus");
  EXPECT_EQ(*bare.WithResource(""), bare);
  EXPECT_EQ(bare.WithResource("a\x01").error().code, "jid.control-char");
  EXPECT_FALSE(Jid().WithResource("x").ok());
  EXPECT_TRUE(Jid().empty());
  EXPECT_FALSE(bare.empty());

  EXPECT_LT(bare, full);
  EXPECT_LT(*Jid::Parse("a@x"), *Jid::Parse("b@x"));
  std::set<Jid> ordered{full, bare, *other, full};
  EXPECT_EQ(ordered.size(), 3u);
  std::unordered_set<Jid> hashed{full, bare, *other, *Jid::Parse("MyRoom@MUC.meet.jitsi/1a2b3c4d")};
  EXPECT_EQ(hashed.size(), 3u);
  EXPECT_EQ(hashed.count(*Jid::Parse("myroom@muc.meet.jitsi/focus")), 1u);
}

TEST(JidOps, MucOccupantHelpers) {
  const Jid room = *Jid::Parse("myroom@muc.meet.jitsi");
  auto occupant = Jid::MucOccupant(room, "1a2b3c4d");
  ASSERT_TRUE(occupant.ok()) << occupant.error().ToString();
  EXPECT_EQ(occupant->ToString(), "myroom@muc.meet.jitsi/1a2b3c4d");
  EXPECT_EQ(occupant->Nick(), "1a2b3c4d");
  EXPECT_TRUE(occupant->IsOccupantOf(room));
  EXPECT_FALSE(room.IsOccupantOf(room));
  EXPECT_FALSE(occupant->IsOccupantOf(*Jid::Parse("other@muc.meet.jitsi")));
  EXPECT_FALSE(occupant->IsOccupantOf(*occupant));
  EXPECT_EQ(Jid::MucOccupant(room, "").error().code, "jid.resource-empty");
  EXPECT_EQ(Jid::MucOccupant(*occupant, "x").error().code, "jid.not-a-room");
  EXPECT_EQ(Jid::MucOccupant(*Jid::Parse("muc.meet.jitsi"), "x").error().code, "jid.not-a-room");
}

TEST(JidOps, FromPartsValidatesEachPart) {
  auto jid = Jid::FromParts("Focus", "Auth.Meet.Jitsi", "focus");
  ASSERT_TRUE(jid.ok());
  EXPECT_EQ(jid->ToString(), "focus@auth.meet.jitsi/focus");
  EXPECT_EQ(Jid::FromParts("", "meet.jitsi")->ToString(), "meet.jitsi");
  EXPECT_EQ(Jid::FromParts("a@b", "meet.jitsi").error().code, "jid.local-forbidden-char");
  EXPECT_EQ(Jid::FromParts("a", "").error().code, "jid.domain-empty");
  EXPECT_EQ(Jid::FromParts("a", "meet.jitsi", "x\ny").error().code, "jid.control-char");
}

TEST(JidOps, ToStringReparsesToEqualJid) {
  const char* inputs[] = {"MyRoom@MUC.meet.jitsi./Nick Name", "example.com.", "[::1]/x",
                          "\xce\xa3@example.com/\xe2\x99\x9a", "a.example.com/b@example.net/c"};
  for (const char* in : inputs) {
    SCOPED_TRACE(in);
    auto first = Jid::Parse(in);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    auto second = Jid::Parse(first->ToString());
    ASSERT_TRUE(second.ok()) << second.error().ToString();
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(first->ToString(), second->ToString());
  }
}

}  // namespace
}  // namespace meet::signaling
