#include "signaling/colibri2/bridge_validation.hpp"

#include <string>

namespace meet::signaling::colibri2 {
namespace {

Error NotImplemented(std::string text, std::string where) {
  return MakeError("colibri2.feature_not_implemented", std::move(text), std::move(where),
                   "feature-not-implemented");
}

Error Bad(std::string text, std::string where) {
  return MakeError("colibri2.bad-request", std::move(text), std::move(where), "bad-request");
}

std::string EndpointPath(size_t index) {
  return "conference-modify/endpoint[" + std::to_string(index + 1) + "]";
}

bool CarriesState(const Endpoint& endpoint) {
  return endpoint.create || !endpoint.medias.empty() || endpoint.transport.has_value() ||
         endpoint.sources.has_value();
}

}  // namespace

Status ValidateForBridge(const ConferenceModify& modify) {
  if (!modify.endpoints.empty() && !modify.relays.empty()) {
    return NotImplemented("Conference-modify with both endpoints and relays is not supported.",
                          "conference-modify");
  }
  if (modify.endpoints.size() > 1) {
    for (size_t i = 0; i < modify.endpoints.size(); ++i) {
      if (CarriesState(modify.endpoints[i])) {
        return NotImplemented(
            "Conference-modify with more than one endpoint is only supported for expire and "
            "force-mute; endpoint " + modify.endpoints[i].id + " creates or carries media, "
            "transport or sources.",
            EndpointPath(i));
      }
    }
  }
  if (modify.relays.size() > 1) {
    return NotImplemented("Conference-modify with more than one relay is not supported.",
                          "conference-modify");
  }

  for (size_t i = 0; i < modify.endpoints.size(); ++i) {
    const Endpoint& ep = modify.endpoints[i];
    const std::string where = EndpointPath(i);
    if (ep.expire) continue;  // JVB expires without looking at anything else
    if (ep.create) {
      if (!ep.transport) {
        return Bad("Attempt to create endpoint " + ep.id + " with no <transport>", where);
      }
      if (!ep.HasCapability(capability::kSourceNames)) {
        return Bad("Source name support is mandatory.", where);
      }
    }
    if (ep.transport && ep.transport->sctp) {
      const Sctp& sctp = *ep.transport->sctp;
      if (sctp.role && *sctp.role != SctpRole::kServer) {
        return NotImplemented("Unsupported SCTP role: " + std::string(ToString(*sctp.role)),
                              where + "/transport/sctp");
      }
      if (sctp.port && *sctp.port != kDefaultSctpPort) {
        return Bad("Specific SCTP port requested, not supported.", where + "/transport/sctp");
      }
    }
    if (ep.muc_role == muc_role::kVisitor && ep.sources && !ep.sources->media_sources.empty()) {
      return Bad("Attempt to set sources for visitor endpoint " + ep.id, where + "/sources");
    }
  }

  for (size_t i = 0; i < modify.relays.size(); ++i) {
    const Relay& relay = modify.relays[i];
    const std::string where = "conference-modify/relay[" + std::to_string(i + 1) + "]";
    if (relay.expire) continue;
    if (relay.create && !relay.transport) {
      return Bad("Attempt to create relay " + relay.id + " with no <transport>", where);
    }
    if (relay.transport && relay.transport->sctp) {
      return NotImplemented("SCTP is not supported for relays.", where + "/transport/sctp");
    }
  }
  return {};
}

}  // namespace meet::signaling::colibri2
