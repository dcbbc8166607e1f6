#pragma once
// Colibri2Outcome: what the Colibri2Handler answers, either a conference-modified or a
// Colibri2Error (condition, reason, text, endpoint id). Both front ends encode it: XMPP as
// <iq type='result'>/<iq type='error'>, HTTP as 200 + JSON or 4xx/5xx + {condition, reason, text}.

#include <optional>
#include <utility>

#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::bridge {

struct Colibri2Outcome {
  std::optional<signaling::colibri2::ConferenceModified> modified;
  std::optional<signaling::colibri2::Colibri2Error> error;

  static Colibri2Outcome Ok(signaling::colibri2::ConferenceModified m) {
    Colibri2Outcome o;
    o.modified = std::move(m);
    return o;
  }
  static Colibri2Outcome Fail(signaling::colibri2::Colibri2Error e) {
    Colibri2Outcome o;
    o.error = std::move(e);
    return o;
  }
  bool ok() const { return modified.has_value(); }
};

}  // namespace meet::bridge
