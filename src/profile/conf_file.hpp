#pragma once
// Splunk .conf files (props.conf, transforms.conf, app.conf): [stanza] headers, `key = value`
// lines, `#` comment lines, and lines continued with a trailing backslash.
#include <map>
#include <string>
#include <string_view>

namespace trailhound {

struct ConfSetting {
  std::string value;
  std::string origin;  // "path:line" of the key
};

// Stanza name -> key -> setting. Settings before the first stanza go to "default". std::map keeps
// keys in byte order, which is the order Splunk applies FIELDALIAS-/LOOKUP- classes in.
using ConfStanzas = std::map<std::string, std::map<std::string, ConfSetting>>;

// Parses conf text; `origin` names the file in the settings' origins. A repeated key in a stanza
// keeps its last value, as Splunk does.
ConfStanzas ParseConfText(std::string_view text, const std::string& origin);

// Lays `overlay` over `base` key by key (local/ over default/).
void OverlayConf(ConfStanzas& base, const ConfStanzas& overlay);

// Reads and parses a file; an absent file gives no stanzas. Throws Error(kInput) when it exists
// but cannot be read.
ConfStanzas ReadConfFile(const std::string& path);

}  // namespace trailhound
