#include "focus/offer_builder.hpp"

#include <utility>

namespace meet::focus {

using signaling::jingle::Content;
using signaling::jingle::EndpointSourceSet;
using signaling::jingle::HeaderExtension;
using signaling::jingle::Jingle;
using signaling::jingle::JingleAction;
using signaling::jingle::MediaType;
using signaling::jingle::Parameter;
using signaling::jingle::PayloadType;
using signaling::jingle::RtcpFb;
using signaling::jingle::RtpDescription;
using signaling::jingle::SourceMap;
namespace hdrext = signaling::jingle::hdrext;

namespace {

PayloadType Pt(uint8_t id, std::string name, uint32_t clockrate, uint8_t channels = 1) {
  PayloadType pt;
  pt.id = id;
  pt.name = std::move(name);
  pt.clockrate = clockrate;
  pt.channels = channels;
  return pt;
}

std::vector<RtcpFb> VideoFeedback(const ParticipantFeatures& f) {
  std::vector<RtcpFb> fbs = {{"ccm", "fir"}, {"nack", ""}, {"nack", "pli"}};
  if (f.remb && !f.tcc) fbs.push_back({"goog-remb", ""});
  if (f.tcc) fbs.push_back({"transport-cc", ""});
  return fbs;
}

PayloadType Rtx(uint8_t id, uint8_t apt, bool with_feedback) {
  PayloadType pt = Pt(id, "rtx", 90000);
  pt.parameters.push_back({"apt", std::to_string(apt)});
  if (with_feedback) pt.rtcp_fbs = {{"ccm", "fir"}, {"nack", ""}, {"nack", "pli"}};
  return pt;
}

}  // namespace

RtpDescription OfferBuilder::AudioDescription(const ParticipantFeatures& f) {
  RtpDescription d;
  d.media = MediaType::kAudio;
  d.maxptime = 60;
  PayloadType opus = Pt(offer::kOpus, "opus", 48000, 2);
  opus.parameters = {{"minptime", "10"}, {"useinbandfec", "1"}};
  if (f.tcc) opus.rtcp_fbs.push_back({"transport-cc", ""});
  d.payload_types.push_back(std::move(opus));
  d.payload_types.push_back(Pt(offer::kTelephoneEvent, "telephone-event", 8000));
  d.header_extensions.push_back({offer::kExtAudioLevel, hdrext::kAudioLevel, ""});
  d.header_extensions.push_back({offer::kExtMid, hdrext::kMid, ""});
  if (f.tcc) d.header_extensions.push_back({offer::kExtTransportCc, hdrext::kTransportCc, ""});
  d.extmap_allow_mixed = true;
  d.rtcp_mux = true;
  return d;
}

RtpDescription OfferBuilder::VideoDescription(const ParticipantFeatures& f) {
  RtpDescription d;
  d.media = MediaType::kVideo;
  const std::vector<RtcpFb> fbs = VideoFeedback(f);
  PayloadType av1 = Pt(offer::kAv1, "AV1", 90000);
  av1.rtcp_fbs = fbs;
  PayloadType vp8 = Pt(offer::kVp8, "VP8", 90000);
  vp8.rtcp_fbs = fbs;
  PayloadType h264 = Pt(offer::kH264, "H264", 90000);
  h264.parameters.push_back(
      {"profile-level-id", "42e01f;level-asymmetry-allowed=1;packetization-mode=1;"});
  h264.rtcp_fbs = fbs;
  PayloadType vp9 = Pt(offer::kVp9, "VP9", 90000);
  vp9.rtcp_fbs = fbs;
  d.payload_types = {std::move(av1), std::move(vp8), std::move(h264), std::move(vp9)};
  if (f.rtx) {
    d.payload_types.push_back(Rtx(offer::kAv1Rtx, offer::kAv1, true));
    d.payload_types.push_back(Rtx(offer::kVp8Rtx, offer::kVp8, true));
    d.payload_types.push_back(Rtx(offer::kVp9Rtx, offer::kVp9, true));
    d.payload_types.push_back(Rtx(offer::kH264Rtx, offer::kH264, false));
  }
  d.header_extensions.push_back(
      {offer::kExtAv1DependencyDescriptor, hdrext::kAv1DependencyDescriptor, ""});
  d.header_extensions.push_back({offer::kExtMid, hdrext::kMid, ""});
  d.header_extensions.push_back({offer::kExtAbsSendTime, hdrext::kAbsSendTime, ""});
  if (f.tcc) d.header_extensions.push_back({offer::kExtTransportCc, hdrext::kTransportCc, ""});
  d.extmap_allow_mixed = true;
  d.rtcp_mux = true;
  return d;
}

std::vector<signaling::colibri2::Media> OfferBuilder::ColibriMedias(const ParticipantFeatures& f) {
  std::vector<signaling::colibri2::Media> medias;
  auto add = [&](const RtpDescription& d) {
    signaling::colibri2::Media m;
    m.type = d.media;
    m.payload_types = d.payload_types;
    m.header_extensions = d.header_extensions;
    m.extmap_allow_mixed = d.extmap_allow_mixed;
    medias.push_back(std::move(m));
  };
  if (f.audio) add(AudioDescription(f));
  if (f.video) add(VideoDescription(f));
  return medias;
}

Jingle OfferBuilder::SessionInitiate(const ParticipantFeatures& f,
                                     const SessionInitiateParams& params) {
  Jingle j;
  j.action = JingleAction::kSessionInitiate;
  j.sid = params.sid;
  j.initiator = params.initiator;
  signaling::jingle::IceUdpTransport transport = params.bridge_transport;
  transport.sctpmap.reset();
  auto content = [&](const char* name) {
    Content c;
    c.creator = "initiator";
    c.name = name;
    c.senders = "both";
    c.transport = transport;
    return c;
  };
  if (f.audio) {
    Content c = content("audio");
    c.description = AudioDescription(f);
    j.contents.push_back(std::move(c));
  }
  if (f.video) {
    Content c = content("video");
    c.description = VideoDescription(f);
    j.contents.push_back(std::move(c));
  }
  if (f.sctp && params.sctp_port) {
    Content c = content("data");
    RtpDescription d;
    d.media = MediaType::kApplication;
    c.description = std::move(d);
    signaling::jingle::SctpMap map;
    map.number = *params.sctp_port;
    map.protocol = "webrtc-datachannel";
    map.streams = offer::kSctpStreams;
    c.transport->sctpmap = map;
    j.contents.push_back(std::move(c));
  }
  for (const Content& c : j.contents) j.bundle.push_back(c.name);
  j.bridge_session = params.bridge_session;
  j.json_sources = params.sources;
  return j;
}

SourceMap OfferBuilder::SourcesForReceiver(const SourceMap& conference, std::string_view receiver,
                                           const EndpointSourceSet& feedback) {
  SourceMap out;
  for (const auto& [owner, set] : conference) {
    if (owner == receiver || owner == signaling::jingle::kBridgeOwner) continue;
    EndpointSourceSet stripped = signaling::jingle::StripSimulcast(set);
    if (!stripped.Empty()) out.emplace(owner, std::move(stripped));
  }
  if (!feedback.Empty()) {
    EndpointSourceSet jvb = feedback;
    for (auto& ts : jvb.sources) {
      ts.source.owner = signaling::jingle::kBridgeOwner;
      ts.source.msid = ts.media == MediaType::kAudio ? offer::kFeedbackMsidAudio
                                                     : offer::kFeedbackMsidVideo;
    }
    out[signaling::jingle::kBridgeOwner] = std::move(jvb);
  }
  return out;
}

}  // namespace meet::focus
