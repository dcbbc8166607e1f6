#include "signaling/colibri2/colibri2_error.hpp"

#include <array>
#include <utility>

#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::colibri2 {
namespace {

constexpr std::array<std::pair<Reason, std::string_view>, 6> kReasonNames{{
    {Reason::kConferenceNotFound, "conference_not_found"},
    {Reason::kConferenceAlreadyExists, "conference_already_exists"},
    {Reason::kFeatureNotImplemented, "feature_not_implemented"},
    {Reason::kGracefulShutdown, "graceful_shutdown"},
    {Reason::kUnknownEndpoint, "unknown_endpoint"},
    {Reason::kUnspecified, "unspecified"},
}};

// RFC 6120 8.3.3 conditions with the error type each is usually sent with.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kConditions{{
    {"bad-request", "modify"},
    {"conflict", "cancel"},
    {"feature-not-implemented", "cancel"},
    {"forbidden", "auth"},
    {"gone", "cancel"},
    {"internal-server-error", "cancel"},
    {"item-not-found", "cancel"},
    {"jid-malformed", "modify"},
    {"not-acceptable", "modify"},
    {"not-allowed", "cancel"},
    {"not-authorized", "auth"},
    {"policy-violation", "modify"},
    {"recipient-unavailable", "wait"},
    {"redirect", "modify"},
    {"registration-required", "auth"},
    {"remote-server-not-found", "cancel"},
    {"remote-server-timeout", "wait"},
    {"resource-constraint", "wait"},
    {"service-unavailable", "cancel"},
    {"subscription-required", "auth"},
    {"undefined-condition", "cancel"},
    {"unexpected-request", "wait"},
}};

constexpr std::string_view kCodePrefix = "colibri2.";

}  // namespace

std::string_view ToString(Reason reason) {
  for (const auto& [r, name] : kReasonNames) {
    if (r == reason) return name;
  }
  return "unspecified";
}

std::optional<Reason> ParseReason(std::string_view text) {
  for (const auto& [r, name] : kReasonNames) {
    if (name == text) return r;
  }
  return std::nullopt;
}

std::string_view ErrorTypeFor(std::string_view condition) {
  for (const auto& [name, type] : kConditions) {
    if (name == condition) return type;
  }
  return "cancel";
}

bool IsStanzaErrorCondition(std::string_view condition) {
  for (const auto& [name, type] : kConditions) {
    if (name == condition) return true;
  }
  return false;
}

Colibri2Error ConferenceNotFound(std::string_view meeting_id) {
  return {"item-not-found", Reason::kConferenceNotFound,
          "Conference not found for ID: " + std::string(meeting_id), {}};
}

Colibri2Error ConferenceAlreadyExists(std::string_view meeting_id) {
  return {"conflict", Reason::kConferenceAlreadyExists,
          "Conference already exists for ID: " + std::string(meeting_id), {}};
}

Colibri2Error GracefulShutdown() {
  return {"service-unavailable", Reason::kGracefulShutdown, "In graceful shutdown", {}};
}

Colibri2Error UnknownEndpoint(std::string_view endpoint_id) {
  return {"item-not-found", Reason::kUnknownEndpoint,
          "Endpoint not found for ID: " + std::string(endpoint_id), std::string(endpoint_id)};
}

Colibri2Error FeatureNotImplemented(std::string_view text) {
  return {"feature-not-implemented", Reason::kFeatureNotImplemented, std::string(text), {}};
}

Colibri2Error BadRequest(std::string_view text) {
  return {"bad-request", std::nullopt, std::string(text), {}};
}

xml::TagPtr ToTag(const Colibri2Error& error) {
  const std::string condition = error.condition.empty() ? "bad-request" : error.condition;
  xml::TagPtr tag = xml::Make("error");
  xml::SetAttr(*tag, "type", ErrorTypeFor(condition));
  xml::AddChild(*tag, condition, ns::kStanzas);
  if (!error.text.empty()) {
    gloox::Tag* text = xml::AddChild(*tag, "text", ns::kStanzas);
    text->setCData(error.text);
  }
  if (error.reason) {
    gloox::Tag* ext = xml::AddChild(*tag, "error", ns::kColibri2);
    xml::SetAttr(*ext, "reason", ToString(*error.reason));
  }
  if (!error.endpoint_id.empty()) {
    gloox::Tag* ep = xml::AddChild(*tag, "endpoint", ns::kColibri2);
    xml::SetAttr(*ep, "id", error.endpoint_id);
  }
  return tag;
}

Result<Colibri2Error> ParseColibri2Error(const gloox::Tag& tag) {
  const gloox::Tag* element = &tag;
  std::string where = "error";
  if (tag.name() == "iq") {
    element = xml::Child(tag, "error");
    where = "iq/error";
    if (element == nullptr) {
      return MakeError("colibri2.error-missing", "<iq> has no <error> child", "iq");
    }
  } else if (tag.name() != "error") {
    return MakeError("colibri2.error-unexpected-element",
                     "expected <error> or <iq>, got <" + tag.name().substr(0, 64) + ">", tag.name().substr(0, 64));
  }
  Colibri2Error out;
  out.condition.clear();
  for (const gloox::Tag* child : element->children()) {
    const std::string child_ns = xml::Namespace(*child);
    if (child_ns == ns::kStanzas) {
      if (child->name() == "text") {
        out.text = child->cdata();
      } else if (out.condition.empty()) {
        out.condition = child->name();
      }
    } else if (child_ns == ns::kColibri2 && child->name() == "error") {
      const std::string raw = xml::AttrOr(*child, "reason", "unspecified");
      auto reason = ParseReason(raw);
      if (!reason) {
        return MakeError("colibri2.bad-reason", "unknown colibri2 error reason '" + raw.substr(0, 64) + "'",
                         where + "/error[colibri2]");
      }
      out.reason = *reason;
    } else if (child_ns == ns::kColibri2 && child->name() == "endpoint") {
      out.endpoint_id = xml::AttrOr(*child, "id");
      if (out.endpoint_id.size() > 256) {
        return MakeError("colibri2.id-too-long", "endpoint id longer than 256 bytes",
                         where + "/endpoint");
      }
    }
  }
  if (out.condition.empty()) {
    return MakeError("colibri2.error-no-condition", "<error> has no stanza error condition", where);
  }
  return out;
}

Error ToError(const Colibri2Error& error) {
  std::string code = std::string(kCodePrefix) + (error.reason ? std::string(ToString(*error.reason)) : "error");
  Error out = MakeError(std::move(code), error.text, {}, error.condition.empty() ? "bad-request" : error.condition);
  return out;
}

Colibri2Error FromError(const Error& error) {
  Colibri2Error out;
  out.condition = error.condition.empty() ? "bad-request" : error.condition;
  out.text = error.text;
  std::string_view code = error.code;
  if (code.substr(0, kCodePrefix.size()) == kCodePrefix) {
    out.reason = ParseReason(code.substr(kCodePrefix.size()));
  }
  return out;
}

}  // namespace meet::signaling::colibri2
