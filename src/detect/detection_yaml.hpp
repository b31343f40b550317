#pragma once
// Loads detections from security_content YAML.
//
// Both formats are read:
//  * older (security_content up to 2024): `tags: {confidence, impact, risk_score, message,
//    mitre_attack_id, analytic_story, observable: [{name, type, role: [Victim|Attacker]}]}`.
//    Observables become risk and threat objects with contentctl's mapping:
//      Victim   User / User Name / Email Address           -> risk object, type user
//      Victim   Hostname / Endpoint / Device / IP Address  -> risk object, type system
//      Attacker Process / Process Name                     -> threat object, process
//      Attacker File / File Name / File Hash               -> threat object, file_name
//      Attacker IP Address                                 -> threat object, ip_address
//      Attacker URL / URL String                           -> threat object, url
//      Attacker anything else                              -> threat object, the type lower-cased
//                                                             with spaces as '_' (contentctl keeps
//                                                             the space: "email address")
//      anything else (e.g. Victim Other)                   -> risk object, type other
//    The rules apply in this order, so a Victim+Attacker observable of type User is a risk object
//    but one of type Geo Location is a threat object (geo_location). Every risk object
//    scores risk_score = round(confidence*impact/100) (Python rounding), as contentctl computes it;
//    a stated `risk_score` is used only when confidence or impact is missing.
//  * contentctl v5: top-level `rba: {message, risk_objects: [{field, type, score}],
//    threat_objects: [{field, type}]}`; risk_score is the highest object score. Objects are sorted
//    (and de-duplicated) as contentctl serialises them.
// Errors are Error(kQuery) naming the file and the missing or invalid key.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detection.hpp"

namespace trailhound {

// Parses one detection document; `origin` names it in errors and becomes Detection::origin.
Detection ParseDetectionYaml(std::string_view yaml_text, const std::string& origin);

Detection LoadDetectionFile(const std::filesystem::path& file);

// `-r PATH`: a single file, or every *.yml / *.yaml below a directory (recursively, sorted).
// Throws at the first bad file.
std::vector<Detection> LoadDetections(const std::filesystem::path& file_or_directory);

// `--content DIR`: the detections/ folder of a security_content checkout. Throws at the first bad
// file.
std::vector<Detection> LoadContentDetections(const std::filesystem::path& content_directory);

// What a tolerant load gives: the detections of the good files, and one message per file that
// could not be read or is not a valid detection (naming the file and the key), in file order.
struct DetectionLoad {
  std::vector<Detection> detections;
  std::vector<std::string> errors;
};

// Like LoadDetections / LoadContentDetections, but every file is tried: a bad file is reported in
// `errors` and the others still load. A path (or detections/ folder) that does not exist still
// throws Error(kUsage).
DetectionLoad LoadDetectionsCollectingErrors(const std::filesystem::path& file_or_directory);
DetectionLoad LoadContentDetectionsCollectingErrors(const std::filesystem::path& content_directory);

// Keeps one detection per id (ids compared case-insensitively): the one loaded last wins, as for
// macros, and takes the place of the first one in the list. Returns one message per detection
// dropped, naming both origins.
std::vector<std::string> RemoveDuplicateDetections(std::vector<Detection>& detections);

// The detections compiled into the binary (detections/*.yml of this repository).
std::vector<Detection> LoadBuiltinDetections();

// The detection whose name or id equals `name_or_id` (names compared case-insensitively), or
// nullptr.
const Detection* FindDetection(const std::vector<Detection>& detections, std::string_view name_or_id);

}  // namespace trailhound
