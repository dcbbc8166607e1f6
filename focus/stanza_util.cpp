#include "focus/stanza_util.hpp"

#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace xml = signaling::xml;

xml::TagPtr MakeIq(std::string_view type, std::string_view to, std::string_view id) {
  xml::TagPtr iq = xml::Make("iq");
  xml::SetAttr(*iq, "type", type);
  if (!to.empty()) xml::SetAttr(*iq, "to", to);
  if (!id.empty()) xml::SetAttr(*iq, "id", id);
  return iq;
}

xml::TagPtr MakeResult(const gloox::Tag& request) {
  return MakeIq("result", request.findAttribute("from"), request.findAttribute("id"));
}

xml::TagPtr MakeErrorIq(const gloox::Tag& request, std::string_view condition, std::string_view text) {
  xml::TagPtr iq = MakeIq("error", request.findAttribute("from"), request.findAttribute("id"));
  gloox::Tag* error = xml::AddChild(*iq, "error");
  xml::SetAttr(*error, "type", signaling::colibri2::ErrorTypeFor(condition));
  xml::AddChild(*error, condition, signaling::ns::kStanzas);
  if (!text.empty()) {
    gloox::Tag* t = xml::AddChild(*error, "text", signaling::ns::kStanzas);
    t->setCData(std::string(text));
  }
  return iq;
}

std::string ErrorCondition(const gloox::Tag& iq) {
  const gloox::Tag* error = xml::Child(iq, "error");
  if (error == nullptr) return {};
  for (const gloox::Tag* child : error->children()) {
    if (child->name() != "text" && xml::Namespace(*child) == signaling::ns::kStanzas) {
      return child->name();
    }
  }
  return {};
}

std::string ErrorText(const gloox::Tag& iq) {
  const gloox::Tag* error = xml::Child(iq, "error");
  if (error == nullptr) return {};
  const gloox::Tag* text = xml::Child(*error, "text");
  return text ? text->cdata() : std::string();
}

bool IsResult(const gloox::Tag* iq) { return iq != nullptr && iq->findAttribute("type") == "result"; }

const gloox::Tag* Payload(const gloox::Tag& stanza) {
  for (const gloox::Tag* child : stanza.children()) {
    if (child->name() != "error") return child;
  }
  return nullptr;
}

}  // namespace meet::focus
