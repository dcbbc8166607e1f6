#include <gtest/gtest.h>

#include "signaling/stanzas/focus_presence.hpp"
#include "signaling/stanzas/occupant_info.hpp"
#include "signaling/stanzas/participant_presence.hpp"
#include "signaling/stanzas/source_info.hpp"
#include "signaling/xml/namespaces.hpp"
#include "tests/unit/signaling/stanzas/stanza_test_util.hpp"

namespace meet::signaling::stanzas {
namespace {

using test::ExpectRoundTrip;
using test::LoadStanza;
using test::LoadVariant;

TEST(ParticipantPresence, ParsesJoinPresence) {
  auto presence = LoadStanza("participant_join.xml");
  ASSERT_NE(presence, nullptr);
  auto p = ParticipantPresence::Parse(*presence, "1a2b3c4d");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_TRUE(p->muc_join);
  EXPECT_EQ(p->stats_id, "Dulce-4dK");
  ASSERT_TRUE(p->caps.has_value());
  EXPECT_EQ(p->caps->hash, "sha-1");
  EXPECT_EQ(p->caps->node, "https://jitsi.org/jitsi-meet");
  EXPECT_EQ(p->caps->ver, "GOKc2LWqbsmlkBbo6e0pqR4bJB8=");
  EXPECT_EQ(p->features, std::vector<std::string>{"https://jitsi.org/meet/e2ee"});
  EXPECT_TRUE(p->HasFeature("https://jitsi.org/meet/e2ee"));
  EXPECT_FALSE(p->HasFeature(ParticipantPresence::kJibriFeature));
  ASSERT_TRUE(p->source_info.has_value());
  EXPECT_EQ(p->source_info->sources.size(), 2u);
  EXPECT_FALSE(p->source_info->sources.at("1a2b3c4d-a0").muted);
  EXPECT_TRUE(p->source_info->sources.at("1a2b3c4d-v0").muted);
  EXPECT_EQ(p->IsAudioMuted(), false);
  EXPECT_EQ(p->IsVideoMuted(), true);
  EXPECT_EQ(p->codecs, (std::vector<std::string>{"av1", "vp9", "vp8", "h264"}));
  EXPECT_EQ(p->region, "eu-central-1");
  ASSERT_EQ(p->participant_properties.size(), 1u);
  EXPECT_EQ(p->participant_properties.at("e2ee.enabled"), "false");
  EXPECT_EQ(p->nick, "Alice Example");
  EXPECT_FALSE(p->silent.has_value());
  EXPECT_FALSE(p->start_muted.has_value());
  ASSERT_TRUE(p->occupant.has_value());
  EXPECT_EQ(p->occupant->role, Role::kParticipant);
  EXPECT_EQ(p->occupant->affiliation, Affiliation::kNone);
  EXPECT_EQ(p->occupant->jid.ToString(), "4d3e1c2b-0f9a@meet.jitsi/3AbCdEfG");
  ExpectRoundTrip(*p, "1a2b3c4d");
}

TEST(ParticipantPresence, ScreenshareDropsForeignSourcesAndKeepsStartMuted) {
  auto p = ParticipantPresence::Parse(*LoadStanza("participant_screenshare.xml"), "9f8e7d6c");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  ASSERT_TRUE(p->source_info.has_value());
  EXPECT_EQ(p->source_info->sources.size(), 3u);
  EXPECT_EQ(p->source_info->rejected, std::vector<std::string>{"1a2b3c4d-a0"});
  EXPECT_EQ(p->source_info->sources.at("9f8e7d6c-v1").video_type, "desktop");
  EXPECT_FALSE(p->source_info->sources.at("9f8e7d6c-v0").video_type.has_value());
  EXPECT_EQ(p->IsAudioMuted(), true);
  EXPECT_EQ(p->IsVideoMuted(), false);
  EXPECT_EQ(p->codecs, (std::vector<std::string>{"vp9", "vp8"}));  // lower-cased
  EXPECT_EQ(p->silent, false);
  ASSERT_TRUE(p->start_muted.has_value());
  EXPECT_EQ(p->start_muted->audio, true);
  EXPECT_EQ(p->start_muted->video, false);
  EXPECT_FALSE(p->muc_join);
  ASSERT_TRUE(p->occupant.has_value());
  EXPECT_TRUE(p->occupant->IsModerator());
  EXPECT_EQ(p->occupant->affiliation, Affiliation::kOwner);
  ExpectRoundTrip(*p, "9f8e7d6c");

  // Without a nick nothing is attributed to the wrong owner, so nothing is dropped.
  auto anonymous = ParticipantPresence::Parse(*LoadStanza("participant_screenshare.xml"));
  ASSERT_TRUE(anonymous.ok());
  EXPECT_EQ(anonymous->source_info->sources.size(), 4u);
  EXPECT_TRUE(anonymous->source_info->rejected.empty());
}

TEST(ParticipantPresence, LegacyJigasiPresence) {
  auto p = ParticipantPresence::Parse(*LoadStanza("participant_legacy_jigasi.xml"), "a0b1c2d3");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_FALSE(p->source_info.has_value());
  EXPECT_EQ(p->audio_muted, false);
  EXPECT_EQ(p->video_muted, true);
  EXPECT_EQ(p->video_type, "camera");
  EXPECT_EQ(p->IsAudioMuted(), false);  // falls back to <audiomuted>
  EXPECT_EQ(p->IsVideoMuted(), true);
  EXPECT_EQ(p->codecs, std::vector<std::string>{"opus"});  // from jitsi_participant_codecType
  EXPECT_TRUE(p->HasFeature(ParticipantPresence::kJigasiFeature));
  ASSERT_TRUE(p->occupant.has_value());
  EXPECT_EQ(p->occupant->affiliation, Affiliation::kMember);
  EXPECT_EQ(p->occupant->status_codes, std::vector<int>{100});
  EXPECT_FALSE(p->occupant->IsSelf());
  ExpectRoundTrip(*p, "a0b1c2d3");
}

TEST(ParticipantPresence, BuildsPresenceLikeLjm) {
  ParticipantPresence p;
  p.muc_join = true;
  p.stats_id = "Brad-x1";
  p.nick = "Brad";
  p.codecs = {"vp9", "vp8"};
  p.source_info.emplace();
  p.source_info->sources["abcd0123-a0"] = SourceState{false, std::nullopt};
  p.source_info->sources["abcd0123-v0"] = SourceState{true, std::string("desktop")};
  p.participant_properties["transcription_language"] = "en-US";
  xml::TagPtr tag = p.ToTag();
  EXPECT_EQ(tag->name(), "presence");
  EXPECT_NE(xml::Child(*tag, "x", ns::kMuc), nullptr);
  const gloox::Tag* si = xml::Child(*tag, "SourceInfo");
  ASSERT_NE(si, nullptr);
  EXPECT_EQ(si->cdata(),
            R"({"abcd0123-a0":{"muted":false},"abcd0123-v0":{"muted":true,"videoType":"desktop"}})");
  const gloox::Tag* codecs = xml::Child(*tag, "jitsi_participant_codecList");
  ASSERT_NE(codecs, nullptr);
  EXPECT_EQ(codecs->cdata(), "vp9,vp8");
  ASSERT_NE(xml::Child(*tag, "jitsi_participant_transcription_language"), nullptr);
  ASSERT_NE(xml::Child(*tag, "nick", ns::kNick), nullptr);
  ExpectRoundTrip(p, "abcd0123");
}

TEST(ParticipantPresence, RejectsMalformedVariants) {
  struct Case {
    const char* from;
    const char* to;
    const char* code;
  };
  const Case cases[] = {
      {R"({"1a2b3c4d-a0":{"muted":false},)", R"({"1a2b3c4d-a0":{"muted":"no"},)",
       "presence.bad-source-info"},
      {R"({"1a2b3c4d-a0":{"muted":false},)", R"({"1a2b3c4d-a0":{"muted":false)",
       "presence.bad-source-info"},
      {R"({"1a2b3c4d-a0":{"muted":false},)", R"({"1a2b3c4d-a0":true,)", "presence.bad-source-info"},
      {"ver='GOKc2LWqbsmlkBbo6e0pqR4bJB8='", "", "presence.bad-caps"},
      {"<feature var='https://jitsi.org/meet/e2ee'/>", "<feature/>", "xml.missing-attribute"},
      {"affiliation='none'", "affiliation='boss'", "occupant.bad-affiliation"},
      {"role='participant'", "role='king'", "occupant.bad-role"},
      {"jid='4d3e1c2b-0f9a@meet.jitsi/3AbCdEfG'", "jid='a@b@c'", "occupant.bad-jid"},
      {"<item affiliation='none' role='participant' jid='4d3e1c2b-0f9a@meet.jitsi/3AbCdEfG'/>",
       "<status code='110'/>", "occupant.missing-item"},
      {"<item affiliation='none' role='participant' jid='4d3e1c2b-0f9a@meet.jitsi/3AbCdEfG'/>",
       "<item role='participant'/><status code='11'/>", "occupant.bad-status"},
      {"<item affiliation='none' role='participant' jid='4d3e1c2b-0f9a@meet.jitsi/3AbCdEfG'/>",
       "<item role='participant'/><status code='x'/>", "xml.bad-number"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    auto presence = LoadVariant("participant_join.xml", c.from, c.to);
    ASSERT_NE(presence, nullptr);
    auto p = ParticipantPresence::Parse(*presence, "1a2b3c4d");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, c.code) << p.error().ToString();
    EXPECT_NE(p.error().where.find("presence"), std::string::npos) << p.error().ToString();
  }
  auto bad_bool = LoadVariant("participant_legacy_jigasi.xml", "<audiomuted>false", "<audiomuted>nope");
  auto p = ParticipantPresence::Parse(*bad_bool);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "presence.bad-bool");
  EXPECT_EQ(p.error().where, "presence/audiomuted");
  auto iq = xml::Parse("<iq type='get'/>");
  EXPECT_EQ(ParticipantPresence::Parse(**iq).error().code, "presence.not-presence");
}

TEST(SourceInfo, NamesAndOwners) {
  auto name = SourceName::Parse("1a2b3c4d-a0.en");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->owner, "1a2b3c4d");
  EXPECT_EQ(name->media, SourceMedia::kAudio);
  EXPECT_EQ(name->index, 0u);
  EXPECT_EQ(name->suffix, "en");
  EXPECT_EQ(name->ToString(), "1a2b3c4d-a0.en");
  auto video = SourceName::Parse("jvb-1-v12", "jvb-1");
  ASSERT_TRUE(video.has_value());
  EXPECT_EQ(video->media, SourceMedia::kVideo);
  EXPECT_EQ(video->index, 12u);
  EXPECT_FALSE(SourceName::Parse("1a2b3c4d-a0", "9f8e7d6c").has_value());
  EXPECT_FALSE(SourceName::Parse("1a2b3c4d-x0").has_value());
  EXPECT_FALSE(SourceName::Parse("1a2b3c4d-a").has_value());
  EXPECT_FALSE(SourceName::Parse("1a2b3c4d-a0.").has_value());
  EXPECT_FALSE(SourceName::Parse("-a0").has_value());
  EXPECT_FALSE(SourceName::Parse("1a2b3c4d").has_value());

  auto info = SourceInfo::Parse(
      R"({"1a2b3c4d-a0":{"muted":false},"1a2b3c4d-v0":{},"bogus":{"muted":false}})", "1a2b3c4d");
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_TRUE(info->sources.at("1a2b3c4d-v0").muted);  // no "muted": treated as muted
  EXPECT_EQ(info->rejected, std::vector<std::string>{"bogus"});
  EXPECT_EQ(info->Muted(SourceMedia::kAudio), false);
  EXPECT_EQ(info->Muted(SourceMedia::kVideo), true);
  EXPECT_EQ(SourceInfo::Parse("{}")->Muted(SourceMedia::kAudio), std::nullopt);
  EXPECT_EQ(SourceInfo::Parse("[]").error().code, "source-info.bad-json");
  EXPECT_EQ(SourceInfo::Parse(R"({"a-a0":{"videoType":7}})").error().code, "source-info.bad-entry");
  std::string many = "{";
  for (int i = 0; i <= 64; ++i) many += (i ? "," : "") + std::string("\"e-a") + std::to_string(i) + "\":{}";
  many += "}";
  EXPECT_EQ(SourceInfo::Parse(many).error().code, "source-info.too-many");
}

TEST(OccupantInfo, SelfPresenceStatusCodesAndEncoding) {
  auto x = xml::Parse(
      "<presence from='myroom@muc.meet.jitsi/focus'><x xmlns='http://jabber.org/protocol/muc#user'>"
      "<item affiliation='owner' role='moderator' jid='focus@auth.meet.jitsi/focus'/>"
      "<status code='110'/><status code='201'/></x></presence>");
  ASSERT_TRUE(x.ok());
  auto info = OccupantInfo::Parse(**x);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_TRUE(info->IsSelf());
  EXPECT_TRUE(info->HasStatus(OccupantInfo::kRoomCreated));
  EXPECT_TRUE(info->IsModerator());
  EXPECT_EQ(info->jid.ToString(), "focus@auth.meet.jitsi/focus");
  ExpectRoundTrip(*info);
  EXPECT_EQ(ParseAffiliation("outcast"), Affiliation::kOutcast);
  EXPECT_EQ(ParseRole("visitor"), Role::kVisitor);
  EXPECT_EQ(ParseRole("Moderator"), std::nullopt);
  EXPECT_EQ(RoleName(Role::kNone), "none");
}

TEST(FocusPresence, ParsesFocusOccupantPresence) {
  auto presence = LoadStanza("focus_presence.xml");
  ASSERT_NE(presence, nullptr);
  auto f = FocusPresence::Parse(*presence);
  ASSERT_TRUE(f.ok()) << f.error().ToString();
  EXPECT_EQ(f->conference_properties.size(), 4u);
  EXPECT_EQ(f->conference_properties.GetBool(FocusPresence::kSupportTerminateRestart), true);
  EXPECT_EQ(f->BridgeCount(), 1);
  EXPECT_EQ(f->VisitorsEnabled(), false);
  EXPECT_EQ(f->conference_properties.GetInt(FocusPresence::kCreatedMs), 1795502401123);
  EXPECT_EQ(f->versions.at("focus"), "1.0.1099");
  EXPECT_EQ(f->versions.at("xmpp"), "Prosody(0.12.4,Linux)");
  EXPECT_EQ(f->etherpad, "myroom");
  ASSERT_TRUE(f->recording_status.has_value());
  EXPECT_EQ(f->recording_status->status, JibriSessionStatus::kOn);
  EXPECT_EQ(f->recording_status->recording_mode, RecordingMode::kFile);
  EXPECT_EQ(f->recording_status->session_id, "b1f4a2c9-7e3d-4d8a-9f0b-2c1d3e4f5a6b");
  EXPECT_EQ(f->recording_status->initiator.ToString(), "myroom@muc.meet.jitsi/9f8e7d6c");
  EXPECT_FALSE(f->bridge_not_available);
  ExpectRoundTrip(*f);

  auto down = FocusPresence::Parse(*LoadStanza("focus_presence_bridge_down.xml"));
  ASSERT_TRUE(down.ok()) << down.error().ToString();
  EXPECT_TRUE(down->bridge_not_available);
  EXPECT_EQ(down->BridgeCount(), 0);
  EXPECT_EQ(down->recording_status->status, JibriSessionStatus::kOff);
  EXPECT_EQ(down->recording_status->failure_reason, JibriFailureReason::kError);
  EXPECT_EQ(down->recording_status->recording_mode, RecordingMode::kStream);
  EXPECT_TRUE(down->versions.empty());
  EXPECT_FALSE(down->etherpad.has_value());
  ExpectRoundTrip(*down);
}

TEST(FocusPresence, BuildsAndRejects) {
  FocusPresence f;
  f.conference_properties.SetBool(FocusPresence::kSupportTerminateRestart, true);
  f.conference_properties.SetInt(FocusPresence::kBridgeCount, 2);
  f.versions["focus"] = "0.1.0";
  xml::TagPtr tag = f.ToTag();
  const gloox::Tag* props = xml::Child(*tag, "conference-properties", ns::kFocus);
  ASSERT_NE(props, nullptr);
  const auto items = xml::Children(*props, "property");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(xml::AttrOr(*items[1], "key"), "bridge-count");
  EXPECT_EQ(xml::AttrOr(*items[1], "value"), "2");
  EXPECT_EQ(xml::Child(*tag, "bridgeNotAvailable"), nullptr);
  ExpectRoundTrip(f);

  auto bad_key = LoadVariant("focus_presence.xml", "key='bridge-count'", "name='bridge-count'");
  EXPECT_EQ(FocusPresence::Parse(*bad_key).error().code, "xml.missing-attribute");
  auto bad_status = LoadVariant("focus_presence.xml", "status='on'", "status='recording'");
  auto r = FocusPresence::Parse(*bad_status);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "recording-status.bad-status");
  auto bad_initiator = LoadVariant("focus_presence.xml", "initiator='myroom@muc.meet.jitsi/9f8e7d6c'",
                                   "initiator='myroom@/x'");
  EXPECT_EQ(FocusPresence::Parse(*bad_initiator).error().code, "recording-status.bad-initiator");
  auto nameless = LoadVariant("focus_presence.xml", "<component name='focus'>", "<component>");
  EXPECT_EQ(FocusPresence::Parse(*nameless).error().code, "xml.missing-attribute");
}

}  // namespace
}  // namespace meet::signaling::stanzas
