// Model stage: the typed network an estate describes, joined across all files
// of one run. Resources are keyed by normalised ARM id (lower case, as Azure
// compares them). Every object remembers where it was declared, so findings
// can point at the template text.
//
// Values are tri-state (Known<T>): known, unknown before deployment, or
// absent from the template. Rules act only on known values.
#ifndef ROUTELINT_MODEL_MODEL_H_
#define ROUTELINT_MODEL_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/ip.h"
#include "model/text.h"

namespace routelint {

/// A value from a template that may be unknown or missing.
template <typename T>
struct Known {
  enum class State : uint8_t { kAbsent, kUnknown, kKnown };
  State state = State::kAbsent;
  T value{};

  static Known Of(T v) { return Known{State::kKnown, std::move(v)}; }
  static Known Unknown() { return Known{State::kUnknown, T{}}; }
  bool known() const { return state == State::kKnown; }
  bool unknown() const { return state == State::kUnknown; }
  bool absent() const { return state == State::kAbsent; }
  /// The value when known, else `fallback` (Azure's default for an absent property).
  T Or(T fallback) const { return known() ? value : fallback; }
};

/// Origin::file of things that are not in a template (a route export):
/// their findings carry a location of their own.
inline constexpr uint32_t kNotATemplate = 0xFFFFFFFF;

/// Where something was declared: input file and JSON pointer there. A
/// finding's origin; rules extend the pointer to the property they mean.
struct Origin {
  uint32_t file = 0;     // index into Model::files
  std::string pointer;   // "/resources/3/properties/subnets/1"
  std::string context;   // "copy 'subnets' index 2", or empty
};

/// Where a model object was declared, as the model keeps it: its texts in
/// the model's pools. It converts to the Origin a finding holds.
struct ModelOrigin {
  uint32_t file = 0;  // index into Model::files
  Text pointer;
  Text context;
  operator Origin() const { return Origin{file, pointer.str(), context.str()}; }  // NOLINT: implicit on purpose
};

/// A child list that a parent declares inline: a VNet's `subnets` or
/// `virtualNetworkPeerings`, a route table's `routes`. Each deployment of the
/// parent sends the list with it, and Azure makes the children match it
/// (RL023). Known: the property is an array whose entries all have known
/// names, and the value is where the property is. Unknown: the property, an
/// entry's name or the parent's condition could not be evaluated. Absent: the
/// template does not set the property.
using InlineList = Known<ModelOrigin>;

using ObjectIndex = int32_t;  // index into a Model vector; -1 = none
inline constexpr ObjectIndex kNone = -1;

struct Route {
  Text name;
  ModelOrigin origin;
  /// The prefix text as written (a CIDR, or a service tag such as "Storage").
  /// Neither a CIDR nor a tag: `prefix` is empty, and Prefix::ParseLenient
  /// of the text says why (RL020); the model keeps no copy of the reason.
  Known<Text> address_prefix;
  std::optional<Prefix> prefix;  // parsed when address_prefix is a valid CIDR
  Known<Text> next_hop_type;  // VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet, None
  /// A text that is no address leaves `next_hop_address` empty
  /// (IpAddress::Parse says why).
  Known<Text> next_hop_ip;
  std::optional<IpAddress> next_hop_address;  // parsed next_hop_ip
  bool host_bits = false;       // the CIDR had host bits set (prefix holds the network)
  bool is_service_tag = false;  // address_prefix names a service tag ("Storage")
  /// Where it is declared: inline in its table's `routes`, as a separate
  /// `routeTables/routes` resource, or both. When both, the values above are
  /// the inline declaration's and `child_declaration` holds the child
  /// resource's (its origin included). A child whose condition is unknown
  /// counts as neither.
  bool declared_inline = false;
  bool declared_as_child = false;
  std::shared_ptr<const Route> child_declaration;
};

struct RouteTable {
  Text id;  // normalised
  Text name;
  ModelOrigin origin;
  Known<bool> disable_bgp_route_propagation;
  std::vector<Route> routes;
  bool routes_unknown = false;  // the route list itself could not be evaluated
  InlineList inline_routes;     // properties.routes
};

struct Subnet {
  Text id;
  Text name;
  ModelOrigin origin;
  ObjectIndex vnet = kNone;
  std::vector<Prefix> prefixes;
  bool prefixes_unknown = false;
  Known<Text> route_table_id;  // normalised id, as referenced
  ObjectIndex route_table = kNone;    // resolved, when in the model
  std::vector<Text> delegations;  // service names
  std::vector<Text> service_endpoints;  // "Microsoft.Storage", ...
  /// Where it is declared: inline in its VNet's `subnets`, as a separate
  /// `virtualNetworks/subnets` resource (top-level or nested), or both. When
  /// both, the values above are the inline declaration's (the VNet deploys
  /// first) and `child_declaration` holds the child resource's. A child whose
  /// condition is unknown counts as neither.
  bool declared_inline = false;
  bool declared_as_child = false;
  std::shared_ptr<const Subnet> child_declaration;
};

struct Peering {
  Text id;
  Text name;
  ModelOrigin origin;
  ObjectIndex vnet = kNone;             // the local side
  Known<Text> remote_vnet_id;
  ObjectIndex remote_vnet = kNone;      // resolved
  Known<bool> allow_virtual_network_access;
  Known<bool> allow_forwarded_traffic;
  Known<bool> allow_gateway_transit;
  Known<bool> use_remote_gateways;
  /// Where it is declared, as for Subnet: inline in its VNet's
  /// `virtualNetworkPeerings`, as a separate child resource, or both.
  bool declared_inline = false;
  bool declared_as_child = false;
  std::shared_ptr<const Peering> child_declaration;
};

struct VirtualNetwork {
  Text id;
  Text name;
  ModelOrigin origin;
  std::vector<Prefix> address_space;
  bool address_space_unknown = false;
  std::vector<ObjectIndex> subnets;
  std::vector<ObjectIndex> peerings;
  InlineList inline_subnets;   // properties.subnets
  InlineList inline_peerings;  // properties.virtualNetworkPeerings
};

struct Firewall {
  enum class Kind : uint8_t { kAzureFirewall, kNetworkVirtualAppliance };
  Kind kind = Kind::kAzureFirewall;
  Text id;  // the azureFirewalls or networkInterfaces resource
  Text name;
  ModelOrigin origin;
  ObjectIndex subnet = kNone;
  Known<IpAddress> private_ip;
  /// An Azure Firewall with a managementIpConfiguration: created for forced
  /// tunnelling (its AzureFirewallSubnet may send 0.0.0.0/0 elsewhere).
  bool management_configuration = false;
};

struct NetworkInterface {
  Text id;
  Text name;
  ModelOrigin origin;
  Known<bool> enable_ip_forwarding;
  struct IpConfig {
    Known<Text> subnet_id;
    ObjectIndex subnet = kNone;
    Known<IpAddress> private_ip;  // static addresses only; dynamic ones are decided at deployment
  };
  std::vector<IpConfig> ip_configs;
};

struct VirtualNetworkGateway {
  Text id;
  Text name;
  ModelOrigin origin;
  Known<Text> gateway_type;  // Vpn | ExpressRoute
  Known<Text> vpn_type;
  Known<bool> enable_bgp;
  ObjectIndex subnet = kNone;  // its GatewaySubnet
  ObjectIndex vnet = kNone;
  /// The resource's region as written ("westeurope", "West Europe"); a
  /// deployment placeholder such as resourceGroup().location is Unknown.
  Known<Text> location;
};

struct LocalNetworkGateway {
  Text id;
  Text name;
  ModelOrigin origin;
  std::vector<Prefix> prefixes;
  bool prefixes_unknown = false;
};

struct Connection {
  Text id;
  Text name;
  ModelOrigin origin;
  Known<Text> connection_type;  // IPsec | Vnet2Vnet | ExpressRoute
  ObjectIndex gateway1 = kNone;        // virtual network gateways
  ObjectIndex gateway2 = kNone;
  ObjectIndex local_gateway = kNone;
  Known<Text> peer_id;          // ExpressRoute circuit id
  ObjectIndex circuit = kNone;         // peer_id resolved, when the circuit is in the model
  bool condition_unknown = false;      // whether it is deployed at all depends on an unknown condition
};

/// A Microsoft.Network/expressRouteCircuits resource (RL017).
struct ExpressRouteCircuit {
  Text id;
  Text name;
  ModelOrigin origin;
  /// The resource's region. It need not be near the peering location and
  /// does not decide which VNets the circuit can reach.
  Known<Text> location;
  Known<Text> sku_tier;    // Standard | Premium | Local | Basic
  Known<Text> sku_family;  // MeteredData | UnlimitedData
  /// serviceProviderProperties.bandwidthInMbps, or bandwidthInGbps × 1000
  /// (a circuit on an ExpressRoute Direct port).
  Known<int64_t> bandwidth_mbps;
  /// serviceProviderProperties.peeringLocation ("Amsterdam"), or the peering
  /// location of its ExpressRoute Direct port when the port is in the model.
  Known<Text> peering_location;
  Known<Text> express_route_port_id;  // ExpressRoute Direct
  /// Global Reach connections declared on the circuit's peerings (inline or
  /// as child resources): Azure counts them against the VNet links.
  std::vector<ModelOrigin> global_reach;
};

/// A PaaS service injected into subnets of the estate whose control-plane
/// traffic must not cross a firewall (RL016).
struct PaasService {
  enum class Kind : uint8_t { kApiManagement, kDatabricks };
  Kind kind = Kind::kApiManagement;
  Text id;
  Text name;
  ModelOrigin origin;
  bool condition_unknown = false;  // whether it is deployed at all depends on an unknown condition
  Known<Text> sku;   // API Management: sku.name (Developer, Premium, ...)
  /// API Management: virtualNetworkType (None | External | Internal);
  /// Databricks: requiredNsgRules (AllRules | NoAzureDatabricksRules | NoAzureServiceRules).
  Known<Text> mode;
  std::vector<Text> subnet_ids;  // normalised, as referenced
  bool subnets_unknown = false;         // some subnet reference is unknown before deployment
  std::vector<ObjectIndex> subnets;     // resolved (those in the model)
};

/// Model objects by normalised id. Templates refer to resources of other
/// files by ids whose subscription or resource group may be written
/// differently (a parameter, a literal GUID), so a lookup that misses the
/// exact id falls back to the provider part (".../providers/...") when
/// exactly one object has it.
class IdIndex {
 public:
  /// `normalized_id` must outlive the index: a model's Text does.
  void Add(Text normalized_id, ObjectIndex index);
  /// The object with exactly this normalised id, or kNone.
  ObjectIndex Exact(std::string_view normalized_id) const;
  /// Exact, else the unique object with the same provider part, or kNone.
  ObjectIndex Find(std::string_view id) const;

 private:
  static constexpr ObjectIndex kAmbiguous = -2;
  // Both maps view the ids the model keeps (the provider part is an id's
  // tail), so that an id is not copied again for each map.
  std::unordered_map<std::string_view, ObjectIndex> exact_;
  std::unordered_map<std::string_view, ObjectIndex> by_provider_part_;
};

/// A hub with its spokes (design.md §3).
struct Deployment {
  ObjectIndex hub = kNone;           // vnet
  std::vector<ObjectIndex> spokes;   // vnets
  std::vector<ObjectIndex> firewalls;
  std::optional<Prefix> supernet;    // smallest prefix covering hub and spokes (IPv4)
};

struct Model {
  std::vector<std::string> files;  // paths as the user named them
  /// The pools the model's texts are kept in; copies of the model share them.
  TextPools texts;
  /// `text` kept in the model's own pool: for texts made after reading.
  Text Keep(std::string_view text);
  std::vector<VirtualNetwork> vnets;
  std::vector<Subnet> subnets;
  std::vector<RouteTable> route_tables;
  std::vector<Peering> peerings;
  std::vector<Firewall> firewalls;
  std::vector<NetworkInterface> nics;
  std::vector<VirtualNetworkGateway> gateways;
  std::vector<LocalNetworkGateway> local_gateways;
  std::vector<Connection> connections;
  std::vector<ExpressRouteCircuit> circuits;
  std::vector<PaasService> paas_services;
  /// Static private frontend addresses of internal load balancers (an
  /// appliance pool behind them is a valid VirtualAppliance next hop).
  std::vector<IpAddress> load_balancer_frontends;

  /// Hubs the configuration declares ([topology]): hubs whatever inference
  /// says, with the firewalls and supernet given there (topology.cc).
  struct DeclaredHub {
    ObjectIndex vnet = kNone;
    std::vector<ObjectIndex> firewalls;  // added to the inferred ones
    std::optional<Prefix> supernet;      // replaces the computed one
  };
  std::vector<DeclaredHub> declared_hubs;

  // Roles, inferred after the model is joined (roles.cc).
  std::vector<Deployment> deployments;
  std::vector<ObjectIndex> deployment_of_vnet;  // per vnet: index into deployments, or kNone
  std::vector<bool> is_hub;                     // per vnet

  /// Finds a VNet, subnet or route table by normalised id; falls back to a
  /// unique match on the provider part of the id (".../providers/...") when
  /// the subscription or resource group differ only symbolically.
  ObjectIndex FindVnet(std::string_view id) const;
  ObjectIndex FindSubnet(std::string_view id) const;
  ObjectIndex FindRouteTable(std::string_view id) const;
  ObjectIndex FindGateway(std::string_view id) const;
  ObjectIndex FindLocalGateway(std::string_view id) const;
  ObjectIndex FindCircuit(std::string_view id) const;

  /// The firewall (Azure Firewall or NVA) answering at `ip`, or kNone.
  ObjectIndex FirewallAt(const IpAddress& ip) const;
  /// Indexes the firewalls' addresses for FirewallAt (which scans them
  /// until then): the builder calls it once the firewalls are final.
  void IndexFirewalls();
  /// The VNet gateway in `vnet`, or kNone.
  ObjectIndex GatewayOfVnet(ObjectIndex vnet) const;
  /// True when subnets of `vnet` receive gateway routes: the VNet has a
  /// gateway, or uses a remote one through a peering with gateway transit.
  bool ReceivesGatewayRoutes(ObjectIndex vnet) const;
  /// The route table of a subnet when it is known and in the model.
  const RouteTable* RouteTableOf(const Subnet& subnet) const;

  // Lookup indexes, built by the builder.
  IdIndex vnet_by_id, subnet_by_id, route_table_by_id, gateway_by_id, local_gateway_by_id, circuit_by_id;
  /// (address, firewall) sorted by address; used while it covers every firewall.
  std::vector<std::pair<IpAddress, ObjectIndex>> firewall_by_ip;
  size_t firewalls_indexed = 0;
};

/// Counts the routing-relevant values of the model that are known and those
/// that stay unknown before deployment (absent values count as neither).
void CountRoutingValues(const Model& model, int* known, int* unknown);

/// Normalises an ARM resource id for comparison: lower case, no trailing slash.
std::string NormalizeId(std::string_view id);
/// The part of a normalised id from "/providers/" on ("" when there is none).
std::string_view ProviderPart(std::string_view normalized_id);

}  // namespace routelint

#endif  // ROUTELINT_MODEL_MODEL_H_
