#include "rules/rl003_hub_missing_remote_supernet_route.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "expand/value.h"
#include "route/trace.h"
#include "route/user_routes.h"

namespace routelint {
namespace {

// The peering from `from` to `to`, or kNone.
ObjectIndex PeeringBetween(const Model& model, ObjectIndex from, ObjectIndex to) {
  for (ObjectIndex p : model.vnets[from].peerings) {
    if (model.peerings[p].remote_vnet == to) return p;
  }
  return kNone;
}

// The ExpressRoute circuits a VNet's gateway is connected to.
std::vector<std::string> CircuitsOf(const Model& model, ObjectIndex vnet) {
  std::vector<std::string> circuits;
  const ObjectIndex gateway = model.GatewayOfVnet(vnet);
  if (gateway == kNone) return circuits;
  for (const Connection& c : model.connections) {
    if (c.gateway1 == gateway && c.connection_type.known() && EqualsIgnoreCase(c.connection_type.value, "ExpressRoute") &&
        c.peer_id.known()) {
      circuits.push_back(c.peer_id.value);
    }
  }
  return circuits;
}

bool ShareCircuit(const Model& model, ObjectIndex a, ObjectIndex b) {
  const std::vector<std::string> x = CircuitsOf(model, a), y = CircuitsOf(model, b);
  return std::any_of(x.begin(), x.end(), [&](const std::string& c) { return std::find(y.begin(), y.end(), c) != y.end(); });
}

// A subnet of the deployment's first spoke, to trace from.
ObjectIndex FirstSpokeSubnet(const Model& model, const Deployment& deployment) {
  for (ObjectIndex spoke : deployment.spokes) {
    for (ObjectIndex s : model.vnets[spoke].subnets) {
      if (!model.subnets[s].prefixes.empty()) return s;
    }
  }
  return kNone;
}

std::string JoinPrefixes(const std::vector<Prefix>& prefixes) {
  std::string out;
  for (const Prefix& p : prefixes) out += (out.empty() ? "" : ", ") + p.ToString();
  return out;
}

}  // namespace

const RuleMeta& HubMissingRemoteSupernetRoute::meta() const {
  static constexpr RuleMeta kMeta{
      "RL003", "hub-missing-remote-supernet-route", Severity::kError,
      "The firewall subnet of a hub has no route to the spokes of a peered hub's deployment via that hub's "
      "firewall, so traffic to them meets a None route or 0.0.0.0/0 to the Internet and is lost."};
  return kMeta;
}

void HubMissingRemoteSupernetRoute::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  // Every remote spoke is asked of each hub firewall table: index each table once.
  std::unordered_map<const RouteTable*, UserRouteIndex> indexes;
  auto index_of = [&indexes](const RouteTable& table) -> const UserRouteIndex& {
    auto it = indexes.find(&table);
    if (it == indexes.end()) it = indexes.emplace(&table, UserRouteIndex(table)).first;
    return it->second;
  };
  for (const Deployment& local : model.deployments) {
    for (const Deployment& remote : model.deployments) {
      if (&local == &remote) continue;
      // Connected hubs: a peering each way (one side alone stays Initiated
      // and carries nothing).
      const ObjectIndex there = PeeringBetween(model, local.hub, remote.hub);
      const ObjectIndex back = PeeringBetween(model, remote.hub, local.hub);
      if (there == kNone || back == kNone) continue;
      const Firewall* remote_firewall = FirstKnownFirewall(model, remote);
      if (remote_firewall == nullptr || remote.spokes.empty()) continue;
      const std::string local_hub = VnetDisplayName(model, local.hub);
      const std::string remote_hub = VnetDisplayName(model, remote.hub);
      for (ObjectIndex f : local.firewalls) {
        const Firewall& firewall = model.firewalls[f];
        if (firewall.subnet == kNone) continue;
        const Subnet& subnet = model.subnets[firewall.subnet];
        if (subnet.route_table_id.unknown()) continue;
        const RouteTable* table = model.RouteTableOf(subnet);
        if (subnet.route_table_id.known() && table == nullptr) continue;  // declared outside the estate
        // Hubs whose gateways share an ExpressRoute circuit learn each other's
        // spokes over BGP (the seed's "it just works" case).
        if (ShareCircuit(model, local.hub, remote.hub) && !(table && table->disable_bgp_route_propagation.Or(false))) continue;

        std::vector<Prefix> missing;
        std::vector<const Route*> misdirected;
        bool undecidable = false;
        for (ObjectIndex spoke : remote.spokes) {
          if (model.vnets[spoke].address_space_unknown) undecidable = true;
          for (const Prefix& prefix : model.vnets[spoke].address_space) {
            if (prefix.family() != IpFamily::kV4) continue;
            if (table == nullptr) {
              missing.push_back(prefix);
              continue;
            }
            const UserRouteIndex& routes = index_of(*table);
            if (routes.HasUnknownFor(prefix)) {
              undecidable = true;
              continue;
            }
            const Route* route = routes.Covering(prefix);
            if (route == nullptr || (route->prefix->length() == 0 && NextHopIs(*route, "Internet"))) {
              missing.push_back(prefix);
            } else if (NextHopIs(*route, "VirtualAppliance") && route->next_hop_address) {
              const ObjectIndex target = model.FirewallAt(*route->next_hop_address);
              const bool to_remote = target != kNone && std::find(remote.firewalls.begin(), remote.firewalls.end(), target) != remote.firewalls.end();
              if (!to_remote && route->prefix->length() > 0 &&
                  std::find(misdirected.begin(), misdirected.end(), route) == misdirected.end()) {
                misdirected.push_back(route);
              }
            }
          }
        }
        // Judge on the computed path: a range the local spokes do reach
        // through the remote firewall (over a gateway, say) is not missing.
        const ObjectIndex from = FirstSpokeSubnet(model, local);
        if (from != kNone && !missing.empty()) {
          std::vector<Prefix> unreachable;
          for (const Prefix& prefix : missing) {
            const std::optional<IpAddress> to = prefix.Host(4);
            if (!to) continue;
            const TraceResult path = Trace(context.routes, from, *to);
            const bool through_remote = std::any_of(path.firewalls.begin(), path.firewalls.end(), [&](ObjectIndex crossed) {
              return std::find(remote.firewalls.begin(), remote.firewalls.end(), crossed) != remote.firewalls.end();
            });
            if (!(path.outcome == TraceOutcome::kDelivered && through_remote)) unreachable.push_back(prefix);
          }
          missing = std::move(unreachable);
        }
        if (undecidable && missing.empty() && misdirected.empty()) continue;

        // What to add: the remote deployment's supernet, unless it would also
        // capture the local deployment's own ranges.
        std::string add = JoinPrefixes(missing);
        if (remote.supernet && !(local.supernet && remote.supernet->Overlaps(*local.supernet))) {
          add = remote.supernet->ToString();
        }
        const std::string target = fmt::format("VirtualAppliance {} ({})", IpText(remote_firewall->private_ip), remote_firewall->name);
        const std::string subject = table ? fmt::format("route table {} ({} of {})", table->name, subnet.name, local_hub)
                                          : fmt::format("{} of {} has no route table and", subnet.name, local_hub);
        if (!missing.empty()) {
          Origin origin = table ? table->origin : subnet.origin;
          if (table) origin.pointer += "/properties/routes";
          PendingFinding finding = MakeFinding(
              table ? "Microsoft.Network/routeTables" : "Microsoft.Network/virtualNetworks/subnets",
              table ? table->name : local_hub + "/" + subnet.name, table ? table->id : subnet.id, origin,
              fmt::format("{} has no route for {}; traffic from firewall {} to the spokes of {} {}. Add {} → {}",
                          subject, JoinPrefixes(missing), firewall.name, remote_hub,
                          FateOf(context.routes, firewall.subnet, missing.front()), add, target),
              "missing|" + subnet.id + "|" + model.vnets[remote.hub].id);
          finding.related.push_back({remote_firewall->origin, fmt::format("firewall {} of {} answers at {}", remote_firewall->name, remote_hub, IpText(remote_firewall->private_ip))});
          finding.related.push_back({model.peerings[there].origin, fmt::format("peering from {} to {}", local_hub, remote_hub)});
          if (table) finding.related.push_back({subnet.origin, fmt::format("{} of {} uses route table {}", subnet.name, local_hub, table->name)});
          // The path a packet from a local spoke takes to the first missing
          // range, as a code flow.
          if (from != kNone) {
            if (std::optional<IpAddress> to = missing.front().Host(4)) {
              AppendFlow(model, Trace(context.routes, from, *to), "path", &finding);
            }
          }
          out->push_back(std::move(finding));
        }
        for (const Route* route : misdirected) {
          PendingFinding finding = MakeFinding(
              "Microsoft.Network/routeTables", table->name, table->id, route->origin,
              fmt::format("route {} in route table {} ({} of {}) sends {} to {}, not to firewall {} of {}: traffic "
                          "from firewall {} to the spokes of {} does not reach them through {}. Point it at {}",
                          route->name, table->name, subnet.name, local_hub, route->prefix->ToString(),
                          route->next_hop_ip.Or("(no address)"), remote_firewall->name, remote_hub, firewall.name,
                          remote_hub, remote_firewall->name, target),
              "next-hop|" + route->name + "|" + model.vnets[remote.hub].id);
          finding.related.push_back({remote_firewall->origin, fmt::format("firewall {} of {} answers at {}", remote_firewall->name, remote_hub, IpText(remote_firewall->private_ip))});
          out->push_back(std::move(finding));
        }
      }
    }
  }
}

}  // namespace routelint
