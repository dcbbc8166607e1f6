#include "tests/interop/media/chromium/sdp_answer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace meet::test::chromium {

namespace sdp = signaling::sdp;

namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<uint8_t> FindCodec(const sdp::MediaDescription& m, std::string_view encoding) {
  // The first offered payload type wins: formats are in preference order.
  for (const std::string& format : m.formats) {
    for (const sdp::RtpMap& r : m.rtpmaps) {
      if (std::to_string(r.payload_type) == format && EqualsNoCase(r.encoding, encoding)) {
        return r.payload_type;
      }
    }
  }
  return std::nullopt;
}

// SSRCs in a=ssrc order, split into primaries and FID (RTX) secondaries.
void SplitSsrcs(const sdp::MediaDescription& m, std::vector<uint32_t>& primaries,
                std::vector<uint32_t>* rtx) {
  std::vector<uint32_t> secondaries;
  for (const sdp::SsrcGroup& g : m.ssrc_groups) {
    if (g.semantics == "FID" && g.ssrcs.size() == 2) secondaries.push_back(g.ssrcs[1]);
  }
  for (uint32_t ssrc : m.SsrcOrder()) {
    const bool secondary =
        std::find(secondaries.begin(), secondaries.end(), ssrc) != secondaries.end();
    if (!secondary) {
      primaries.push_back(ssrc);
    } else if (rtx) {
      rtx->push_back(ssrc);
    }
  }
}

bool IsDataChannel(const sdp::MediaDescription& m) {
  return m.media == "application" &&
         std::find(m.formats.begin(), m.formats.end(), "webrtc-datachannel") != m.formats.end();
}

}  // namespace

Result<OfferInfo> InspectOffer(const sdp::SessionDescription& offer) {
  OfferInfo info;
  const sdp::Group* bundle = offer.FindGroup("BUNDLE");
  if (!bundle || bundle->mids.empty()) {
    return MakeError("interop.offer-no-bundle", "the offer has no a=group:BUNDLE");
  }
  info.bundle_mid = bundle->mids.front();
  const sdp::MediaDescription* tag = nullptr;
  for (size_t i = 0; i < offer.media.size(); ++i) {
    if (offer.media[i].mid == info.bundle_mid) {
      tag = &offer.media[i];
      info.bundle_index = i;
      break;
    }
  }
  if (!tag) {
    return MakeError("interop.offer-no-bundle",
                     "no m-line has the first BUNDLE mid '" + info.bundle_mid + "'");
  }
  info.ice_ufrag = !tag->ice_ufrag.empty() ? tag->ice_ufrag : offer.ice_ufrag;
  info.ice_pwd = !tag->ice_pwd.empty() ? tag->ice_pwd : offer.ice_pwd;
  if (info.ice_ufrag.empty() || info.ice_pwd.empty()) {
    return MakeError("interop.offer-no-ice", "no a=ice-ufrag/a=ice-pwd for mid " + tag->mid);
  }
  const auto& fingerprints = !tag->fingerprints.empty() ? tag->fingerprints : offer.fingerprints;
  if (fingerprints.empty()) {
    return MakeError("interop.offer-no-fingerprint", "no a=fingerprint for mid " + tag->mid);
  }
  info.fingerprint = fingerprints.front();
  info.setup = !tag->setup.empty() ? tag->setup : offer.setup;
  for (const sdp::Candidate& c : tag->candidates) {
    if (EqualsNoCase(c.transport, "udp") && c.component == 1) info.candidates.push_back(c);
  }

  for (const sdp::MediaDescription& m : offer.media) {
    if (m.port == 0) continue;  // rejected / stopped
    if (m.media == "audio" && info.audio_mid.empty()) {
      info.audio_mid = m.mid;
      info.opus_payload_type = FindCodec(m, "opus");
      if (!info.opus_payload_type) {
        return MakeError("interop.offer-no-opus", "audio m-line " + m.mid + " offers no opus");
      }
      SplitSsrcs(m, info.audio_ssrcs, nullptr);
    } else if (m.media == "video" && info.video_mid.empty()) {
      info.video_mid = m.mid;
      info.vp8_payload_type = FindCodec(m, "VP8");
      if (!info.vp8_payload_type) {
        return MakeError("interop.offer-no-vp8", "video m-line " + m.mid + " offers no VP8");
      }
      SplitSsrcs(m, info.video_ssrcs, &info.video_rtx_ssrcs);
    } else if (IsDataChannel(m) && info.data_mid.empty()) {
      info.data_mid = m.mid;
      info.sctp_port = m.sctp_port;
    }
  }
  return info;
}

Result<sdp::SessionDescription> BuildAnswer(const sdp::SessionDescription& offer,
                                            const OfferInfo& info, const LocalTransport& local) {
  if (local.setup != "passive" && local.setup != "active") {
    return MakeError("interop.bad-setup", "answer setup must be passive or active, not '" +
                                              local.setup + "'");
  }
  sdp::SessionDescription answer;
  answer.origin.session_id = "4611731400430051336";
  answer.origin.session_version = "2";
  answer.origin.address = "127.0.0.1";
  answer.msid_semantic = sdp::MsidSemantic{"WMS", {}};
  sdp::Group bundle{"BUNDLE", {}};

  const auto add_transport = [&](sdp::MediaDescription& m) {
    m.connection = "IN IP4 0.0.0.0";
    m.ice_ufrag = local.ice_ufrag;
    m.ice_pwd = local.ice_pwd;
    m.fingerprints = {sdp::Fingerprint{local.fingerprint_hash, local.fingerprint}};
    m.setup = local.setup;
    if (local.trickle) m.ice_options = "trickle";
    if (bundle.mids.empty()) {  // the first accepted m-line carries the candidates
      m.candidates = local.candidates;
      m.end_of_candidates = !local.trickle;
    }
    bundle.mids.push_back(m.mid);
  };

  for (const sdp::MediaDescription& offered : offer.media) {
    sdp::MediaDescription m;
    m.media = offered.media;
    m.proto = offered.proto;
    m.mid = offered.mid;
    const bool accept_audio = offered.port != 0 && offered.mid == info.audio_mid &&
                              info.opus_payload_type.has_value();
    const bool accept_video = offered.port != 0 && offered.mid == info.video_mid &&
                              info.vp8_payload_type.has_value();
    const bool accept_data = offered.port != 0 && offered.mid == info.data_mid;
    if (accept_audio || accept_video) {
      const uint8_t pt = accept_audio ? *info.opus_payload_type : *info.vp8_payload_type;
      const std::string format = std::to_string(pt);
      m.formats = {format};
      add_transport(m);
      m.direction = sdp::Direction::kRecvOnly;
      m.rtcp_mux = true;
      m.rtcp_rsize = offered.rtcp_rsize;
      if (const sdp::RtpMap* r = offered.FindRtpMap(pt)) m.rtpmaps.push_back(*r);
      for (const sdp::RtcpFb& fb : offered.rtcp_fbs) {
        const bool wanted = fb.type == "nack" || (fb.type == "ccm" && fb.parameters == "fir");
        if (fb.format == format && wanted) m.rtcp_fbs.push_back(fb);
      }
      if (const sdp::Fmtp* f = offered.FindFmtp(format)) m.fmtps.push_back(*f);
    } else if (accept_data) {
      m.formats = offered.formats;
      add_transport(m);
      m.sctp_port = kSctpPort;
      m.max_message_size = kMaxMessageSize;
    } else {
      // Rejected: port 0, same formats, not in the BUNDLE group (RFC 8843 section 7.3.3).
      m.port = 0;
      m.formats = offered.formats;
      m.connection = "IN IP4 0.0.0.0";
      m.direction = sdp::Direction::kInactive;
      if (!offered.rtpmaps.empty()) m.rtpmaps.push_back(offered.rtpmaps.front());
    }
    answer.media.push_back(std::move(m));
  }
  if (!bundle.mids.empty()) answer.groups.push_back(std::move(bundle));
  return answer;
}

}  // namespace meet::test::chromium
