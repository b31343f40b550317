#pragma once
// What planning may consult besides the query text: the eval settings (now, timezone) and the
// lookup tables that `lookup`/`inputlookup` can name.
#include "exec/evaluator.hpp"

namespace trailhound {

class LookupRegistry;

struct PlanContext {
  EvalSettings settings;
  const LookupRegistry* lookups = nullptr;  // none loaded: naming a lookup is an error
};

}  // namespace trailhound
