// Parse(): JSON text -> Message, with JVB's strictness (see message_codec.hpp).

#include "signaling/json/json_text.hpp"

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signaling/bridge_channel/message_codec.hpp"

namespace meet::signaling::bridge_channel {
namespace {

constexpr const char* kClassKey = "colibriClass";

Error BcError(std::string_view what, std::string text, std::string where) {
  return MakeError("bridge_channel." + std::string(what), std::move(text), std::move(where));
}

// ---- syntax pass: duplicate keys, depth, non-finite numbers ------------------------------

// Watches the SAX-like callback events of nlohmann's parser. nlohmann keeps the last of two
// equal keys; Jackson (STRICT_DUPLICATE_DETECTION) rejects the document, so do we.
class SyntaxWatcher {
 public:
  explicit SyntaxWatcher(size_t max_depth) : max_depth_(max_depth) {}

  bool OnEvent(Json::parse_event_t event, const Json& parsed) {
    using Event = Json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start: {
        ElementStarted();
        if (frames_.size() >= max_depth_) {
          Fail("too-deep", "nesting deeper than " + std::to_string(max_depth_));
        }
        frames_.push_back(Frame{event == Event::object_start, {}, {}, 0});
        return true;
      }
      case Event::object_end:
      case Event::array_end:
        if (!frames_.empty()) frames_.pop_back();
        return true;
      case Event::key: {
        if (frames_.empty() || !frames_.back().is_object || !parsed.is_string()) return true;
        Frame& frame = frames_.back();
        const auto& key = parsed.get_ref<const std::string&>();
        frame.key = key;
        if (!frame.keys.insert(key).second) {
          Fail("duplicate-key", "duplicate key \"" + key + "\"");
        }
        return true;
      }
      case Event::value:
        ElementStarted();
        if (parsed.is_number_float() && !std::isfinite(parsed.get<double>())) {
          Fail("bad-number", "number out of range");
        }
        return true;
    }
    return true;
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  struct Frame {
    bool is_object = false;
    std::set<std::string> keys;
    std::string key;   // current key (objects)
    size_t count = 0;  // elements seen so far (arrays)
  };

  void ElementStarted() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().count;
  }

  std::string Path() const {
    std::string path;
    for (const Frame& f : frames_) {
      path += f.is_object ? signaling::json::PointerSegment(f.key)
                          : "/" + std::to_string(f.count == 0 ? 0 : f.count - 1);
    }
    return path;
  }

  void Fail(std::string_view what, std::string text) {
    if (!error_) error_ = BcError(what, std::move(text), Path());
  }

  size_t max_depth_;
  std::vector<Frame> frames_;
  std::optional<Error> error_;
};

// ---- typed field access --------------------------------------------------------------------

// Integer value of a JSON number in [min, max]; integral floats count, fractional ones don't.
std::optional<int64_t> IntegerIn(const Json& v, int64_t min, int64_t max) {
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    const auto i = static_cast<int64_t>(u);
    if (i < min || i > max) return std::nullopt;
    return i;
  }
  if (v.is_number_integer()) {
    const int64_t i = v.get<int64_t>();
    if (i < min || i > max) return std::nullopt;
    return i;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    // max + 1.0 is exact for the 32-bit bounds and rounds to 2^63 for int64's, so the
    // comparisons below never let an out-of-range double reach the cast.
    if (!(d >= static_cast<double>(min)) || !(d < static_cast<double>(max) + 1.0)) {
      return std::nullopt;
    }
    if (std::trunc(d) != d) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

const char* TypeName(const Json& v) { return v.type_name(); }

// Reads fields of one JSON object, remembering which ones were used and the first error.
// Every accessor returns a harmless default once an error is recorded; callers check error()
// at the end (Finish()).
class FieldReader {
 public:
  FieldReader(const Json& object, std::string path, const ParseLimits& limits)
      : object_(object), path_(std::move(path)), limits_(limits) {}

  // The raw value, or nullptr when absent (JSON null counts as absent unless keep_null).
  const Json* Find(std::string_view key, bool keep_null = false) {
    used_.insert(std::string(key));
    auto it = object_.find(std::string(key));
    if (it == object_.end()) return nullptr;
    if (it->is_null() && !keep_null) return nullptr;
    return &*it;
  }

  const Json* Require(std::string_view key) {
    const Json* v = Find(key, /*keep_null=*/true);
    if (v == nullptr) {
      Fail("missing-field", "missing required field \"" + std::string(key) + "\"", key);
    } else if (v->is_null()) {
      Fail("bad-type", "field \"" + std::string(key) + "\" must not be null", key);
      return nullptr;
    }
    return v;
  }

  std::optional<std::string> OptString(std::string_view key) { return AsString(key, Find(key)); }
  std::string ReqString(std::string_view key) {
    return AsString(key, Require(key)).value_or(std::string());
  }

  std::optional<int32_t> OptInt(std::string_view key) {
    auto v = AsInteger(key, Find(key), std::numeric_limits<int32_t>::min(),
                       std::numeric_limits<int32_t>::max(), "a 32-bit integer");
    if (!v) return std::nullopt;
    return static_cast<int32_t>(*v);
  }
  int32_t ReqInt(std::string_view key) {
    auto v = AsInteger(key, Require(key), std::numeric_limits<int32_t>::min(),
                       std::numeric_limits<int32_t>::max(), "a 32-bit integer");
    return static_cast<int32_t>(v.value_or(0));
  }
  std::optional<int64_t> OptLong(std::string_view key) {
    return AsInteger(key, Find(key), std::numeric_limits<int64_t>::min(),
                     std::numeric_limits<int64_t>::max(), "a 64-bit integer");
  }
  int64_t ReqLong(std::string_view key) {
    return AsInteger(key, Require(key), std::numeric_limits<int64_t>::min(),
                     std::numeric_limits<int64_t>::max(), "a 64-bit integer")
        .value_or(0);
  }
  uint32_t ReqUint32(std::string_view key) {
    return static_cast<uint32_t>(
        AsInteger(key, Require(key), 0, 0xFFFFFFFF, "an integer in 0..4294967295").value_or(0));
  }
  std::optional<double> OptNumber(std::string_view key) {
    const Json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) {
      BadType(key, *v, "a number");
      return std::nullopt;
    }
    return v->get<double>();
  }

  // null_is_absent: false for Kotlin non-null fields with a default (null is an error there).
  std::optional<bool> OptBool(std::string_view key, bool null_is_absent = true) {
    const Json* v = Find(key, /*keep_null=*/!null_is_absent);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
      BadType(key, *v, "a boolean");
      return std::nullopt;
    }
    return v->get<bool>();
  }
  bool ReqBool(std::string_view key) {
    const Json* v = Require(key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
      BadType(key, *v, "a boolean");
      return false;
    }
    return v->get<bool>();
  }

  std::optional<std::vector<std::string>> OptStringList(std::string_view key) {
    return AsStringList(key, Find(key));
  }
  std::vector<std::string> ReqStringList(std::string_view key) {
    return AsStringList(key, Require(key)).value_or(std::vector<std::string>());
  }

  VideoType ReqVideoType(std::string_view key) {
    auto text = AsString(key, Require(key));
    if (!text) return VideoType::kCamera;
    auto type = ParseVideoType(*text);
    if (!type) {
      Fail("bad-value", "unknown videoType \"" + *text + "\"", key);
      return VideoType::kCamera;
    }
    return *type;
  }

  // An array value, bounded by max_list_entries; nullptr when absent or wrong.
  const Json* OptArray(std::string_view key, const Json* v) {
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
      BadType(key, *v, "an array");
      return nullptr;
    }
    if (v->size() > limits_.max_list_entries) {
      Fail("too-many", "more than " + std::to_string(limits_.max_list_entries) + " entries", key);
      return nullptr;
    }
    return v;
  }
  const Json* AsObject(std::string_view key, const Json* v) {
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      BadType(key, *v, "an object");
      return nullptr;
    }
    return v;
  }

  // Fails on any field not read so far (colibriClass excepted).
  void RejectUnknownFields() {
    if (error_) return;
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (it.key() == kClassKey || used_.count(it.key()) != 0) continue;
      Fail("unknown-field", "unknown field \"" + it.key() + "\"", it.key());
      return;
    }
  }

  // Every field not read so far (colibriClass excepted), in received order.
  Json UnreadFields() const {
    Json out = Json::object();
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (it.key() == kClassKey || used_.count(it.key()) != 0) continue;
      out[it.key()] = it.value();
    }
    return out;
  }

  std::string PathOf(std::string_view key) const { return path_ + signaling::json::PointerSegment(key); }

  void Fail(std::string_view what, std::string text, std::string_view key) {
    if (!error_) error_ = BcError(what, std::move(text), PathOf(key));
  }
  // Adopts an error found in a nested object.
  void Adopt(const std::optional<Error>& nested) {
    if (!error_ && nested) error_ = nested;
  }

  const std::optional<Error>& error() const { return error_; }
  const ParseLimits& limits() const { return limits_; }

 private:
  void BadType(std::string_view key, const Json& v, std::string_view wanted) {
    Fail("bad-type",
         "field \"" + std::string(key) + "\" must be " + std::string(wanted) + ", not " +
             TypeName(v),
         key);
  }

  std::optional<std::string> AsString(std::string_view key, const Json* v) {
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      BadType(key, *v, "a string");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<int64_t> AsInteger(std::string_view key, const Json* v, int64_t min, int64_t max,
                                   std::string_view wanted) {
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) {
      BadType(key, *v, wanted);
      return std::nullopt;
    }
    auto i = IntegerIn(*v, min, max);
    if (!i) {
      Fail("bad-value", "field \"" + std::string(key) + "\" must be " + std::string(wanted), key);
    }
    return i;
  }

  std::optional<std::vector<std::string>> AsStringList(std::string_view key, const Json* v) {
    const Json* array = OptArray(key, v);
    if (array == nullptr) return std::nullopt;
    std::vector<std::string> out;
    out.reserve(array->size());
    for (size_t i = 0; i < array->size(); ++i) {
      const Json& item = (*array)[i];
      if (!item.is_string()) {
        if (!error_) {
          error_ = BcError("bad-type",
                           "entries of \"" + std::string(key) + "\" must be strings, not " +
                               TypeName(item),
                           PathOf(key) + "/" + std::to_string(i));
        }
        return std::nullopt;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  const Json& object_;
  std::string path_;
  const ParseLimits& limits_;
  std::set<std::string> used_;
  std::optional<Error> error_;
};

// ---- per-class decoders ----------------------------------------------------------------

// VideoConstraints ignores unknown fields (JVB: @JsonIgnoreProperties(ignoreUnknown = true)).
std::optional<VideoConstraints> DecodeConstraints(FieldReader& parent, std::string_view key,
                                                  const Json* value) {
  const Json* object = parent.AsObject(key, value);
  if (object == nullptr) return std::nullopt;
  FieldReader r(*object, parent.PathOf(key), parent.limits());
  VideoConstraints c;
  c.max_height = r.ReqInt("maxHeight");
  if (!r.error() && c.max_height < VideoConstraints::kUnlimitedHeight) {
    r.Fail("bad-value", "maxHeight must be -1, 0 or positive", "maxHeight");
  }
  if (auto fps = r.OptNumber("maxFrameRate")) {
    if (*fps != VideoConstraints::kUnlimitedFrameRate && *fps < 0.0) {
      r.Fail("bad-value", "maxFrameRate must be -1 or >= 0", "maxFrameRate");
    }
    c.max_frame_rate = *fps;
  }
  parent.Adopt(r.error());
  if (r.error()) return std::nullopt;
  return c;
}

ReceiverVideoConstraints DecodeReceiverVideoConstraints(FieldReader& r) {
  ReceiverVideoConstraints m;
  m.last_n = r.OptInt("lastN");
  m.selected_sources = r.OptStringList("selectedSources");
  m.on_stage_sources = r.OptStringList("onStageSources");
  if (const Json* v = r.Find("defaultConstraints")) {
    m.default_constraints = DecodeConstraints(r, "defaultConstraints", v);
  }
  if (const Json* map = r.AsObject("constraints", r.Find("constraints"))) {
    if (map->size() > r.limits().max_list_entries) {
      r.Fail("too-many", "more than " + std::to_string(r.limits().max_list_entries) + " entries",
             "constraints");
    } else {
      FieldReader inner(*map, r.PathOf("constraints"), r.limits());
      std::map<std::string, VideoConstraints> out;
      for (auto it = map->begin(); it != map->end() && !inner.error(); ++it) {
        if (auto c = DecodeConstraints(inner, it.key(), &it.value())) out.emplace(it.key(), *c);
      }
      r.Adopt(inner.error());
      m.constraints = std::move(out);
    }
  }
  m.assumed_bandwidth_bps = r.OptLong("assumedBandwidthBps");
  return m;
}

EndpointMessage DecodeEndpointMessage(FieldReader& r) {
  EndpointMessage m;
  m.to = r.ReqString("to");
  m.from = r.OptString("from");
  // LJM drops an EndpointMessage whose msgPayload is not an object; so does this parser.
  if (const Json* payload = r.Find("msgPayload", /*keep_null=*/true)) {
    if (!payload->is_object()) {
      r.Fail("bad-type",
             std::string("field \"msgPayload\" must be an object, not ") + TypeName(*payload),
             "msgPayload");
    } else {
      m.msg_payload = *payload;
    }
  }
  m.other_fields = r.UnreadFields();
  return m;
}

EndpointStats DecodeEndpointStats(FieldReader& r) {
  EndpointStats m;
  m.from = r.OptString("from");
  m.other_fields = r.UnreadFields();
  return m;
}

ReceiverAudioSubscription DecodeReceiverAudioSubscription(FieldReader& r) {
  ReceiverAudioSubscription m;
  // Both forms are read (and type-checked) as JVB's creator does; "mode" wins when present.
  const auto all = r.OptBool("all");
  auto include = r.OptStringList("include");
  auto exclude = r.OptStringList("exclude");
  const auto mode = r.OptString("mode");
  auto list = r.OptStringList("list");
  if (mode) {
    if (*mode == "All") {
      m.all = true;
    } else if (*mode == "None") {
      m.all = false;
    } else if (*mode == "Include") {
      m.include = std::move(list).value_or(std::vector<std::string>());
    } else if (*mode == "Exclude") {
      m.all = true;
      m.exclude = std::move(list).value_or(std::vector<std::string>());
    } else {
      r.Fail("bad-value", "unknown ReceiverAudioSubscription mode \"" + *mode + "\"", "mode");
    }
    return m;
  }
  m.all = all.value_or(false);
  m.include = std::move(include).value_or(std::vector<std::string>());
  m.exclude = std::move(exclude).value_or(std::vector<std::string>());
  return m;
}

DominantSpeakerEndpointChangeEvent DecodeDominantSpeaker(FieldReader& r) {
  DominantSpeakerEndpointChangeEvent m;
  m.dominant_speaker_endpoint = r.ReqString("dominantSpeakerEndpoint");
  m.previous_speakers = r.OptStringList("previousSpeakers");
  m.silence = r.OptBool("silence", /*null_is_absent=*/false).value_or(false);
  return m;
}

EndpointConnectivityStatusChangeEvent DecodeConnectivity(FieldReader& r) {
  EndpointConnectivityStatusChangeEvent m;
  m.endpoint = r.ReqString("endpoint");
  const std::string active = r.ReqString("active");
  if (!r.error()) {
    if (active == "true") {
      m.active = true;
    } else if (active == "false") {
      m.active = false;
    } else {
      r.Fail("bad-value", "field \"active\" must be the string \"true\" or \"false\"", "active");
    }
  }
  return m;
}

template <typename Mapping, typename Fill>
std::vector<Mapping> DecodeMappings(FieldReader& r, Fill fill) {
  std::vector<Mapping> out;
  const Json* array = r.OptArray("mappedSources", r.Require("mappedSources"));
  if (array == nullptr) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size() && !r.error(); ++i) {
    const Json& item = (*array)[i];
    const std::string path = r.PathOf("mappedSources") + "/" + std::to_string(i);
    if (!item.is_object()) {
      r.Adopt(BcError("bad-type", std::string("mappedSources entries must be objects, not ") +
                                      TypeName(item),
                      path));
      break;
    }
    FieldReader entry(item, path, r.limits());
    Mapping m;
    m.source = entry.ReqString("source");
    m.owner = entry.OptString("owner");
    m.ssrc = entry.ReqLong("ssrc");
    fill(entry, m);
    m.mid = entry.OptString("mid");
    entry.RejectUnknownFields();
    r.Adopt(entry.error());
    out.push_back(std::move(m));
  }
  return out;
}

VideoSourcesMap DecodeVideoSourcesMap(FieldReader& r) {
  VideoSourcesMap m;
  m.mapped_sources = DecodeMappings<VideoSourceMapping>(r, [](FieldReader& e, VideoSourceMapping& s) {
    s.rtx = e.ReqLong("rtx");
    s.video_type = e.ReqVideoType("videoType");
  });
  return m;
}

AudioSourcesMap DecodeAudioSourcesMap(FieldReader& r) {
  AudioSourcesMap m;
  m.mapped_sources = DecodeMappings<AudioSourceMapping>(r, [](FieldReader&, AudioSourceMapping&) {});
  return m;
}

AddReceiver DecodeAddReceiver(FieldReader& r) {
  AddReceiver m;
  m.bridge_id = r.ReqString("bridgeId");
  m.source_name = r.ReqString("sourceName");
  if (const Json* v = r.Require("videoConstraints")) {
    if (auto c = DecodeConstraints(r, "videoConstraints", v)) m.video_constraints = *c;
  }
  return m;
}

// Dispatch on colibriClass. `keeps_unknown` is true for the two classes that preserve them.
std::optional<Message> Decode(std::string_view cls, FieldReader& r, bool& keeps_unknown) {
  keeps_unknown = false;
  if (cls == "ClientHello") return ClientHello{};
  if (cls == "ServerHello") return ServerHello{r.OptString("version")};
  if (cls == "ReceiverVideoConstraints") return DecodeReceiverVideoConstraints(r);
  if (cls == "SourceVideoTypeMessage") {
    SourceVideoTypeMessage m;
    m.video_type = r.ReqVideoType("videoType");
    m.source_name = r.ReqString("sourceName");
    m.endpoint_id = r.OptString("endpointId");
    return m;
  }
  if (cls == "VideoTypeMessage") {
    VideoTypeMessage m;
    m.video_type = r.ReqVideoType("videoType");
    m.endpoint_id = r.OptString("endpointId");
    return m;
  }
  if (cls == "EndpointMessage") {
    keeps_unknown = true;
    return DecodeEndpointMessage(r);
  }
  if (cls == "EndpointStats") {
    keeps_unknown = true;
    return DecodeEndpointStats(r);
  }
  if (cls == "LastNChangedEvent") return LastNChangedEvent{r.ReqInt("lastN")};
  if (cls == "ReceiverAudioSubscription") return DecodeReceiverAudioSubscription(r);
  if (cls == "DominantSpeakerEndpointChangeEvent") return DecodeDominantSpeaker(r);
  if (cls == "ForwardedSources") return ForwardedSources{r.ReqStringList("forwardedSources")};
  if (cls == "SenderSourceConstraints") {
    SenderSourceConstraints m;
    m.source_name = r.ReqString("sourceName");
    m.max_height = r.ReqInt("maxHeight");
    return m;
  }
  if (cls == "EndpointConnectivityStatusChangeEvent") return DecodeConnectivity(r);
  if (cls == "ConnectionStats") return ConnectionStats{r.ReqLong("estimatedDownlinkBandwidth")};
  if (cls == "VideoSourcesMap") return DecodeVideoSourcesMap(r);
  if (cls == "AudioSourcesMap") return DecodeAudioSourcesMap(r);
  if (cls == "SyntheticSourceSendingChangeEvent") {
    SyntheticSourceSendingChangeEvent m;
    m.source_name = r.ReqString("sourceName");
    m.sending = r.ReqBool("sending");
    m.timestamp = r.ReqUint32("timestamp");
    return m;
  }
  if (cls == "AddReceiver") return DecodeAddReceiver(r);
  if (cls == "RemoveReceiver") {
    RemoveReceiver m;
    m.bridge_id = r.ReqString("bridgeId");
    m.endpoint_id = r.ReqString("endpointId");
    return m;
  }
  return std::nullopt;
}

Result<Message> ParseDocument(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return BcError("too-large",
                   "message of " + std::to_string(text.size()) + " bytes exceeds " +
                       std::to_string(limits.max_bytes),
                   "byte " + std::to_string(limits.max_bytes));
  }
  SyntaxWatcher watcher(limits.max_depth);
  Json doc;
  try {
    doc = Json::parse(
        text.begin(), text.end(),
        [&watcher](int /*depth*/, Json::parse_event_t event, Json& parsed) {
          return watcher.OnEvent(event, parsed);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const nlohmann::json::parse_error& e) {
    return BcError("malformed", e.what(), "byte " + std::to_string(e.byte));
  } catch (const std::exception& e) {
    return BcError("malformed", e.what(), {});
  }
  if (watcher.error()) return *watcher.error();
  if (!doc.is_object()) {
    return BcError("not-object", std::string("a message must be a JSON object, not ") +
                                     TypeName(doc), "/");
  }
  auto cls = doc.find(kClassKey);
  if (cls == doc.end()) return BcError("missing-class", "missing colibriClass", "/");
  if (!cls->is_string()) {
    return BcError("bad-type", std::string("colibriClass must be a string, not ") + TypeName(*cls),
                   "/colibriClass");
  }
  const auto& name = cls->get_ref<const std::string&>();
  FieldReader reader(doc, "", limits);
  bool keeps_unknown = false;
  std::optional<Message> message = Decode(name, reader, keeps_unknown);
  if (!message) {
    return BcError("unknown-class", "unknown colibriClass \"" + name + "\"", "/colibriClass");
  }
  if (!keeps_unknown) reader.RejectUnknownFields();
  if (reader.error()) return *reader.error();
  return std::move(*message);
}

}  // namespace

Result<Message> Parse(std::string_view json, const ParseLimits& limits) {
  try {
    return ParseDocument(json, limits);
  } catch (const std::exception& e) {  // allocation failure; nothing else throws here
    return BcError("internal", e.what(), {});
  }
}

}  // namespace meet::signaling::bridge_channel
