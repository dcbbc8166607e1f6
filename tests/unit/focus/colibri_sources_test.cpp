#include "focus/colibri_sources.hpp"

#include <gtest/gtest.h>

#include "signaling/jingle/jingle.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::focus {
namespace {

using signaling::jingle::MediaType;

TEST(ColibriSourcesTest, SessionAcceptSourcesToColibri) {
  auto tag = signaling::xml::Parse(test::ReadData("jingle/session_accept_chrome.xml"));
  ASSERT_TRUE(tag.ok());
  auto jingle = signaling::jingle::ParseJingleIq(**tag);
  ASSERT_TRUE(jingle.ok()) << jingle.error().ToString();
  auto set = SourcesFromJingle(*jingle, "1a2b3c4d");
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{2971345802u}));
  ASSERT_FALSE(set->Ssrcs(MediaType::kVideo).empty());

  auto colibri = ToColibriSources("1a2b3c4d", *set);
  ASSERT_GE(colibri.media_sources.size(), 2u);
  EXPECT_EQ(colibri.media_sources[0].id, "1a2b3c4d-a0");
  for (const auto& ms : colibri.media_sources) {
    for (const auto& s : ms.sources) EXPECT_TRUE(s.msid.empty()) << "msid must be stripped";
  }
  // Every video SSRC ends up in one media-source with its groups.
  const auto& video = colibri.media_sources[1];
  EXPECT_EQ(video.type, MediaType::kVideo);
  EXPECT_EQ(video.sources.size(), set->Ssrcs(MediaType::kVideo).size());
  EXPECT_EQ(video.ssrc_groups.size(), set->groups.size());

  auto back = FromColibriSources(colibri);
  EXPECT_EQ(back.Ssrcs(MediaType::kVideo), set->Ssrcs(MediaType::kVideo));
}

}  // namespace
}  // namespace meet::focus
