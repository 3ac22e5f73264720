#!/usr/bin/env python3
"""Writes a synthetic hub-and-spoke estate as ARM templates.

  bench/gen_estate.py OUT_DIR --hubs N --spokes M [--subnets K] [--single-file]

Each deployment d gets a hub VNet 10.d.0.0/22 (AzureFirewallSubnet, GatewaySubnet,
a firewall, a VPN gateway, a firewall route table with a supernet route to every
other hub) and M spokes of K subnets, each with its own route table (0.0.0.0/0 to
the hub firewall, propagation off) and peerings both ways; hubs are meshed.
The estate is correct: routelint must report no finding on it.
"""
import argparse, json, os

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
API = "2023-09-01"


def rid(t, *names):
    return "[resourceId('%s', %s)]" % (t, ", ".join("'%s'" % n for n in names))


def template(resources):
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {}, "variables": {}, "resources": resources}


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
         "properties": {"addressSpace": {"addressPrefixes": ["10.%d.0.0/22" % d]}, "subnets": [
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


def spoke(d, s, subnets):
    vnet = "vnet-spoke-%d-%d" % (d, s)
    third = 4 + s * 4  # 10.d.(4+4s).0/22
    res, subnet_list = [], []
    for k in range(subnets):
        rt = "rt-%s-%d" % (vnet, k)
        res.append({"type": "Microsoft.Network/routeTables", "apiVersion": API, "name": rt,
                    "location": "[resourceGroup().location]",
                    "properties": {"disableBgpRoutePropagation": True, "routes": [
                        {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0",
                         "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.%d.0.4" % d}}]}})
        subnet_list.append({"name": "snet-%d" % k, "properties": {
            "addressPrefix": "10.%d.%d.%d/26" % (d, third + k // 4, (k % 4) * 64),
            "routeTable": {"id": rid("Microsoft.Network/routeTables", rt)}}})
    res.append({"type": "Microsoft.Network/virtualNetworks", "apiVersion": API, "name": vnet,
                "location": "[resourceGroup().location]",
                "properties": {"addressSpace": {"addressPrefixes": ["10.%d.%d.0/22" % (d, third)]}, "subnets": subnet_list}})
    res.append(peering(vnet, "vnet-hub-%d" % d, transit=False, remote_gw=True))
    res.append(peering("vnet-hub-%d" % d, vnet, transit=True, remote_gw=False))
    return res


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--hubs", type=int, default=10)
    p.add_argument("--spokes", type=int, default=10)
    p.add_argument("--subnets", type=int, default=4)
    p.add_argument("--single-file", action="store_true")
    a = p.parse_args()
    assert a.hubs <= 250 and a.spokes <= 60 and a.subnets <= 16
    os.makedirs(a.out, exist_ok=True)
    everything = []
    for d in range(a.hubs):
        files = {"hub-%d.json" % d: hub(d, a.hubs)}
        for s in range(a.spokes):
            files["spoke-%d-%d.json" % (d, s)] = spoke(d, s, a.subnets)
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
