#include "rules/rl011_route_table_shared.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& RouteTableShared::meta() const {
  static constexpr RuleMeta kMeta{
      "RL011", "route-table-shared", Severity::kNote,
      "One route table is associated with several subnets."};
  return kMeta;
}

void RouteTableShared::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  std::map<ObjectIndex, std::vector<ObjectIndex>> users;
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    if (model.subnets[s].route_table != kNone) users[model.subnets[s].route_table].push_back(static_cast<ObjectIndex>(s));
  }
  for (const auto& [t, subnets] : users) {
    if (subnets.size() < 2) continue;
    const RouteTable& table = model.route_tables[t];
    std::string names;
    for (ObjectIndex s : subnets) names += (names.empty() ? "" : ", ") + VnetDisplayName(model, model.subnets[s].vnet) + "/" + model.subnets[s].name;
    PendingFinding finding = MakeFinding(
        "Microsoft.Network/routeTables", table.name, table.id, table.origin,
        fmt::format("route table {} is associated with {} subnets ({}): a route added for one changes the routing of "
                    "all. Give each subnet its own route table, named after its VNet and subnet",
                    table.name, subnets.size(), names),
        "shared");
    for (ObjectIndex s : subnets) {
      finding.related.push_back({model.subnets[s].origin, "uses " + table.name});
    }
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint
