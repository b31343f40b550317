#pragma once
// Builds a profile from a real add-on's configuration (`--props DIR`), so that its own
// props.conf/transforms.conf/lookups are used instead of the built-in profile.
//
// DIR is the add-on directory (e.g. Splunk_TA_aws): default/ then local/ (local overrides
// default, key by key) each may hold props.conf and transforms.conf; CSV files are read from
// DIR/lookups/. A DIR that holds props.conf itself (no default/ or local/) is read as a single
// layer, with lookups in DIR/lookups/ or DIR.
//
// From the sourcetype's stanza (over [default]) it takes:
//   FIELDALIAS-<class> = <src> AS|ASNEW <dst> [<src> AS <dst> ...]   classes in byte order
//   EVAL-<field> = <eval expression>
//   LOOKUP-<class> = <lookup> <column> [AS <field>] ... [OUTPUT|OUTPUTNEW <column> [AS <field>] ...]
//   TIME_PREFIX / TIME_FORMAT (the time field is the first quoted name in TIME_PREFIX)
// and from transforms.conf: filename, match_type (WILDCARD(x), EXACT(x)), max_matches,
// min_matches, default_match, case_sensitive_match. REPORT-/EXTRACT- and other settings are
// ignored (they run before JSON extraction). An empty value disables a setting, as in Splunk.
#include <string>
#include <string_view>

#include "profile/profile.hpp"

namespace trailhound {

// Throws Error(kInput) when DIR has no props.conf, Error(kQuery) naming the file and line of a
// setting that cannot be used (bad alias syntax, unparsable eval, unknown lookup, unsupported
// lookup type, missing CSV column).
Profile LoadPropsProfile(const std::string& directory, std::string_view sourcetype);

}  // namespace trailhound
