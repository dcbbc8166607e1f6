#include "signaling/sdp/session_description.hpp"

#include <array>
#include <unordered_set>

#include "signaling/sdp/tokens.hpp"

namespace meet::signaling::sdp {
namespace {

// Parsing state for one line: its number, for errors.
struct LineContext {
  size_t number = 0;
  std::string Where() const { return "line " + std::to_string(number); }
  Error Fail(std::string code, std::string text) const {
    return MakeError(std::move(code), std::move(text), Where());
  }
};

struct AttributeParts {
  std::string_view name;
  std::optional<std::string_view> value;
};

AttributeParts SplitAttribute(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return {text, std::nullopt};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

Attribute MakeAttribute(const AttributeParts& parts) {
  Attribute a;
  a.name = std::string(parts.name);
  if (parts.value) a.value = std::string(*parts.value);
  return a;
}

Result<Fingerprint> ParseFingerprint(std::string_view value, const LineContext& ctx) {
  const auto t = SplitTokens(value, 2);
  if (t.size() != 2) return ctx.Fail("sdp.bad-fingerprint", "expected '<hash> <fingerprint>'");
  return Fingerprint{std::string(t[0]), std::string(t[1])};
}

Result<std::string> ParseSetup(std::string_view value, const LineContext& ctx) {
  if (value == "actpass" || value == "active" || value == "passive" || value == "holdconn") {
    return std::string(value);
  }
  return ctx.Fail("sdp.bad-setup", "unknown setup role '" + Clip(value) + "'");
}

Result<ExtMap> ParseExtMap(std::string_view value, const LineContext& ctx) {
  const HeadRest hr = SplitHead(value);
  ExtMap e;
  std::string_view id_text = hr.head;
  const size_t slash = id_text.find('/');
  if (slash != std::string_view::npos) {
    auto direction = ParseDirection(id_text.substr(slash + 1));
    if (!direction) {
      return ctx.Fail("sdp.bad-extmap", "bad direction '" + Clip(id_text.substr(slash + 1)) + "'");
    }
    e.direction = *direction;
    id_text = id_text.substr(0, slash);
  }
  auto id = ParseNumber(id_text, 255);
  if (!id || *id == 0) return ctx.Fail("sdp.bad-extmap", "bad id '" + Clip(id_text) + "' (1..255)");
  e.id = static_cast<uint8_t>(*id);
  const HeadRest uri = SplitHead(hr.rest);
  if (uri.head.empty()) return ctx.Fail("sdp.bad-extmap", "missing URI");
  e.uri = std::string(uri.head);
  e.attributes = std::string(uri.rest);
  return e;
}

Result<RtpMap> ParseRtpMap(std::string_view value, const LineContext& ctx) {
  const HeadRest hr = SplitHead(value);
  auto pt = ParseNumber(hr.head, 127);
  if (!pt) return ctx.Fail("sdp.bad-rtpmap", "bad payload type '" + Clip(hr.head) + "' (0..127)");
  RtpMap r;
  r.payload_type = static_cast<uint8_t>(*pt);
  const auto t = SplitTokens(hr.rest, 1);
  if (t.size() != 1) return ctx.Fail("sdp.bad-rtpmap", "expected '<pt> <encoding>/<clock rate>[/<channels>]'");
  std::string_view spec = t[0];
  std::array<std::string_view, 4> parts{};
  size_t n = 0;
  while (n < parts.size()) {
    const size_t slash = spec.find('/');
    parts[n++] = spec.substr(0, slash);
    if (slash == std::string_view::npos) break;
    spec = spec.substr(slash + 1);
    if (n == parts.size()) return ctx.Fail("sdp.bad-rtpmap", "too many '/' parts");
  }
  if (n < 2 || n > 3 || parts[0].empty()) {
    return ctx.Fail("sdp.bad-rtpmap", "expected '<encoding>/<clock rate>[/<channels>]'");
  }
  r.encoding = std::string(parts[0]);
  auto clock = ParseNumber(parts[1], UINT32_MAX);
  if (!clock) return ctx.Fail("sdp.bad-rtpmap", "bad clock rate '" + Clip(parts[1]) + "'");
  r.clock_rate = static_cast<uint32_t>(*clock);
  if (n == 3) {
    auto channels = ParseNumber(parts[2], 255);
    if (!channels) return ctx.Fail("sdp.bad-rtpmap", "bad channel count '" + Clip(parts[2]) + "'");
    r.channels = static_cast<uint32_t>(*channels);
  }
  return r;
}

Result<RtcpFb> ParseRtcpFb(std::string_view value, const LineContext& ctx) {
  const HeadRest hr = SplitHead(value);
  RtcpFb fb;
  if (hr.head == "*") {
    fb.format = "*";
  } else {
    auto pt = ParseNumber(hr.head, 127);
    if (!pt) return ctx.Fail("sdp.bad-rtcp-fb", "bad payload type '" + Clip(hr.head) + "'");
    fb.format = std::to_string(*pt);
  }
  const HeadRest type = SplitHead(hr.rest);
  if (type.head.empty()) return ctx.Fail("sdp.bad-rtcp-fb", "missing feedback type");
  fb.type = std::string(type.head);
  fb.parameters = std::string(type.rest);
  return fb;
}

Result<SsrcAttribute> ParseSsrc(std::string_view value, const LineContext& ctx) {
  const HeadRest hr = SplitHead(value);
  auto ssrc = ParseNumber(hr.head, UINT32_MAX);
  if (!ssrc) return ctx.Fail("sdp.bad-ssrc", "bad SSRC '" + Clip(hr.head) + "'");
  if (hr.rest.empty()) return ctx.Fail("sdp.bad-ssrc", "missing source attribute");
  SsrcAttribute a;
  a.ssrc = static_cast<uint32_t>(*ssrc);
  const size_t colon = hr.rest.find(':');
  a.attribute = std::string(hr.rest.substr(0, colon));
  if (a.attribute.empty()) return ctx.Fail("sdp.bad-ssrc", "empty source attribute name");
  if (colon != std::string_view::npos) a.value = std::string(hr.rest.substr(colon + 1));
  return a;
}

Result<SsrcGroup> ParseSsrcGroup(std::string_view value, const LineContext& ctx) {
  const auto t = SplitTokens(value, kMaxGroupMembers + 1);
  if (t.size() > kMaxGroupMembers + 1) {
    return ctx.Fail("sdp.too-many", "ssrc-group has more than " + std::to_string(kMaxGroupMembers) + " SSRCs");
  }
  if (t.size() < 2) return ctx.Fail("sdp.bad-ssrc-group", "expected '<semantics> <ssrc> ...'");
  SsrcGroup g;
  g.semantics = std::string(t[0]);
  for (size_t i = 1; i < t.size(); ++i) {
    auto ssrc = ParseNumber(t[i], UINT32_MAX);
    if (!ssrc) return ctx.Fail("sdp.bad-ssrc-group", "bad SSRC '" + Clip(t[i]) + "'");
    g.ssrcs.push_back(static_cast<uint32_t>(*ssrc));
  }
  return g;
}

Result<Group> ParseGroup(std::string_view value, const LineContext& ctx) {
  const auto t = SplitTokens(value, kMaxGroupMembers + 1);
  if (t.size() > kMaxGroupMembers + 1) {
    return ctx.Fail("sdp.too-many", "group has more than " + std::to_string(kMaxGroupMembers) + " members");
  }
  if (t.empty()) return ctx.Fail("sdp.bad-group", "missing group semantics");
  Group g;
  g.semantics = std::string(t[0]);
  for (size_t i = 1; i < t.size(); ++i) g.mids.emplace_back(t[i]);
  return g;
}

Result<Rid> ParseRid(std::string_view value, const LineContext& ctx) {
  const HeadRest hr = SplitHead(value);
  if (hr.head.empty()) return ctx.Fail("sdp.bad-rid", "missing rid id");
  const HeadRest dir = SplitHead(hr.rest);
  if (dir.head != "send" && dir.head != "recv") {
    return ctx.Fail("sdp.bad-rid", "direction must be send or recv, got '" + Clip(dir.head) + "'");
  }
  return Rid{std::string(hr.head), std::string(dir.head), std::string(dir.rest)};
}

Result<uint64_t> ParseNumberValue(std::string_view value, uint64_t max, const LineContext& ctx) {
  auto n = ParseNumber(value, max);
  if (!n) return ctx.Fail("sdp.bad-number", "expected a number in 0.." + std::to_string(max) + ", got '" + Clip(value) + "'");
  return *n;
}

// Attributes that are flags: a value makes them unknown attributes (kept verbatim).
bool* SessionFlag(SessionDescription& sd, std::string_view name) {
  if (name == "extmap-allow-mixed") return &sd.extmap_allow_mixed;
  if (name == "ice-lite") return &sd.ice_lite;
  if (name == "cryptex") return &sd.cryptex;
  return nullptr;
}

bool* MediaFlag(MediaDescription& m, std::string_view name) {
  if (name == "rtcp-mux") return &m.rtcp_mux;
  if (name == "rtcp-mux-only") return &m.rtcp_mux_only;
  if (name == "rtcp-rsize") return &m.rtcp_rsize;
  if (name == "bundle-only") return &m.bundle_only;
  if (name == "end-of-candidates") return &m.end_of_candidates;
  if (name == "extmap-allow-mixed") return &m.extmap_allow_mixed;
  return nullptr;
}

Status ParseSessionAttribute(SessionDescription& sd, std::string_view text, const LineContext& ctx) {
  const AttributeParts a = SplitAttribute(text);
  if (bool* flag = SessionFlag(sd, a.name); flag != nullptr && !a.value) {
    *flag = true;
    return {};
  }
  if (!a.value) {
    sd.attributes.push_back(MakeAttribute(a));
    return {};
  }
  const std::string_view v = *a.value;
  if (a.name == "group") {
    auto g = ParseGroup(v, ctx);
    if (!g) return g.error();
    if (sd.groups.size() >= kMaxMediaSections) return ctx.Fail("sdp.too-many", "too many groups");
    sd.groups.push_back(std::move(*g));
  } else if (a.name == "msid-semantic") {
    const auto t = SplitTokens(v, kMaxGroupMembers + 1);
    if (t.empty()) return ctx.Fail("sdp.bad-attribute", "empty msid-semantic");
    if (t.size() > kMaxGroupMembers + 1) return ctx.Fail("sdp.too-many", "too many msid-semantic identifiers");
    MsidSemantic ms;
    ms.semantic = std::string(t[0]);
    for (size_t i = 1; i < t.size(); ++i) ms.identifiers.emplace_back(t[i]);
    sd.msid_semantic = std::move(ms);
  } else if (a.name == "ice-options") {
    sd.ice_options = std::string(v);
  } else if (a.name == "ice-ufrag") {
    sd.ice_ufrag = std::string(v);
  } else if (a.name == "ice-pwd") {
    sd.ice_pwd = std::string(v);
  } else if (a.name == "fingerprint") {
    auto f = ParseFingerprint(v, ctx);
    if (!f) return f.error();
    if (sd.fingerprints.size() >= 16) return ctx.Fail("sdp.too-many", "too many fingerprints");
    sd.fingerprints.push_back(std::move(*f));
  } else if (a.name == "setup") {
    auto s = ParseSetup(v, ctx);
    if (!s) return s.error();
    sd.setup = std::move(*s);
  } else if (a.name == "extmap") {
    auto e = ParseExtMap(v, ctx);
    if (!e) return e.error();
    if (sd.extmaps.size() >= 255) return ctx.Fail("sdp.too-many", "too many extmaps");
    sd.extmaps.push_back(std::move(*e));
  } else {
    sd.attributes.push_back(MakeAttribute(a));
  }
  return {};
}

Status ParseMediaAttribute(MediaDescription& m, std::string_view text, const LineContext& ctx) {
  const AttributeParts a = SplitAttribute(text);
  if (!a.value) {
    if (bool* flag = MediaFlag(m, a.name); flag != nullptr) {
      *flag = true;
      return {};
    }
    if (auto direction = ParseDirection(a.name); direction) {
      m.direction = *direction;
      return {};
    }
    m.attributes.push_back(MakeAttribute(a));
    return {};
  }
  const std::string_view v = *a.value;
  const std::string_view n = a.name;
  if (n == "mid") {
    m.mid = std::string(v);
  } else if (n == "ice-ufrag") {
    m.ice_ufrag = std::string(v);
  } else if (n == "ice-pwd") {
    m.ice_pwd = std::string(v);
  } else if (n == "ice-options") {
    m.ice_options = std::string(v);
  } else if (n == "fingerprint") {
    auto f = ParseFingerprint(v, ctx);
    if (!f) return f.error();
    if (m.fingerprints.size() >= 16) return ctx.Fail("sdp.too-many", "too many fingerprints");
    m.fingerprints.push_back(std::move(*f));
  } else if (n == "setup") {
    auto s = ParseSetup(v, ctx);
    if (!s) return s.error();
    m.setup = std::move(*s);
  } else if (n == "candidate") {
    auto c = ParseCandidate(v, ctx.Where());
    if (!c) return c.error();
    if (m.candidates.size() >= kMaxCandidatesPerMedia) {
      return ctx.Fail("sdp.too-many", "more than " + std::to_string(kMaxCandidatesPerMedia) + " candidates");
    }
    m.candidates.push_back(std::move(*c));
  } else if (n == "rtcp") {
    const HeadRest hr = SplitHead(v);
    if (!ParseNumber(hr.head, 65535)) return ctx.Fail("sdp.bad-number", "bad a=rtcp port '" + Clip(hr.head) + "'");
    m.rtcp = std::string(v);
  } else if (n == "rtpmap") {
    auto r = ParseRtpMap(v, ctx);
    if (!r) return r.error();
    if (m.rtpmaps.size() >= kMaxFormats) return ctx.Fail("sdp.too-many", "too many rtpmaps");
    m.rtpmaps.push_back(std::move(*r));
  } else if (n == "fmtp") {
    const HeadRest hr = SplitHead(v);
    if (hr.head.empty()) return ctx.Fail("sdp.bad-fmtp", "missing format");
    if (m.fmtps.size() >= kMaxFormats) return ctx.Fail("sdp.too-many", "too many fmtps");
    m.fmtps.push_back(Fmtp{std::string(hr.head), std::string(hr.rest)});
  } else if (n == "rtcp-fb") {
    auto fb = ParseRtcpFb(v, ctx);
    if (!fb) return fb.error();
    if (m.rtcp_fbs.size() >= 8 * kMaxFormats) return ctx.Fail("sdp.too-many", "too many rtcp-fbs");
    m.rtcp_fbs.push_back(std::move(*fb));
  } else if (n == "extmap") {
    auto e = ParseExtMap(v, ctx);
    if (!e) return e.error();
    if (m.extmaps.size() >= 255) return ctx.Fail("sdp.too-many", "too many extmaps");
    m.extmaps.push_back(std::move(*e));
  } else if (n == "msid") {
    m.msids.emplace_back(v);
  } else if (n == "ssrc") {
    auto s = ParseSsrc(v, ctx);
    if (!s) return s.error();
    m.ssrcs.push_back(std::move(*s));
  } else if (n == "ssrc-group") {
    auto g = ParseSsrcGroup(v, ctx);
    if (!g) return g.error();
    m.ssrc_groups.push_back(std::move(*g));
  } else if (n == "rid") {
    auto r = ParseRid(v, ctx);
    if (!r) return r.error();
    m.rids.push_back(std::move(*r));
  } else if (n == "simulcast") {
    m.simulcast = std::string(v);
  } else if (n == "sctp-port") {
    auto p = ParseNumberValue(v, 65535, ctx);
    if (!p) return p.error();
    m.sctp_port = static_cast<uint16_t>(*p);
  } else if (n == "max-message-size") {
    auto p = ParseNumberValue(v, UINT64_MAX, ctx);
    if (!p) return p.error();
    m.max_message_size = *p;
  } else {
    m.attributes.push_back(MakeAttribute(a));
  }
  return {};
}

Result<MediaDescription> ParseMLine(std::string_view value, const LineContext& ctx) {
  const auto t = SplitTokens(value, kMaxFormats + 3);
  if (t.size() > kMaxFormats + 3) {
    return ctx.Fail("sdp.too-many-formats", "m-line has more than " + std::to_string(kMaxFormats) + " formats");
  }
  if (t.size() < 4) {
    return ctx.Fail("sdp.bad-m-line", "expected 'm=<media> <port> <proto> <fmt> ...'");
  }
  MediaDescription m;
  m.media = std::string(t[0]);
  std::string_view port = t[1];
  const size_t slash = port.find('/');
  if (slash != std::string_view::npos) {
    auto count = ParseNumber(port.substr(slash + 1), 65535);
    if (!count) return ctx.Fail("sdp.bad-m-line", "bad port count '" + Clip(port) + "'");
    m.port_count = static_cast<uint16_t>(*count);
    port = port.substr(0, slash);
  }
  auto p = ParseNumber(port, 65535);
  if (!p) return ctx.Fail("sdp.bad-m-line", "bad port '" + Clip(t[1]) + "'");
  m.port = static_cast<uint16_t>(*p);
  m.proto = std::string(t[2]);
  for (size_t i = 3; i < t.size(); ++i) m.formats.emplace_back(t[i]);
  return m;
}

void AppendLine(std::string& out, char type, std::string_view value) {
  out += type;
  out += '=';
  out += value;
  out += "\r\n";
}

void AppendAttribute(std::string& out, std::string_view name, std::string_view value) {
  out += "a=";
  out += name;
  out += ':';
  out += value;
  out += "\r\n";
}

void AppendFlag(std::string& out, std::string_view name) {
  out += "a=";
  out += name;
  out += "\r\n";
}

void AppendUnknown(std::string& out, const Attribute& a) {
  if (a.value) {
    AppendAttribute(out, a.name, *a.value);
  } else {
    AppendFlag(out, a.name);
  }
}

std::string ExtMapValue(const ExtMap& e) {
  std::string s = std::to_string(e.id);
  if (e.direction != Direction::kUnset) {
    s += '/';
    s += ToString(e.direction);
  }
  s += ' ';
  s += e.uri;
  if (!e.attributes.empty()) s += ' ' + e.attributes;
  return s;
}

std::string RtpMapValue(const RtpMap& r) {
  std::string s = std::to_string(r.payload_type) + ' ' + r.encoding + '/' + std::to_string(r.clock_rate);
  if (r.channels) s += '/' + std::to_string(*r.channels);
  return s;
}

std::string RtcpFbValue(const RtcpFb& fb) {
  std::string s = fb.format + ' ' + fb.type;
  if (!fb.parameters.empty()) s += ' ' + fb.parameters;
  return s;
}

std::string FmtpValue(const Fmtp& f) {
  std::string s = f.format;
  if (!f.parameters.empty()) s += ' ' + f.parameters;
  return s;
}

std::string Join(const std::string& head, const std::vector<std::string>& items) {
  std::string s = head;
  for (const auto& item : items) s += ' ' + item;
  return s;
}

}  // namespace

std::string_view ToString(Direction direction) {
  switch (direction) {
    case Direction::kSendRecv: return "sendrecv";
    case Direction::kSendOnly: return "sendonly";
    case Direction::kRecvOnly: return "recvonly";
    case Direction::kInactive: return "inactive";
    case Direction::kUnset: break;
  }
  return "";
}

std::optional<Direction> ParseDirection(std::string_view text) {
  if (text == "sendrecv") return Direction::kSendRecv;
  if (text == "sendonly") return Direction::kSendOnly;
  if (text == "recvonly") return Direction::kRecvOnly;
  if (text == "inactive") return Direction::kInactive;
  return std::nullopt;
}

const RtpMap* MediaDescription::FindRtpMap(uint8_t payload_type) const {
  for (const auto& r : rtpmaps) {
    if (r.payload_type == payload_type) return &r;
  }
  return nullptr;
}

const Fmtp* MediaDescription::FindFmtp(std::string_view format) const {
  for (const auto& f : fmtps) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

const Attribute* MediaDescription::FindAttribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::vector<uint32_t> MediaDescription::SsrcOrder() const {
  std::vector<uint32_t> out;
  std::unordered_set<uint32_t> seen;
  for (const auto& s : ssrcs) {
    if (seen.insert(s.ssrc).second) out.push_back(s.ssrc);
  }
  return out;
}

std::optional<std::string> MediaDescription::SsrcAttributeValue(uint32_t ssrc,
                                                                std::string_view attribute) const {
  for (const auto& s : ssrcs) {
    if (s.ssrc == ssrc && s.attribute == attribute) return s.value.value_or("");
  }
  return std::nullopt;
}

const Group* SessionDescription::FindGroup(std::string_view semantics) const {
  for (const auto& g : groups) {
    if (g.semantics == semantics) return &g;
  }
  return nullptr;
}

Result<SessionDescription> Parse(std::string_view text) {
  if (text.size() > kMaxSdpBytes) {
    return MakeError("sdp.too-large", "SDP of " + std::to_string(text.size()) +
                                          " bytes exceeds the limit of " + std::to_string(kMaxSdpBytes));
  }
  SessionDescription sd;
  MediaDescription* media = nullptr;
  bool seen_version = false;
  LineContext ctx;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++ctx.number;
    if (ctx.number > kMaxLines) {
      return ctx.Fail("sdp.too-many-lines", "more than " + std::to_string(kMaxLines) + " lines");
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.size() > kMaxLineLength) {
      return ctx.Fail("sdp.line-too-long", "line of " + std::to_string(line.size()) + " bytes exceeds " +
                                               std::to_string(kMaxLineLength));
    }
    for (char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
        return ctx.Fail("sdp.bad-char", "control character in line");
      }
    }
    if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z') {
      return ctx.Fail("sdp.bad-line", "expected '<type>=<value>', got '" + Clip(line) + "'");
    }
    const char type = line[0];
    const std::string_view value = line.substr(2);
    if (!seen_version) {
      if (type != 'v') return ctx.Fail("sdp.missing-version", "SDP must start with v=0");
      if (value != "0") return ctx.Fail("sdp.bad-version", "unsupported version '" + Clip(value) + "'");
      seen_version = true;
      continue;
    }
    if (type == 'v') return ctx.Fail("sdp.bad-version", "second v= line");
    if (type == 'm') {
      if (sd.media.size() >= kMaxMediaSections) {
        return ctx.Fail("sdp.too-many-media", "more than " + std::to_string(kMaxMediaSections) + " m-lines");
      }
      auto m = ParseMLine(value, ctx);
      if (!m) return m.error();
      sd.media.push_back(std::move(*m));
      media = &sd.media.back();
      continue;
    }
    if (media != nullptr) {
      if (type == 'a') {
        MEET_RETURN_IF_ERROR(ParseMediaAttribute(*media, value, ctx));
      } else if (type == 'c') {
        media->connection = std::string(value);
      } else {
        media->lines.push_back(Line{type, std::string(value)});
      }
      continue;
    }
    switch (type) {
      case 'o': {
        const auto t = SplitTokens(value, 6);
        if (t.size() != 6) return ctx.Fail("sdp.bad-origin", "o= needs 6 fields");
        sd.origin = Origin{std::string(t[0]), std::string(t[1]), std::string(t[2]),
                           std::string(t[3]), std::string(t[4]), std::string(t[5])};
        break;
      }
      case 's': sd.session_name = std::string(value); break;
      case 't': sd.timing = std::string(value); break;
      case 'c': sd.connection = std::string(value); break;
      case 'a': MEET_RETURN_IF_ERROR(ParseSessionAttribute(sd, value, ctx)); break;
      default: sd.lines.push_back(Line{type, std::string(value)}); break;
    }
  }
  if (!seen_version) return MakeError("sdp.missing-version", "empty SDP", "line 1");
  return sd;
}

std::string ToString(const MediaDescription& m) {
  std::string out;
  out += "m=" + m.media + ' ' + std::to_string(m.port);
  if (m.port_count) out += '/' + std::to_string(*m.port_count);
  out += ' ' + m.proto;
  for (const auto& f : m.formats) out += ' ' + f;
  out += "\r\n";
  if (m.connection) AppendLine(out, 'c', *m.connection);
  for (const auto& l : m.lines) AppendLine(out, l.type, l.value);
  if (m.rtcp) AppendAttribute(out, "rtcp", *m.rtcp);
  for (const auto& c : m.candidates) AppendAttribute(out, "candidate", CandidateValue(c));
  if (m.end_of_candidates) AppendFlag(out, "end-of-candidates");
  if (!m.ice_ufrag.empty()) AppendAttribute(out, "ice-ufrag", m.ice_ufrag);
  if (!m.ice_pwd.empty()) AppendAttribute(out, "ice-pwd", m.ice_pwd);
  if (!m.ice_options.empty()) AppendAttribute(out, "ice-options", m.ice_options);
  for (const auto& f : m.fingerprints) AppendAttribute(out, "fingerprint", f.hash + ' ' + f.value);
  if (!m.setup.empty()) AppendAttribute(out, "setup", m.setup);
  if (!m.mid.empty()) AppendAttribute(out, "mid", m.mid);
  for (const auto& e : m.extmaps) AppendAttribute(out, "extmap", ExtMapValue(e));
  if (m.extmap_allow_mixed) AppendFlag(out, "extmap-allow-mixed");
  if (m.direction != Direction::kUnset) AppendFlag(out, ToString(m.direction));
  for (const auto& msid : m.msids) AppendAttribute(out, "msid", msid);
  if (m.rtcp_mux) AppendFlag(out, "rtcp-mux");
  if (m.rtcp_mux_only) AppendFlag(out, "rtcp-mux-only");
  if (m.rtcp_rsize) AppendFlag(out, "rtcp-rsize");
  if (m.bundle_only) AppendFlag(out, "bundle-only");
  // Per payload type: rtpmap, its rtcp-fbs, its fmtps; then the ones for no rtpmap ('*').
  std::array<bool, 128> emitted{};
  for (const auto& r : m.rtpmaps) {
    AppendAttribute(out, "rtpmap", RtpMapValue(r));
    if (emitted[r.payload_type]) continue;
    emitted[r.payload_type] = true;
    const std::string pt = std::to_string(r.payload_type);
    for (const auto& fb : m.rtcp_fbs) {
      if (fb.format == pt) AppendAttribute(out, "rtcp-fb", RtcpFbValue(fb));
    }
    for (const auto& f : m.fmtps) {
      if (f.format == pt) AppendAttribute(out, "fmtp", FmtpValue(f));
    }
  }
  const auto is_emitted = [&emitted](const std::string& format) {
    auto pt = ParseNumber(format, 127);
    return pt && emitted[*pt] && std::to_string(*pt) == format;
  };
  for (const auto& fb : m.rtcp_fbs) {
    if (!is_emitted(fb.format)) AppendAttribute(out, "rtcp-fb", RtcpFbValue(fb));
  }
  for (const auto& f : m.fmtps) {
    if (!is_emitted(f.format)) AppendAttribute(out, "fmtp", FmtpValue(f));
  }
  for (const auto& r : m.rids) {
    std::string v = r.id + ' ' + r.direction;
    if (!r.parameters.empty()) v += ' ' + r.parameters;
    AppendAttribute(out, "rid", v);
  }
  if (m.simulcast) AppendAttribute(out, "simulcast", *m.simulcast);
  for (const auto& g : m.ssrc_groups) {
    std::string v = g.semantics;
    for (uint32_t s : g.ssrcs) v += ' ' + std::to_string(s);
    AppendAttribute(out, "ssrc-group", v);
  }
  for (const auto& s : m.ssrcs) {
    std::string v = std::to_string(s.ssrc) + ' ' + s.attribute;
    if (s.value) v += ':' + *s.value;
    AppendAttribute(out, "ssrc", v);
  }
  if (m.sctp_port) AppendAttribute(out, "sctp-port", std::to_string(*m.sctp_port));
  if (m.max_message_size) AppendAttribute(out, "max-message-size", std::to_string(*m.max_message_size));
  for (const auto& a : m.attributes) AppendUnknown(out, a);
  return out;
}

std::string ToString(const SessionDescription& sd) {
  std::string out = "v=0\r\n";
  const Origin& o = sd.origin;
  AppendLine(out, 'o', o.username + ' ' + o.session_id + ' ' + o.session_version + ' ' + o.net_type + ' ' +
                           o.addr_type + ' ' + o.address);
  AppendLine(out, 's', sd.session_name);
  for (const auto& l : sd.lines) AppendLine(out, l.type, l.value);
  if (sd.connection) AppendLine(out, 'c', *sd.connection);
  AppendLine(out, 't', sd.timing);
  if (sd.ice_lite) AppendFlag(out, "ice-lite");
  for (const auto& g : sd.groups) AppendAttribute(out, "group", Join(g.semantics, g.mids));
  if (sd.extmap_allow_mixed) AppendFlag(out, "extmap-allow-mixed");
  if (sd.msid_semantic) {
    AppendAttribute(out, "msid-semantic", ' ' + Join(sd.msid_semantic->semantic, sd.msid_semantic->identifiers));
  }
  if (sd.cryptex) AppendFlag(out, "cryptex");
  if (!sd.ice_options.empty()) AppendAttribute(out, "ice-options", sd.ice_options);
  if (!sd.ice_ufrag.empty()) AppendAttribute(out, "ice-ufrag", sd.ice_ufrag);
  if (!sd.ice_pwd.empty()) AppendAttribute(out, "ice-pwd", sd.ice_pwd);
  for (const auto& f : sd.fingerprints) AppendAttribute(out, "fingerprint", f.hash + ' ' + f.value);
  if (!sd.setup.empty()) AppendAttribute(out, "setup", sd.setup);
  for (const auto& e : sd.extmaps) AppendAttribute(out, "extmap", ExtMapValue(e));
  for (const auto& a : sd.attributes) AppendUnknown(out, a);
  for (const auto& m : sd.media) out += ToString(m);
  return out;
}

}  // namespace meet::signaling::sdp
