#include "signaling/sdp/jingle_sdp.hpp"

#include <algorithm>
#include <unordered_set>

#include "signaling/sdp/tokens.hpp"

namespace meet::signaling::sdp {
namespace {

using jingle::Content;
using jingle::IceUdpTransport;
using jingle::JingleAction;
using jingle::MediaType;
using jingle::RtpDescription;

constexpr std::string_view kMixedLabel = "mixedmslabel";

Error BadValue(std::string what, std::string_view value, const std::string& where) {
  return MakeError("jingle-sdp.bad-value", what + " '" + Clip(value) + "' cannot be mapped", where);
}

Error TooMany(std::string what, size_t max, const std::string& where) {
  return MakeError("jingle-sdp.too-many", "more than " + std::to_string(max) + " " + what, where);
}

bool HasControl(std::string_view v) {
  return std::any_of(v.begin(), v.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

bool HasSpace(std::string_view v) {
  return std::any_of(v.begin(), v.end(), [](char c) { return c == ' '; });
}

// Structurally valid UTF-8 (what an XML attribute can carry).
bool IsUtf8(std::string_view v) {
  size_t i = 0;
  while (i < v.size()) {
    const auto c = static_cast<unsigned char>(v[i]);
    size_t n = 0;
    if (c < 0x80) {
      n = 0;
    } else if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
      n = 1;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
    } else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= v.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(v[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

// A value written as one SDP token: not empty, no whitespace or control characters.
Status SdpToken(std::string_view value, std::string what, const std::string& where) {
  if (value.empty() || value.size() > kMaxMappedValueBytes || HasControl(value) || HasSpace(value)) {
    return BadValue(std::move(what), value, where);
  }
  return {};
}

// A value written as the rest of an SDP line: no control characters.
Status SdpText(std::string_view value, std::string what, const std::string& where) {
  if (value.size() > kMaxMappedValueBytes || HasControl(value)) return BadValue(std::move(what), value, where);
  return {};
}

// A value put into a Jingle attribute.
Status JingleText(std::string_view value, std::string what, const std::string& where) {
  if (value.size() > kMaxMappedValueBytes || HasControl(value) || !IsUtf8(value)) {
    return BadValue(std::move(what), value, where);
  }
  return {};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsIceChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// ---------------------------------------------------------------- Jingle -> SDP

Direction DirectionFromSenders(std::string_view senders) {
  if (senders == "both") return Direction::kSendRecv;
  if (senders == "initiator") return Direction::kSendOnly;
  if (senders == "responder") return Direction::kRecvOnly;
  if (senders == "none") return Direction::kInactive;
  return Direction::kUnset;
}

// Inverse of the rtp-hdrext senders LJM derives from an extmap direction (see SdpToJingle).
Direction ExtmapDirectionFromSenders(std::string_view senders) {
  if (senders == "responder") return Direction::kSendOnly;
  if (senders == "initiator") return Direction::kRecvOnly;
  if (senders == "none") return Direction::kInactive;
  return Direction::kUnset;  // "both" and absent: no direction written
}

Result<Candidate> CandidateToSdp(const jingle::Candidate& jc, const std::string& where) {
  if (jc.foundation.empty() || jc.foundation.size() > kMaxFoundationLength ||
      !std::all_of(jc.foundation.begin(), jc.foundation.end(), IsIceChar)) {
    return BadValue("candidate foundation", jc.foundation, where);
  }
  if (jc.component == 0) return BadValue("candidate component", "0", where);
  MEET_RETURN_IF_ERROR(SdpToken(jc.protocol, "candidate protocol", where));
  MEET_RETURN_IF_ERROR(SdpToken(jc.ip, "candidate ip", where));
  MEET_RETURN_IF_ERROR(SdpToken(jc.type, "candidate type", where));
  Candidate c;
  c.foundation = jc.foundation;
  c.component = jc.component;
  c.transport = jc.protocol;
  c.priority = jc.priority;
  c.address = jc.ip;
  c.port = jc.port;
  c.type = jc.type;
  if ((jc.type == "srflx" || jc.type == "prflx" || jc.type == "relay") && !jc.rel_addr.empty() &&
      jc.rel_port) {
    MEET_RETURN_IF_ERROR(SdpToken(jc.rel_addr, "candidate rel-addr", where));
    c.rel_addr = jc.rel_addr;
    c.rel_port = jc.rel_port;
  }
  if (Lower(jc.protocol) == "tcp" && !jc.tcptype.empty()) {
    MEET_RETURN_IF_ERROR(SdpToken(jc.tcptype, "candidate tcptype", where));
    c.tcptype = jc.tcptype;
  }
  c.generation = jc.generation;
  return c;
}

Status TransportToSdp(const IceUdpTransport& t, MediaDescription& m, const std::string& where) {
  if (!t.ufrag.empty()) {
    MEET_RETURN_IF_ERROR(SdpText(t.ufrag, "ufrag", where));
    m.ice_ufrag = t.ufrag;
  }
  if (!t.pwd.empty()) {
    MEET_RETURN_IF_ERROR(SdpText(t.pwd, "pwd", where));
    m.ice_pwd = t.pwd;
  }
  for (const auto& f : t.fingerprints) {
    MEET_RETURN_IF_ERROR(SdpToken(f.hash, "fingerprint hash", where));
    MEET_RETURN_IF_ERROR(SdpToken(f.value, "fingerprint", where));
    m.fingerprints.push_back(Fingerprint{f.hash, f.value});
    if (!f.setup.empty()) {
      if (f.setup != "actpass" && f.setup != "active" && f.setup != "passive" && f.setup != "holdconn") {
        return BadValue("fingerprint setup", f.setup, where);
      }
      m.setup = f.setup;
    }
  }
  if (t.candidates.size() > kMaxCandidatesPerMedia) {
    return TooMany("candidates", kMaxCandidatesPerMedia, where);
  }
  for (const auto& jc : t.candidates) {
    auto c = CandidateToSdp(jc, where);
    if (!c) return c.error();
    m.candidates.push_back(std::move(*c));
  }
  return {};
}

std::string FmtpFromParameters(const std::vector<jingle::Parameter>& parameters) {
  std::string s;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (i > 0) s += ';';
    if (!parameters[i].name.empty()) s += parameters[i].name + '=';
    s += parameters[i].value;
  }
  return s;
}

Status RtcpFbToSdp(const jingle::RtcpFb& fb, const std::string& format, MediaDescription& m,
                   const std::string& where) {
  MEET_RETURN_IF_ERROR(SdpToken(fb.type, "rtcp-fb type", where));
  MEET_RETURN_IF_ERROR(SdpText(fb.subtype, "rtcp-fb subtype", where));
  m.rtcp_fbs.push_back(RtcpFb{format, fb.type, fb.subtype});
  return {};
}

Status SourceToSdp(const jingle::Source& s, MediaDescription& m, const JingleToSdpOptions& options,
                   const std::string& where) {
  const auto add = [&](std::string attribute, std::optional<std::string> value) -> Status {
    MEET_RETURN_IF_ERROR(SdpToken(attribute, "source parameter name", where));
    if (attribute.find(':') != std::string::npos) return BadValue("source parameter name", attribute, where);
    if (value) MEET_RETURN_IF_ERROR(SdpText(*value, "source parameter '" + attribute + "'", where));
    m.ssrcs.push_back(SsrcAttribute{s.ssrc, std::move(attribute), std::move(value)});
    return {};
  };
  const auto value_of = [](const std::string& v) {
    std::string f = FilterSpecialChars(v);
    return f.empty() ? std::nullopt : std::optional<std::string>(f);
  };
  for (const auto& p : s.parameters) {
    if (p.name == "cname") MEET_RETURN_IF_ERROR(add(p.name, value_of(p.value)));
  }
  if (!s.msid.empty()) MEET_RETURN_IF_ERROR(add("msid", value_of(s.msid)));
  if (options.include_source_names) {
    if (!s.name.empty()) MEET_RETURN_IF_ERROR(add("name", s.name));
    if (!s.video_type.empty()) MEET_RETURN_IF_ERROR(add("videoType", s.video_type));
  }
  for (const auto& p : s.parameters) {
    if (p.name != "cname" && p.name != "msid") MEET_RETURN_IF_ERROR(add(p.name, value_of(p.value)));
  }
  return {};
}

Status DescriptionToSdp(const RtpDescription& d, MediaDescription& m, const JingleToSdpOptions& options,
                        const std::string& where) {
  m.rtcp_mux = d.rtcp_mux;
  for (const auto& pt : d.payload_types) {
    const std::string id = std::to_string(pt.id);
    if (pt.name.find('/') != std::string::npos) return BadValue("payload-type name", pt.name, where);
    MEET_RETURN_IF_ERROR(SdpToken(pt.name, "payload-type name", where));
    RtpMap r{pt.id, pt.name, pt.clockrate, std::nullopt};
    if (pt.channels != 1) r.channels = pt.channels;
    m.rtpmaps.push_back(std::move(r));
    if (!pt.parameters.empty()) {
      const std::string fmtp = FmtpFromParameters(pt.parameters);
      MEET_RETURN_IF_ERROR(SdpText(fmtp, "fmtp", where));
      m.fmtps.push_back(Fmtp{id, fmtp});
    }
    for (const auto& fb : pt.rtcp_fbs) MEET_RETURN_IF_ERROR(RtcpFbToSdp(fb, id, m, where));
  }
  for (const auto& fb : d.rtcp_fbs) MEET_RETURN_IF_ERROR(RtcpFbToSdp(fb, "*", m, where));
  for (const auto& e : d.header_extensions) {
    if (e.id == 0) return BadValue("rtp-hdrext id", "0", where);
    MEET_RETURN_IF_ERROR(SdpToken(e.uri, "rtp-hdrext uri", where));
    m.extmaps.push_back(ExtMap{e.id, ExtmapDirectionFromSenders(e.senders), e.uri, {}});
  }
  m.extmap_allow_mixed = d.extmap_allow_mixed;
  for (const auto& g : d.ssrc_groups) {
    if (g.ssrcs.empty()) continue;  // LJM writes only groups with sources
    MEET_RETURN_IF_ERROR(SdpToken(g.semantics, "ssrc-group semantics", where));
    if (g.ssrcs.size() > kMaxGroupMembers) return TooMany("SSRCs in a group", kMaxGroupMembers, where);
    m.ssrc_groups.push_back(SsrcGroup{g.semantics, g.ssrcs});
  }
  // The bridge's sources (msid "mixedmslabel …") first: LJM puts them in the first m-line.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& s : d.sources) {
      const bool bridge = s.msid.find(kMixedLabel) != std::string::npos;
      if (bridge == (pass == 0)) MEET_RETURN_IF_ERROR(SourceToSdp(s, m, options, where));
    }
  }
  return {};
}

bool IsDataContent(const Content& c) {
  if (c.transport && c.transport->sctpmap) return true;
  return c.description && c.description->media == MediaType::kApplication;
}

int ContentRank(const Content& c) {
  if (IsDataContent(c)) return 2;
  if (c.description && c.description->media == MediaType::kVideo) return 1;
  return 0;
}

Result<MediaDescription> ContentToSdp(const Content& c, const JingleToSdpOptions& options,
                                      const std::string& where) {
  MediaDescription m;
  const IceUdpTransport* t = c.transport ? &*c.transport : nullptr;
  m.port = c.senders == "rejected" ? 0 : 9;
  if (t != nullptr && t->sctpmap) {
    m.media = "application";
    m.proto = "UDP/DTLS/SCTP";
    m.formats = {"webrtc-datachannel"};
    m.sctp_port = t->sctpmap->number;
    m.max_message_size = kLjmMaxMessageSize;
  } else {
    if (!c.description) {
      return MakeError("jingle-sdp.no-description", "content has neither a description nor an sctpmap", where);
    }
    if (c.description->payload_types.empty()) {
      return MakeError("jingle-sdp.no-payload-types", "RTP content without payload types", where);
    }
    if (c.description->payload_types.size() > kMaxFormats) {
      return TooMany("payload types", kMaxFormats, where);
    }
    m.media = std::string(jingle::ToString(c.description->media));
    for (const auto& pt : c.description->payload_types) m.formats.push_back(std::to_string(pt.id));
    m.rtcp = "1 IN IP4 0.0.0.0";
  }
  m.connection = "IN IP4 0.0.0.0";
  if (t != nullptr) MEET_RETURN_IF_ERROR(TransportToSdp(*t, m, where));
  m.direction = DirectionFromSenders(c.senders);
  MEET_RETURN_IF_ERROR(SdpToken(c.name, "content name", where));
  m.mid = c.name;
  if (c.description && !(t != nullptr && t->sctpmap)) {
    MEET_RETURN_IF_ERROR(DescriptionToSdp(*c.description, m, options, where));
  }
  return m;
}

// 2.8: one m-line per remote SSRC (with the other SSRCs of its first group), numeric mids.
Status Explode(SessionDescription& sd) {
  std::vector<MediaDescription> out;
  std::unordered_set<uint32_t> placed;
  const auto push = [&out](MediaDescription m) -> Status {
    if (out.size() >= kMaxMediaSections) {
      return MakeError("jingle-sdp.too-many-media", "more than " + std::to_string(kMaxMediaSections) + " m-lines");
    }
    m.mid = std::to_string(out.size());
    out.push_back(std::move(m));
    return {};
  };
  for (MediaDescription& m : sd.media) {
    if (m.media == "application" || m.ssrcs.empty()) {
      MEET_RETURN_IF_ERROR(push(std::move(m)));
      continue;
    }
    MediaDescription base = m;
    base.ssrcs.clear();
    base.ssrc_groups.clear();
    base.bundle_only = false;
    bool first = true;
    for (uint32_t ssrc : m.SsrcOrder()) {
      if (placed.count(ssrc) != 0) continue;
      // The SSRC and everything grouped with it, transitively (SIM + its FID pairs form one
      // remote source; LJM only ever sees FID pairs because the focus strips simulcast).
      std::vector<uint32_t> members{ssrc};
      const auto contains = [](const std::vector<uint32_t>& v, uint32_t s) {
        return std::find(v.begin(), v.end(), s) != v.end();
      };
      for (bool grew = true; grew;) {
        grew = false;
        for (const auto& g : m.ssrc_groups) {
          if (!std::any_of(g.ssrcs.begin(), g.ssrcs.end(), [&](uint32_t s) { return contains(members, s); })) {
            continue;
          }
          for (uint32_t s : g.ssrcs) {
            if (!contains(members, s) && placed.count(s) == 0) {
              members.push_back(s);
              grew = true;
            }
          }
        }
      }
      MediaDescription n = base;
      n.direction = first ? Direction::kSendRecv : Direction::kSendOnly;
      first = false;
      for (uint32_t s : members) {
        placed.insert(s);
        for (const auto& a : m.ssrcs) {
          if (a.ssrc == s) n.ssrcs.push_back(a);
        }
      }
      for (const auto& g : m.ssrc_groups) {
        const bool inside = std::all_of(g.ssrcs.begin(), g.ssrcs.end(), [&members](uint32_t s) {
          return std::find(members.begin(), members.end(), s) != members.end();
        });
        if (inside) n.ssrc_groups.push_back(g);
      }
      MEET_RETURN_IF_ERROR(push(std::move(n)));
    }
  }
  sd.media = std::move(out);
  return {};
}

// ---------------------------------------------------------------- SDP -> Jingle

// The session-level value when the media section has none (LJM's findLine(…, session)).
template <typename T>
const T& MediaOrSession(const T& media, const T& session) {
  return media.empty() ? session : media;
}

}  // namespace

std::vector<jingle::Parameter> ParseFmtpParameters(std::string_view text) {
  std::vector<jingle::Parameter> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(pos, end - pos);
    pos = end + 1;
    while (!part.empty() && IsSpace(part.front())) part.remove_prefix(1);
    const size_t eq = part.find('=');
    const std::string_view key = part.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    if (!key.empty() && !value.empty()) {
      out.push_back(jingle::Parameter{std::string(key), std::string(value)});
    } else if (!key.empty()) {
      out.push_back(jingle::Parameter{"", std::string(key)});  // RFC 4733 style "0-15"
    }
    if (end == text.size()) break;
  }
  return out;
}

namespace {

Result<jingle::RtcpFb> RtcpFbToJingle(const RtcpFb& fb, const std::string& where) {
  MEET_RETURN_IF_ERROR(JingleText(fb.type, "rtcp-fb type", where));
  const auto params = SplitTokens(fb.parameters, 1);
  jingle::RtcpFb out{fb.type, params.empty() ? std::string() : std::string(params[0])};
  MEET_RETURN_IF_ERROR(JingleText(out.subtype, "rtcp-fb subtype", where));
  return out;
}

std::string SendersFromExtmapDirection(Direction d) {
  switch (d) {
    case Direction::kSendOnly: return "responder";
    case Direction::kRecvOnly: return "initiator";
    case Direction::kSendRecv: return "both";
    case Direction::kInactive: return "none";
    case Direction::kUnset: break;
  }
  return "";
}

std::string SendersFromDirection(Direction d) {
  switch (d) {
    case Direction::kSendRecv: return "both";
    case Direction::kSendOnly: return "initiator";
    case Direction::kRecvOnly: return "responder";
    case Direction::kInactive: return "none";
    case Direction::kUnset: break;
  }
  return "";
}

// Appends the m-line's sources (name, msid, videoType) and SSRC groups to the description.
Status SourcesToJingle(const MediaDescription& m, RtpDescription& d, const std::string& where) {
  for (uint32_t ssrc : m.SsrcOrder()) {
    if (ssrc == 0) return BadValue("SSRC", "0", where);
    if (d.sources.size() >= jingle::kMaxContentSources) {
      return TooMany("sources", jingle::kMaxContentSources, where);
    }
    jingle::Source s;
    s.ssrc = ssrc;
    if (auto name = m.SsrcAttributeValue(ssrc, "name")) s.name = *name;
    if (m.media == "video") {
      if (auto type = m.SsrcAttributeValue(ssrc, "videoType")) s.video_type = *type;
    }
    if (auto msid = m.SsrcAttributeValue(ssrc, "msid")) s.msid = FilterSpecialChars(*msid);
    MEET_RETURN_IF_ERROR(JingleText(s.name, "source name", where));
    MEET_RETURN_IF_ERROR(JingleText(s.video_type, "videoType", where));
    MEET_RETURN_IF_ERROR(JingleText(s.msid, "msid", where));
    d.sources.push_back(std::move(s));
  }
  for (const auto& g : m.ssrc_groups) {
    if (g.ssrcs.empty()) continue;
    if (d.ssrc_groups.size() >= jingle::kMaxContentSsrcGroups) {
      return TooMany("ssrc-groups", jingle::kMaxContentSsrcGroups, where);
    }
    if (g.ssrcs.size() > jingle::kMaxGroupSources) return TooMany("SSRCs in a group", jingle::kMaxGroupSources, where);
    MEET_RETURN_IF_ERROR(JingleText(g.semantics, "ssrc-group semantics", where));
    for (uint32_t s : g.ssrcs) {
      if (s == 0) return BadValue("SSRC", "0", where);
    }
    d.ssrc_groups.push_back(jingle::SsrcGroup{g.semantics, g.ssrcs});
  }
  return {};
}

Result<RtpDescription> DescriptionToJingle(const SessionDescription& sd, const MediaDescription& m,
                                           MediaType media, bool with_sources, const std::string& where) {
  RtpDescription d;
  d.media = media;
  for (const auto& format : m.formats) {
    auto id = ParseNumber(format, 127);
    if (!id) continue;
    const RtpMap* r = m.FindRtpMap(static_cast<uint8_t>(*id));
    if (r == nullptr) continue;
    if (d.payload_types.size() >= jingle::kMaxPayloadTypes) {
      return TooMany("payload types", jingle::kMaxPayloadTypes, where);
    }
    jingle::PayloadType pt;
    pt.id = r->payload_type;
    pt.name = r->encoding;
    MEET_RETURN_IF_ERROR(JingleText(pt.name, "codec name", where));
    pt.clockrate = r->clock_rate;
    if (r->channels) {
      if (*r->channels == 0) return BadValue("channels", "0", where);
      pt.channels = static_cast<uint8_t>(*r->channels);
    }
    if (const Fmtp* f = m.FindFmtp(format)) {
      pt.parameters = ParseFmtpParameters(f->parameters);
      if (pt.parameters.size() > jingle::kMaxPayloadParameters) {
        return TooMany("fmtp parameters", jingle::kMaxPayloadParameters, where);
      }
      for (const auto& p : pt.parameters) {
        MEET_RETURN_IF_ERROR(JingleText(p.name, "fmtp parameter", where));
        MEET_RETURN_IF_ERROR(JingleText(p.value, "fmtp value", where));
      }
    }
    for (const auto& fb : m.rtcp_fbs) {
      if (fb.format != format || fb.type == "trr-int") continue;
      if (pt.rtcp_fbs.size() >= jingle::kMaxRtcpFbs) return TooMany("rtcp-fbs", jingle::kMaxRtcpFbs, where);
      auto j = RtcpFbToJingle(fb, where);
      if (!j) return j.error();
      pt.rtcp_fbs.push_back(std::move(*j));
    }
    d.payload_types.push_back(std::move(pt));
  }
  if (with_sources) MEET_RETURN_IF_ERROR(SourcesToJingle(m, d, where));
  d.rtcp_mux = m.rtcp_mux;
  for (const auto& fb : m.rtcp_fbs) {
    if (fb.format != "*" || fb.type == "trr-int") continue;
    if (d.rtcp_fbs.size() >= jingle::kMaxDescriptionRtcpFbs) {
      return TooMany("rtcp-fbs", jingle::kMaxDescriptionRtcpFbs, where);
    }
    auto j = RtcpFbToJingle(fb, where);
    if (!j) return j.error();
    d.rtcp_fbs.push_back(std::move(*j));
  }
  const std::vector<ExtMap>& extmaps = MediaOrSession(m.extmaps, sd.extmaps);
  if (extmaps.size() > jingle::kMaxHeaderExtensions) {
    return TooMany("header extensions", jingle::kMaxHeaderExtensions, where);
  }
  for (const auto& e : extmaps) {
    MEET_RETURN_IF_ERROR(JingleText(e.uri, "extmap uri", where));
    d.header_extensions.push_back(jingle::HeaderExtension{e.id, e.uri, SendersFromExtmapDirection(e.direction)});
  }
  d.extmap_allow_mixed = m.extmap_allow_mixed || sd.extmap_allow_mixed;
  return d;
}

std::string CandidateId(const Candidate& c) {
  // Deterministic stand-in for LJM's random id: FNV-1a of the candidate line.
  uint64_t h = 1469598103934665603ull;
  for (char ch : CandidateValue(c)) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id;
  for (int i = 0; i < 10; ++i) {
    id += kDigits[h % 36];
    h /= 36;
  }
  return id;
}

Result<IceUdpTransport> TransportToJingle(const SessionDescription& sd, const MediaDescription& m,
                                          const std::string& where) {
  IceUdpTransport t;
  if (m.sctp_port) {
    t.sctpmap = jingle::SctpMap{*m.sctp_port, "webrtc-datachannel", 0};
  } else if (const Attribute* legacy = m.FindAttribute("sctpmap"); legacy != nullptr && legacy->value) {
    // a=sctpmap:5000 webrtc-datachannel [streams]
    const auto parts = SplitTokens(*legacy->value, 3);
    auto number = parts.empty() ? std::nullopt : ParseNumber(parts[0], 65535);
    if (number && parts.size() >= 2 && parts.size() <= 3) {
      auto streams = parts.size() == 3 ? ParseNumber(parts[2], UINT32_MAX) : std::optional<uint64_t>(0);
      if (streams) {
        MEET_RETURN_IF_ERROR(JingleText(parts[1], "sctpmap protocol", where));
        t.sctpmap = jingle::SctpMap{static_cast<uint16_t>(*number), std::string(parts[1]),
                                    static_cast<uint32_t>(*streams)};
      }
    }
  }
  const std::vector<Fingerprint>& fingerprints = MediaOrSession(m.fingerprints, sd.fingerprints);
  const std::string& setup = MediaOrSession(m.setup, sd.setup);
  const bool cryptex = sd.cryptex || m.FindAttribute("cryptex") != nullptr;
  if (fingerprints.size() > jingle::kMaxFingerprints) {
    return TooMany("fingerprints", jingle::kMaxFingerprints, where);
  }
  for (const auto& f : fingerprints) {
    MEET_RETURN_IF_ERROR(JingleText(f.hash, "fingerprint hash", where));
    MEET_RETURN_IF_ERROR(JingleText(f.value, "fingerprint", where));
    t.fingerprints.push_back(jingle::Fingerprint{f.hash, setup, f.value, cryptex});
  }
  const std::string& ufrag = MediaOrSession(m.ice_ufrag, sd.ice_ufrag);
  const std::string& pwd = MediaOrSession(m.ice_pwd, sd.ice_pwd);
  if (!ufrag.empty() && !pwd.empty()) {
    MEET_RETURN_IF_ERROR(JingleText(ufrag, "ufrag", where));
    MEET_RETURN_IF_ERROR(JingleText(pwd, "pwd", where));
    t.ufrag = ufrag;
    t.pwd = pwd;
    if (m.candidates.size() > jingle::kMaxCandidates) {
      return TooMany("candidates", jingle::kMaxCandidates, where);
    }
    for (const auto& c : m.candidates) {
      if (c.component > 255) return BadValue("candidate component", std::to_string(c.component), where);
      jingle::Candidate jc;
      jc.component = static_cast<uint8_t>(c.component);
      jc.foundation = c.foundation;
      jc.generation = c.generation.value_or(0);
      jc.id = CandidateId(c);
      jc.ip = c.address;
      jc.network = 1;
      jc.port = c.port;
      jc.priority = c.priority;
      jc.protocol = Lower(c.transport);
      jc.type = c.type;
      jc.rel_addr = c.rel_addr;
      jc.rel_port = c.rel_port;
      jc.tcptype = c.tcptype;
      for (const std::string* v : {&jc.foundation, &jc.ip, &jc.protocol, &jc.type, &jc.rel_addr, &jc.tcptype}) {
        MEET_RETURN_IF_ERROR(JingleText(*v, "candidate field", where));
      }
      t.candidates.push_back(std::move(jc));
    }
  }
  return t;
}

}  // namespace

std::string FilterSpecialChars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '\\' && c != '/' && c != '{' && c != ',' && c != '}' && c != '+') out += c;
  }
  return out;
}

Result<SessionDescription> JingleToSdp(const jingle::Jingle& offer, const JingleToSdpOptions& options) {
  std::vector<Content> contents = offer.contents;
  std::stable_sort(contents.begin(), contents.end(),
                   [](const Content& a, const Content& b) { return ContentRank(a) < ContentRank(b); });
  if (offer.json_sources) {
    // LJM expands the json-message into <source>/<ssrc-group> of the audio/video contents.
    for (const Content& extra : jingle::SourceMapToContents(*offer.json_sources)) {
      if (!extra.description) continue;
      for (Content& c : contents) {
        if (!c.description || c.description->media != extra.description->media || IsDataContent(c)) continue;
        auto& d = *c.description;
        d.sources.insert(d.sources.end(), extra.description->sources.begin(), extra.description->sources.end());
        d.ssrc_groups.insert(d.ssrc_groups.end(), extra.description->ssrc_groups.begin(),
                             extra.description->ssrc_groups.end());
        break;
      }
    }
  }
  SessionDescription sd;
  MEET_RETURN_IF_ERROR(SdpToken(options.session_id, "session id", "o="));
  sd.origin.session_id = options.session_id;
  if (contents.size() > kMaxMediaSections) {
    return MakeError("jingle-sdp.too-many-media", "more than " + std::to_string(kMaxMediaSections) + " contents");
  }
  for (size_t i = 0; i < contents.size(); ++i) {
    const Content& c = contents[i];
    if (c.transport) {
      for (const auto& f : c.transport->fingerprints) sd.cryptex = sd.cryptex || f.cryptex;
    }
    auto m = ContentToSdp(c, options, "jingle/content[" + std::to_string(i + 1) + "]");
    if (!m) return m.error();
    sd.media.push_back(std::move(*m));
  }
  if (options.explode_sources) {
    MEET_RETURN_IF_ERROR(Explode(sd));
    if (!offer.bundle.empty()) {
      Group g{"BUNDLE", {}};
      for (const auto& m : sd.media) g.mids.push_back(m.mid);
      if (g.mids.size() > kMaxGroupMembers) {
        return MakeError("jingle-sdp.too-many-media", "BUNDLE of more than " + std::to_string(kMaxGroupMembers) +
                                                          " m-lines");
      }
      sd.groups.push_back(std::move(g));
    }
    sd.origin.session_version = "3";  // LJM bumps the version after regenerating
  } else if (!offer.bundle.empty()) {
    if (offer.bundle.size() > kMaxGroupMembers) {
      return MakeError("jingle-sdp.too-many-media", "BUNDLE of more than " + std::to_string(kMaxGroupMembers));
    }
    Group g{"BUNDLE", {}};
    for (const auto& name : offer.bundle) {
      MEET_RETURN_IF_ERROR(SdpToken(name, "bundle content name", "jingle/group"));
      g.mids.push_back(name);
    }
    sd.groups.push_back(std::move(g));
  }
  sd.msid_semantic = MsidSemantic{"WMS", {"*"}};
  return sd;
}

Result<jingle::Jingle> SdpToJingle(const SessionDescription& answer, JingleAction action,
                                   std::string_view creator, const SdpToJingleOptions& options) {
  jingle::Jingle j;
  j.action = action;
  const bool sources_only = action == JingleAction::kSourceAdd || action == JingleAction::kSourceRemove;
  MEET_RETURN_IF_ERROR(JingleText(creator, "creator", "jingle"));
  for (size_t i = 0; i < answer.media.size(); ++i) {
    const MediaDescription& m = answer.media[i];
    const std::string where = "m-line[" + std::to_string(i + 1) + "]";
    const auto media = jingle::ParseMediaType(m.media);
    if (!media) continue;  // neither audio, video nor application: LJM has no content for it
    const std::string name = *media == MediaType::kApplication ? "data" : m.media;
    const bool with_sources = *media != MediaType::kApplication && !m.ssrcs.empty() &&
                              m.direction != Direction::kRecvOnly;
    if (Content* existing = j.FindContent(name)) {
      // Another m-line of a type already seen: only its sources and groups are added.
      if (with_sources) {
        if (!existing->description) existing->description = RtpDescription{*media};
        MEET_RETURN_IF_ERROR(SourcesToJingle(m, *existing->description, where));
      }
      continue;
    }
    Content c;
    c.name = name;
    if (sources_only) {
      if (!with_sources) continue;
      RtpDescription d;
      d.media = *media;
      MEET_RETURN_IF_ERROR(SourcesToJingle(m, d, where));
      c.description = std::move(d);
      j.contents.push_back(std::move(c));
      continue;
    }
    c.creator = std::string(creator);
    if (*media == MediaType::kVideo && options.initial_last_n) c.initial_last_n = options.initial_last_n;
    if (*media != MediaType::kApplication) {
      auto d = DescriptionToJingle(answer, m, *media, with_sources, where);
      if (!d) return d.error();
      c.description = std::move(*d);
    }
    auto t = TransportToJingle(answer, m, where);
    if (!t) return t.error();
    c.transport = std::move(*t);
    c.senders = SendersFromDirection(m.direction);
    if (m.port == 0 && !m.bundle_only) c.senders = "rejected";
    if (j.contents.size() >= jingle::kMaxContents) return TooMany("contents", jingle::kMaxContents, where);
    j.contents.push_back(std::move(c));
  }
  // Sources of later m-lines may belong to a content that came before.
  for (const auto& c : j.contents) {
    if (c.description && c.description->sources.size() > jingle::kMaxContentSources) {
      return TooMany("sources", jingle::kMaxContentSources, "jingle/content");
    }
  }
  if (!sources_only && answer.FindGroup("BUNDLE") != nullptr) {
    for (const auto& c : j.contents) j.bundle.push_back(c.name);
  }
  return j;
}

}  // namespace meet::signaling::sdp
