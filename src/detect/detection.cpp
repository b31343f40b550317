#include "detect/detection.hpp"

#include <cctype>

namespace trailhound {

std::string FilterMacroName(std::string_view detection_name) {
  std::string out;
  out.reserve(detection_name.size() + 7);
  for (char c : detection_name) {
    if (c == ' ' || c == '-' || c == '.' || c == '/') {
      out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out + "_filter";
}

int RoundRiskScore(int confidence, int impact) {
  int product = confidence * impact;
  int quotient = product / 100;
  int remainder = product % 100;
  if (remainder > 50 || (remainder == 50 && quotient % 2 == 1)) ++quotient;
  return quotient;
}

std::string Detection::FilterMacroName() const { return trailhound::FilterMacroName(name); }

std::string Detection::SearchName() const { return "ESCU - " + name + " - Rule"; }

namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

bool Detection::GeneratesRiskEvents() const {
  // Case-insensitive so that hand-written detections ("ttp") behave like ESCU ones.
  return (EqualsIgnoringCase(type, "TTP") || EqualsIgnoringCase(type, "Anomaly")) && !risk_objects.empty();
}

}  // namespace trailhound
