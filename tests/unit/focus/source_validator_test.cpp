// Source validation: each rule of jitsi-protocol.md 2.9.
#include "focus/source_validator.hpp"

#include <gtest/gtest.h>

namespace meet::focus {
namespace {

using signaling::jingle::EndpointSourceSet;
using signaling::jingle::MediaType;
using signaling::jingle::SourceMap;

EndpointSourceSet& AddSource(EndpointSourceSet& set, MediaType media, uint32_t ssrc,
                             std::string msid, std::string name = {}) {
  signaling::jingle::Source s;
  s.ssrc = ssrc;
  s.msid = std::move(msid);
  s.name = std::move(name);
  set.sources.push_back({media, s});
  return set;
}

EndpointSourceSet& AddGroup(EndpointSourceSet& set, std::string semantics,
                            std::vector<uint32_t> ssrcs) {
  set.groups.push_back({MediaType::kVideo, {std::move(semantics), std::move(ssrcs)}});
  return set;
}

// A Chrome-like camera: simulcast 3 layers with RTX, plus audio.
EndpointSourceSet Camera(uint32_t base, const std::string& ep) {
  EndpointSourceSet set;
  std::string vmsid = ep + "-video-0-1 t-1";
  AddSource(set, MediaType::kAudio, base, ep + "-audio-0-1 a-1", ep + "-a0");
  for (uint32_t i = 1; i <= 6; ++i) AddSource(set, MediaType::kVideo, base + i, vmsid, ep + "-v0");
  AddGroup(set, "SIM", {base + 1, base + 2, base + 3});
  AddGroup(set, "FID", {base + 1, base + 4});
  AddGroup(set, "FID", {base + 2, base + 5});
  AddGroup(set, "FID", {base + 3, base + 6});
  return set;
}

std::string Code(const Result<EndpointSourceSet>& r) { return r.ok() ? "ok" : r.error().code; }

TEST(SourceValidatorTest, AcceptsSimulcastCameraAndFillsNames) {
  SourceValidator v;
  SourceMap conference;
  EndpointSourceSet add = Camera(100, "aaaa0001");
  add.sources[0].source.name.clear();
  auto r = v.ValidateAdd(conference, "aaaa0001", add);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->sources.size(), 7u);
  EXPECT_EQ(r->sources[0].source.name, "aaaa0001-a0");
  SourceValidator::Add(conference, "aaaa0001", *r);
  EXPECT_EQ(conference["aaaa0001"].groups.size(), 4u);
}

TEST(SourceValidatorTest, RejectsZeroSsrc) {
  EndpointSourceSet add;
  AddSource(add, MediaType::kAudio, 0, "m a");
  auto r = SourceValidator().ValidateAdd({}, "ep", add);
  EXPECT_EQ(Code(r), "focus.source.bad-ssrc");
  EXPECT_EQ(r.error().condition, "bad-request");
}

TEST(SourceValidatorTest, RejectsSsrcUsedInConferenceOrTwiceInRequest) {
  SourceMap conference;
  SourceValidator::Add(conference, "other", Camera(100, "other"));
  EndpointSourceSet add;
  AddSource(add, MediaType::kAudio, 103, "ep-audio-0-1 a");
  auto r = SourceValidator().ValidateAdd(conference, "ep", add);
  EXPECT_EQ(Code(r), "focus.source.ssrc-in-use");
  EXPECT_NE(r.error().text.find("103"), std::string::npos);

  EndpointSourceSet twice;
  AddSource(twice, MediaType::kAudio, 5, "m a");
  AddSource(twice, MediaType::kVideo, 5, "m v");
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", twice)), "focus.source.duplicate-ssrc");

  // The endpoint's own existing SSRC counts as used too.
  SourceMap own;
  EndpointSourceSet existing;
  AddSource(existing, MediaType::kAudio, 9, "m a");
  SourceValidator::Add(own, "ep", existing);
  EndpointSourceSet again;
  AddSource(again, MediaType::kAudio, 9, "m b");
  EXPECT_EQ(Code(SourceValidator().ValidateAdd(own, "ep", again)), "focus.source.ssrc-in-use");
}

TEST(SourceValidatorTest, RejectsMsidUsedByAnotherSourceGroup) {
  EndpointSourceSet add = Camera(100, "ep");
  // A second camera track reusing the first one's msid.
  AddSource(add, MediaType::kVideo, 200, "ep-video-0-1 t-1");
  AddSource(add, MediaType::kVideo, 201, "ep-video-0-1 t-1");
  AddGroup(add, "FID", {200, 201});
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", add)), "focus.source.msid-conflict");

  EndpointSourceSet singles;
  AddSource(singles, MediaType::kAudio, 1, "same");
  AddSource(singles, MediaType::kAudio, 2, "same");
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", singles)), "focus.source.msid-conflict");
}

TEST(SourceValidatorTest, RejectsTooManySourcesOrGroups) {
  SourceValidator v(20);
  EndpointSourceSet add;
  for (uint32_t i = 1; i <= 21; ++i) AddSource(add, MediaType::kAudio, i, "m" + std::to_string(i));
  EXPECT_EQ(Code(v.ValidateAdd({}, "ep", add)), "focus.source.too-many-sources");

  SourceValidator small(4);
  EXPECT_EQ(Code(small.ValidateAdd({}, "ep", Camera(10, "ep"))), "focus.source.too-many-sources");
  SourceValidator groups(8);
  EndpointSourceSet many;
  for (uint32_t i = 0; i < 4; ++i) {
    AddSource(many, MediaType::kVideo, 100 + 2 * i, "v" + std::to_string(i));
    AddSource(many, MediaType::kVideo, 101 + 2 * i, "v" + std::to_string(i));
    AddGroup(many, "FID", {100 + 2 * i, 101 + 2 * i});
    AddGroup(many, "FID", {100 + 2 * i, 101 + 2 * i});
  }
  AddGroup(many, "SIM", {100, 102, 104, 106});  // 9 groups for 8 sources
  EXPECT_EQ(Code(groups.ValidateAdd({}, "ep", many)), "focus.source.too-many-groups");
}

TEST(SourceValidatorTest, RejectsGroupWithUnknownSsrc) {
  EndpointSourceSet add;
  AddSource(add, MediaType::kVideo, 1, "v");
  AddGroup(add, "FID", {1, 2});
  auto r = SourceValidator().ValidateAdd({}, "ep", add);
  EXPECT_EQ(Code(r), "focus.source.group-unknown-ssrc");
  EXPECT_NE(r.error().text.find("unknown SSRC 2"), std::string::npos);
}

TEST(SourceValidatorTest, RejectsFidGroupWithoutExactlyTwoSsrcs) {
  EndpointSourceSet add;
  AddSource(add, MediaType::kVideo, 1, "v");
  AddSource(add, MediaType::kVideo, 2, "v");
  AddSource(add, MediaType::kVideo, 3, "v");
  AddGroup(add, "FID", {1, 2, 3});
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", add)), "focus.source.bad-fid-group");
}

TEST(SourceValidatorTest, RejectsGroupWithMissingOrDifferentMsid) {
  EndpointSourceSet missing;
  AddSource(missing, MediaType::kVideo, 1, "v");
  AddSource(missing, MediaType::kVideo, 2, "");
  AddGroup(missing, "FID", {1, 2});
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", missing)),
            "focus.source.group-missing-msid");

  EndpointSourceSet differ;
  AddSource(differ, MediaType::kVideo, 1, "v1");
  AddSource(differ, MediaType::kVideo, 2, "v2");
  AddGroup(differ, "FID", {1, 2});
  EXPECT_EQ(Code(SourceValidator().ValidateAdd({}, "ep", differ)),
            "focus.source.group-msid-mismatch");
}

TEST(SourceValidatorTest, RemoveNeedsExistingSourcesAndGroups) {
  SourceMap conference;
  SourceValidator::Add(conference, "ep", Camera(100, "ep"));
  SourceValidator v;
  EndpointSourceSet unknown;
  AddSource(unknown, MediaType::kAudio, 999, "x");
  EXPECT_EQ(Code(v.ValidateRemove(conference, "ep", unknown)), "focus.source.unknown-source");
  // Another endpoint's source cannot be removed by this one.
  EndpointSourceSet others;
  AddSource(others, MediaType::kAudio, 100, "x");
  EXPECT_EQ(Code(v.ValidateRemove(conference, "nobody", others)), "focus.source.unknown-source");
  EndpointSourceSet group;
  AddGroup(group, "FID", {101, 105});
  EXPECT_EQ(Code(v.ValidateRemove(conference, "ep", group)), "focus.source.unknown-group");

  // Removing the whole video source group works and leaves the audio.
  EndpointSourceSet video = Camera(100, "ep");
  video.sources.erase(video.sources.begin());
  auto removed = v.ValidateRemove(conference, "ep", video);
  ASSERT_TRUE(removed.ok()) << removed.error().ToString();
  SourceValidator::Remove(conference, "ep", *removed);
  EXPECT_EQ(conference["ep"].Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{100}));
  EXPECT_TRUE(conference["ep"].groups.empty());
}

}  // namespace
}  // namespace meet::focus
