#!/usr/bin/env python3
"""Writes the live-estate fixtures of testdata/live/ from one description of
the deployed Blue-Green estate (testdata/examples/blue-green), so the az-list
and Resource Graph exports stay in step with each other and with the
templates. Run from the repository root: python3 testdata/live/generate.py

- two-defects-az/*.json: the estate of testdata/examples/two-defects as
  `az network <group> list` prints it (one file per command, and per
  resource group where az lists only by resource group; properties
  flattened, keys sorted, absent values as null, az's older spelling
  privateIpAddress / enableIpForwarding).
- two-defects-graph/network.json: the same estate as `az graph query`
  prints Resource Graph rows ({"count", "data", "skip_token",
  "total_records"}, properties as ARM has them, lower-case types, plus
  public IPs and a firewall policy the model does not read).
- hubs-graph/hubs.json: only the hub and on-premises resource groups of the
  correct estate (blue-green), as a Resource Graph export: what a new spoke
  template joins.
"""
import copy
import json
import os

SUB = "3f2b8c71-5d4e-4a9b-8c6f-1e7d2a9b4c05"
TENANT = "8a1d4e2f-6b3c-4d5e-9f7a-2c8b1e0d3f46"
HERE = os.path.dirname(os.path.abspath(__file__))


def rid(rg, type_, name, *children):
    out = f"/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Network/{type_}/{name}"
    for i in range(0, len(children), 2):
        out += f"/{children[i]}/{children[i + 1]}"
    return out


def etag(seed):
    # Deterministic, realistic-looking etags.
    h = 0
    for c in seed:
        h = (h * 131 + ord(c)) % (1 << 128)
    x = f"{h:032x}"
    return f'W/"{x[0:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:32]}"'


def guid(seed):
    return etag("guid" + seed)[3:-1]


BLUE_HUB_RG, GREEN_HUB_RG, ONPREM_RG = "rg-net-hub-blue", "rg-net-hub-green", "rg-net-onprem"
LOC = {"blue": "westeurope", "green": "northeurope"}


def estate(defects):
    """The deployed estate: plain description, shape-neutral."""
    vnets, tables, firewalls, gateways, lngs, connections, nics, pips, policies = [], [], [], [], [], [], [], [], []

    def table(rg, loc, name, disable, routes):
        tables.append({"rg": rg, "loc": loc, "name": name, "disable": disable, "routes": routes, "subnets": []})

    def vnet(rg, loc, name, space, subnets, peerings):
        for s in subnets:
            if s.get("rt"):
                next(t for t in tables if t["name"] == s["rt"][1])["subnets"].append(rid(rg, "virtualNetworks", name, "subnets", s["name"]))
        vnets.append({"rg": rg, "loc": loc, "name": name, "space": space, "subnets": subnets, "peerings": peerings})

    def peer(name, remote_rg, remote, transit=False, remote_gw=False):
        return {"name": name, "remote": rid(remote_rg, "virtualNetworks", remote), "fwd": True, "transit": transit,
                "remote_gw": remote_gw}

    va = lambda name, prefix, ip: {"name": name, "prefix": prefix, "type": "VirtualAppliance", "ip": ip}
    for color, octet, other, other_octet, hub_rg, other_rg in (
            ("blue", 1, "green", 2, BLUE_HUB_RG, GREEN_HUB_RG), ("green", 2, "blue", 1, GREEN_HUB_RG, BLUE_HUB_RG)):
        loc = LOC[color]
        fw_ip = f"10.{octet}.0.4"
        spokes = {"blue": [("spoke1", "10.1.4.0/22", [("snet-app", "10.1.4.0/24"), ("snet-data", "10.1.5.0/24")]),
                           ("spoke2", "10.1.8.0/22", [("snet-app", "10.1.8.0/24")])],
                  "green": [("spoke3", "10.2.4.0/22", [("snet-app", "10.2.4.0/24"), ("snet-data", "10.2.5.0/24")]),
                            ("spoke4", "10.2.12.0/22", [("snet-app", "10.2.12.0/24")])]}[color]
        table(hub_rg, loc, f"rt-hub-{color}-fw", defects and color == "green",
              [va(f"to-{other}", f"10.{other_octet}.0.0/16", f"10.{other_octet}.0.4"),
               {"name": "default-internet", "prefix": "0.0.0.0/0", "type": "Internet"}])
        table(hub_rg, loc, f"rt-hub-{color}-gw", False,
              [va(f"to-{s}-{color}", p, fw_ip) for s, p, _ in spokes] + [va("to-hub-shared", f"10.{octet}.1.0/24", fw_ip)])
        table(hub_rg, loc, f"rt-hub-{color}-shared", True, [va("default-to-fw", "0.0.0.0/0", fw_ip)])
        vnet(hub_rg, loc, f"vnet-hub-{color}", [f"10.{octet}.0.0/22"], [
            {"name": "AzureFirewallSubnet", "prefix": f"10.{octet}.0.0/26", "rt": (hub_rg, f"rt-hub-{color}-fw"),
             "ipconfigs": [rid(hub_rg, "azureFirewalls", f"fw-{color}", "azureFirewallIpConfigurations",
                               "ipconfig-fw-blue" if color == "blue" else "ipconfig1")]},
            {"name": "GatewaySubnet", "prefix": f"10.{octet}.0.64/27", "rt": (hub_rg, f"rt-hub-{color}-gw"),
             "ipconfigs": [rid(hub_rg, "virtualNetworkGateways", f"vgw-hub-{color}", "ipConfigurations", "vnetGatewayConfig")]},
            {"name": "snet-shared", "prefix": f"10.{octet}.1.0/24", "rt": (hub_rg, f"rt-hub-{color}-shared")},
        ], [peer(f"peer-to-hub-{other}", other_rg, f"vnet-hub-{other}")] +
           [peer(f"peer-to-{s}-{color}", f"rg-net-{s}-{color}", f"vnet-{s}-{color}", transit=True) for s, _, _ in spokes])
        for s, space, subnets in spokes:
            rg = f"rg-net-{s}-{color}"
            entries = []
            for sn, prefix in subnets:
                rt_name = f"rt-{s}-{color}-{sn[5:]}"
                table(rg, loc, rt_name, True, [va("default-to-fw", "0.0.0.0/0", fw_ip)])
                attached = not (defects and s == "spoke2")  # two-defects: created but not attached
                entry = {"name": sn, "prefix": prefix, "rt": (rg, rt_name) if attached else None}
                if s == "spoke1" and sn == "snet-app":
                    entry["ipconfigs"] = [rid(rg, "networkInterfaces", "nic-vm-app1", "ipConfigurations", "ipconfig1")]
                entries.append(entry)
            vnet(rg, loc, f"vnet-{s}-{color}", [space], entries,
                 [peer("peer-to-hub", hub_rg, f"vnet-hub-{color}", remote_gw=True)])
        pips.append({"rg": hub_rg, "loc": loc, "name": f"pip-fw-{color}"})
        pips.append({"rg": hub_rg, "loc": loc, "name": f"pip-vgw-hub-{color}"})
        firewalls.append({"rg": hub_rg, "loc": loc, "name": f"fw-{color}", "vnet": f"vnet-hub-{color}", "ip": fw_ip,
                          "ipconfig": "ipconfig-fw-blue" if color == "blue" else "ipconfig1",
                          "policy": "fwp-blue" if color == "blue" else None})
        if color == "blue":
            policies.append({"rg": hub_rg, "loc": loc, "name": "fwp-blue"})
        gateways.append({"rg": hub_rg, "loc": loc, "name": f"vgw-hub-{color}", "vnet": f"vnet-hub-{color}",
                         "bgp_ip": f"10.{octet}.0.94"})
        connections.append({"rg": ONPREM_RG, "loc": LOC["blue"], "name": f"cn-hub-{color}-onprem",
                            "gw": rid(hub_rg, "virtualNetworkGateways", f"vgw-hub-{color}"),
                            "lng": rid(ONPREM_RG, "localNetworkGateways", "lng-onprem")})
    lngs.append({"rg": ONPREM_RG, "loc": LOC["blue"], "name": "lng-onprem", "ip": "203.0.113.10",
                 "prefixes": ["192.168.1.0/24"]})
    rg1 = "rg-net-spoke1-blue"
    nics.append({"rg": rg1, "loc": LOC["blue"], "name": "nic-vm-app1", "ip": "10.1.4.4", "forwarding": False,
                 "subnet": rid(rg1, "virtualNetworks", "vnet-spoke1-blue", "subnets", "snet-app"),
                 "vm": f"/subscriptions/{SUB}/resourceGroups/{rg1}/providers/Microsoft.Compute/virtualMachines/vm-app1"})
    return dict(vnets=vnets, tables=tables, firewalls=firewalls, gateways=gateways, lngs=lngs,
                connections=connections, nics=nics, pips=pips, policies=policies)


def rg_of(id_):
    return id_.split("/")[4]


def ref(id_):
    return {"id": id_, "resourceGroup": rg_of(id_)}


def space_of(e, vnet_id):
    for v in e["vnets"]:
        if rid(v["rg"], "virtualNetworks", v["name"]).lower() == vnet_id.lower():
            return v["space"]
    return []


# ------------------------------------------------------------------ az list

def az_vnet(e, v):
    vid = rid(v["rg"], "virtualNetworks", v["name"])
    subnets = []
    for s in v["subnets"]:
        sid = f"{vid}/subnets/{s['name']}"
        item = {"addressPrefix": s["prefix"], "addressPrefixes": None, "delegations": [], "etag": etag(sid), "id": sid,
                "name": s["name"], "networkSecurityGroup": None, "privateEndpointNetworkPolicies": "Disabled",
                "privateLinkServiceNetworkPolicies": "Enabled", "provisioningState": "Succeeded",
                "resourceGroup": v["rg"], "routeTable": ref(rid(*s["rt"][:1], "routeTables", s["rt"][1])) if s["rt"] else None,
                "serviceEndpoints": None, "type": "Microsoft.Network/virtualNetworks/subnets"}
        if s.get("ipconfigs"):
            item["ipConfigurations"] = [ref(i) for i in s["ipconfigs"]]
        subnets.append(item)
    peerings = []
    for p in v["peerings"]:
        pid = f"{vid}/virtualNetworkPeerings/{p['name']}"
        space = space_of(e, p["remote"])
        peerings.append({
            "allowForwardedTraffic": p["fwd"], "allowGatewayTransit": p["transit"], "allowVirtualNetworkAccess": True,
            "doNotVerifyRemoteGateways": False, "etag": etag(pid), "id": pid, "name": p["name"],
            "peerCompleteVnets": True, "peeringState": "Connected", "peeringSyncLevel": "FullyInSync",
            "provisioningState": "Succeeded", "remoteAddressSpace": {"addressPrefixes": space}, "remoteBgpCommunities": None,
            "remoteVirtualNetwork": ref(p["remote"]), "remoteVirtualNetworkAddressSpace": {"addressPrefixes": space},
            "resourceGroup": v["rg"], "resourceGuid": guid(pid), "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            "useRemoteGateways": p["remote_gw"]})
    return {"addressSpace": {"addressPrefixes": v["space"]}, "bgpCommunities": None, "ddosProtectionPlan": None,
            "dhcpOptions": {"dnsServers": []}, "enableDdosProtection": False, "enableVmProtection": None,
            "encryption": None, "etag": etag(vid), "extendedLocation": None, "flowTimeoutInMinutes": None, "id": vid,
            "ipAllocations": None, "location": v["loc"], "name": v["name"], "provisioningState": "Succeeded",
            "resourceGroup": v["rg"], "resourceGuid": guid(vid), "subnets": subnets, "tags": {},
            "type": "Microsoft.Network/virtualNetworks", "virtualNetworkPeerings": peerings}


def az_table(t):
    tid = rid(t["rg"], "routeTables", t["name"])
    routes = []
    for r in t["routes"]:
        route_id = f"{tid}/routes/{r['name']}"
        routes.append({"addressPrefix": r["prefix"], "etag": etag(route_id), "hasBgpOverride": False, "id": route_id,
                       "name": r["name"], "nextHopIpAddress": r.get("ip"), "nextHopType": r["type"],
                       "provisioningState": "Succeeded", "resourceGroup": t["rg"],
                       "type": "Microsoft.Network/routeTables/routes"})
    return {"disableBgpRoutePropagation": t["disable"], "etag": etag(tid), "id": tid, "location": t["loc"],
            "name": t["name"], "provisioningState": "Succeeded", "resourceGroup": t["rg"], "resourceGuid": guid(tid),
            "routes": routes, "subnets": [ref(s) for s in t["subnets"]], "tags": {}, "type": "Microsoft.Network/routeTables"}


def az_firewall(f):
    fid = rid(f["rg"], "azureFirewalls", f["name"])
    cid = f"{fid}/azureFirewallIpConfigurations/{f['ipconfig']}"
    return {"additionalProperties": {}, "applicationRuleCollections": [], "etag": etag(fid),
            "firewallPolicy": ref(rid(f["rg"], "firewallPolicies", f["policy"])) if f["policy"] else None,
            "hubIpAddresses": None, "id": fid, "ipConfigurations": [{
                "etag": etag(cid), "id": cid, "name": f["ipconfig"], "privateIpAddress": f["ip"],
                "provisioningState": "Succeeded", "publicIpAddress": ref(rid(f["rg"], "publicIPAddresses", f"pip-{f['name']}")),
                "resourceGroup": f["rg"],
                "subnet": ref(rid(f["rg"], "virtualNetworks", f["vnet"], "subnets", "AzureFirewallSubnet")),
                "type": "Microsoft.Network/azureFirewalls/azureFirewallIpConfigurations"}],
            "ipGroups": None, "location": f["loc"], "managementIpConfiguration": None, "name": f["name"],
            "natRuleCollections": [], "networkRuleCollections": [], "provisioningState": "Succeeded",
            "resourceGroup": f["rg"], "sku": {"name": "AZFW_VNet", "tier": "Standard"}, "tags": {},
            "threatIntelMode": "Alert", "type": "Microsoft.Network/azureFirewalls", "virtualHub": None, "zones": None}


def az_gateway(g):
    gid = rid(g["rg"], "virtualNetworkGateways", g["name"])
    cid = f"{gid}/ipConfigurations/vnetGatewayConfig"
    return {"activeActive": False, "bgpSettings": {"asn": 65515, "bgpPeeringAddress": g["bgp_ip"], "peerWeight": 0},
            "enableBgp": False, "enableBgpRouteTranslationForNat": False, "enablePrivateIpAddress": False,
            "etag": etag(gid), "gatewayDefaultSite": None, "gatewayType": "Vpn", "id": gid, "ipConfigurations": [{
                "etag": etag(cid), "id": cid, "name": "vnetGatewayConfig", "privateIpAllocationMethod": "Dynamic",
                "provisioningState": "Succeeded",
                "publicIpAddress": ref(rid(g["rg"], "publicIPAddresses", f"pip-{g['name']}")), "resourceGroup": g["rg"],
                "subnet": ref(rid(g["rg"], "virtualNetworks", g["vnet"], "subnets", "GatewaySubnet"))}],
            "location": g["loc"], "name": g["name"], "provisioningState": "Succeeded", "resourceGroup": g["rg"],
            "resourceGuid": guid(gid), "sku": {"capacity": 2, "name": "VpnGw1", "tier": "VpnGw1"}, "tags": {},
            "type": "Microsoft.Network/virtualNetworkGateways", "vpnGatewayGeneration": "Generation1",
            "vpnType": "RouteBased"}


def az_lng(l):
    lid = rid(l["rg"], "localNetworkGateways", l["name"])
    return {"bgpSettings": None, "etag": etag(lid), "fqdn": None, "gatewayIpAddress": l["ip"], "id": lid,
            "localNetworkAddressSpace": {"addressPrefixes": l["prefixes"]}, "location": l["loc"], "name": l["name"],
            "provisioningState": "Succeeded", "resourceGroup": l["rg"], "resourceGuid": guid(lid), "tags": {},
            "type": "Microsoft.Network/localNetworkGateways"}


def az_connection(c):
    cid = rid(c["rg"], "connections", c["name"])
    return {"connectionMode": "Default", "connectionProtocol": "IKEv2", "connectionStatus": None,
            "connectionType": "IPsec", "dpdTimeoutSeconds": 45, "egressBytesTransferred": 0, "enableBgp": False,
            "etag": etag(cid), "expressRouteGatewayBypass": False, "id": cid, "ingressBytesTransferred": 0,
            "ipsecPolicies": [], "localNetworkGateway2": ref(c["lng"]), "location": c["loc"], "name": c["name"],
            "peer": None, "provisioningState": "Succeeded", "resourceGroup": c["rg"], "resourceGuid": guid(cid),
            "routingWeight": 0, "sharedKey": None, "tags": {}, "trafficSelectorPolicies": [],
            "type": "Microsoft.Network/connections", "useLocalAzureIpAddress": False,
            "usePolicyBasedTrafficSelectors": False, "virtualNetworkGateway1": ref(c["gw"]),
            "virtualNetworkGateway2": None}


def az_nic(n):
    nid = rid(n["rg"], "networkInterfaces", n["name"])
    cid = f"{nid}/ipConfigurations/ipconfig1"
    return {"auxiliaryMode": "None", "disableTcpStateTracking": False,
            "dnsSettings": {"appliedDnsServers": [], "dnsServers": []}, "enableAcceleratedNetworking": False,
            "enableIpForwarding": n["forwarding"], "etag": etag(nid), "id": nid, "ipConfigurations": [{
                "etag": etag(cid), "id": cid, "name": "ipconfig1", "primary": True, "privateIpAddress": n["ip"],
                "privateIpAddressVersion": "IPv4", "privateIpAllocationMethod": "Dynamic", "provisioningState": "Succeeded",
                "resourceGroup": n["rg"], "subnet": ref(n["subnet"]),
                "type": "Microsoft.Network/networkInterfaces/ipConfigurations"}],
            "location": n["loc"], "macAddress": "00-0D-3A-2B-4C-5D", "name": n["name"], "nicType": "Standard",
            "primary": True, "provisioningState": "Succeeded", "resourceGroup": n["rg"], "resourceGuid": guid(nid),
            "tags": {}, "type": "Microsoft.Network/networkInterfaces", "virtualMachine": ref(n["vm"]),
            "vnetEncryptionSupported": False}


# ------------------------------------------------------------------ Resource Graph

def arm_sub(name, id_, type_, properties):
    return {"etag": etag(id_), "id": id_, "name": name, "properties": properties, "type": type_}


def graph_row(rg, loc, name, type_, id_, properties, sku=None):
    return {"extendedLocation": None, "id": id_, "identity": None, "kind": "", "location": loc, "managedBy": "",
            "name": name, "plan": None, "properties": properties, "resourceGroup": rg.lower(), "sku": sku,
            "subscriptionId": SUB, "tags": {}, "tenantId": TENANT, "type": type_.lower(), "zones": None}


def graph_rows(e, only_rgs=None):
    rows = []
    keep = lambda rg: only_rgs is None or rg in only_rgs
    for v in e["vnets"]:
        if not keep(v["rg"]):
            continue
        vid = rid(v["rg"], "virtualNetworks", v["name"])
        subnets = []
        for s in v["subnets"]:
            sid = f"{vid}/subnets/{s['name']}"
            props = {"addressPrefix": s["prefix"], "delegations": [], "privateEndpointNetworkPolicies": "Disabled",
                     "privateLinkServiceNetworkPolicies": "Enabled", "provisioningState": "Succeeded"}
            if s["rt"]:
                # Azure stores references as they were written: here with a lower-case resource group segment.
                props["routeTable"] = {"id": rid(*s["rt"][:1], "routeTables", s["rt"][1]).replace("/resourceGroups/", "/resourcegroups/")}
            if s.get("ipconfigs"):
                props["ipConfigurations"] = [{"id": i} for i in s["ipconfigs"]]
            subnets.append(arm_sub(s["name"], sid, "Microsoft.Network/virtualNetworks/subnets", props))
        peerings = []
        for p in v["peerings"]:
            pid = f"{vid}/virtualNetworkPeerings/{p['name']}"
            space = space_of(e, p["remote"])
            peerings.append(arm_sub(p["name"], pid, "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", {
                "allowForwardedTraffic": p["fwd"], "allowGatewayTransit": p["transit"],
                "allowVirtualNetworkAccess": True, "doNotVerifyRemoteGateways": False, "peerCompleteVnets": True,
                "peeringState": "Connected", "peeringSyncLevel": "FullyInSync", "provisioningState": "Succeeded",
                "remoteAddressSpace": {"addressPrefixes": space}, "remoteVirtualNetwork": {"id": p["remote"]},
                "remoteVirtualNetworkAddressSpace": {"addressPrefixes": space}, "resourceGuid": guid(pid),
                "useRemoteGateways": p["remote_gw"]}))
        rows.append(graph_row(v["rg"], v["loc"], v["name"], "Microsoft.Network/virtualNetworks", vid, {
            "addressSpace": {"addressPrefixes": v["space"]}, "enableDdosProtection": False,
            "privateEndpointVNetPolicies": "Disabled", "provisioningState": "Succeeded", "resourceGuid": guid(vid),
            "subnets": subnets, "virtualNetworkPeerings": peerings}))
    for t in e["tables"]:
        if not keep(t["rg"]):
            continue
        tid = rid(t["rg"], "routeTables", t["name"])
        routes = []
        for r in t["routes"]:
            props = {"addressPrefix": r["prefix"], "hasBgpOverride": False, "nextHopType": r["type"],
                     "provisioningState": "Succeeded"}
            if r.get("ip"):
                props["nextHopIpAddress"] = r["ip"]
            routes.append(arm_sub(r["name"], f"{tid}/routes/{r['name']}", "Microsoft.Network/routeTables/routes", props))
        rows.append(graph_row(t["rg"], t["loc"], t["name"], "Microsoft.Network/routeTables", tid, {
            "disableBgpRoutePropagation": t["disable"], "provisioningState": "Succeeded", "resourceGuid": guid(tid),
            "routes": routes, "subnets": [{"id": s} for s in t["subnets"]]}))
    for f in e["firewalls"]:
        if not keep(f["rg"]):
            continue
        fid = rid(f["rg"], "azureFirewalls", f["name"])
        props = {"additionalProperties": {}, "applicationRuleCollections": [], "ipConfigurations": [arm_sub(
            f["ipconfig"], f"{fid}/azureFirewallIpConfigurations/{f['ipconfig']}",
            "Microsoft.Network/azureFirewalls/azureFirewallIpConfigurations", {
                "privateIPAddress": f["ip"], "provisioningState": "Succeeded",
                "publicIPAddress": {"id": rid(f["rg"], "publicIPAddresses", f"pip-{f['name']}")},
                "subnet": {"id": rid(f["rg"], "virtualNetworks", f["vnet"], "subnets", "AzureFirewallSubnet")}})],
            "natRuleCollections": [], "networkRuleCollections": [], "provisioningState": "Succeeded",
            "sku": {"name": "AZFW_VNet", "tier": "Standard"}, "threatIntelMode": "Alert"}
        if f["policy"]:
            props["firewallPolicy"] = {"id": rid(f["rg"], "firewallPolicies", f["policy"])}
        rows.append(graph_row(f["rg"], f["loc"], f["name"], "Microsoft.Network/azureFirewalls", fid, props))
    for g in e["gateways"]:
        if not keep(g["rg"]):
            continue
        gid = rid(g["rg"], "virtualNetworkGateways", g["name"])
        rows.append(graph_row(g["rg"], g["loc"], g["name"], "Microsoft.Network/virtualNetworkGateways", gid, {
            "activeActive": False, "bgpSettings": {"asn": 65515, "bgpPeeringAddress": g["bgp_ip"], "peerWeight": 0},
            "enableBgp": False, "gatewayType": "Vpn", "ipConfigurations": [arm_sub(
                "vnetGatewayConfig", f"{gid}/ipConfigurations/vnetGatewayConfig",
                "Microsoft.Network/virtualNetworkGateways/ipConfigurations", {
                    "privateIPAllocationMethod": "Dynamic", "provisioningState": "Succeeded",
                    "publicIPAddress": {"id": rid(g["rg"], "publicIPAddresses", f"pip-{g['name']}")},
                    "subnet": {"id": rid(g["rg"], "virtualNetworks", g["vnet"], "subnets", "GatewaySubnet")}})],
            "provisioningState": "Succeeded", "resourceGuid": guid(gid),
            "sku": {"capacity": 2, "name": "VpnGw1", "tier": "VpnGw1"}, "vpnGatewayGeneration": "Generation1",
            "vpnType": "RouteBased"}))
    for l in e["lngs"]:
        if not keep(l["rg"]):
            continue
        lid = rid(l["rg"], "localNetworkGateways", l["name"])
        rows.append(graph_row(l["rg"], l["loc"], l["name"], "Microsoft.Network/localNetworkGateways", lid, {
            "gatewayIpAddress": l["ip"], "localNetworkAddressSpace": {"addressPrefixes": l["prefixes"]},
            "provisioningState": "Succeeded", "resourceGuid": guid(lid)}))
    for c in e["connections"]:
        if not keep(c["rg"]):
            continue
        cid = rid(c["rg"], "connections", c["name"])
        rows.append(graph_row(c["rg"], c["loc"], c["name"], "Microsoft.Network/connections", cid, {
            "connectionMode": "Default", "connectionProtocol": "IKEv2", "connectionType": "IPsec",
            "dpdTimeoutSeconds": 45, "enableBgp": False, "localNetworkGateway2": {"id": c["lng"]},
            "provisioningState": "Succeeded", "resourceGuid": guid(cid), "routingWeight": 0,
            "useLocalAzureIpAddress": False, "usePolicyBasedTrafficSelectors": False,
            "virtualNetworkGateway1": {"id": c["gw"]}}))
    for n in e["nics"]:
        if not keep(n["rg"]):
            continue
        nid = rid(n["rg"], "networkInterfaces", n["name"])
        rows.append(graph_row(n["rg"], n["loc"], n["name"], "Microsoft.Network/networkInterfaces", nid, {
            "enableAcceleratedNetworking": False, "enableIPForwarding": n["forwarding"], "ipConfigurations": [arm_sub(
                "ipconfig1", f"{nid}/ipConfigurations/ipconfig1", "Microsoft.Network/networkInterfaces/ipConfigurations", {
                    "primary": True, "privateIPAddress": n["ip"], "privateIPAddressVersion": "IPv4",
                    "privateIPAllocationMethod": "Dynamic", "provisioningState": "Succeeded",
                    "subnet": {"id": n["subnet"]}})],
            "nicType": "Standard", "provisioningState": "Succeeded", "resourceGuid": guid(nid),
            "virtualMachine": {"id": n["vm"]}}))
    # Types the model does not read: in the export, left out by routelint.
    for p in e["pips"]:
        if not keep(p["rg"]):
            continue
        pid = rid(p["rg"], "publicIPAddresses", p["name"])
        rows.append(graph_row(p["rg"], p["loc"], p["name"], "Microsoft.Network/publicIPAddresses", pid, {
            "idleTimeoutInMinutes": 4, "ipAddress": "20.61.0.%d" % (len(rows) % 250), "provisioningState": "Succeeded",
            "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static"}, sku={"name": "Standard", "tier": "Regional"}))
    for p in e["policies"]:
        if not keep(p["rg"]):
            continue
        pid = rid(p["rg"], "firewallPolicies", p["name"])
        rows.append(graph_row(p["rg"], p["loc"], p["name"], "Microsoft.Network/firewallPolicies", pid, {
            "provisioningState": "Succeeded", "sku": {"tier": "Standard"}, "threatIntelMode": "Alert"}))
    return rows


def write(path, value):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, indent=2, sort_keys=True) + "\n")


def main():
    broken = estate(defects=True)
    write("two-defects-az/vnet-list.json", [az_vnet(broken, v) for v in broken["vnets"]])
    write("two-defects-az/route-table-list.json", [az_table(t) for t in broken["tables"]])
    write("two-defects-az/firewall-list.json", [az_firewall(f) for f in broken["firewalls"]])
    # Gateways are listed per resource group (`az network vnet-gateway list -g RG`): one file per hub.
    for rg in (BLUE_HUB_RG, GREEN_HUB_RG):
        write(f"two-defects-az/vnet-gateway-list-{rg}.json", [az_gateway(g) for g in broken["gateways"] if g["rg"] == rg])
    write("two-defects-az/local-gateway-list.json", [az_lng(l) for l in broken["lngs"]])
    write("two-defects-az/vpn-connection-list.json", [az_connection(c) for c in broken["connections"]])
    write("two-defects-az/nic-list.json", [az_nic(n) for n in broken["nics"]])
    rows = graph_rows(broken)
    write("two-defects-graph/network.json",
          {"count": len(rows), "data": rows, "skip_token": None, "total_records": len(rows)})
    correct = estate(defects=False)
    hubs = graph_rows(correct, only_rgs={BLUE_HUB_RG, GREEN_HUB_RG, ONPREM_RG})
    write("hubs-graph/hubs.json", {"count": len(hubs), "data": hubs, "skip_token": None, "total_records": len(hubs)})


if __name__ == "__main__":
    main()
