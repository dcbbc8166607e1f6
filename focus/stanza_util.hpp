#pragma once
// Small builders and readers for raw stanzas (gloox::Tag) used across the focus.

#include <string>
#include <string_view>

#include "signaling/xml/xml.hpp"

namespace meet::focus {

// <iq type=… to=… [id=…]/>
signaling::xml::TagPtr MakeIq(std::string_view type, std::string_view to, std::string_view id = {});
// The empty result for a request (to = the request's from, same id).
signaling::xml::TagPtr MakeResult(const gloox::Tag& request);
// An error answer: <iq type='error'><error type=…><condition xmlns=stanzas/><text>…</text></error>.
signaling::xml::TagPtr MakeErrorIq(const gloox::Tag& request, std::string_view condition,
                                 std::string_view text = {});
// The XMPP error condition of an <iq type='error'> ("" when there is none).
std::string ErrorCondition(const gloox::Tag& iq);
// The <text> of an <iq type='error'>.
std::string ErrorText(const gloox::Tag& iq);
bool IsResult(const gloox::Tag* iq);
// The first child element (the payload) of a stanza, or nullptr.
const gloox::Tag* Payload(const gloox::Tag& stanza);

}  // namespace meet::focus
