#include "signaling/colibri2/colibri2_json.hpp"

#include "signaling/json/json_text.hpp"

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::colibri2 {
namespace {

// Longest free-text value (URLs with tokens, fingerprints, fmtp values).
constexpr size_t kMaxTextLength = 2048;
// Candidates, fingerprints, web sockets, parameters, rtcp-fbs per element.
constexpr size_t kMaxSmallList = 64;
// Name of a <parameter> without a name in JVB's JSON ("parameters": {"null": "111/111"}).
constexpr const char* kNamelessParameter = "null";

// ---------------------------------------------------------------------------------------------
// Reading helpers. `where` is a JSON-pointer-like path; "" is the document root.

std::string Sub(std::string_view where, std::string_view key) {
  std::string out(where);
  out.append("/").append(key);
  return out;
}

std::string Sub(std::string_view where, size_t index) { return Sub(where, std::to_string(index)); }

std::string PathOrRoot(std::string_view where) { return where.empty() ? "/" : std::string(where); }

Error TypeError(std::string_view where, std::string_view expected) {
  return MakeError("colibri2.json-type", "expected " + std::string(expected), PathOrRoot(where));
}

const Json* Find(const Json& object, std::string_view key) {
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

Status CheckString(const std::string& value, std::string_view where, size_t max) {
  if (value.size() > max) {
    return MakeError("colibri2.too-long", "string longer than " + std::to_string(max) + " bytes",
                     PathOrRoot(where));
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return MakeError("colibri2.json-bad-string", "control character in string", PathOrRoot(where));
    }
  }
  return {};
}

Result<std::string> StringValue(const Json& value, std::string_view where, size_t max) {
  if (!value.is_string()) return TypeError(where, "a string");
  std::string out = value.get<std::string>();
  MEET_RETURN_IF_ERROR(CheckString(out, where, max));
  return out;
}

// Absent -> "" (or an error when required; an empty required string is missing too).
Result<std::string> StringField(const Json& object, std::string_view key, std::string_view where,
                                bool required, size_t max = kMaxIdLength) {
  const Json* value = Find(object, key);
  const std::string path = Sub(where, key);
  if (value == nullptr) {
    if (!required) return std::string();
    return MakeError("colibri2.json-missing", "missing \"" + std::string(key) + "\"", path);
  }
  auto s = StringValue(*value, path, max);
  if (!s) return s.error();
  if (required && s->empty()) {
    return MakeError("colibri2.json-missing", "\"" + std::string(key) + "\" is empty", path);
  }
  return s;
}

Result<std::optional<bool>> OptionalBoolField(const Json& object, std::string_view key,
                                              std::string_view where) {
  const Json* value = Find(object, key);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) return TypeError(Sub(where, key), "a boolean");
  return std::optional<bool>(value->get<bool>());
}

Result<bool> BoolField(const Json& object, std::string_view key, std::string_view where) {
  auto v = OptionalBoolField(object, key, where);
  if (!v) return v.error();
  return v->value_or(false);
}

// A number in [min, max], given as a JSON integer or (as JVB writes attributes) a decimal
// string.
Result<uint64_t> UintValue(const Json& value, std::string_view where, uint64_t min, uint64_t max) {
  std::optional<uint64_t> number;
  if (value.is_number_unsigned()) {
    number = value.get<uint64_t>();
  } else if (value.is_number_integer()) {
    number = std::nullopt;  // negative
  } else if (value.is_string()) {
    number = xml::ParseUint(value.get_ref<const std::string&>());
  } else {
    return TypeError(where, "an unsigned integer");
  }
  if (!number || *number < min || *number > max) {
    return MakeError("colibri2.json-range",
                     "expected an integer in " + std::to_string(min) + ".." + std::to_string(max),
                     PathOrRoot(where));
  }
  return *number;
}

Result<std::optional<uint64_t>> OptionalUintField(const Json& object, std::string_view key,
                                                  std::string_view where, uint64_t min,
                                                  uint64_t max) {
  const Json* value = Find(object, key);
  if (value == nullptr) return std::optional<uint64_t>();
  auto v = UintValue(*value, Sub(where, key), min, max);
  if (!v) return v.error();
  return std::optional<uint64_t>(*v);
}

Result<uint64_t> RequiredUintField(const Json& object, std::string_view key, std::string_view where,
                                   uint64_t min, uint64_t max) {
  const Json* value = Find(object, key);
  if (value == nullptr) {
    return MakeError("colibri2.json-missing", "missing \"" + std::string(key) + "\"", Sub(where, key));
  }
  return UintValue(*value, Sub(where, key), min, max);
}

// An array field of at most max elements; absent -> nullptr.
Result<const Json*> ArrayField(const Json& object, std::string_view key, std::string_view where,
                               size_t max) {
  const Json* value = Find(object, key);
  if (value == nullptr) return static_cast<const Json*>(nullptr);
  if (!value->is_array()) return TypeError(Sub(where, key), "an array");
  if (value->size() > max) {
    return MakeError("colibri2.too-many", "more than " + std::to_string(max) + " elements",
                     Sub(where, key));
  }
  return value;
}

// An object field; absent -> nullptr.
Result<const Json*> ObjectField(const Json& object, std::string_view key, std::string_view where) {
  const Json* value = Find(object, key);
  if (value == nullptr) return static_cast<const Json*>(nullptr);
  if (!value->is_object()) return TypeError(Sub(where, key), "an object");
  return value;
}

#define COLIBRI2_JSON_ASSIGN(lhs, expr)                \
  do {                                                 \
    auto colibri2_r_ = (expr);                         \
    if (!colibri2_r_.ok()) return colibri2_r_.error(); \
    lhs = std::move(*colibri2_r_);                     \
  } while (0)

// Parses each element of an optional array field with `parse(element, path)`.
template <typename T, typename F>
Result<std::vector<T>> ListField(const Json& object, std::string_view key, std::string_view where,
                                 size_t max, F parse) {
  const Json* array = nullptr;
  COLIBRI2_JSON_ASSIGN(array, ArrayField(object, key, where, max));
  std::vector<T> out;
  if (array == nullptr) return out;
  out.reserve(array->size());
  const std::string base = Sub(where, key);
  for (size_t i = 0; i < array->size(); ++i) {
    auto item = parse((*array)[i], Sub(base, i));
    if (!item) return item.error();
    out.push_back(std::move(*item));
  }
  return out;
}

Status RequireObject(const Json& value, std::string_view where) {
  if (!value.is_object()) return TypeError(where, "an object");
  return {};
}

Result<jingle::MediaType> MediaTypeField(const Json& object, std::string_view where) {
  std::string raw;
  COLIBRI2_JSON_ASSIGN(raw, StringField(object, "type", where, true));
  auto type = jingle::ParseMediaType(raw);
  if (!type || *type == jingle::MediaType::kApplication) {
    return MakeError("colibri2.bad-media-type", "media type must be \"audio\" or \"video\"",
                     Sub(where, "type"));
  }
  return *type;
}

// "parameters": {"name": "value", …} -> ordered list; the key "null" is a nameless parameter.
Result<std::vector<jingle::Parameter>> ParametersField(const Json& object, std::string_view where) {
  const Json* params = nullptr;
  COLIBRI2_JSON_ASSIGN(params, ObjectField(object, "parameters", where));
  std::vector<jingle::Parameter> out;
  if (params == nullptr) return out;
  const std::string base = Sub(where, "parameters");
  if (params->size() > kMaxSmallList) {
    return MakeError("colibri2.too-many", "more than " + std::to_string(kMaxSmallList) + " parameters", base);
  }
  for (const auto& [key, value] : params->items()) {
    const std::string path = Sub(base, key);
    jingle::Parameter p;
    p.name = key == kNamelessParameter ? std::string() : key;
    MEET_RETURN_IF_ERROR(CheckString(p.name, path, kMaxIdLength));
    COLIBRI2_JSON_ASSIGN(p.value, StringValue(value, path, kMaxTextLength));
    out.push_back(std::move(p));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Jingle elements.

Result<jingle::RtcpFb> RtcpFbFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::RtcpFb fb;
  COLIBRI2_JSON_ASSIGN(fb.type, StringField(json, "type", where, true));
  COLIBRI2_JSON_ASSIGN(fb.subtype, StringField(json, "subtype", where, false));
  return fb;
}

Result<jingle::PayloadType> PayloadTypeFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::PayloadType pt;
  uint64_t id = 0;
  COLIBRI2_JSON_ASSIGN(id, RequiredUintField(json, "id", where, 0, 127));
  pt.id = static_cast<uint8_t>(id);
  COLIBRI2_JSON_ASSIGN(pt.name, StringField(json, "name", where, false));
  std::optional<uint64_t> v;
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "clockrate", where, 0, UINT32_MAX));
  pt.clockrate = static_cast<uint32_t>(v.value_or(0));
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "channels", where, 1, 255));
  pt.channels = static_cast<uint8_t>(v.value_or(1));
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "ptime", where, 0, UINT32_MAX));
  if (v) pt.ptime = static_cast<uint32_t>(*v);
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "maxptime", where, 0, UINT32_MAX));
  if (v) pt.maxptime = static_cast<uint32_t>(*v);
  COLIBRI2_JSON_ASSIGN(pt.parameters, ParametersField(json, where));
  COLIBRI2_JSON_ASSIGN(pt.rtcp_fbs, ListField<jingle::RtcpFb>(json, "rtcp-fbs", where, kMaxSmallList,
                                                              RtcpFbFromJson));
  return pt;
}

Json ParametersToJson(const std::vector<jingle::Parameter>& parameters) {
  Json out = Json::object();
  for (const auto& p : parameters) out[p.name.empty() ? kNamelessParameter : p.name] = p.value;
  return out;
}

Json PayloadTypeToJson(const jingle::PayloadType& pt) {
  Json out = Json::object();
  out["id"] = std::to_string(pt.id);
  if (!pt.name.empty()) out["name"] = pt.name;
  if (pt.clockrate != 0) out["clockrate"] = std::to_string(pt.clockrate);
  if (pt.channels != 1) out["channels"] = std::to_string(pt.channels);
  if (pt.ptime) out["ptime"] = std::to_string(*pt.ptime);
  if (pt.maxptime) out["maxptime"] = std::to_string(*pt.maxptime);
  if (!pt.parameters.empty()) out["parameters"] = ParametersToJson(pt.parameters);
  if (!pt.rtcp_fbs.empty()) {
    Json fbs = Json::array();
    for (const auto& fb : pt.rtcp_fbs) {
      Json j = Json::object();
      j["type"] = fb.type;
      if (!fb.subtype.empty()) j["subtype"] = fb.subtype;
      fbs.push_back(std::move(j));
    }
    out["rtcp-fbs"] = std::move(fbs);
  }
  return out;
}

Result<jingle::HeaderExtension> HeaderExtensionFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::HeaderExtension ext;
  uint64_t id = 0;
  COLIBRI2_JSON_ASSIGN(id, RequiredUintField(json, "id", where, 1, 255));
  ext.id = static_cast<uint8_t>(id);
  COLIBRI2_JSON_ASSIGN(ext.uri, StringField(json, "uri", where, true, kMaxTextLength));
  COLIBRI2_JSON_ASSIGN(ext.senders, StringField(json, "senders", where, false));
  return ext;
}

Json HeaderExtensionToJson(const jingle::HeaderExtension& ext) {
  Json out = Json::object();
  out["id"] = ext.id;
  out["uri"] = ext.uri;
  if (!ext.senders.empty()) out["senders"] = ext.senders;
  return out;
}

Result<jingle::Candidate> CandidateFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::Candidate c;
  std::optional<uint64_t> v;
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "component", where, 1, 255));
  c.component = static_cast<uint8_t>(v.value_or(1));
  COLIBRI2_JSON_ASSIGN(c.foundation, StringField(json, "foundation", where, false));
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "generation", where, 0, UINT32_MAX));
  c.generation = static_cast<uint32_t>(v.value_or(0));
  COLIBRI2_JSON_ASSIGN(c.id, StringField(json, "id", where, false));
  COLIBRI2_JSON_ASSIGN(c.ip, StringField(json, "ip", where, true));
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "network", where, 0, 65535));
  c.network = static_cast<uint16_t>(v.value_or(0));
  uint64_t port = 0;
  COLIBRI2_JSON_ASSIGN(port, RequiredUintField(json, "port", where, 0, 65535));
  c.port = static_cast<uint16_t>(port);
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "priority", where, 0, UINT32_MAX));
  c.priority = static_cast<uint32_t>(v.value_or(0));
  if (Find(json, "protocol") != nullptr) {
    COLIBRI2_JSON_ASSIGN(c.protocol, StringField(json, "protocol", where, true));
  }
  if (Find(json, "type") != nullptr) {
    COLIBRI2_JSON_ASSIGN(c.type, StringField(json, "type", where, true));
  }
  COLIBRI2_JSON_ASSIGN(c.rel_addr, StringField(json, "rel-addr", where, false));
  COLIBRI2_JSON_ASSIGN(v, OptionalUintField(json, "rel-port", where, 0, 65535));
  if (v) c.rel_port = static_cast<uint16_t>(*v);
  COLIBRI2_JSON_ASSIGN(c.tcptype, StringField(json, "tcptype", where, false));
  return c;
}

// Attributes as strings, as JVB writes them.
Json CandidateToJson(const jingle::Candidate& c) {
  Json out = Json::object();
  out["component"] = std::to_string(c.component);
  if (!c.foundation.empty()) out["foundation"] = c.foundation;
  out["generation"] = std::to_string(c.generation);
  if (!c.id.empty()) out["id"] = c.id;
  out["ip"] = c.ip;
  out["network"] = std::to_string(c.network);
  out["port"] = std::to_string(c.port);
  out["priority"] = std::to_string(c.priority);
  out["protocol"] = c.protocol;
  out["type"] = c.type;
  if (!c.rel_addr.empty()) out["rel-addr"] = c.rel_addr;
  if (c.rel_port) out["rel-port"] = std::to_string(*c.rel_port);
  if (!c.tcptype.empty()) out["tcptype"] = c.tcptype;
  return out;
}

Result<jingle::Fingerprint> FingerprintFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::Fingerprint f;
  COLIBRI2_JSON_ASSIGN(f.value, StringField(json, "fingerprint", where, true, kMaxTextLength));
  if (Find(json, "hash") != nullptr) {
    COLIBRI2_JSON_ASSIGN(f.hash, StringField(json, "hash", where, true));
  }
  COLIBRI2_JSON_ASSIGN(f.setup, StringField(json, "setup", where, false));
  COLIBRI2_JSON_ASSIGN(f.cryptex, BoolField(json, "cryptex", where));
  return f;
}

Json FingerprintToJson(const jingle::Fingerprint& f) {
  Json out = Json::object();
  out["fingerprint"] = f.value;
  out["hash"] = f.hash;
  if (!f.setup.empty()) out["setup"] = f.setup;
  if (f.cryptex) out["cryptex"] = true;
  return out;
}

// JVB writes a web socket as its URL string ("active" for an active one without URL); an
// object {"url": …, "active": bool} keeps both.
Result<jingle::WebSocket> WebSocketFromJson(const Json& json, std::string_view where) {
  jingle::WebSocket ws;
  if (json.is_string()) {
    COLIBRI2_JSON_ASSIGN(ws.url, StringValue(json, where, kMaxTextLength));
    if (ws.url.empty()) return MakeError("colibri2.json-missing", "empty web-socket URL", PathOrRoot(where));
    if (ws.url == "active") {
      ws.url.clear();
      ws.active = true;
    }
    return ws;
  }
  if (!json.is_object()) return TypeError(where, "a URL string or an object");
  COLIBRI2_JSON_ASSIGN(ws.url, StringField(json, "url", where, false, kMaxTextLength));
  COLIBRI2_JSON_ASSIGN(ws.active, OptionalBoolField(json, "active", where));
  return ws;
}

Json WebSocketToJson(const jingle::WebSocket& ws) {
  if (!ws.active && !ws.url.empty()) return ws.url;
  if (ws.active && *ws.active && ws.url.empty()) return "active";
  Json out = Json::object();
  out["url"] = ws.url;
  if (ws.active) out["active"] = *ws.active;
  return out;
}

Result<jingle::IceUdpTransport> IceUdpFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  std::string xmlns;
  COLIBRI2_JSON_ASSIGN(xmlns, StringField(json, "xmlns", where, false));
  if (!xmlns.empty() && xmlns != ns::kIceUdp) {
    return MakeError("colibri2.bad-namespace", std::string("transport xmlns must be '") + ns::kIceUdp + "'",
                     Sub(where, "xmlns"));
  }
  jingle::IceUdpTransport t;
  COLIBRI2_JSON_ASSIGN(t.ufrag, StringField(json, "ufrag", where, false));
  COLIBRI2_JSON_ASSIGN(t.pwd, StringField(json, "pwd", where, false));
  std::optional<uint64_t> generation;
  COLIBRI2_JSON_ASSIGN(generation, OptionalUintField(json, "ice-generation", where, 0, UINT32_MAX));
  if (generation) t.ice_generation = static_cast<uint32_t>(*generation);
  COLIBRI2_JSON_ASSIGN(t.fingerprints, ListField<jingle::Fingerprint>(json, "fingerprints", where,
                                                                     kMaxSmallList, FingerprintFromJson));
  COLIBRI2_JSON_ASSIGN(t.candidates, ListField<jingle::Candidate>(json, "candidates", where,
                                                                 kMaxSmallList, CandidateFromJson));
  COLIBRI2_JSON_ASSIGN(t.web_sockets, ListField<jingle::WebSocket>(json, "web-sockets", where,
                                                                  kMaxSmallList, WebSocketFromJson));
  COLIBRI2_JSON_ASSIGN(t.rtcp_mux, BoolField(json, "rtcp-mux", where));
  const Json* sctpmap = nullptr;
  COLIBRI2_JSON_ASSIGN(sctpmap, ObjectField(json, "sctpmap", where));
  if (sctpmap != nullptr) {
    const std::string path = Sub(where, "sctpmap");
    jingle::SctpMap map;
    std::optional<uint64_t> v;
    COLIBRI2_JSON_ASSIGN(v, OptionalUintField(*sctpmap, "number", path, 0, 65535));
    if (v) map.number = static_cast<uint16_t>(*v);
    if (Find(*sctpmap, "protocol") != nullptr) {
      COLIBRI2_JSON_ASSIGN(map.protocol, StringField(*sctpmap, "protocol", path, true));
    }
    COLIBRI2_JSON_ASSIGN(v, OptionalUintField(*sctpmap, "streams", path, 0, UINT32_MAX));
    if (v) map.streams = static_cast<uint32_t>(*v);
    t.sctpmap = map;
  }
  return t;
}

Json IceUdpToJson(const jingle::IceUdpTransport& t) {
  Json out = Json::object();
  out["xmlns"] = ns::kIceUdp;
  if (!t.ufrag.empty()) out["ufrag"] = t.ufrag;
  if (!t.pwd.empty()) out["pwd"] = t.pwd;
  if (t.ice_generation) out["ice-generation"] = *t.ice_generation;
  if (!t.fingerprints.empty()) {
    Json list = Json::array();
    for (const auto& f : t.fingerprints) list.push_back(FingerprintToJson(f));
    out["fingerprints"] = std::move(list);
  }
  if (!t.candidates.empty()) {
    Json list = Json::array();
    for (const auto& c : t.candidates) list.push_back(CandidateToJson(c));
    out["candidates"] = std::move(list);
  }
  if (!t.web_sockets.empty()) {
    Json list = Json::array();
    for (const auto& ws : t.web_sockets) list.push_back(WebSocketToJson(ws));
    out["web-sockets"] = std::move(list);
  }
  if (t.rtcp_mux) out["rtcp-mux"] = true;
  if (t.sctpmap) {
    Json map = Json::object();
    map["number"] = t.sctpmap->number;
    map["protocol"] = t.sctpmap->protocol;
    map["streams"] = t.sctpmap->streams;
    out["sctpmap"] = std::move(map);
  }
  return out;
}

// A source is {"ssrc": n, "name": …, "videoType": …, "parameters": {"msid": …}, "owner": …} or,
// when it has nothing but an SSRC, the bare number (JVB's backward-compatible form).
Result<jingle::Source> SourceFromJson(const Json& json, std::string_view where) {
  jingle::Source s;
  if (json.is_number() || json.is_string()) {
    uint64_t ssrc = 0;
    COLIBRI2_JSON_ASSIGN(ssrc, UintValue(json, where, 1, UINT32_MAX));
    s.ssrc = static_cast<uint32_t>(ssrc);
    return s;
  }
  if (!json.is_object()) return TypeError(where, "an object or an SSRC number");
  uint64_t ssrc = 0;
  COLIBRI2_JSON_ASSIGN(ssrc, RequiredUintField(json, "ssrc", where, 1, UINT32_MAX));
  s.ssrc = static_cast<uint32_t>(ssrc);
  COLIBRI2_JSON_ASSIGN(s.name, StringField(json, "name", where, false));
  COLIBRI2_JSON_ASSIGN(s.video_type, StringField(json, "videoType", where, false));
  COLIBRI2_JSON_ASSIGN(s.owner, StringField(json, "owner", where, false));
  std::vector<jingle::Parameter> params;
  COLIBRI2_JSON_ASSIGN(params, ParametersField(json, where));
  for (auto& p : params) {
    if (p.name == "msid") {
      s.msid = std::move(p.value);
    } else {
      s.parameters.push_back(std::move(p));
    }
  }
  return s;
}

Json SourceToJson(const jingle::Source& s) {
  if (s.name.empty() && s.video_type.empty() && s.msid.empty() && s.owner.empty() &&
      s.parameters.empty()) {
    return s.ssrc;
  }
  Json out = Json::object();
  out["ssrc"] = s.ssrc;
  if (!s.name.empty()) out["name"] = s.name;
  if (!s.video_type.empty()) out["videoType"] = s.video_type;
  if (!s.msid.empty() || !s.parameters.empty()) {
    std::vector<jingle::Parameter> params;
    if (!s.msid.empty()) params.push_back({"msid", s.msid});
    params.insert(params.end(), s.parameters.begin(), s.parameters.end());
    out["parameters"] = ParametersToJson(params);
  }
  if (!s.owner.empty()) out["owner"] = s.owner;
  return out;
}

Result<jingle::SsrcGroup> SsrcGroupFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  jingle::SsrcGroup g;
  COLIBRI2_JSON_ASSIGN(g.semantics, StringField(json, "semantics", where, true));
  COLIBRI2_JSON_ASSIGN(g.ssrcs, ListField<uint32_t>(json, "sources", where, kMaxSourcesPerMediaSource,
                                                    [](const Json& j, std::string_view w) -> Result<uint32_t> {
                                                      auto v = UintValue(j, w, 1, UINT32_MAX);
                                                      if (!v) return v.error();
                                                      return static_cast<uint32_t>(*v);
                                                    }));
  if (g.ssrcs.empty()) {
    return MakeError("colibri2.json-missing", "ssrc-group without sources", Sub(where, "sources"));
  }
  return g;
}

Json SsrcGroupToJson(const jingle::SsrcGroup& g) {
  Json out = Json::object();
  out["semantics"] = g.semantics;
  Json ssrcs = Json::array();
  for (uint32_t ssrc : g.ssrcs) ssrcs.push_back(ssrc);
  out["sources"] = std::move(ssrcs);
  return out;
}

// ---------------------------------------------------------------------------------------------
// COLIBRI2 elements.

Result<Media> MediaFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  Media media;
  COLIBRI2_JSON_ASSIGN(media.type, MediaTypeField(json, where));
  COLIBRI2_JSON_ASSIGN(media.payload_types, ListField<jingle::PayloadType>(json, "payload-types", where,
                                                                          kMaxPayloadTypes, PayloadTypeFromJson));
  COLIBRI2_JSON_ASSIGN(media.header_extensions,
                       ListField<jingle::HeaderExtension>(json, "rtp-hdrexts", where, kMaxHeaderExtensions,
                                                          HeaderExtensionFromJson));
  COLIBRI2_JSON_ASSIGN(media.extmap_allow_mixed, BoolField(json, "extmap-allow-mixed", where));
  return media;
}

Json MediaToJson(const Media& media) {
  Json out = Json::object();
  out["type"] = jingle::ToString(media.type);
  if (!media.payload_types.empty()) {
    Json list = Json::array();
    for (const auto& pt : media.payload_types) list.push_back(PayloadTypeToJson(pt));
    out["payload-types"] = std::move(list);
  }
  if (!media.header_extensions.empty()) {
    Json list = Json::array();
    for (const auto& ext : media.header_extensions) list.push_back(HeaderExtensionToJson(ext));
    out["rtp-hdrexts"] = std::move(list);
  }
  if (media.extmap_allow_mixed) out["extmap-allow-mixed"] = true;
  return out;
}

Result<Transport> TransportFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  Transport t;
  COLIBRI2_JSON_ASSIGN(t.ice_controlling, BoolField(json, "ice-controlling", where));
  COLIBRI2_JSON_ASSIGN(t.use_unique_port, BoolField(json, "use-unique-port", where));
  COLIBRI2_JSON_ASSIGN(t.ice_restart, BoolField(json, "ice-restart", where));
  const Json* ice = nullptr;
  COLIBRI2_JSON_ASSIGN(ice, ObjectField(json, "transport", where));
  if (ice != nullptr) {
    COLIBRI2_JSON_ASSIGN(t.ice_udp, IceUdpFromJson(*ice, Sub(where, "transport")));
  }
  const Json* sctp = nullptr;
  COLIBRI2_JSON_ASSIGN(sctp, ObjectField(json, "sctp", where));
  if (sctp != nullptr) {
    const std::string path = Sub(where, "sctp");
    Sctp s;
    std::optional<uint64_t> port;
    COLIBRI2_JSON_ASSIGN(port, OptionalUintField(*sctp, "port", path, 0, 65535));
    if (port) s.port = static_cast<uint16_t>(*port);
    std::string role;
    COLIBRI2_JSON_ASSIGN(role, StringField(*sctp, "role", path, false));
    if (Find(*sctp, "role") != nullptr) {
      s.role = ParseSctpRole(role);
      if (!s.role) {
        return MakeError("colibri2.bad-sctp-role", "sctp role must be \"client\" or \"server\"",
                         Sub(path, "role"));
      }
    }
    t.sctp = s;
  }
  return t;
}

Json TransportToJson(const Transport& t) {
  Json out = Json::object();
  if (t.ice_controlling) out["ice-controlling"] = true;
  if (t.use_unique_port) out["use-unique-port"] = true;
  if (t.ice_restart) out["ice-restart"] = true;
  if (t.ice_udp) out["transport"] = IceUdpToJson(*t.ice_udp);
  if (t.sctp) {
    Json sctp = Json::object();
    if (t.sctp->port) sctp["port"] = *t.sctp->port;
    if (t.sctp->role) sctp["role"] = ToString(*t.sctp->role);
    out["sctp"] = std::move(sctp);
  }
  return out;
}

Result<MediaSource> MediaSourceFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  MediaSource ms;
  COLIBRI2_JSON_ASSIGN(ms.type, MediaTypeField(json, where));
  COLIBRI2_JSON_ASSIGN(ms.id, StringField(json, "id", where, true));
  COLIBRI2_JSON_ASSIGN(ms.synthetic, BoolField(json, "synthetic", where));
  COLIBRI2_JSON_ASSIGN(ms.sources, ListField<jingle::Source>(json, "sources", where,
                                                             kMaxSourcesPerMediaSource, SourceFromJson));
  COLIBRI2_JSON_ASSIGN(ms.ssrc_groups, ListField<jingle::SsrcGroup>(json, "ssrc-groups", where,
                                                                    kMaxSsrcGroups, SsrcGroupFromJson));
  return ms;
}

// "sources": [media-source, …] (an array, as in JVB).
Result<std::optional<Sources>> SourcesField(const Json& object, std::string_view where) {
  if (Find(object, "sources") == nullptr) return std::optional<Sources>();
  Sources sources;
  COLIBRI2_JSON_ASSIGN(sources.media_sources,
                       ListField<MediaSource>(object, "sources", where, kMaxMediaSources, MediaSourceFromJson));
  return std::optional<Sources>(std::move(sources));
}

Json SourcesToJson(const Sources& sources) {
  Json list = Json::array();
  for (const MediaSource& ms : sources.media_sources) {
    Json j = Json::object();
    j["type"] = jingle::ToString(ms.type);
    j["id"] = ms.id;
    if (ms.synthetic) j["synthetic"] = true;
    if (!ms.sources.empty()) {
      Json s = Json::array();
      for (const auto& source : ms.sources) s.push_back(SourceToJson(source));
      j["sources"] = std::move(s);
    }
    if (!ms.ssrc_groups.empty()) {
      Json g = Json::array();
      for (const auto& group : ms.ssrc_groups) g.push_back(SsrcGroupToJson(group));
      j["ssrc-groups"] = std::move(g);
    }
    list.push_back(std::move(j));
  }
  return list;
}

Result<std::optional<Transport>> TransportField(const Json& object, std::string_view where) {
  const Json* t = nullptr;
  COLIBRI2_JSON_ASSIGN(t, ObjectField(object, "transport", where));
  if (t == nullptr) return std::optional<Transport>();
  auto parsed = TransportFromJson(*t, Sub(where, "transport"));
  if (!parsed) return parsed.error();
  return std::optional<Transport>(std::move(*parsed));
}

void PutEntityCommon(Json& out, const std::vector<Media>& medias,
                     const std::optional<Transport>& transport, const std::optional<Sources>& sources) {
  if (!medias.empty()) {
    Json list = Json::array();
    for (const auto& media : medias) list.push_back(MediaToJson(media));
    out["medias"] = std::move(list);
  }
  if (transport) out["transport"] = TransportToJson(*transport);
  if (sources) out["sources"] = SourcesToJson(*sources);
}

Result<Relay> RelayFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  Relay relay;
  COLIBRI2_JSON_ASSIGN(relay.id, StringField(json, "id", where, true));
  COLIBRI2_JSON_ASSIGN(relay.create, BoolField(json, "create", where));
  COLIBRI2_JSON_ASSIGN(relay.expire, BoolField(json, "expire", where));
  COLIBRI2_JSON_ASSIGN(relay.medias, ListField<Media>(json, "medias", where, kMaxMedias, MediaFromJson));
  COLIBRI2_JSON_ASSIGN(relay.transport, TransportField(json, where));
  COLIBRI2_JSON_ASSIGN(relay.sources, SourcesField(json, where));
  COLIBRI2_JSON_ASSIGN(relay.mesh_id, StringField(json, "mesh-id", where, false));
  COLIBRI2_JSON_ASSIGN(relay.endpoints, ListField<Endpoint>(json, "endpoints", where, kMaxEndpoints,
                                                            [](const Json& j, std::string_view w) {
                                                              return EndpointFromJson(j, w);
                                                            }));
  return relay;
}

Json RelayToJson(const Relay& relay) {
  Json out = Json::object();
  out["id"] = relay.id;
  if (relay.create) out["create"] = true;
  if (relay.expire) out["expire"] = true;
  PutEntityCommon(out, relay.medias, relay.transport, relay.sources);
  if (!relay.mesh_id.empty()) out["mesh-id"] = relay.mesh_id;
  if (!relay.endpoints.empty()) {
    Json list = Json::array();
    for (const auto& endpoint : relay.endpoints) list.push_back(ToJson(endpoint));
    out["endpoints"] = std::move(list);
  }
  return out;
}

template <typename T>
Result<std::vector<T>> EntityList(const Json& object, std::string_view key, size_t max,
                                  Result<T> (*parse)(const Json&, std::string_view)) {
  return ListField<T>(object, key, "", max, parse);
}

Result<Endpoint> EndpointFromJsonAt(const Json& json, std::string_view where) {
  return EndpointFromJson(json, where);
}

// Rejects nesting deeper than kMaxJsonDepth before nlohmann builds the tree.
Status CheckDepth(std::string_view text) {
  if (auto at = signaling::json::ExcessNestingOffset(text, kMaxJsonDepth)) {
    return MakeError("colibri2.json-too-deep",
                     "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                     "byte " + std::to_string(*at));
  }
  return {};
}

Result<Json> ParseText(std::string_view text) {
  if (text.size() > kMaxJsonBytes) {
    return MakeError("colibri2.json-too-large", "JSON document of " + std::to_string(text.size()) +
                                                    " bytes exceeds " + std::to_string(kMaxJsonBytes));
  }
  MEET_RETURN_IF_ERROR(CheckDepth(text));
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return MakeError("colibri2.json-syntax", "malformed JSON", "byte " + std::to_string(e.byte));
  } catch (const std::exception& e) {
    return MakeError("colibri2.json-syntax", std::string("malformed JSON: ") + e.what());
  }
}

}  // namespace

Result<Endpoint> EndpointFromJson(const Json& json, std::string_view where) {
  MEET_RETURN_IF_ERROR(RequireObject(json, where));
  Endpoint ep;
  COLIBRI2_JSON_ASSIGN(ep.id, StringField(json, "id", where, true));
  COLIBRI2_JSON_ASSIGN(ep.create, BoolField(json, "create", where));
  COLIBRI2_JSON_ASSIGN(ep.expire, BoolField(json, "expire", where));
  COLIBRI2_JSON_ASSIGN(ep.medias, ListField<Media>(json, "medias", where, kMaxMedias, MediaFromJson));
  COLIBRI2_JSON_ASSIGN(ep.transport, TransportField(json, where));
  COLIBRI2_JSON_ASSIGN(ep.sources, SourcesField(json, where));
  COLIBRI2_JSON_ASSIGN(ep.stats_id, StringField(json, "stats-id", where, false));
  COLIBRI2_JSON_ASSIGN(ep.muc_role, StringField(json, "muc-role", where, false));
  if (!ep.muc_role.empty() && ep.muc_role != muc_role::kModerator &&
      ep.muc_role != muc_role::kParticipant && ep.muc_role != muc_role::kVisitor &&
      ep.muc_role != muc_role::kNone) {
    return MakeError("colibri2.bad-muc-role", "unknown muc-role \"" + ep.muc_role + "\"",
                     Sub(where, "muc-role"));
  }
  const Json* mute = nullptr;
  COLIBRI2_JSON_ASSIGN(mute, ObjectField(json, "force-mute", where));
  if (mute != nullptr) {
    const std::string path = Sub(where, "force-mute");
    ForceMute fm;
    COLIBRI2_JSON_ASSIGN(fm.audio, BoolField(*mute, "audio", path));
    COLIBRI2_JSON_ASSIGN(fm.video, BoolField(*mute, "video", path));
    ep.force_mute = fm;
  }
  const Json* last_n = nullptr;
  COLIBRI2_JSON_ASSIGN(last_n, ObjectField(json, "initial-last-n", where));
  if (last_n != nullptr) {
    const std::string path = Sub(Sub(where, "initial-last-n"), "value");
    const Json* value = Find(*last_n, "value");
    if (value == nullptr) return MakeError("colibri2.json-missing", "missing \"value\"", path);
    if (!value->is_number_integer()) return TypeError(path, "an integer");
    if (value->is_number_unsigned() && value->get<uint64_t>() > INT32_MAX) {
      return MakeError("colibri2.bad-last-n", "initial-last-n value must be an integer >= -1", path);
    }
    const int64_t n = value->get<int64_t>();
    if (n < -1 || n > INT32_MAX) {
      return MakeError("colibri2.bad-last-n", "initial-last-n value must be an integer >= -1", path);
    }
    ep.initial_last_n = static_cast<int32_t>(n);
  }
  COLIBRI2_JSON_ASSIGN(ep.capabilities,
                       ListField<std::string>(json, "capabilities", where, kMaxCapabilities,
                                              [](const Json& j, std::string_view w) -> Result<std::string> {
                                                auto s = StringValue(j, w, kMaxIdLength);
                                                if (s && s->empty()) {
                                                  return MakeError("colibri2.json-missing",
                                                                   "empty capability name", std::string(w));
                                                }
                                                return s;
                                              }));
  return ep;
}

Json ToJson(const Endpoint& endpoint) {
  Json out = Json::object();
  out["id"] = endpoint.id;
  if (endpoint.create) out["create"] = true;
  if (endpoint.expire) out["expire"] = true;
  PutEntityCommon(out, endpoint.medias, endpoint.transport, endpoint.sources);
  if (!endpoint.stats_id.empty()) out["stats-id"] = endpoint.stats_id;
  if (!endpoint.muc_role.empty()) out["muc-role"] = endpoint.muc_role;
  if (endpoint.force_mute) {
    Json mute = Json::object();
    mute["audio"] = endpoint.force_mute->audio;
    mute["video"] = endpoint.force_mute->video;
    out["force-mute"] = std::move(mute);
  }
  if (endpoint.initial_last_n) {
    Json last_n = Json::object();
    last_n["value"] = *endpoint.initial_last_n;
    out["initial-last-n"] = std::move(last_n);
  }
  if (!endpoint.capabilities.empty()) out["capabilities"] = endpoint.capabilities;
  return out;
}

Json ToJson(const ConferenceModify& modify) {
  Json out = Json::object();
  out["meeting-id"] = modify.meeting_id;
  if (!modify.name.empty()) out["name"] = modify.name;
  if (modify.create) out["create"] = true;
  if (modify.expire) out["expire"] = true;
  if (modify.rtcstats_enabled) out["rtcstats-enabled"] = *modify.rtcstats_enabled;
  if (!modify.endpoints.empty()) {
    Json list = Json::array();
    for (const auto& endpoint : modify.endpoints) list.push_back(ToJson(endpoint));
    out["endpoints"] = std::move(list);
  }
  if (!modify.relays.empty()) {
    Json list = Json::array();
    for (const auto& relay : modify.relays) list.push_back(RelayToJson(relay));
    out["relays"] = std::move(list);
  }
  return out;
}

Json ToJson(const ConferenceModified& modified) {
  Json out = Json::object();
  if (!modified.endpoints.empty()) {
    Json list = Json::array();
    for (const auto& endpoint : modified.endpoints) list.push_back(ToJson(endpoint));
    out["endpoints"] = std::move(list);
  }
  if (!modified.relays.empty()) {
    Json list = Json::array();
    for (const auto& relay : modified.relays) list.push_back(RelayToJson(relay));
    out["relays"] = std::move(list);
  }
  if (modified.sources) out["sources"] = SourcesToJson(*modified.sources);
  return out;
}

Json ToJson(const Colibri2Error& error) {
  Json out = Json::object();
  out["condition"] = error.condition.empty() ? "bad-request" : error.condition;
  if (error.reason) out["reason"] = ToString(*error.reason);
  if (!error.text.empty()) out["text"] = error.text;
  if (!error.endpoint_id.empty()) out["endpoint-id"] = error.endpoint_id;
  return out;
}

Result<ConferenceModify> ConferenceModifyFromJson(const Json& json) {
  if (!json.is_object()) return TypeError("", "a conference-modify object");
  try {
    ConferenceModify modify;
    auto meeting_id = StringField(json, "meeting-id", "", true);
    if (!meeting_id) {
      Error e = meeting_id.error();
      if (e.code == "colibri2.json-missing") {
        e.code = "colibri2.missing-meeting-id";
        e.text = "conference-modify without meeting-id";
      }
      return e;
    }
    modify.meeting_id = std::move(*meeting_id);
    COLIBRI2_JSON_ASSIGN(modify.name, StringField(json, "name", "", false));
    COLIBRI2_JSON_ASSIGN(modify.create, BoolField(json, "create", ""));
    COLIBRI2_JSON_ASSIGN(modify.expire, BoolField(json, "expire", ""));
    COLIBRI2_JSON_ASSIGN(modify.rtcstats_enabled, OptionalBoolField(json, "rtcstats-enabled", ""));
    COLIBRI2_JSON_ASSIGN(modify.endpoints, EntityList<Endpoint>(json, "endpoints", kMaxEndpoints, EndpointFromJsonAt));
    COLIBRI2_JSON_ASSIGN(modify.relays, EntityList<Relay>(json, "relays", kMaxRelays, RelayFromJson));
    return modify;
  } catch (const std::exception& e) {
    return MakeError("colibri2.json-internal", std::string("unexpected JSON error: ") + e.what());
  }
}

Result<ConferenceModified> ConferenceModifiedFromJson(const Json& json) {
  if (!json.is_object()) return TypeError("", "a conference-modified object");
  try {
    ConferenceModified modified;
    COLIBRI2_JSON_ASSIGN(modified.endpoints,
                         EntityList<Endpoint>(json, "endpoints", kMaxEndpoints, EndpointFromJsonAt));
    COLIBRI2_JSON_ASSIGN(modified.relays, EntityList<Relay>(json, "relays", kMaxRelays, RelayFromJson));
    COLIBRI2_JSON_ASSIGN(modified.sources, SourcesField(json, ""));
    return modified;
  } catch (const std::exception& e) {
    return MakeError("colibri2.json-internal", std::string("unexpected JSON error: ") + e.what());
  }
}

Result<ConferenceModify> ConferenceModifyFromJson(std::string_view text) {
  auto json = ParseText(text);
  if (!json) return json.error();
  return ConferenceModifyFromJson(*json);
}

Result<ConferenceModified> ConferenceModifiedFromJson(std::string_view text) {
  auto json = ParseText(text);
  if (!json) return json.error();
  return ConferenceModifiedFromJson(*json);
}

std::string DumpJson(const Json& json, int indent) {
  try {
    return json.dump(indent, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception&) {
    return "{}";
  }
}

int HttpStatusFor(const Colibri2Error& error) {
  const std::string_view c = error.condition;
  if (c == "item-not-found") return 404;
  if (c == "conflict") return 409;
  if (c == "feature-not-implemented") return 501;
  if (c == "service-unavailable") return 503;
  if (c == "bad-request" || c.empty()) return 400;
  if (c == "forbidden" || c == "not-allowed") return 403;
  return 500;
}

}  // namespace meet::signaling::colibri2
