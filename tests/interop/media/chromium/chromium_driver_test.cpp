// The browser side on its own: driver.mjs launches headless Chromium on peer.html and hands
// over an offer shaped like lib-jitsi-meet's JVB connection. Runs in a loopback-only network
// namespace (netns_exec.sh), so every candidate must be 127.0.0.1.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "signaling/sdp/session_description.hpp"
#include "tests/interop/media/chromium/chromium_driver.hpp"
#include "tests/interop/media/chromium/sdp_answer.hpp"

namespace meet::test::chromium {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

ChromiumDriver::Options DriverOptions(bool trickle) {
  ChromiumDriver::Options o;
  o.node = MEET_NODE_EXECUTABLE;
  o.driver_script = std::string(MEET_CHROMIUM_INTEROP_DIR) + "/driver.mjs";
  o.trickle = trickle;
  o.driver_timeout = milliseconds(30000);
  return o;
}

// Polls the driver until `done` or `timeout`.
bool PollUntil(ChromiumDriver& driver, const std::function<bool()>& done, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline || driver.exited()) return done();
    driver.Poll(milliseconds(50));
  }
  return true;
}

TEST(ChromiumDriver, OfferCarriesVp8OpusJitsiDataChannelAndLoopbackCandidates) {
  auto started = ChromiumDriver::Start(DriverOptions(/*trickle=*/false));
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  ChromiumDriver& driver = **started;

  ASSERT_TRUE(PollUntil(driver, [&] { return driver.FindEvent("offer") != nullptr; },
                        milliseconds(15000)))
      << "no offer from Chromium after 15 s; " << driver.Describe();
  const std::string sdp_text = ChromiumDriver::StringField(*driver.FindEvent("offer"), "sdp");
  auto offer = signaling::sdp::Parse(sdp_text);
  ASSERT_TRUE(offer.ok()) << offer.error().ToString() << "\n" << sdp_text;
  auto info = InspectOffer(*offer);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->setup, "actpass");
  EXPECT_TRUE(info->opus_payload_type.has_value());
  EXPECT_TRUE(info->vp8_payload_type.has_value());
  EXPECT_EQ(info->audio_ssrcs.size(), 1u);
  EXPECT_EQ(info->video_ssrcs.size(), 1u);
  EXPECT_FALSE(info->data_mid.empty()) << "no m=application webrtc-datachannel in the offer";
  EXPECT_EQ(info->sctp_port, 5000);
  // Gathering completed before the offer was taken, inside a loopback-only namespace.
  ASSERT_FALSE(info->candidates.empty()) << "offer without UDP candidates; " << driver.Describe();
  for (const auto& c : info->candidates) {
    EXPECT_EQ(c.address, "127.0.0.1") << "non-loopback candidate: is the test in a netns?";
    EXPECT_EQ(c.type, "host");
  }
  // max-bundle: only the bundle m-line has candidates.
  for (size_t i = 0; i < offer->media.size(); ++i) {
    if (i != info->bundle_index) {
      EXPECT_TRUE(offer->media[i].candidates.empty()) << "m-line " << i;
    }
  }

  driver.Close();
  const json* stats = driver.LatestStats();
  ASSERT_NE(stats, nullptr) << "no final stats; " << driver.Describe();
  EXPECT_TRUE(stats->value("final", false));
  EXPECT_EQ(ChromiumDriver::StringField(*stats, "signalingState"), "have-local-offer");
  ASSERT_TRUE(stats->contains("dataChannels") && (*stats)["dataChannels"].is_array());
  ASSERT_EQ((*stats)["dataChannels"].size(), 1u);
  const json& dc = (*stats)["dataChannels"][0];
  EXPECT_EQ(ChromiumDriver::StringField(dc, "label"), "JVB data channel");
  EXPECT_EQ(ChromiumDriver::StringField(dc, "protocol"), "http://jitsi.org/protocols/colibri");
  EXPECT_NE(driver.FindEvent("closed"), nullptr) << driver.Describe();
  EXPECT_EQ(driver.FindEvent("error"), nullptr) << driver.Describe();
}

TEST(ChromiumDriver, TrickleModeSendsCandidatesAfterTheOfferAndTakesScreenshots) {
  auto started = ChromiumDriver::Start(DriverOptions(/*trickle=*/true));
  ASSERT_TRUE(started.ok()) << started.error().ToString();
  ChromiumDriver& driver = **started;

  const auto end_of_candidates = [&] {
    return driver.FindEvent("candidate", [](const json& e) {
             return ChromiumDriver::StringField(e, "candidate", "x").empty();
           }) != nullptr;
  };
  ASSERT_TRUE(PollUntil(driver, end_of_candidates, milliseconds(15000)))
      << "no end-of-candidates from Chromium after 15 s; " << driver.Describe();
  const json* offer_event = driver.FindEvent("offer");
  ASSERT_NE(offer_event, nullptr);
  auto offer = signaling::sdp::Parse(ChromiumDriver::StringField(*offer_event, "sdp"));
  ASSERT_TRUE(offer.ok()) << offer.error().ToString();
  for (const auto& m : offer->media) EXPECT_TRUE(m.candidates.empty()) << "mid " << m.mid;

  size_t udp = 0;
  for (const json* e : driver.EventsOfType("candidate")) {
    const std::string text = ChromiumDriver::StringField(*e, "candidate");
    if (text.empty()) continue;
    auto c = signaling::sdp::ParseCandidate(text);
    ASSERT_TRUE(c.ok()) << c.error().ToString() << ": " << text;
    EXPECT_EQ(c->address, "127.0.0.1");
    EXPECT_EQ(ChromiumDriver::StringField(*e, "mid"), "0");
    if (c->transport == "udp") ++udp;
  }
  EXPECT_GE(udp, 1u) << driver.Describe();

  ASSERT_TRUE(driver.Send(json{{"type", "screenshot"}, {"name", "chromium-driver-selftest"}}));
  ASSERT_TRUE(PollUntil(driver, [&] { return driver.FindEvent("screenshot") != nullptr; },
                        milliseconds(10000)))
      << "no screenshot after 10 s; " << driver.Describe();
  const std::string path = ChromiumDriver::StringField(*driver.FindEvent("screenshot"), "path");
  ASSERT_FALSE(path.empty()) << driver.Describe();
  std::error_code ec;
  EXPECT_GT(std::filesystem::file_size(path, ec), 1000u) << path;
  std::filesystem::remove(path, ec);
  driver.Close();
  EXPECT_NE(driver.FindEvent("closed"), nullptr) << driver.Describe();
}

}  // namespace
}  // namespace meet::test::chromium
