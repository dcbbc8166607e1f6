#include "signaling/jingle/source_map.hpp"

#include <gtest/gtest.h>

#include <string>

#include "signaling/jingle/jingle.hpp"
#include "signaling/xml/xml.hpp"
#include "tests/support/test_data.hpp"

namespace meet::signaling::jingle {
namespace {

// The json-message of jitsi-protocol.md 2.3, byte for byte as jicofo writes it.
constexpr const char* kJicofoJson =
    R"({"sources":{"5e6f7a8b":[[{"s":111,"n":"5e6f7a8b-v0","m":"5e6f7a8b-video-0-1 t1"},)"
    R"({"s":112,"n":"5e6f7a8b-v0","m":"5e6f7a8b-video-0-1 t1"}],[["f",111,112]],)"
    R"([{"s":333,"n":"5e6f7a8b-a0","m":"5e6f7a8b-audio-0-1 t2"}]],)"
    R"("jvb":[[{"s":1863439907,"n":"jvb-v0","m":"mixedmslabel mixedlabelvideo0"}],[],)"
    R"([{"s":3191927963,"n":"jvb-a0","m":"mixedmslabel mixedlabelaudio0"}]]}})";

Jingle LoadFixture(const std::string& file) {
  auto iq = xml::Parse(test::ReadData("jingle/" + file));
  EXPECT_TRUE(iq.ok());
  if (!iq.ok()) return {};
  auto j = ParseJingleIq(**iq);
  EXPECT_TRUE(j.ok()) << j.error().ToString();
  return j.ok() ? *j : Jingle{};
}

std::string ErrorCode(std::string_view json) {
  auto r = ParseSourceMapJson(json);
  return r.ok() ? std::string("ok") : r.error().code;
}

TEST(SourceMapJson, ParsesJicofoEncoding) {
  auto map = ParseSourceMapJson(kJicofoJson);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  ASSERT_EQ(map->size(), 2u);
  const EndpointSourceSet& ep = map->at("5e6f7a8b");
  ASSERT_EQ(ep.sources.size(), 3u);
  EXPECT_EQ(ep.sources[0].media, MediaType::kVideo);
  EXPECT_EQ(ep.sources[0].source.ssrc, 111u);
  EXPECT_EQ(ep.sources[0].source.name, "5e6f7a8b-v0");
  EXPECT_EQ(ep.sources[0].source.msid, "5e6f7a8b-video-0-1 t1");
  EXPECT_EQ(ep.sources[0].source.owner, "5e6f7a8b");
  EXPECT_EQ(ep.sources[2].media, MediaType::kAudio);
  EXPECT_EQ(ep.sources[2].source.ssrc, 333u);
  ASSERT_EQ(ep.groups.size(), 1u);
  EXPECT_EQ(ep.groups[0].media, MediaType::kVideo);
  EXPECT_EQ(ep.groups[0].group, (SsrcGroup{"FID", {111, 112}}));
  EXPECT_TRUE(ep.HasSsrc(112));
  EXPECT_FALSE(ep.HasSsrc(113));
  EXPECT_EQ(map->at("jvb").Ssrcs(MediaType::kAudio), std::vector<uint32_t>{3191927963u});
}

TEST(SourceMapJson, EncodesLikeJicofoAndOmitsEmptyAudioGroups) {
  auto map = ParseSourceMapJson(kJicofoJson);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(EncodeSourceMapJson(*map), kJicofoJson);

  EndpointSourceSet set;
  Source desktop;
  desktop.ssrc = 7;
  desktop.name = "ep-v1";
  desktop.video_type = "desktop";
  set.sources.push_back({MediaType::kVideo, desktop});
  EXPECT_EQ(EncodeEndpointSourcesJson(set), R"([[{"s":7,"n":"ep-v1","v":"d"}],[],[]])");
  Source mic;
  mic.ssrc = 9;
  set.sources.push_back({MediaType::kAudio, mic});
  set.groups.push_back({MediaType::kAudio, SsrcGroup{"FID", {9, 10}}});
  set.groups.push_back({MediaType::kVideo, SsrcGroup{"FEC-FR", {7, 8}}});  // no JSON form
  EXPECT_EQ(EncodeEndpointSourcesJson(set), R"([[{"s":7,"n":"ep-v1","v":"d"}],[],[{"s":9}],[["f",9,10]]])");
  EXPECT_EQ(EncodeSourceMapJson({}), R"({"sources":{}})");
}

TEST(SourceMapJson, RoundTripsWithShortAndFullOwnerArrays) {
  const std::string json =
      R"({"sources":{"a":[],"b":[[{"s":1}]],"c":[[],[],[{"s":2,"m":"x y"}],[["s",2,3,4]]]}})";
  auto map = ParseSourceMapJson(json);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_TRUE(map->at("a").Empty());
  EXPECT_EQ(map->at("b").Ssrcs(MediaType::kVideo), std::vector<uint32_t>{1u});
  EXPECT_EQ(map->at("c").groups.at(0).media, MediaType::kAudio);
  EXPECT_EQ(map->at("c").groups.at(0).group.semantics, "SIM");
  auto again = ParseSourceMapJson(EncodeSourceMapJson(*map));
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(*again, *map);
}

TEST(SourceMapJson, RejectsMalformedInputWithPointer) {
  EXPECT_EQ(ErrorCode("{"), "sourcemap.bad-json");
  EXPECT_EQ(ErrorCode(""), "sourcemap.bad-json");
  EXPECT_EQ(ErrorCode("[]"), "sourcemap.bad-type");
  EXPECT_EQ(ErrorCode(R"({"other":1})"), "sourcemap.no-sources");
  EXPECT_EQ(ErrorCode(R"({"sources":[]})"), "sourcemap.bad-type");
  EXPECT_EQ(ErrorCode(R"({"sources":{"":[]}})"), "sourcemap.bad-owner");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":{}}})"), "sourcemap.bad-type");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[],[],[],[],[]]}})"), "sourcemap.bad-type");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":0}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":4294967296}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":-5}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":1.5}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":"12"}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"n":"x"}]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":1,"n":5}]]}})"), "sourcemap.bad-type");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":1,"v":"c"}]]}})"), "sourcemap.bad-video-type");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[{"s":1,"n":"\u0001"}]]}})"), "sourcemap.bad-text");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[],[["x",1,2]]]}})"), "sourcemap.bad-semantics");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[],[["f"]]]}})"), "sourcemap.bad-group");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[],[["f",1,0]]]}})"), "sourcemap.bad-ssrc");
  EXPECT_EQ(ErrorCode(R"({"sources":{"a":[[[[[[[1]]]]]]]}})"), "sourcemap.bad-json");
  EXPECT_EQ(ErrorCode(std::string(kMaxSourceMapJsonBytes + 1, ' ')), "sourcemap.too-large");

  auto where = ParseSourceMapJson(R"({"sources":{"x/y":[[{"s":1}],[["f",1,"2"]]]}})");
  ASSERT_FALSE(where.ok());
  EXPECT_EQ(where.error().code, "sourcemap.bad-ssrc");
  EXPECT_EQ(where.error().where, "/sources/x~1y/1/0/2");
}

TEST(SourceMapJson, BoundsSourcesPerOwner) {
  std::string many = R"({"sources":{"a":[[)";
  for (size_t i = 0; i <= kMaxOwnerSources; ++i) {
    if (i) many += ",";
    many += "{\"s\":" + std::to_string(i + 1) + "}";
  }
  many += "]]}}";
  EXPECT_EQ(ErrorCode(many), "sourcemap.too-many-sources");
}

TEST(SourceMapXml, ExpandsLikeLibJitsiMeet) {
  auto map = ParseSourceMapJson(kJicofoJson);
  ASSERT_TRUE(map.ok());
  const std::vector<Content> contents = SourceMapToContents(*map);
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(contents[0].name, "audio");
  ASSERT_TRUE(contents[0].description.has_value());
  EXPECT_EQ(contents[0].description->media, MediaType::kAudio);
  const auto& audio = contents[0].description->sources;
  ASSERT_EQ(audio.size(), 2u);
  EXPECT_EQ(audio[0].owner, "5e6f7a8b");
  EXPECT_EQ(audio[0].ssrc, 333u);
  EXPECT_EQ(audio[0].video_type, "");
  EXPECT_EQ(audio[1].owner, "jvb");
  EXPECT_EQ(contents[1].name, "video");
  const auto& video = contents[1].description->sources;
  ASSERT_EQ(video.size(), 3u);
  EXPECT_EQ(video[0].video_type, "camera");
  EXPECT_EQ(video[2].owner, "jvb");
  EXPECT_EQ(video[2].msid, "mixedmslabel mixedlabelvideo0");
  EXPECT_EQ(contents[1].description->ssrc_groups, (std::vector<SsrcGroup>{{"FID", {111, 112}}}));

  // The XML goes on the wire with <ssrc-info owner> and comes back as the same map (apart from
  // the explicit camera video type).
  Jingle j;
  j.action = JingleAction::kSourceAdd;
  j.sid = "s";
  j.contents = contents;
  auto reparsed = xml::Parse(ToTag(j)->xml());
  ASSERT_TRUE(reparsed.ok());
  auto back = ParseJingle(**reparsed);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->contents[1].description->sources[0].owner, "5e6f7a8b");
  auto map_back = SourceMapFromContents(back->contents);
  ASSERT_TRUE(map_back.ok()) << map_back.error().ToString();
  EXPECT_EQ(EncodeSourceMapJson(*map_back), kJicofoJson);
}

TEST(SourceMapXml, FromContentsUsesDefaultOwnerAndChecksGroups) {
  const Jingle accept = LoadFixture("session_accept_chrome.xml");
  EXPECT_EQ(SourceMapFromContents(accept.contents).error().code, "sourcemap.missing-owner");
  auto map = SourceMapFromContents(accept.contents, "1a2b3c4d");
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  ASSERT_EQ(map->size(), 1u);
  const EndpointSourceSet& set = map->at("1a2b3c4d");
  EXPECT_EQ(set.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{2971345802u});
  EXPECT_EQ(set.Ssrcs(MediaType::kVideo).size(), 6u);
  EXPECT_EQ(set.groups.size(), 4u);
  EXPECT_EQ(set.sources[0].source.owner, "1a2b3c4d");

  Content c;
  c.name = "video";
  c.description = RtpDescription{};
  c.description->media = MediaType::kVideo;
  Source s;
  s.ssrc = 1;
  c.description->sources.push_back(s);
  c.description->ssrc_groups.push_back(SsrcGroup{"FID", {2, 1}});
  auto bad = SourceMapFromContents({c}, "ep");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "sourcemap.group-unknown-ssrc");
  EXPECT_EQ(bad.error().where, "jingle/content[1]/description/ssrc-group[1]");
}

TEST(StripSimulcast, KeepsFirstLayerAndItsRtx) {
  const Jingle offer = LoadFixture("session_initiate_jicofo.xml");
  ASSERT_TRUE(offer.json_sources.has_value());
  const SourceMap stripped = StripSimulcast(*offer.json_sources);
  const EndpointSourceSet& ep = stripped.at("5e6f7a8b");
  EXPECT_EQ(ep.Ssrcs(MediaType::kVideo), (std::vector<uint32_t>{1001, 2001}));
  EXPECT_EQ(ep.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{333});
  ASSERT_EQ(ep.groups.size(), 1u);
  EXPECT_EQ(ep.groups[0].group, (SsrcGroup{"FID", {1001, 2001}}));
  // Sources without simulcast are untouched.
  EXPECT_EQ(stripped.at("jvb"), offer.json_sources->at("jvb"));
  EXPECT_EQ(EncodeEndpointSourcesJson(ep),
            R"([[{"s":1001,"n":"5e6f7a8b-v0","m":"5e6f7a8b-video-0-1 8c4e2a1f-1"},)"
            R"({"s":2001,"n":"5e6f7a8b-v0","m":"5e6f7a8b-video-0-1 8c4e2a1f-1"}],[["f",1001,2001]],)"
            R"([{"s":333,"n":"5e6f7a8b-a0","m":"5e6f7a8b-audio-0-1 3d9b7c2e-1"}]])");
}

TEST(StripSimulcast, ChromeAnswerAndSetsWithoutSimulcast) {
  const Jingle accept = LoadFixture("session_accept_chrome.xml");
  auto map = SourceMapFromContents(accept.contents, "1a2b3c4d");
  ASSERT_TRUE(map.ok());
  const EndpointSourceSet stripped = StripSimulcast(map->at("1a2b3c4d"));
  EXPECT_EQ(stripped.Ssrcs(MediaType::kVideo), (std::vector<uint32_t>{1311155301u, 4025877611u}));
  ASSERT_EQ(stripped.groups.size(), 1u);
  EXPECT_EQ(stripped.groups[0].group, (SsrcGroup{"FID", {1311155301u, 4025877611u}}));
  EXPECT_EQ(stripped.Ssrcs(MediaType::kAudio).size(), 1u);

  // Without a SIM group nothing changes, and stripping twice changes nothing more.
  const Jingle firefox = LoadFixture("session_accept_firefox.xml");
  auto ff = SourceMapFromContents(firefox.contents, "7c8d9e0f");
  ASSERT_TRUE(ff.ok());
  EXPECT_EQ(StripSimulcast(*ff), *ff);
  EXPECT_EQ(StripSimulcast(stripped), stripped);
}

TEST(EndpointSourceSet, Accessors) {
  EndpointSourceSet a;
  EXPECT_TRUE(a.Empty());
  Source s;
  s.ssrc = 5;
  a.sources.push_back({MediaType::kVideo, s});
  EndpointSourceSet b;
  s.ssrc = 6;
  b.sources.push_back({MediaType::kAudio, s});
  b.groups.push_back({MediaType::kAudio, SsrcGroup{"FID", {6, 7}}});
  a.Append(b);
  EXPECT_FALSE(a.Empty());
  EXPECT_EQ(a.Ssrcs(MediaType::kVideo), std::vector<uint32_t>{5});
  EXPECT_EQ(a.Ssrcs(MediaType::kAudio), std::vector<uint32_t>{6});
  EXPECT_EQ(a.GroupsOf(MediaType::kAudio).size(), 1u);
  EXPECT_TRUE(a.GroupsOf(MediaType::kVideo).empty());
}

}  // namespace
}  // namespace meet::signaling::jingle
