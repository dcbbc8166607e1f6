#pragma once
// An ordered list of name/value string properties, as carried by <property name value/>
// (conference IQ), <property key value/> (conference-properties) and <stat name value/>
// (bridge stats). Names are unique: Set replaces a value in place, and when parsing a later
// duplicate wins (as in Jicofo's maps).

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::stanzas {

class PropertyList {
 public:
  static constexpr size_t kMaxProperties = 512;
  using Item = std::pair<std::string, std::string>;

  void Set(std::string_view name, std::string_view value);
  void SetBool(std::string_view name, bool value) { Set(name, value ? "true" : "false"); }
  void SetInt(std::string_view name, int64_t value) { Set(name, std::to_string(value)); }
  bool Remove(std::string_view name);

  // nullptr when absent.
  const std::string* Find(std::string_view name) const;
  std::optional<std::string> Get(std::string_view name) const;
  // "true"/"1" and "false"/"0"; nullopt when absent or not a boolean.
  std::optional<bool> GetBool(std::string_view name) const;
  // A whole-string decimal integer; nullopt when absent or not a number.
  std::optional<int64_t> GetInt(std::string_view name) const;
  // A finite decimal number; nullopt when absent or not a number.
  std::optional<double> GetDouble(std::string_view name) const;

  const std::vector<Item>& items() const { return items_; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

  // Children <element key_attr='...' value='...'/> of `parent` (any namespace). A missing
  // key is an error, a missing value reads as "". `where` names `parent` in errors.
  static Result<PropertyList> ParseChildren(const gloox::Tag& parent, std::string_view element,
                                            std::string_view key_attr, std::string_view where);
  void AppendChildren(gloox::Tag& parent, std::string_view element,
                      std::string_view key_attr) const;

  // Same names with the same values, in any order (JSON objects do not keep the order).
  friend bool operator==(const PropertyList& a, const PropertyList& b);

 private:
  std::vector<Item> items_;
};

}  // namespace meet::signaling::stanzas
