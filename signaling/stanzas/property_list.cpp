#include "signaling/stanzas/property_list.hpp"

#include <charconv>
#include <cmath>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

void PropertyList::Set(std::string_view name, std::string_view value) {
  for (Item& item : items_) {
    if (item.first == name) {
      item.second = std::string(value);
      return;
    }
  }
  items_.emplace_back(std::string(name), std::string(value));
}

bool PropertyList::Remove(std::string_view name) {
  for (auto it = items_.begin(); it != items_.end(); ++it) {
    if (it->first == name) {
      items_.erase(it);
      return true;
    }
  }
  return false;
}

const std::string* PropertyList::Find(std::string_view name) const {
  for (const Item& item : items_) {
    if (item.first == name) return &item.second;
  }
  return nullptr;
}

std::optional<std::string> PropertyList::Get(std::string_view name) const {
  const std::string* v = Find(name);
  if (v == nullptr) return std::nullopt;
  return *v;
}

std::optional<bool> PropertyList::GetBool(std::string_view name) const {
  const std::string* v = Find(name);
  if (v == nullptr) return std::nullopt;
  return xml::ParseBool(*v);
}

std::optional<int64_t> PropertyList::GetInt(std::string_view name) const {
  const std::string* v = Find(name);
  if (v == nullptr) return std::nullopt;
  return xml::ParseInt(*v);
}

std::optional<double> PropertyList::GetDouble(std::string_view name) const {
  const std::string* v = Find(name);
  if (v == nullptr || v->empty() || v->size() > 64) return std::nullopt;
  double value = 0;
  const char* end = v->data() + v->size();
  auto [ptr, ec] = std::from_chars(v->data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool operator==(const PropertyList& a, const PropertyList& b) {
  if (a.items_.size() != b.items_.size()) return false;
  for (const PropertyList::Item& item : a.items_) {
    const std::string* other = b.Find(item.first);
    if (other == nullptr || *other != item.second) return false;
  }
  return true;
}

Result<PropertyList> PropertyList::ParseChildren(const gloox::Tag& parent,
                                                 std::string_view element,
                                                 std::string_view key_attr,
                                                 std::string_view where) {
  PropertyList list;
  size_t index = 0;
  for (const gloox::Tag* child : parent.children()) {
    if (child->name() != element) continue;
    const std::string path =
        std::string(where) + "/" + std::string(element) + "[" + std::to_string(index++) + "]";
    if (list.size() >= kMaxProperties) {
      return MakeError("xml.too-many", "more than " + std::to_string(kMaxProperties) + " <" +
                                           std::string(element) + "> elements",
                       path);
    }
    auto key = detail::BoundedAttr(*child, key_attr, detail::kMaxShortText, path);
    if (!key) return key.error();
    if (!key->has_value() || (*key)->empty()) {
      return MakeError("xml.missing-attribute",
                       "missing attribute '" + std::string(key_attr) + "'", path);
    }
    auto value = detail::BoundedAttr(*child, "value", detail::kMaxLongText, path);
    if (!value) return value.error();
    list.Set(**key, value->value_or(std::string()));
  }
  return list;
}

void PropertyList::AppendChildren(gloox::Tag& parent, std::string_view element,
                                  std::string_view key_attr) const {
  for (const Item& item : items_) {
    gloox::Tag* child = xml::AddChild(parent, element);
    xml::SetAttr(*child, key_attr, item.first);
    xml::SetAttr(*child, "value", item.second);
  }
}

}  // namespace meet::signaling::stanzas
