// The stages after parsing on one template: expansion, the network model,
// roles, effective routes and every rule. This is where a property of the
// wrong type (a number for addressPrefix, an object for routes, a string for
// subnets) meets the code that reads it.
//
// The input is a JSON document (as the loader accepts it); a template's
// "parameterValues" member gives its parameter values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "estate.h"
#include "fuzz_check.h"
#include "parse/json_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  routelint::Json document;
  routelint::Diagnostic error;
  if (!routelint::ParseJsonText("fuzz.json", text, routelint::ParseLimits{}, &document, &error)) return 0;
  const routelint::Json* values = routelint::FindMember(document, "parameterValues");
  routelint::EvalSession session(200'000);
  routelint::ExpandResult result = routelint::ExpandTemplate(document, values, routelint::DeploymentContext{},
                                                             routelint::ExpandLimits{}, session, "fuzz.json");
  std::vector<routelint::ExpandedFile> expanded{routelint::ExpandedFile{0, std::move(result.resources)}};
  std::vector<routelint::ModelMessage> messages;
  const routelint::Model model = routelint::BuildModel({"fuzz.json"}, expanded, &messages);
  for (const routelint::ModelMessage& m : messages) FUZZ_CHECK(m.origin.file == 0 && !m.message.empty());
  std::vector<routelint::Diagnostic> diagnostics;
  routelint::OnPremisesRoutes learned;
  std::string ignored;
  learned.prefixes.push_back(*routelint::Prefix::Parse("192.168.1.0/24", &ignored));
  learned.required.push_back(*routelint::Prefix::Parse("192.168.0.0/16", &ignored));
  learned.export_file = "routes.csv";
  const std::vector<routelint::PendingFinding> findings =
      routelint::fuzzing::RunRules(model, expanded, routelint::RuleSettings{"rt-{vnet}-{subnet}", {}}, learned, {},
                                   &diagnostics);
  for (const routelint::PendingFinding& f : findings) FUZZ_CHECK(!f.finding.message.empty());
  return 0;
}
