#include "signaling/sdp/session_meaning.hpp"

#include <algorithm>

#include "signaling/sdp/jingle_sdp.hpp"
#include "signaling/sdp/tokens.hpp"

namespace meet::signaling::sdp {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

template <typename T>
void Sort(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
}

std::vector<std::string> NormalisedFmtp(std::string_view fmtp) {
  std::vector<std::string> out;
  for (const auto& p : ParseFmtpParameters(fmtp)) out.push_back(p.name.empty() ? p.value : p.name + '=' + p.value);
  Sort(out);
  return out;
}

std::string JoinFmtp(const std::vector<jingle::Parameter>& parameters) {
  std::string s;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (i > 0) s += ';';
    if (!parameters[i].name.empty()) s += parameters[i].name + '=';
    s += parameters[i].value;
  }
  return s;
}

std::string Fb(std::string_view type, std::string_view subtype) {
  std::string s(type);
  if (!subtype.empty()) s += ' ' + std::string(subtype);
  return s;
}

std::string SdpFb(const RtcpFb& fb) {
  const auto params = SplitTokens(fb.parameters, 1);
  return Fb(fb.type, params.empty() ? std::string_view() : params[0]);
}

std::string CandidateKey(std::string_view foundation, uint32_t component, std::string_view protocol,
                         uint32_t priority, std::string_view ip, uint32_t port, std::string_view type,
                         std::string_view rel_addr, std::optional<uint16_t> rel_port,
                         std::string_view tcptype, uint32_t generation) {
  std::string s = std::string(foundation) + ' ' + std::to_string(component) + ' ' + Lower(protocol) + ' ' +
                  std::to_string(priority) + ' ' + std::string(ip) + ' ' + std::to_string(port) + " typ " +
                  std::string(type);
  if ((type == "srflx" || type == "prflx" || type == "relay") && !rel_addr.empty() && rel_port) {
    s += " raddr " + std::string(rel_addr) + " rport " + std::to_string(*rel_port);
  }
  if (Lower(protocol) == "tcp" && !tcptype.empty()) s += " tcptype " + std::string(tcptype);
  s += " generation " + std::to_string(generation);
  return s;
}

std::string ExtDirection(Direction d) {
  return d == Direction::kSendRecv || d == Direction::kUnset ? std::string() : std::string(ToString(d));
}

std::string ExtDirectionFromSenders(std::string_view senders) {
  if (senders == "responder") return "sendonly";
  if (senders == "initiator") return "recvonly";
  if (senders == "none") return "inactive";
  return "";
}

std::string ExtKey(uint32_t id, std::string_view uri, const std::string& direction) {
  std::string s = std::to_string(id) + ' ' + std::string(uri);
  if (!direction.empty()) s += ' ' + direction;
  return s;
}

std::string SourceValue(std::string_view name, std::string_view msid, std::string_view video_type) {
  return std::string(name) + '|' + FilterSpecialChars(msid) + '|' + std::string(video_type);
}

std::string GroupKey(std::string_view semantics, const std::vector<uint32_t>& ssrcs) {
  std::string s(semantics);
  for (uint32_t x : ssrcs) s += ' ' + std::to_string(x);
  return s;
}

std::string KindOf(const MediaDescription& m) { return m.media == "application" ? "data" : m.media; }

int Rank(const std::string& kind) { return kind == "audio" ? 0 : kind == "video" ? 1 : 2; }

void SortMedia(std::vector<MediaMeaning>& media) {
  std::stable_sort(media.begin(), media.end(),
                   [](const MediaMeaning& a, const MediaMeaning& b) { return Rank(a.kind) < Rank(b.kind); });
}

void AddSdpSources(const MediaDescription& m, MediaMeaning& out) {
  if (m.direction == Direction::kRecvOnly || m.media == "application") return;
  for (uint32_t ssrc : m.SsrcOrder()) {
    const std::string name = m.SsrcAttributeValue(ssrc, "name").value_or("");
    const std::string msid = m.SsrcAttributeValue(ssrc, "msid").value_or("");
    const std::string video_type = m.media == "video" ? m.SsrcAttributeValue(ssrc, "videoType").value_or("") : "";
    out.sources[ssrc] = SourceValue(name, msid, video_type);
  }
  for (const auto& g : m.ssrc_groups) out.groups.push_back(GroupKey(g.semantics, g.ssrcs));
}

MediaMeaning FirstSdpMedia(const SessionDescription& sd, const MediaDescription& m) {
  MediaMeaning out;
  out.kind = KindOf(m);
  out.direction = m.port == 0 && !m.bundle_only ? "rejected" : std::string(ToString(m.direction));
  out.rtcp_mux = m.rtcp_mux;
  if (out.kind != "data") {
    out.extmap_allow_mixed = m.extmap_allow_mixed || sd.extmap_allow_mixed;
    for (const auto& format : m.formats) {
      auto id = ParseNumber(format, 127);
      if (!id) continue;
      const RtpMap* r = m.FindRtpMap(static_cast<uint8_t>(*id));
      if (r == nullptr) continue;
      CodecMeaning c;
      c.id = r->payload_type;
      c.name = Lower(r->encoding);
      c.clock_rate = r->clock_rate;
      c.channels = r->channels.value_or(1);
      if (const Fmtp* f = m.FindFmtp(format)) c.fmtp = NormalisedFmtp(f->parameters);
      for (const auto& fb : m.rtcp_fbs) {
        if (fb.format == format && fb.type != "trr-int") c.rtcp_fb.push_back(SdpFb(fb));
      }
      Sort(c.rtcp_fb);
      out.codecs.push_back(std::move(c));
    }
    for (const auto& fb : m.rtcp_fbs) {
      if (fb.format == "*" && fb.type != "trr-int") out.wildcard_fb.push_back(SdpFb(fb));
    }
    for (const auto& e : m.extmaps.empty() ? sd.extmaps : m.extmaps) {
      out.extensions.push_back(ExtKey(e.id, e.uri, ExtDirection(e.direction)));
    }
  }
  const std::string& setup = m.setup.empty() ? sd.setup : m.setup;
  for (const auto& f : m.fingerprints.empty() ? sd.fingerprints : m.fingerprints) {
    out.fingerprints.push_back(Lower(f.hash) + ' ' + Upper(f.value) + ' ' + setup);
  }
  out.ufrag = m.ice_ufrag.empty() ? sd.ice_ufrag : m.ice_ufrag;
  out.pwd = m.ice_pwd.empty() ? sd.ice_pwd : m.ice_pwd;
  for (const auto& c : m.candidates) {
    out.candidates.push_back(CandidateKey(c.foundation, c.component, c.transport, c.priority, c.address, c.port,
                                          c.type, c.rel_addr, c.rel_port, c.tcptype, c.generation.value_or(0)));
  }
  out.sctp_port = m.sctp_port;
  return out;
}

void Finish(MediaMeaning& m) {
  std::sort(m.codecs.begin(), m.codecs.end(),
            [](const CodecMeaning& a, const CodecMeaning& b) { return a.id < b.id; });
  Sort(m.wildcard_fb);
  Sort(m.extensions);
  Sort(m.groups);
  Sort(m.fingerprints);
  Sort(m.candidates);
}

std::string DirectionFromSenders(std::string_view senders) {
  if (senders == "both") return "sendrecv";
  if (senders == "initiator") return "sendonly";
  if (senders == "responder") return "recvonly";
  if (senders == "none") return "inactive";
  if (senders == "rejected") return "rejected";
  return "";
}

}  // namespace

SessionMeaning MeaningOf(const SessionDescription& sd) {
  SessionMeaning out;
  out.bundle = sd.FindGroup("BUNDLE") != nullptr;
  for (const auto& m : sd.media) {
    const std::string kind = KindOf(m);
    if (kind != "audio" && kind != "video" && kind != "data") continue;
    auto it = std::find_if(out.media.begin(), out.media.end(), [&](const MediaMeaning& x) { return x.kind == kind; });
    if (it == out.media.end()) {
      out.media.push_back(FirstSdpMedia(sd, m));
      it = out.media.end() - 1;
    }
    AddSdpSources(m, *it);
  }
  for (auto& m : out.media) Finish(m);
  SortMedia(out.media);
  return out;
}

SessionMeaning MeaningOf(const jingle::Jingle& j) {
  SessionMeaning out;
  out.bundle = !j.bundle.empty();
  std::vector<jingle::Content> contents = j.contents;
  if (j.json_sources) {
    for (const auto& extra : jingle::SourceMapToContents(*j.json_sources)) {
      if (!extra.description) continue;
      for (auto& c : contents) {
        const bool data = (c.transport && c.transport->sctpmap) ||
                          (c.description && c.description->media == jingle::MediaType::kApplication);
        if (data || !c.description || c.description->media != extra.description->media) continue;
        auto& d = *c.description;
        d.sources.insert(d.sources.end(), extra.description->sources.begin(), extra.description->sources.end());
        d.ssrc_groups.insert(d.ssrc_groups.end(), extra.description->ssrc_groups.begin(),
                             extra.description->ssrc_groups.end());
        break;
      }
    }
  }
  for (const auto& c : contents) {
    MediaMeaning m;
    const bool data = (c.transport && c.transport->sctpmap) ||
                      (c.description && c.description->media == jingle::MediaType::kApplication);
    m.kind = data ? "data" : c.description ? std::string(jingle::ToString(c.description->media)) : c.name;
    m.direction = DirectionFromSenders(c.senders);
    if (c.description && !data) {
      const auto& d = *c.description;
      m.rtcp_mux = d.rtcp_mux;
      m.extmap_allow_mixed = d.extmap_allow_mixed;
      for (const auto& pt : d.payload_types) {
        CodecMeaning cm;
        cm.id = pt.id;
        cm.name = Lower(pt.name);
        cm.clock_rate = pt.clockrate;
        cm.channels = pt.channels;
        cm.fmtp = NormalisedFmtp(JoinFmtp(pt.parameters));
        for (const auto& fb : pt.rtcp_fbs) cm.rtcp_fb.push_back(Fb(fb.type, fb.subtype));
        Sort(cm.rtcp_fb);
        m.codecs.push_back(std::move(cm));
      }
      for (const auto& fb : d.rtcp_fbs) m.wildcard_fb.push_back(Fb(fb.type, fb.subtype));
      for (const auto& e : d.header_extensions) {
        m.extensions.push_back(ExtKey(e.id, e.uri, ExtDirectionFromSenders(e.senders)));
      }
      for (const auto& s : d.sources) {
        m.sources[s.ssrc] = SourceValue(s.name, s.msid, d.media == jingle::MediaType::kVideo ? s.video_type : "");
      }
      for (const auto& g : d.ssrc_groups) {
        if (!g.ssrcs.empty()) m.groups.push_back(GroupKey(g.semantics, g.ssrcs));
      }
    }
    if (c.transport) {
      const auto& t = *c.transport;
      if (!t.ufrag.empty() && !t.pwd.empty()) {
        m.ufrag = t.ufrag;
        m.pwd = t.pwd;
      }
      std::string setup;
      for (const auto& f : t.fingerprints) {
        if (!f.setup.empty()) setup = f.setup;
      }
      for (const auto& f : t.fingerprints) m.fingerprints.push_back(Lower(f.hash) + ' ' + Upper(f.value) + ' ' + setup);
      for (const auto& cd : t.candidates) {
        m.candidates.push_back(CandidateKey(cd.foundation, cd.component, cd.protocol, cd.priority, cd.ip, cd.port,
                                            cd.type, cd.rel_addr, cd.rel_port, cd.tcptype, cd.generation));
      }
      if (t.sctpmap) m.sctp_port = t.sctpmap->number;
    }
    Finish(m);
    out.media.push_back(std::move(m));
  }
  SortMedia(out.media);
  return out;
}

std::string SessionMeaning::ToString() const {
  std::string s = std::string("bundle=") + (bundle ? "yes" : "no") + "\n";
  const auto list = [&s](const char* what, const std::vector<std::string>& items) {
    for (const auto& i : items) s += std::string("  ") + what + ": " + i + "\n";
  };
  for (const auto& m : media) {
    s += m.kind + " direction=" + m.direction + " rtcp-mux=" + (m.rtcp_mux ? "1" : "0") +
         " allow-mixed=" + (m.extmap_allow_mixed ? "1" : "0") + " ufrag=" + m.ufrag + " pwd=" + m.pwd +
         " sctp=" + (m.sctp_port ? std::to_string(*m.sctp_port) : "-") + "\n";
    for (const auto& c : m.codecs) {
      s += "  codec " + std::to_string(c.id) + ' ' + c.name + '/' + std::to_string(c.clock_rate) + '/' +
           std::to_string(c.channels);
      for (const auto& f : c.fmtp) s += " fmtp:" + f;
      for (const auto& f : c.rtcp_fb) s += " fb:" + f;
      s += "\n";
    }
    list("fb*", m.wildcard_fb);
    list("ext", m.extensions);
    for (const auto& [ssrc, v] : m.sources) s += "  source " + std::to_string(ssrc) + ' ' + v + "\n";
    list("group", m.groups);
    list("fingerprint", m.fingerprints);
    list("candidate", m.candidates);
  }
  return s;
}

}  // namespace meet::signaling::sdp
