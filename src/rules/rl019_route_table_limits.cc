#include "rules/rl019_route_table_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "route/user_routes.h"

namespace routelint {

const RuleMeta& RouteTableLimits::meta() const {
  static constexpr RuleMeta kMeta{
      "RL019", "route-table-limits", Severity::kError,
      "A route table holds more routes, or more service-tag routes, than Azure allows."};
  return kMeta;
}

void RouteTableLimits::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  constexpr size_t kMaxRoutes = 400;      // user routes per route table
  constexpr size_t kMaxServiceTags = 25;  // routes with a service tag per route table
  for (const RouteTable& table : context.model.route_tables) {
    if (table.routes_unknown) continue;
    const size_t tags = static_cast<size_t>(std::count_if(table.routes.begin(), table.routes.end(),
                                                          [](const Route& r) { return r.is_service_tag; }));
    Origin origin = table.origin;
    origin.pointer += "/properties/routes";
    if (table.routes.size() > kMaxRoutes) {
      out->push_back(MakeFinding(
          "Microsoft.Network/routeTables", table.name, table.id, origin,
          fmt::format("route table {} has {} routes; Azure allows {} per route table and rejects the deployment. "
                      "Summarise routes into supernets or split the subnets across tables",
                      table.name, table.routes.size(), kMaxRoutes),
          "routes"));
    }
    if (tags > kMaxServiceTags) {
      out->push_back(MakeFinding(
          "Microsoft.Network/routeTables", table.name, table.id, origin,
          fmt::format("route table {} has {} routes with service tags; Azure allows {} per route table and rejects "
                      "the deployment. Use broader tags (e.g. a region's AzureCloud tag) or fewer",
                      table.name, tags, kMaxServiceTags),
          "service-tags"));
    }
  }
}

}  // namespace routelint
