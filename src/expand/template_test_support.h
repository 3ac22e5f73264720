// Helpers shared by the expand stage's template tests: expand a template
// given as text, find a message.
#ifndef ROUTELINT_EXPAND_TEMPLATE_TEST_SUPPORT_H_
#define ROUTELINT_EXPAND_TEMPLATE_TEST_SUPPORT_H_

#include <string>
#include <string_view>

#include "expand/template.h"

namespace routelint::expand_testing {

inline ExpandResult Expand(std::string_view template_text, std::string_view parameters_text = {},
                    const DeploymentContext& deployment = {}, const ExpandLimits& limits = {}) {
  const Json tmpl = Json::parse(template_text);
  Json parameters;
  if (!parameters_text.empty()) parameters = Json::parse(parameters_text);
  EvalSession session;
  return ExpandTemplate(tmpl, parameters_text.empty() ? nullptr : &parameters, deployment, limits, session);
}

inline bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

inline const ExpandMessage* FindMessage(const ExpandResult& r, std::string_view id, std::string_view text = {}) {
  for (const ExpandMessage& m : r.messages) {
    if (m.id == id && Contains(m.message, text)) return &m;
  }
  return nullptr;
}

}  // namespace routelint::expand_testing

#endif  // ROUTELINT_EXPAND_TEMPLATE_TEST_SUPPORT_H_
