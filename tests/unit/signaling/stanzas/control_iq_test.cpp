// Mute, Jibri, bridge stats and health check models.
#include <gtest/gtest.h>

#include "signaling/stanzas/bridge_stats.hpp"
#include "signaling/stanzas/health_check_iq.hpp"
#include "signaling/stanzas/jibri_iq.hpp"
#include "signaling/stanzas/jibri_status.hpp"
#include "signaling/stanzas/mute_iq.hpp"
#include "signaling/stanzas/recording_status.hpp"
#include "signaling/xml/namespaces.hpp"
#include "tests/unit/signaling/stanzas/stanza_test_util.hpp"

namespace meet::signaling::stanzas {
namespace {

using test::ExpectRoundTrip;
using test::LoadStanza;
using test::LoadVariant;

TEST(MuteIq, ParsesRequestForwardAndDesktop) {
  auto req = MuteIq::Parse(*LoadStanza("mute_request.xml"));
  ASSERT_TRUE(req.ok()) << req.error().ToString();
  EXPECT_EQ(req->kind, MediaKind::kAudio);
  EXPECT_EQ(req->jid.ToString(), "myroom@muc.meet.jitsi/9f8e7d6c");
  EXPECT_TRUE(req->actor.empty());
  EXPECT_TRUE(req->mute);
  ExpectRoundTrip(*req);

  auto fwd = MuteIq::Parse(*LoadStanza("mute_forward.xml"));
  ASSERT_TRUE(fwd.ok()) << fwd.error().ToString();
  EXPECT_EQ(fwd->kind, MediaKind::kVideo);
  EXPECT_EQ(fwd->actor.ToString(), "myroom@muc.meet.jitsi/1a2b3c4d");
  ExpectRoundTrip(*fwd);

  auto desktop = MuteIq::Parse(*LoadStanza("mute_desktop.xml"));
  ASSERT_TRUE(desktop.ok()) << desktop.error().ToString();
  EXPECT_EQ(desktop->kind, MediaKind::kDesktop);
  EXPECT_FALSE(desktop->mute);
  ExpectRoundTrip(*desktop);
}

TEST(MuteIq, EncodesNamespacePerKind) {
  MuteIq m;
  m.kind = MediaKind::kVideo;
  m.jid = *Jid::Parse("myroom@muc.meet.jitsi/9f8e7d6c");
  m.actor = *Jid::Parse("myroom@muc.meet.jitsi/1a2b3c4d");
  xml::TagPtr tag = m.ToTag();
  EXPECT_EQ(xml::Namespace(*tag), ns::kMuteVideo);
  EXPECT_EQ(tag->cdata(), "true");
  EXPECT_EQ(xml::AttrOr(*tag, "actor"), "myroom@muc.meet.jitsi/1a2b3c4d");
  EXPECT_EQ(MuteNamespace(MediaKind::kDesktop), std::string(ns::kMuteDesktop));
  EXPECT_EQ(MediaKindFromMuteNamespace(ns::kMuteAudio), MediaKind::kAudio);
  EXPECT_EQ(MediaKindFromMuteNamespace("http://jitsi.org/jitmeet/screen"), std::nullopt);
  EXPECT_EQ(ToString(MediaKind::kDesktop), "desktop");
}

TEST(MuteIq, RejectsMalformedVariants) {
  struct Case {
    const char* from;
    const char* to;
    const char* code;
  };
  const Case cases[] = {
      {">true<", ">yes<", "mute.bad-value"},
      {">true<", "><", "mute.bad-value"},
      {"jid='myroom@muc.meet.jitsi/9f8e7d6c'", "", "mute.missing-jid"},
      {"jid='myroom@muc.meet.jitsi/9f8e7d6c'", "jid='myroom@muc.meet.jitsi'", "mute.bad-jid"},
      {"jid='myroom@muc.meet.jitsi/9f8e7d6c'", "jid='my room@muc/x'", "mute.bad-jid"},
      {"jid='myroom@muc.meet.jitsi/9f8e7d6c'", "jid='r@muc/x' actor='@x'", "mute.bad-actor"},
      {"http://jitsi.org/jitmeet/audio", "http://jitsi.org/jitmeet/screen", "mute.bad-namespace"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    auto iq = LoadVariant("mute_request.xml", c.from, c.to);
    ASSERT_NE(iq, nullptr);
    auto m = MuteIq::Parse(*iq);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, c.code) << m.error().ToString();
  }
  auto no_mute = xml::Parse("<iq type='set'><jibri xmlns='http://jitsi.org/protocol/jibri'/></iq>");
  EXPECT_EQ(MuteIq::Parse(**no_mute).error().code, "mute.missing-element");
}

TEST(JibriIq, ParsesClientStartStopAndResult) {
  auto file = JibriIq::Parse(*LoadStanza("jibri_start_file.xml"));
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  EXPECT_EQ(file->action, JibriAction::kStart);
  EXPECT_EQ(file->recording_mode, RecordingMode::kFile);
  EXPECT_EQ(file->app_data, R"({"file_recording_metadata":{"share":true}})");
  EXPECT_FALSE(file->stream_id.has_value());
  EXPECT_EQ(file->status, JibriSessionStatus::kUndefined);
  ExpectRoundTrip(*file);

  auto stream = JibriIq::Parse(*LoadStanza("jibri_start_stream.xml"));
  ASSERT_TRUE(stream.ok()) << stream.error().ToString();
  EXPECT_EQ(stream->recording_mode, RecordingMode::kStream);
  EXPECT_EQ(stream->stream_id, "rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl");
  EXPECT_EQ(stream->youtube_broadcast_id, "Xy12Ab34Cd5");
  ExpectRoundTrip(*stream);

  auto stop = JibriIq::Parse(*LoadStanza("jibri_stop.xml"));
  ASSERT_TRUE(stop.ok()) << stop.error().ToString();
  EXPECT_EQ(stop->action, JibriAction::kStop);
  ExpectRoundTrip(*stop);

  auto result = JibriIq::Parse(*LoadStanza("jibri_result.xml"));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->action, JibriAction::kUndefined);
  EXPECT_EQ(result->session_id, "b1f4a2c9-7e3d-4d8a-9f0b-2c1d3e4f5a6b");
  xml::TagPtr encoded = result->ToTag();
  EXPECT_EQ(encoded->attributes().size(), 2u) << encoded->xml();  // xmlns + session_id only
  ExpectRoundTrip(*result);
}

TEST(JibriIq, FocusAndJibriExchange) {
  auto start = JibriIq::Parse(*LoadStanza("jibri_focus_to_jibri.xml"));
  ASSERT_TRUE(start.ok()) << start.error().ToString();
  EXPECT_EQ(start->room.ToString(), "myroom@muc.meet.jitsi");
  EXPECT_EQ(start->display_name, "Alice Example");
  EXPECT_EQ(start->rtcstats_enabled, true);
  EXPECT_FALSE(start->sip_address.has_value());
  ExpectRoundTrip(*start);

  auto update = JibriIq::Parse(*LoadStanza("jibri_status_update.xml"));
  ASSERT_TRUE(update.ok()) << update.error().ToString();
  EXPECT_EQ(update->status, JibriSessionStatus::kOff);
  EXPECT_EQ(update->failure_reason, JibriFailureReason::kError);
  EXPECT_EQ(update->should_retry, true);
  ExpectRoundTrip(*update);

  JibriIq pending;
  pending.status = JibriSessionStatus::kPending;
  pending.session_id = "s1";
  pending.sip_address = "sip:conference@example.com";
  xml::TagPtr tag = pending.ToTag();
  EXPECT_EQ(xml::AttrOr(*tag, "status"), "pending");
  EXPECT_FALSE(xml::Attr(*tag, "action").has_value());
  ExpectRoundTrip(pending);
}

TEST(JibriIq, ValidatesStreamIdAndEnums) {
  struct Case {
    const char* file;
    const char* from;
    const char* to;
    const char* code;
  };
  const Case cases[] = {
      {"jibri_start_file.xml", "recording_mode='file'", "recording_mode='file' streamid='key'",
       "jibri.bad-stream-id"},
      {"jibri_start_stream.xml", "streamid='rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl'", "",
       "jibri.bad-stream-id"},
      {"jibri_start_stream.xml", "streamid='rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl'",
       "streamid=''", "jibri.bad-stream-id"},
      {"jibri_start_file.xml", "action='start'", "action='record'", "jibri.bad-action"},
      {"jibri_start_file.xml", "recording_mode='file'", "recording_mode='mp4'",
       "jibri.bad-recording-mode"},
      {"jibri_status_update.xml", "status='off'", "status='done'", "jibri.bad-status"},
      {"jibri_status_update.xml", "failure_reason='error'", "failure_reason='oops'",
       "jibri.bad-failure-reason"},
      {"jibri_status_update.xml", "should_retry='true'", "should_retry='maybe'", "xml.bad-bool"},
      {"jibri_focus_to_jibri.xml", "room='myroom@muc.meet.jitsi'", "room='myroom@muc.meet.jitsi/x'",
       "jibri.bad-room"},
      {"jibri_focus_to_jibri.xml", "room='myroom@muc.meet.jitsi'", "room='a@b@c'", "jibri.bad-room"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.file) + ": " + c.to);
    auto iq = LoadVariant(c.file, c.from, c.to);
    ASSERT_NE(iq, nullptr);
    auto j = JibriIq::Parse(*iq);
    ASSERT_FALSE(j.ok());
    EXPECT_EQ(j.error().code, c.code) << j.error().ToString();
    EXPECT_EQ(j.error().condition, "bad-request");
  }
  // A stop may name a stream without its key; only starts are checked.
  auto stop = xml::Parse("<jibri xmlns='http://jitsi.org/protocol/jibri' action='stop' recording_mode='stream'/>");
  EXPECT_TRUE(JibriIq::Parse(**stop).ok());
  EXPECT_EQ(ParseJibriAction("undefined"), JibriAction::kUndefined);
  EXPECT_EQ(ToString(RecordingMode::kStream), "stream");
}

TEST(JibriStatus, ParsesBreweryPresence) {
  auto status = JibriStatus::Parse(*LoadStanza("jibri_brewery_presence.xml"));
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  EXPECT_EQ(status->busy, JibriBusyStatus::kIdle);
  EXPECT_EQ(status->health, HealthStatus::kHealthy);
  EXPECT_TRUE(status->IsAvailable());
  ExpectRoundTrip(*status);

  auto busy = LoadVariant("jibri_brewery_presence.xml", "status='idle'", "status='busy'");
  auto b = JibriStatus::Parse(*busy);
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->IsAvailable());
  auto bad = LoadVariant("jibri_brewery_presence.xml", "status='healthy'", "status='ok'");
  EXPECT_EQ(JibriStatus::Parse(*bad).error().code, "jibri-status.bad-health-status");
  // The health element lives in the health namespace, not the jibri one.
  auto wrong_ns = LoadVariant("jibri_brewery_presence.xml", "http://jitsi.org/protocol/health",
                              "http://jitsi.org/protocol/jibri");
  auto w = JibriStatus::Parse(*wrong_ns);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->health, HealthStatus::kUndefined);
  EXPECT_FALSE(w->IsAvailable());
}

TEST(RecordingStatus, BuildsWhatLjmReads) {
  RecordingStatus s;
  s.status = JibriSessionStatus::kPending;
  s.session_id = "b1f4";
  s.recording_mode = RecordingMode::kStream;
  s.initiator = *Jid::Parse("myroom@muc.meet.jitsi/1a2b3c4d");
  xml::TagPtr tag = s.ToTag();
  EXPECT_EQ(tag->name(), "jibri-recording-status");
  EXPECT_EQ(xml::Namespace(*tag), ns::kJibri);
  EXPECT_EQ(xml::AttrOr(*tag, "status"), "pending");
  EXPECT_EQ(xml::AttrOr(*tag, "recording_mode"), "stream");
  EXPECT_FALSE(xml::Attr(*tag, "failure_reason").has_value());
  ExpectRoundTrip(s);
}

TEST(BridgeStats, ParsesBrewreyPresenceWithTypedAccessors) {
  auto stats = BridgeStats::Parse(*LoadStanza("bridge_presence.xml"));
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_DOUBLE_EQ(*stats->StressLevel(), 0.12);
  EXPECT_DOUBLE_EQ(*stats->AverageParticipantStress(), 0.01);
  EXPECT_EQ(stats->Region(), "us-east-1");
  EXPECT_EQ(stats->RelayId(), "jvb-1");
  EXPECT_EQ(stats->Version(), "2.3.186-gd4e5c5c9");
  EXPECT_EQ(stats->Release(), "9258");
  EXPECT_EQ(stats->Drain(), false);
  EXPECT_EQ(stats->GracefulShutdown(), false);
  EXPECT_EQ(stats->ShuttingDown(), false);
  EXPECT_EQ(stats->Healthy(), true);
  EXPECT_EQ(stats->Conferences(), 3);
  EXPECT_EQ(stats->Participants(), 17);
  EXPECT_EQ(stats->stats().size(), 13u);
  EXPECT_EQ(*stats->stats().Find("current_timestamp"), "2026-11-24 06:40:01.123");
  ExpectRoundTrip(*stats);
}

TEST(BridgeStats, BuilderAndErrors) {
  BridgeStats stats;
  stats.SetStressLevel(0.25).SetRegion("eu-west").SetRelayId("jvb-2").SetVersion("0.1.0")
      .SetDrain(true).SetGracefulShutdown(false).SetShuttingDown(false).SetHealthy(true)
      .SetInt(BridgeStats::kConferences, 4);
  stats.SetStressLevel(0.5);  // replaces, keeps position
  xml::TagPtr tag = stats.ToTag();
  EXPECT_EQ(xml::Namespace(*tag), ns::kColibri);
  const auto items = xml::Children(*tag, "stat");
  ASSERT_EQ(items.size(), 9u);
  EXPECT_EQ(xml::AttrOr(*items[0], "name"), "stress_level");
  EXPECT_EQ(xml::AttrOr(*items[0], "value"), "0.5");
  EXPECT_EQ(stats.Drain(), true);
  EXPECT_EQ(stats.Conferences(), 4);
  ExpectRoundTrip(stats);

  for (const char* bad : {"'-0.1'", "'high'", "'nan'", "'inf'", "''"}) {
    SCOPED_TRACE(bad);
    auto variant = LoadVariant("bridge_presence.xml", "'0.12'", bad);
    auto r = BridgeStats::Parse(*variant);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "stats.bad-value");
    EXPECT_NE(r.error().where.find("stress_level"), std::string::npos);
  }
  auto nameless = LoadVariant("bridge_presence.xml", "name='region'", "");
  auto n = BridgeStats::Parse(*nameless);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, "xml.missing-attribute");
  EXPECT_EQ(n.error().where, "stats/stat[2]");
  // A non-boolean drain reads as unknown rather than failing the whole presence.
  auto odd = LoadVariant("bridge_presence.xml", "name='drain' value='false'", "name='drain' value='soon'");
  auto o = BridgeStats::Parse(*odd);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->Drain(), std::nullopt);
}

TEST(HealthCheckIq, ParsesAndBuildsRequest) {
  EXPECT_TRUE(HealthCheckIq::Parse(*LoadStanza("healthcheck_iq.xml")).ok());
  xml::TagPtr iq = HealthCheckIq::MakeRequest(*Jid::Parse("jvbbrewery@internal-muc.meet.jitsi/jvb-1"),
                                              "h1");
  EXPECT_EQ(xml::AttrOr(*iq, "type"), "get");
  EXPECT_EQ(xml::AttrOr(*iq, "to"), "jvbbrewery@internal-muc.meet.jitsi/jvb-1");
  EXPECT_EQ(xml::AttrOr(*iq, "id"), "h1");
  const gloox::Tag* payload = xml::Child(*iq, "healthcheck", ns::kHealthCheck);
  ASSERT_NE(payload, nullptr);
  EXPECT_TRUE(HealthCheckIq::Parse(*test::Reparse(*iq)).ok());
  auto wrong = LoadVariant("healthcheck_iq.xml", "http://jitsi.org/protocol/healthcheck",
                           "http://jitsi.org/protocol/health");
  EXPECT_EQ(HealthCheckIq::Parse(*wrong).error().code, "healthcheck.missing-element");
}

}  // namespace
}  // namespace meet::signaling::stanzas
