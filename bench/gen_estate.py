#!/usr/bin/env python3
"""Writes a synthetic hub-and-spoke estate as ARM templates.

  bench/gen_estate.py OUT_DIR --hubs N --spokes M [--subnets K]
                      [--single-file | --file-per-hub] [--table-per-spoke] [--propagating-spokes]

Each deployment d gets a hub VNet 10.d.0.0/24 (AzureFirewallSubnet, GatewaySubnet,
a firewall, a VPN gateway, a firewall route table with a supernet route 10.o.0.0/16
to every other hub) and M spokes 10.d.(s+1).0/24 of K subnets, each subnet with its
own route table (0.0.0.0/0 and the private ranges to the hub firewall, propagation
off) and peerings both ways; hubs are meshed. Every --bicep-every'th deployment is
written as Bicep emits a module loop: one template whose spokes come from a `copy`
loop over a nested deployment (inner scope, parameters), so the evaluator works as
it does on compiled Bicep.
The estate is correct: routelint must report no finding on it.

The other shape, as many repositories lay an estate out: --file-per-hub writes each
deployment (its hub and all its spokes) as one large template, --table-per-spoke gives
the subnets of a spoke one shared route table (ordinary, and correct), and
--propagating-spokes plants a finding per spoke subnet: each hub reaches an on-premises
site through its gateway, and the spokes' route tables keep gateway route propagation
(RL004), so that locating thousands of findings in large files is measured.
"""
import argparse, json, os

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
API = "2023-09-01"


def rid(t, *names):
    return "[resourceId('%s', %s)]" % (t, ", ".join("'%s'" % n for n in names))


def template(resources):
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {}, "variables": {}, "resources": resources}


def onprem_site(d):
    """An on-premises site 192.168.d.0/24 reached through hub d's VPN gateway:
    its prefix becomes a gateway route in every subnet that propagates them."""
    lng = "lng-onprem-%d" % d
    return [
        {"type": "Microsoft.Network/localNetworkGateways", "apiVersion": API, "name": lng,
         "location": "[resourceGroup().location]",
         "properties": {"gatewayIpAddress": "203.0.113.%d" % (d % 250 + 1),
                        "localNetworkAddressSpace": {"addressPrefixes": ["192.168.%d.0/24" % d]}}},
        {"type": "Microsoft.Network/connections", "apiVersion": API, "name": "cn-hub-%d-onprem" % d,
         "location": "[resourceGroup().location]",
         "properties": {"connectionType": "IPsec", "routingWeight": 0, "enableBgp": False,
                        "virtualNetworkGateway1": {"id": rid("Microsoft.Network/virtualNetworkGateways", "vgw-%d" % d)},
                        "localNetworkGateway2": {"id": rid("Microsoft.Network/localNetworkGateways", lng)}}},
    ]


def hub(d, hubs):
    vnet = "vnet-hub-%d" % d
    routes = [{"name": "to-hub-%d" % o, "properties": {"addressPrefix": "10.%d.0.0/16" % o,
               "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.%d.0.4" % o}} for o in range(hubs) if o != d]
    routes.append({"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}})
    res = [
        {"type": "Microsoft.Network/routeTables", "apiVersion": API, "name": "rt-%s-fw" % vnet,
         "location": "[resourceGroup().location]",
         "properties": {"disableBgpRoutePropagation": False, "routes": routes}},
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": API, "name": vnet,
         "location": "[resourceGroup().location]",
         "properties": {"addressSpace": {"addressPrefixes": ["10.%d.0.0/24" % d]}, "subnets": [
             {"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.%d.0.0/26" % d,
              "routeTable": {"id": rid("Microsoft.Network/routeTables", "rt-%s-fw" % vnet)}}},
             {"name": "GatewaySubnet", "properties": {"addressPrefix": "10.%d.0.64/27" % d}}]}},
        {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": API, "name": "pip-fw-%d" % d,
         "location": "[resourceGroup().location]", "sku": {"name": "Standard"},
         "properties": {"publicIPAllocationMethod": "Static"}},
        {"type": "Microsoft.Network/azureFirewalls", "apiVersion": API, "name": "fw-%d" % d,
         "location": "[resourceGroup().location]",
         "properties": {"ipConfigurations": [{"name": "ipconfig", "properties": {
             "subnet": {"id": rid("Microsoft.Network/virtualNetworks/subnets", vnet, "AzureFirewallSubnet")},
             "publicIPAddress": {"id": rid("Microsoft.Network/publicIPAddresses", "pip-fw-%d" % d)}}}]}},
        {"type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": API, "name": "vgw-%d" % d,
         "location": "[resourceGroup().location]",
         "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "ipConfigurations": [{"name": "gw", "properties": {
             "subnet": {"id": rid("Microsoft.Network/virtualNetworks/subnets", vnet, "GatewaySubnet")}}}]}},
    ]
    for o in range(hubs):
        if o != d:
            res.append(peering(vnet, "vnet-hub-%d" % o, transit=False, remote_gw=False))
    return res


def peering(local, remote, transit, remote_gw):
    return {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "apiVersion": API,
            "name": "%s/peer-to-%s" % (local, remote),
            "properties": {"allowVirtualNetworkAccess": True, "allowForwardedTraffic": True,
                           "allowGatewayTransit": transit, "useRemoteGateways": remote_gw,
                           "remoteVirtualNetwork": {"id": rid("Microsoft.Network/virtualNetworks", remote)}}}


def spoke_route_table(name, firewall_ip, propagating):
    return {"type": "Microsoft.Network/routeTables", "apiVersion": API, "name": name,
            "location": "[resourceGroup().location]",
            "properties": {"disableBgpRoutePropagation": not propagating, "routes": [
                {"name": route, "properties": {"addressPrefix": prefix,
                 "nextHopType": "VirtualAppliance", "nextHopIpAddress": firewall_ip}}
                for route, prefix in (("default", "0.0.0.0/0"), ("rfc1918-10", "10.0.0.0/8"),
                                      ("rfc1918-172", "172.16.0.0/12"), ("rfc1918-192", "192.168.0.0/16"))]}}


def spoke(d, s, subnets, table_per_spoke=False, propagating=False):
    vnet = "vnet-spoke-%d-%d" % (d, s)
    third = s + 1  # 10.d.(s+1).0/24
    fw = "10.%d.0.4" % d
    res, subnet_list = [], []
    if table_per_spoke:
        res.append(spoke_route_table("rt-%s" % vnet, fw, propagating))
    for k in range(subnets):
        rt = "rt-%s" % vnet if table_per_spoke else "rt-%s-%d" % (vnet, k)
        if not table_per_spoke:
            res.append(spoke_route_table(rt, fw, propagating))
        subnet_list.append({"name": "snet-%d" % k, "properties": {
            "addressPrefix": "10.%d.%d.%d/%d" % (d, third, k * (256 // subnets), 32 - (256 // subnets).bit_length() + 1),
            "routeTable": {"id": rid("Microsoft.Network/routeTables", rt)}}})
    res.append({"type": "Microsoft.Network/virtualNetworks", "apiVersion": API, "name": vnet,
                "location": "[resourceGroup().location]",
                "properties": {"addressSpace": {"addressPrefixes": ["10.%d.%d.0/24" % (d, third)]}, "subnets": subnet_list}})
    res.append(peering(vnet, "vnet-hub-%d" % d, transit=False, remote_gw=True))
    res.append(peering("vnet-hub-%d" % d, vnet, transit=True, remote_gw=False))
    return res


def bicep_style(d, spokes, subnets, table_per_spoke=False, propagating=False):
    """The spokes of deployment d as `bicep build` writes a module in a loop:
    a nested deployment per spoke (inner scope), its names and prefixes from
    parameters, format() and copyIndex()."""
    # The route table of subnet k: one per subnet, or the spoke's one.
    table_name = ("[format('rt-{0}', variables('vnetName'))]" if table_per_spoke
                  else "[format('rt-{0}-{1}', variables('vnetName'), copyIndex())]")
    subnet_table = ("format('rt-{0}', variables('vnetName'))" if table_per_spoke
                    else "format('rt-{0}-{1}', variables('vnetName'), copyIndex('subnets'))")
    module = {
        "$schema": SCHEMA, "contentVersion": "1.0.0.0",
        "parameters": {"deployment": {"type": "int"}, "index": {"type": "int"}, "subnetCount": {"type": "int"},
                       "subnetBits": {"type": "int"}},
        "variables": {
            "vnetName": "[format('vnet-spoke-{0}-{1}', parameters('deployment'), parameters('index'))]",
            "firewallIp": "[format('10.{0}.0.4', parameters('deployment'))]",
            "third": "[add(parameters('index'), 1)]",
        },
        "resources": [
            {"copy": {"name": "tables", "count": 1 if table_per_spoke else "[parameters('subnetCount')]"},
             "type": "Microsoft.Network/routeTables", "apiVersion": API,
             "name": table_name,
             "location": "[resourceGroup().location]",
             "properties": {"disableBgpRoutePropagation": not propagating, "routes": [
                 {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance",
                                                    "nextHopIpAddress": "[variables('firewallIp')]"}},
                 {"name": "rfc1918-10", "properties": {"addressPrefix": "10.0.0.0/8", "nextHopType": "VirtualAppliance",
                                                       "nextHopIpAddress": "[variables('firewallIp')]"}}]}},
            {"type": "Microsoft.Network/virtualNetworks", "apiVersion": API, "name": "[variables('vnetName')]",
             "location": "[resourceGroup().location]",
             "dependsOn": ["tables"],
             "properties": {
                 "addressSpace": {"addressPrefixes": ["[format('10.{0}.{1}.0/24', parameters('deployment'), variables('third'))]"]},
                 "copy": [{"name": "subnets", "count": "[parameters('subnetCount')]", "input": {
                     "name": "[format('snet-{0}', copyIndex('subnets'))]",
                     "properties": {
                         "addressPrefix": "[cidrSubnet(format('10.{0}.{1}.0/24', parameters('deployment'), variables('third')), add(24, parameters('subnetBits')), copyIndex('subnets'))]",
                         "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', %s)]" % subnet_table}}}}]}},
            {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "apiVersion": API,
             "name": "[format('{0}/peer-to-vnet-hub-{1}', variables('vnetName'), parameters('deployment'))]",
             "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"],
             "properties": {"allowVirtualNetworkAccess": True, "allowForwardedTraffic": True, "allowGatewayTransit": False,
                            "useRemoteGateways": True,
                            "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', format('vnet-hub-{0}', parameters('deployment')))]"}}},
            {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "apiVersion": API,
             "name": "[format('vnet-hub-{0}/peer-to-{1}', parameters('deployment'), variables('vnetName'))]",
             "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"],
             "properties": {"allowVirtualNetworkAccess": True, "allowForwardedTraffic": True, "allowGatewayTransit": True,
                            "useRemoteGateways": False,
                            "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"}}},
        ],
    }
    return [{"copy": {"name": "spokes", "count": spokes},
             "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
             "name": "[format('spoke-{0}-{1}', %d, copyIndex())]" % d,
             "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                            "parameters": {"deployment": {"value": d}, "index": {"value": "[copyIndex()]"},
                                           "subnetCount": {"value": subnets},
                                           "subnetBits": {"value": (subnets - 1).bit_length()}},
                            "template": module}}]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--hubs", type=int, default=10)
    p.add_argument("--spokes", type=int, default=10)
    p.add_argument("--subnets", type=int, default=4)
    p.add_argument("--bicep-every", type=int, default=4,
                   help="every Nth deployment's spokes as a Bicep-style module loop (0: none)")
    layout = p.add_mutually_exclusive_group()
    layout.add_argument("--single-file", action="store_true", help="the whole estate as one template")
    layout.add_argument("--file-per-hub", action="store_true", help="one template per deployment: its hub and spokes")
    p.add_argument("--table-per-spoke", action="store_true", help="a spoke's subnets share one route table")
    p.add_argument("--propagating-spokes", action="store_true",
                   help="spoke route tables keep gateway route propagation, and each hub reaches an on-premises "
                        "site through its gateway: a finding (RL004) per spoke subnet")
    a = p.parse_args()
    assert a.hubs <= 250 and a.spokes <= 254 and a.subnets in (1, 2, 4, 8)
    os.makedirs(a.out, exist_ok=True)
    everything = []
    for d in range(a.hubs):
        files = {"hub-%d.json" % d: hub(d, a.hubs) + (onprem_site(d) if a.propagating_spokes else [])}
        if a.bicep_every and d % a.bicep_every == a.bicep_every - 1:
            files["spokes-%d.json" % d] = bicep_style(d, a.spokes, a.subnets, a.table_per_spoke, a.propagating_spokes)
        else:
            for s in range(a.spokes):
                files["spoke-%d-%d.json" % (d, s)] = spoke(d, s, a.subnets, a.table_per_spoke, a.propagating_spokes)
        if a.file_per_hub:
            files = {"deployment-%d.json" % d: [r for res in files.values() for r in res]}
        for name, res in files.items():
            if a.single_file:
                everything.extend(res)
            else:
                with open(os.path.join(a.out, name), "w") as f:
                    json.dump(template(res), f, indent=2)
    if a.single_file:
        with open(os.path.join(a.out, "estate.json"), "w") as f:
            json.dump(template(everything), f, indent=2)


if __name__ == "__main__":
    main()
