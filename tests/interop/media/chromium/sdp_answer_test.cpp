// The offer inspection and answer writing of the Chromium interop test, on an offer captured
// from Chromium 156 by driver.mjs (data/chromium156_offer.sdp: fake camera + mic, max-bundle,
// 'JVB data channel', gathered in a loopback-only namespace).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "signaling/sdp/session_description.hpp"
#include "tests/interop/media/chromium/sdp_answer.hpp"

namespace meet::test::chromium {
namespace {

namespace sdp = signaling::sdp;

std::string ReadOfferText() {
  std::ifstream in(std::string(MEET_CHROMIUM_INTEROP_DIR) + "/data/chromium156_offer.sdp",
                   std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << "missing data/chromium156_offer.sdp";
  return s.str();
}

sdp::SessionDescription ParseOrFail(const std::string& text) {
  auto parsed = sdp::Parse(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().ToString());
  return parsed.ok() ? std::move(parsed.value()) : sdp::SessionDescription{};
}

LocalTransport OurTransport(std::string setup = "passive") {
  LocalTransport local;
  local.ice_ufrag = "Abcd";
  local.ice_pwd = "0123456789abcdefghijkl";
  local.fingerprint_hash = "sha-256";
  local.fingerprint =
      "12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:"
      "12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0";
  local.setup = std::move(setup);
  sdp::Candidate c;
  c.foundation = "1";
  c.priority = 2015363327;
  c.address = "127.0.0.1";
  c.port = 41000;
  local.candidates.push_back(c);
  return local;
}

TEST(ChromiumSdpAnswer, InspectsChromiumOffer) {
  const auto offer = ParseOrFail(ReadOfferText());
  auto info = InspectOffer(offer);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->bundle_mid, "0");
  EXPECT_EQ(info->bundle_index, 0u);
  EXPECT_EQ(info->ice_ufrag, "eCne");
  EXPECT_EQ(info->ice_pwd, "j6ASJH0g13vv+OWcF0Qqn2c3");
  EXPECT_EQ(info->fingerprint.hash, "sha-256");
  EXPECT_EQ(info->fingerprint.value.substr(0, 11), "1E:C8:F8:FD");
  EXPECT_EQ(info->setup, "actpass");
  // The TCP active candidate (port 9) is dropped; the UDP host candidate stays.
  ASSERT_EQ(info->candidates.size(), 1u);
  EXPECT_EQ(info->candidates[0].address, "127.0.0.1");
  EXPECT_EQ(info->candidates[0].port, 49771);
  EXPECT_EQ(info->audio_mid, "0");
  EXPECT_EQ(info->opus_payload_type, 111);
  EXPECT_EQ(info->audio_ssrcs, std::vector<uint32_t>{2025857437u});
  EXPECT_EQ(info->video_mid, "1");
  EXPECT_EQ(info->vp8_payload_type, 96);
  EXPECT_EQ(info->video_ssrcs, std::vector<uint32_t>{180305415u});
  EXPECT_EQ(info->video_rtx_ssrcs, std::vector<uint32_t>{2196729708u});
  EXPECT_EQ(info->data_mid, "2");
  EXPECT_EQ(info->sctp_port, 5000);
}

TEST(ChromiumSdpAnswer, AnswerBundlesVp8OpusAndSctpOnOurTransport) {
  const auto offer = ParseOrFail(ReadOfferText());
  auto info = InspectOffer(offer);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  auto answer = BuildAnswer(offer, *info, OurTransport());
  ASSERT_TRUE(answer.ok()) << answer.error().ToString();

  // What Chromium receives is the text: check the re-parsed text, not the struct.
  const std::string text = sdp::ToString(*answer);
  const auto parsed = ParseOrFail(text);
  ASSERT_NE(parsed.FindGroup("BUNDLE"), nullptr) << text;
  EXPECT_EQ(parsed.FindGroup("BUNDLE")->mids, (std::vector<std::string>{"0", "1", "2"}));
  ASSERT_EQ(parsed.media.size(), 3u);
  for (const auto& m : parsed.media) {
    SCOPED_TRACE("mid " + m.mid);
    EXPECT_NE(m.port, 0);
    EXPECT_EQ(m.ice_ufrag, "Abcd");
    EXPECT_EQ(m.ice_pwd, "0123456789abcdefghijkl");
    ASSERT_EQ(m.fingerprints.size(), 1u);
    EXPECT_EQ(m.fingerprints[0].hash, "sha-256");
    EXPECT_EQ(m.setup, "passive");
  }
  const auto& audio = parsed.media[0];
  EXPECT_EQ(audio.media, "audio");
  EXPECT_EQ(audio.formats, std::vector<std::string>{"111"});
  ASSERT_EQ(audio.rtpmaps.size(), 1u);
  EXPECT_EQ(audio.rtpmaps[0].encoding, "opus");
  EXPECT_EQ(audio.rtpmaps[0].channels, 2u);
  EXPECT_EQ(audio.direction, sdp::Direction::kRecvOnly);
  EXPECT_TRUE(audio.rtcp_mux);
  ASSERT_EQ(audio.candidates.size(), 1u);  // the bundle m-line carries our candidates
  EXPECT_EQ(audio.candidates[0].port, 41000);
  EXPECT_TRUE(audio.end_of_candidates);
  EXPECT_TRUE(audio.ssrcs.empty());  // we send nothing

  const auto& video = parsed.media[1];
  EXPECT_EQ(video.media, "video");
  EXPECT_EQ(video.formats, std::vector<std::string>{"96"});
  ASSERT_EQ(video.rtpmaps.size(), 1u);
  EXPECT_EQ(video.rtpmaps[0].encoding, "VP8");
  EXPECT_EQ(video.rtpmaps[0].clock_rate, 90000u);
  EXPECT_TRUE(video.candidates.empty());
  EXPECT_EQ(video.direction, sdp::Direction::kRecvOnly);
  std::vector<std::string> feedback;
  for (const auto& fb : video.rtcp_fbs) {
    EXPECT_EQ(fb.format, "96");
    feedback.push_back(fb.type + (fb.parameters.empty() ? "" : " " + fb.parameters));
  }
  EXPECT_EQ(feedback, (std::vector<std::string>{"ccm fir", "nack", "nack pli"}));

  const auto& data = parsed.media[2];
  EXPECT_EQ(data.media, "application");
  EXPECT_EQ(data.proto, "UDP/DTLS/SCTP");
  EXPECT_EQ(data.formats, std::vector<std::string>{"webrtc-datachannel"});
  EXPECT_EQ(data.sctp_port, 5000);
  EXPECT_EQ(data.max_message_size, 262144u);
}

TEST(ChromiumSdpAnswer, ActiveSetupAndTrickleAnswers) {
  const auto offer = ParseOrFail(ReadOfferText());
  auto info = InspectOffer(offer);
  ASSERT_TRUE(info.ok());
  auto answer = BuildAnswer(offer, *info, OurTransport("active"));
  ASSERT_TRUE(answer.ok());
  for (const auto& m : answer->media) EXPECT_EQ(m.setup, "active");

  LocalTransport trickling = OurTransport("active");
  trickling.trickle = true;
  trickling.candidates.clear();
  auto trickled = BuildAnswer(offer, *info, trickling);
  ASSERT_TRUE(trickled.ok());
  for (const auto& m : trickled->media) {
    EXPECT_EQ(m.ice_options, "trickle");
    EXPECT_TRUE(m.candidates.empty());
    EXPECT_FALSE(m.end_of_candidates);
  }

  auto bad = BuildAnswer(offer, *info, OurTransport("actpass"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "interop.bad-setup");
}

TEST(ChromiumSdpAnswer, RejectsMediaWithoutAcceptedCodecOutsideBundle) {
  std::string text = ReadOfferText();
  // Drop the application m-line's data-channel format: it is then an unknown application.
  const auto pos = text.find("webrtc-datachannel");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 18, "x-unknown-proto");
  const auto offer = ParseOrFail(text);
  auto info = InspectOffer(offer);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->data_mid.empty());
  auto answer = BuildAnswer(offer, *info, OurTransport());
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->media.size(), 3u);
  EXPECT_EQ(answer->media[2].port, 0);
  EXPECT_EQ(answer->media[2].direction, sdp::Direction::kInactive);
  ASSERT_NE(answer->FindGroup("BUNDLE"), nullptr);
  EXPECT_EQ(answer->FindGroup("BUNDLE")->mids, (std::vector<std::string>{"0", "1"}));
}

TEST(ChromiumSdpAnswer, OfferErrorsSayWhatIsMissing) {
  const std::string text = ReadOfferText();

  std::string no_vp8 = text;
  for (auto pos = no_vp8.find("VP8/90000"); pos != std::string::npos;
       pos = no_vp8.find("VP8/90000")) {
    no_vp8.replace(pos, 3, "VP7");
  }
  auto r1 = InspectOffer(ParseOrFail(no_vp8));
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().code, "interop.offer-no-vp8");

  std::string no_bundle = text;
  const auto bundle = no_bundle.find("a=group:BUNDLE 0 1 2\r\n");
  ASSERT_NE(bundle, std::string::npos);
  no_bundle.erase(bundle, 22);
  auto r2 = InspectOffer(ParseOrFail(no_bundle));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().code, "interop.offer-no-bundle");

  std::string no_opus = text;
  const auto opus = no_opus.find("opus/48000/2");
  ASSERT_NE(opus, std::string::npos);
  no_opus.replace(opus, 4, "OPUX");
  auto r3 = InspectOffer(ParseOrFail(no_opus));
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().code, "interop.offer-no-opus");
}

}  // namespace
}  // namespace meet::test::chromium
