// RL016: which PaaS subnets need a service-tag route, and when the
// effective routes lack it.
#include "rules/rl016_paas_subnet_control_plane_route.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "rules/rule_test_support.h"

namespace routelint {
namespace {

using rule_testing::Id;
using rule_testing::ModelOf;
using rule_testing::Run;
using rule_testing::Template;

Json RouteJson(const std::string& name, const std::string& prefix, const std::string& hop) {
  Json properties = {{"addressPrefix", prefix}, {"nextHopType", hop}};
  if (hop == "VirtualAppliance") properties["nextHopIpAddress"] = "10.1.0.4";
  return {{"name", name}, {"properties", properties}};
}

Json TableJson(Json routes) {
  return {{"type", "Microsoft.Network/routeTables"}, {"name", "rt-paas"}, {"location", "westeurope"},
          {"properties", {{"disableBgpRoutePropagation", true}, {"routes", std::move(routes)}}}};
}

Json SubnetJson(const std::string& name, const std::string& prefix, bool with_table, const std::string& delegation = {}) {
  Json properties = {{"addressPrefix", prefix}};
  if (with_table) properties["routeTable"] = {{"id", Id("Microsoft.Network/routeTables", "rt-paas")}};
  if (!delegation.empty()) {
    Json entry = {{"name", "d"}, {"properties", {{"serviceName", delegation}}}};
    properties["delegations"] = Json::array({entry});
  }
  return {{"name", name}, {"properties", properties}};
}

// (A vector: a Json parameter given `{one subnet}` is that subnet itself
// under clang, not an array of it.)
Json VnetJson(const std::vector<Json>& subnets) {
  return {{"type", "Microsoft.Network/virtualNetworks"}, {"name", "vnet-spoke"}, {"location", "westeurope"},
          {"properties", {{"addressSpace", {{"addressPrefixes", Json::array({"10.2.0.0/16"})}}}, {"subnets", subnets}}}};
}

Json Apim(const std::string& sku, const Json& mode) {
  Json properties = {{"publisherEmail", "a@b.example"}, {"publisherName", "p"},
                     {"virtualNetworkConfiguration",
                      Json::object({{"subnetResourceId",
                                     "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-apim')]"}})}};
  if (!mode.is_null()) properties["virtualNetworkType"] = mode;
  return {{"type", "Microsoft.ApiManagement/service"}, {"name", "apim"}, {"location", "westeurope"},
          {"sku", {{"name", sku}, {"capacity", 1}}}, {"properties", properties}};
}

Json Databricks(const Json& nsg_rules) {
  Json properties = {{"managedResourceGroupId", "[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-m')]"},
                     {"parameters",
                      {{"customVirtualNetworkId", {{"value", Id("Microsoft.Network/virtualNetworks", "vnet-spoke")}}},
                       {"customPublicSubnetName", Json::object({{"value", "snet-host"}})},
                       {"customPrivateSubnetName", Json::object({{"value", "snet-container"}})}}}};
  if (!nsg_rules.is_null()) properties["requiredNsgRules"] = nsg_rules;
  return {{"type", "Microsoft.Databricks/workspaces"}, {"name", "dbw"}, {"location", "westeurope"},
          {"sku", Json::object({{"name", "premium"}})}, {"properties", properties}};
}

// API Management in snet-apim, whose route table holds `routes`.
size_t ApimFindings(Json routes, const std::string& sku = "Developer", const Json& mode = "Internal") {
  const Model model = ModelOf(Template({TableJson(std::move(routes)),
                                        VnetJson({SubnetJson("snet-apim", "10.2.0.0/27", true)}), Apim(sku, mode)}));
  REQUIRE(model.paas_services.size() == 1);
  return Run(PaasSubnetControlPlaneRoute(), model).size();
}

}  // namespace

TEST_CASE("service-tag routes match the tag and its regional forms", "[rules][RL016]") {
  CHECK(IsServiceTagRoute("ApiManagement", "ApiManagement"));
  CHECK(IsServiceTagRoute("apimanagement", "ApiManagement"));
  CHECK(IsServiceTagRoute("ApiManagement.WestEurope", "ApiManagement"));
  CHECK_FALSE(IsServiceTagRoute("ApiManagementX", "ApiManagement"));
  CHECK_FALSE(IsServiceTagRoute("Api", "ApiManagement"));
  CHECK(IsServiceTagRoute("AzureDatabricks", "AzureDatabricks"));
}

TEST_CASE("API Management forced through a firewall without the ApiManagement route", "[rules][RL016]") {
  const Model model = ModelOf(Template({TableJson(Json::array({RouteJson("default-to-fw", "0.0.0.0/0", "VirtualAppliance")})),
                                        VnetJson({SubnetJson("snet-apim", "10.2.0.0/27", true)}), Apim("Developer", "Internal")}));
  const std::vector<PendingFinding> findings = Run(PaasSubnetControlPlaneRoute(), model);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  CHECK(f.resource_name == "vnet-spoke/snet-apim");
  CHECK(f.message.find("subnet snet-apim of vnet-spoke hosts API Management apim (Internal VNet mode)") != std::string::npos);
  CHECK(f.message.find("the user route default-to-fw (0.0.0.0/0)") != std::string::npos);
  CHECK(f.message.find("management endpoint becomes unreachable") != std::string::npos);
  CHECK(f.message.find("Add the route ApiManagement → Internet") != std::string::npos);
  CHECK(f.message.find("to route table rt-paas") != std::string::npos);
  // It points at the default route, with the subnet and the service related.
  CHECK(findings[0].origin.pointer == "/resources/0/properties/routes/0");
  CHECK(findings[0].related.size() == 2);
}

TEST_CASE("API Management: the documented bypasses and other modes stay silent", "[rules][RL016]") {
  const Json to_fw = RouteJson("default-to-fw", "0.0.0.0/0", "VirtualAppliance");
  CHECK(ApimFindings(Json::array({to_fw})) == 1);
  CHECK(ApimFindings(Json::array({to_fw, RouteJson("apim", "ApiManagement", "Internet")})) == 0);
  CHECK(ApimFindings(Json::array({to_fw, RouteJson("apim", "ApiManagement.WestEurope", "Internet")})) == 0);
  // Control-plane addresses as CIDRs: routelint does not keep the list.
  CHECK(ApimFindings(Json::array({to_fw, RouteJson("apim-cp", "52.143.0.0/32", "Internet")})) == 0);
  // A private prefix to the Internet is no carve-out for the control plane.
  CHECK(ApimFindings(Json::array({to_fw, RouteJson("odd", "10.9.0.0/16", "Internet")})) == 1);
  // The tag sent to the firewall is as bad as 0.0.0.0/0.
  CHECK(ApimFindings(Json::array({RouteJson("apim", "ApiManagement", "VirtualAppliance")})) == 1);
  // Without forced tunnelling the system route takes the replies to the Internet.
  CHECK(ApimFindings(Json::array({RouteJson("onprem", "192.168.0.0/16", "VirtualAppliance")})) == 0);
  CHECK(ApimFindings(Json::array({to_fw}), "Premium", "External") == 1);
  CHECK(ApimFindings(Json::array({to_fw}), "StandardV2", "Internal") == 0);
  CHECK(ApimFindings(Json::array({to_fw}), "Developer", "None") == 0);
  CHECK(ApimFindings(Json::array({to_fw}), "Developer", Json()) == 0);  // absent: None
}

TEST_CASE("API Management: a default route learned over BGP forces the traffic too", "[rules][RL016]") {
  Json vnet = VnetJson({SubnetJson("GatewaySubnet", "10.2.1.0/27", false), SubnetJson("snet-apim", "10.2.0.0/27", false)});
  Json subnet_ref = {{"id", "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'GatewaySubnet')]"}};
  Json config = {{"name", "c"}, {"properties", {{"subnet", subnet_ref}}}};
  Json gateway = {{"type", "Microsoft.Network/virtualNetworkGateways"}, {"name", "vgw"}, {"location", "westeurope"},
                  {"properties", {{"gatewayType", "Vpn"}, {"ipConfigurations", Json::array({config})}}}};
  const Model model = ModelOf(Template({vnet, gateway, Apim("Premium", "Internal")}));
  OnPremisesRoutes learned;
  std::string error;
  learned.prefixes.push_back(*Prefix::Parse("0.0.0.0/0", &error));
  const std::vector<PendingFinding> findings = Run(PaasSubnetControlPlaneRoute(), model, learned);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].finding.message.find("the gateway route 0.0.0.0/0") != std::string::npos);
  CHECK(findings[0].finding.message.find("Associate a route table with subnet snet-apim") != std::string::npos);
  CHECK(Run(PaasSubnetControlPlaneRoute(), model).empty());  // no default route learned
}

TEST_CASE("Azure Databricks: both workspace subnets need the AzureDatabricks route", "[rules][RL016]") {
  const std::string delegation = "Microsoft.Databricks/workspaces";
  auto findings = [&](Json routes, const Json& nsg_rules) {
    const Model model = ModelOf(Template({TableJson(std::move(routes)),
                                          VnetJson({SubnetJson("snet-host", "10.2.0.0/24", true, delegation),
                                                SubnetJson("snet-container", "10.2.1.0/24", true, delegation)}),
                                          Databricks(nsg_rules)}));
    return Run(PaasSubnetControlPlaneRoute(), model);
  };
  const Json to_fw = RouteJson("default-to-fw", "0.0.0.0/0", "VirtualAppliance");
  const Json dependencies = Json::array({to_fw, RouteJson("sql", "Sql", "Internet"), RouteJson("st", "Storage", "Internet")});
  const std::vector<PendingFinding> two = findings(dependencies, Json());
  REQUIRE(two.size() == 2);
  CHECK(two[0].finding.message.find("Azure Databricks workspace dbw (VNet injection)") != std::string::npos);
  CHECK(two[0].finding.message.find("AzureDatabricks → Internet") != std::string::npos);
  CHECK(two[0].finding.fingerprint != two[1].finding.fingerprint);
  CHECK(findings(dependencies, "AllRules").size() == 2);
  Json with_tag = dependencies;
  with_tag.push_back(RouteJson("adb", "AzureDatabricks", "Internet"));
  CHECK(findings(with_tag, Json()).empty());
  // Back-end Private Link: the control plane is reached privately.
  CHECK(findings(dependencies, "NoAzureDatabricksRules").empty());
  CHECK(findings(dependencies, "[parameters('nsgRules')]").empty());  // unknown
}

TEST_CASE("Unknown routes or an unknown condition keep RL016 silent", "[rules][RL016]") {
  Json table = TableJson(Json::array({RouteJson("default-to-fw", "0.0.0.0/0", "VirtualAppliance"),
                                       {{"name", "x"}, {"properties", {{"addressPrefix", "[parameters('p')]"}, {"nextHopType", "Internet"}}}}}));
  Json tmpl = Template({table, VnetJson({SubnetJson("snet-apim", "10.2.0.0/27", true)}), Apim("Developer", "Internal")});
  tmpl["parameters"] = {{"p", {{"type", "string"}}}, {"deployApim", {{"type", "bool"}}}};
  CHECK(Run(PaasSubnetControlPlaneRoute(), ModelOf(tmpl)).empty());
  tmpl["resources"][0] = TableJson(Json::array({RouteJson("default-to-fw", "0.0.0.0/0", "VirtualAppliance")}));
  CHECK(Run(PaasSubnetControlPlaneRoute(), ModelOf(tmpl)).size() == 1);
  tmpl["resources"][2]["condition"] = "[parameters('deployApim')]";
  CHECK(Run(PaasSubnetControlPlaneRoute(), ModelOf(tmpl)).empty());
}

}  // namespace routelint
