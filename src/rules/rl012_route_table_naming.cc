#include "rules/rl012_route_table_naming.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <map>

#include "base/strings.h"

namespace routelint {
namespace {

// The pattern with {vnet} and {subnet} replaced by the names, matched
// literally (RE2 patterns come from users: matching stays linear).
std::string Fill(const std::string& pattern, const std::string& vnet, const std::string& subnet) {
  return ReplaceAll(ReplaceAll(pattern, "{vnet}", RE2::QuoteMeta(vnet)), "{subnet}", RE2::QuoteMeta(subnet));
}

}  // namespace

const RuleMeta& RouteTableNaming::meta() const {
  static constexpr RuleMeta kMeta{
      "RL012", "route-table-naming", Severity::kNote,
      "A route table is not named after the VNet and subnet it serves (pattern from the configuration; off by "
      "default)."};
  return kMeta;
}

void RouteTableNaming::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const std::string& pattern = context.settings.route_table_naming;
  if (pattern.empty()) return;
  const Model& model = context.model;
  std::map<ObjectIndex, std::vector<ObjectIndex>> served;
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    if (model.subnets[s].route_table != kNone) served[model.subnets[s].route_table].push_back(static_cast<ObjectIndex>(s));
  }
  for (const auto& [t, subnets] : served) {
    const RouteTable& table = model.route_tables[t];
    bool matches = false;
    std::string example;
    for (ObjectIndex s : subnets) {
      const std::string vnet = VnetDisplayName(model, model.subnets[s].vnet);
      RE2 expected(Fill(pattern, vnet, model.subnets[s].name), RE2::Quiet);
      matches = matches || (expected.ok() && RE2::FullMatch(table.name, expected));
      if (example.empty()) example = vnet + "/" + model.subnets[s].name;
    }
    if (matches) continue;
    out->push_back(MakeFinding(
        "Microsoft.Network/routeTables", table.name, table.id, table.origin,
        fmt::format("route table {} (serving {}) does not follow the naming pattern {}: a table named after its "
                    "VNet and subnet shows at a glance which subnet a route change affects. Rename it",
                    table.name, example, pattern),
        "naming"));
  }
}

}  // namespace routelint
