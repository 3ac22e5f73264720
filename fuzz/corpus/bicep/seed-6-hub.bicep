// Hub of one hub-and-spoke deployment: hub VNet, Azure Firewall, VPN gateway to on-premises,
// and the route tables of AzureFirewallSubnet and GatewaySubnet.
//
// The route from AzureFirewallSubnet to the *other* deployment's supernet needs the other hub's
// firewall IP, an output of the other hub module; the two hub modules would depend on each other,
// so that route is added afterwards by hub-link.bicep as a child route of rt-hub-<colour>-fw.

@description('Hub-and-spoke deployment (blue or green); names every resource of the hub.')
param deploymentName string

param location string = resourceGroup().location

@description('Address space of the hub VNet.')
param addressPrefix string

@description('Spokes of this deployment ({ name, addressPrefix }): GatewaySubnet sends them through the firewall.')
param spokes array

@description('On-premises local network gateway.')
param localNetworkGatewayId string

@secure()
param vpnSharedKey string

@description('Propagate gateway routes to AzureFirewallSubnet (the firewall must learn the on-premises routes).')
param firewallSubnetPropagation bool = true

var vnetName = 'vnet-hub-${deploymentName}'
var firewallName = 'fw-${deploymentName}'
var gatewayName = 'vgw-hub-${deploymentName}'
var firewallRouteTableName = 'rt-hub-${deploymentName}-fw'
var gatewayRouteTableName = 'rt-hub-${deploymentName}-gw'
var firewallSubnetPrefix = cidrSubnet(addressPrefix, 26, 0) // first /26 of the hub
var gatewaySubnetPrefix = cidrSubnet(addressPrefix, 27, 2) // the /27 after it

resource firewallRouteTable 'Microsoft.Network/routeTables@2023-09-01' = {
  name: firewallRouteTableName
  location: location
  properties: {
    disableBgpRoutePropagation: !firewallSubnetPropagation
    routes: [
      {
        name: 'default-internet'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'Internet'
        }
      }
    ]
  }
}

resource gatewayRouteTable 'Microsoft.Network/routeTables@2023-09-01' = {
  name: gatewayRouteTableName
  location: location
  properties: {
    disableBgpRoutePropagation: false
  }
}

resource hubVnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'AzureFirewallSubnet'
        properties: {
          addressPrefix: firewallSubnetPrefix
          routeTable: {
            id: firewallRouteTable.id
          }
        }
      }
      {
        name: 'GatewaySubnet'
        properties: {
          addressPrefix: gatewaySubnetPrefix
          routeTable: {
            id: gatewayRouteTable.id
          }
        }
      }
    ]
  }
}

resource firewallPublicIp 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-${firewallName}'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-09-01' = {
  name: firewallName
  location: location
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Standard'
    }
    threatIntelMode: 'Alert'
    ipConfigurations: [
      {
        name: 'ipconfig-${firewallName}'
        properties: {
          subnet: {
            id: '${hubVnet.id}/subnets/AzureFirewallSubnet'
          }
          publicIPAddress: {
            id: firewallPublicIp.id
          }
        }
      }
    ]
  }
}

// On-premises -> spoke traffic goes through the firewall too.
@batchSize(1)
resource gatewayRoutes 'Microsoft.Network/routeTables/routes@2023-09-01' = [for spoke in spokes: {
  parent: gatewayRouteTable
  name: 'to-${spoke.name}-${deploymentName}'
  properties: {
    addressPrefix: spoke.addressPrefix
    nextHopType: 'VirtualAppliance'
    nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress
  }
}]

resource gatewayPublicIp 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-${gatewayName}'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource vpnGateway 'Microsoft.Network/virtualNetworkGateways@2023-09-01' = {
  name: gatewayName
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    enableBgp: false
    activeActive: false
    sku: {
      name: 'VpnGw1'
      tier: 'VpnGw1'
    }
    ipConfigurations: [
      {
        name: 'vnetGatewayConfig'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: {
            id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'GatewaySubnet')
          }
          publicIPAddress: {
            id: gatewayPublicIp.id
          }
        }
      }
    ]
  }
  dependsOn: [
    hubVnet
  ]
}

resource onPremConnection 'Microsoft.Network/connections@2023-09-01' = {
  name: 'cn-hub-${deploymentName}-onprem'
  location: location
  properties: {
    connectionType: 'IPsec'
    virtualNetworkGateway1: {
      id: vpnGateway.id
      properties: {}
    }
    localNetworkGateway2: {
      id: localNetworkGatewayId
      properties: {}
    }
    routingWeight: 0
    enableBgp: false
    sharedKey: vpnSharedKey
  }
}

output vnetName string = hubVnet.name
output vnetId string = hubVnet.id

@description('Private IP Azure gives the firewall: the first assignable address of AzureFirewallSubnet.')
output firewallPrivateIp string = firewall.properties.ipConfigurations[0].properties.privateIPAddress

output firewallRouteTableName string = firewallRouteTable.name
