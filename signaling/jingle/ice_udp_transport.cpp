#include "signaling/jingle/ice_udp_transport.hpp"

#include <cctype>

#include "signaling/jingle/xml_util.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<Fingerprint> ParseFingerprint(const gloox::Tag& tag, std::string_view where) {
  Fingerprint fp;
  auto hash = detail::RequiredTextAttr(tag, "hash", where, 32);
  if (!hash) return hash.error();
  fp.hash = std::move(*hash);
  auto setup = detail::TextAttr(tag, "setup", where, 32);
  if (!setup) return setup.error();
  if (!setup->empty() && *setup != "actpass" && *setup != "active" && *setup != "passive" &&
      *setup != "holdconn") {
    return MakeError("jingle.bad-setup", "unknown DTLS setup '" + *setup + "'", std::string(where));
  }
  fp.setup = std::move(*setup);
  auto cryptex = xml::OptionalBoolAttr(tag, "cryptex", where);
  if (!cryptex) return cryptex.error();
  fp.cryptex = cryptex->value_or(false);
  auto value = detail::TrimmedText(tag, where, 512);
  if (!value) return value.error();
  fp.value = std::move(*value);
  return fp;
}

Result<SctpMap> ParseSctpMap(const gloox::Tag& tag, std::string_view where) {
  SctpMap map;
  auto number = detail::RequiredBoundedUintAttr(tag, "number", where, 0, 65535, "jingle.bad-port");
  if (!number) return number.error();
  map.number = static_cast<uint16_t>(*number);
  auto protocol = detail::TextAttr(tag, "protocol", where, 64);
  if (!protocol) return protocol.error();
  if (!protocol->empty()) map.protocol = std::move(*protocol);
  auto streams = xml::OptionalUintAttr(tag, "streams", where, 65535);
  if (!streams) return streams.error();
  if (*streams) map.streams = static_cast<uint32_t>(**streams);
  return map;
}

Result<WebSocket> ParseWebSocket(const gloox::Tag& tag, std::string_view where) {
  WebSocket ws;
  auto url = detail::RequiredTextAttr(tag, "url", where);
  if (!url) return url.error();
  ws.url = std::move(*url);
  auto active = xml::OptionalBoolAttr(tag, "active", where);
  if (!active) return active.error();
  ws.active = *active;
  return ws;
}

}  // namespace

Result<Candidate> ParseCandidate(const gloox::Tag& tag, std::string_view where) {
  Candidate c;
  auto component =
      detail::RequiredBoundedUintAttr(tag, "component", where, 1, 255, "jingle.bad-component");
  if (!component) return component.error();
  c.component = static_cast<uint8_t>(*component);
  auto foundation = detail::RequiredTextAttr(tag, "foundation", where, 64);
  if (!foundation) return foundation.error();
  c.foundation = std::move(*foundation);
  auto generation = xml::OptionalUintAttr(tag, "generation", where, UINT32_MAX);
  if (!generation) return generation.error();
  c.generation = static_cast<uint32_t>(generation->value_or(0));
  auto id = detail::TextAttr(tag, "id", where, 128);
  if (!id) return id.error();
  c.id = std::move(*id);
  auto ip = detail::RequiredTextAttr(tag, "ip", where, 256);
  if (!ip) return ip.error();
  c.ip = std::move(*ip);
  auto network = xml::OptionalUintAttr(tag, "network", where, 65535);
  if (!network) return network.error();
  c.network = static_cast<uint16_t>(network->value_or(0));
  auto port = detail::RequiredBoundedUintAttr(tag, "port", where, 0, 65535, "jingle.bad-port");
  if (!port) return port.error();
  c.port = static_cast<uint16_t>(*port);
  auto priority = xml::UintAttr(tag, "priority", where, UINT32_MAX);
  if (!priority) return priority.error();
  c.priority = static_cast<uint32_t>(*priority);
  auto protocol = detail::TextAttr(tag, "protocol", where, 16);
  if (!protocol) return protocol.error();
  std::string proto = protocol->empty() ? std::string("udp") : Lower(*protocol);
  if (proto != "udp" && proto != "tcp" && proto != "ssltcp") {
    return MakeError("jingle.bad-candidate-protocol", "unknown candidate protocol '" + proto + "'",
                     std::string(where));
  }
  c.protocol = std::move(proto);
  auto type = detail::RequiredTextAttr(tag, "type", where, 16);
  if (!type) return type.error();
  if (*type != "host" && *type != "srflx" && *type != "prflx" && *type != "relay") {
    return MakeError("jingle.bad-candidate-type", "unknown candidate type '" + *type + "'",
                     std::string(where));
  }
  c.type = std::move(*type);
  auto rel_addr = detail::TextAttr(tag, "rel-addr", where, 256);
  if (!rel_addr) return rel_addr.error();
  c.rel_addr = std::move(*rel_addr);
  auto rel_port = detail::BoundedUintAttr(tag, "rel-port", where, 0, 65535, "jingle.bad-port");
  if (!rel_port) return rel_port.error();
  if (*rel_port) c.rel_port = static_cast<uint16_t>(**rel_port);
  auto tcptype = detail::TextAttr(tag, "tcptype", where, 16);
  if (!tcptype) return tcptype.error();
  c.tcptype = std::move(*tcptype);
  return c;
}

Result<IceUdpTransport> ParseIceUdpTransport(const gloox::Tag& tag, std::string_view where) {
  IceUdpTransport t;
  auto ufrag = detail::TextAttr(tag, "ufrag", where, 256);
  if (!ufrag) return ufrag.error();
  t.ufrag = std::move(*ufrag);
  auto pwd = detail::TextAttr(tag, "pwd", where, 256);
  if (!pwd) return pwd.error();
  t.pwd = std::move(*pwd);
  auto generation = xml::OptionalUintAttr(tag, "ice-generation", where, UINT32_MAX);
  if (!generation) return generation.error();
  if (*generation) t.ice_generation = static_cast<uint32_t>(**generation);

  size_t candidates = 0;
  size_t fingerprints = 0;
  size_t web_sockets = 0;
  for (const gloox::Tag* child : tag.children()) {
    const std::string& name = child->name();
    if (name == "candidate") {
      const std::string at = detail::Path(where, "candidate", ++candidates);
      if (candidates > kMaxCandidates) {
        return MakeError("jingle.too-many-candidates",
                         "more than " + std::to_string(kMaxCandidates) + " candidates", at);
      }
      auto c = ParseCandidate(*child, at);
      if (!c) return c.error();
      t.candidates.push_back(std::move(*c));
    } else if (name == "fingerprint" && xml::Namespace(*child) == ns::kDtls) {
      const std::string at = detail::Path(where, "fingerprint", ++fingerprints);
      if (fingerprints > kMaxFingerprints) {
        return MakeError("jingle.too-many-fingerprints",
                         "more than " + std::to_string(kMaxFingerprints) + " fingerprints", at);
      }
      auto fp = ParseFingerprint(*child, at);
      if (!fp) return fp.error();
      t.fingerprints.push_back(std::move(*fp));
    } else if (name == "rtcp-mux") {
      t.rtcp_mux = true;
    } else if (name == "web-socket" && xml::Namespace(*child) == ns::kColibri) {
      const std::string at = detail::Path(where, "web-socket", ++web_sockets);
      if (web_sockets > kMaxWebSockets) {
        return MakeError("jingle.too-many-web-sockets",
                         "more than " + std::to_string(kMaxWebSockets) + " web-socket elements", at);
      }
      auto ws = ParseWebSocket(*child, at);
      if (!ws) return ws.error();
      t.web_sockets.push_back(std::move(*ws));
    } else if (name == "sctpmap" && xml::Namespace(*child) == ns::kDtlsSctp) {
      if (t.sctpmap) continue;  // the first one counts
      auto map = ParseSctpMap(*child, detail::Path(where, "sctpmap"));
      if (!map) return map.error();
      t.sctpmap = std::move(*map);
    }
  }
  return t;
}

void AppendCandidate(gloox::Tag& parent, const Candidate& c) {
  gloox::Tag* t = detail::AddNsChild(parent, "candidate", ns::kIceUdp);
  xml::SetAttr(*t, "component", uint64_t{c.component});
  detail::SetIfNotEmpty(*t, "foundation", c.foundation);
  xml::SetAttr(*t, "generation", uint64_t{c.generation});
  detail::SetIfNotEmpty(*t, "id", c.id);
  detail::SetIfNotEmpty(*t, "ip", c.ip);
  xml::SetAttr(*t, "network", uint64_t{c.network});
  xml::SetAttr(*t, "port", uint64_t{c.port});
  xml::SetAttr(*t, "priority", uint64_t{c.priority});
  detail::SetIfNotEmpty(*t, "protocol", c.protocol);
  detail::SetIfNotEmpty(*t, "type", c.type);
  detail::SetIfNotEmpty(*t, "rel-addr", c.rel_addr);
  if (c.rel_port) xml::SetAttr(*t, "rel-port", uint64_t{*c.rel_port});
  detail::SetIfNotEmpty(*t, "tcptype", c.tcptype);
}

void AppendIceUdpTransport(gloox::Tag& parent, const IceUdpTransport& transport) {
  gloox::Tag* t = xml::AddChild(parent, "transport", ns::kIceUdp);
  detail::SetIfNotEmpty(*t, "ufrag", transport.ufrag);
  detail::SetIfNotEmpty(*t, "pwd", transport.pwd);
  if (transport.ice_generation) xml::SetAttr(*t, "ice-generation", uint64_t{*transport.ice_generation});
  for (const Fingerprint& fp : transport.fingerprints) {
    gloox::Tag* f = xml::AddChild(*t, "fingerprint", ns::kDtls);
    detail::SetIfNotEmpty(*f, "hash", fp.hash);
    detail::SetIfNotEmpty(*f, "setup", fp.setup);
    if (fp.cryptex) xml::SetBoolAttr(*f, "cryptex", true);
    if (!fp.value.empty()) f->setCData(fp.value);
  }
  for (const Candidate& c : transport.candidates) AppendCandidate(*t, c);
  if (transport.rtcp_mux) xml::AddChild(*t, "rtcp-mux");
  for (const WebSocket& ws : transport.web_sockets) {
    gloox::Tag* w = xml::AddChild(*t, "web-socket", ns::kColibri);
    detail::SetIfNotEmpty(*w, "url", ws.url);
    if (ws.active) xml::SetBoolAttr(*w, "active", *ws.active);
  }
  if (transport.sctpmap) {
    gloox::Tag* s = xml::AddChild(*t, "sctpmap", ns::kDtlsSctp);
    xml::SetAttr(*s, "number", uint64_t{transport.sctpmap->number});
    detail::SetIfNotEmpty(*s, "protocol", transport.sctpmap->protocol);
    xml::SetAttr(*s, "streams", uint64_t{transport.sctpmap->streams});
  }
}

}  // namespace meet::signaling::jingle
