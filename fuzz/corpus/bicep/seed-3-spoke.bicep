// Spoke of one hub-and-spoke deployment: the spoke VNet, one route table per subnet, and the
// peerings both ways (the hub side as a child of the existing hub VNet).

@description('Spoke name, e.g. spoke1.')
param spokeName string

@description('Hub-and-spoke deployment this spoke belongs to (blue or green).')
param deploymentName string

param location string = resourceGroup().location

@description('Address space of the spoke VNet.')
param addressPrefix string

@description('Subnets of the spoke ({ name, addressPrefix }); each gets its own route table.')
param subnets array

@description('Hub VNet of this deployment.')
param hubVnetName string

@description('Private IP of the hub\'s Azure Firewall (output of the hub module).')
param hubFirewallIp string

@description('Send the subnets\' Internet egress to the hub firewall (0.0.0.0/0 user route).')
param egressViaFirewall bool = true

@description('Forced tunnelling through on-premises: let the gateway\'s routes reach the spoke subnets.')
param forceTunnel bool = false

var vnetName = 'vnet-${spokeName}-${deploymentName}'

resource hubVnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {
  name: hubVnetName
}

resource routeTables 'Microsoft.Network/routeTables@2023-09-01' = [for subnet in subnets: {
  name: 'rt-${spokeName}-${deploymentName}-${replace(subnet.name, 'snet-', '')}'
  location: location
  properties: {
    disableBgpRoutePropagation: forceTunnel ? false : true
    routes: egressViaFirewall ? [
      {
        name: 'default-to-fw'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: hubFirewallIp
        }
      }
    ] : []
  }
}]

resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [for (subnet, i) in subnets: {
      name: subnet.name
      properties: {
        addressPrefix: subnet.addressPrefix
        routeTable: {
          id: routeTables[i].id
        }
      }
    }]
  }
}

resource hubToSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-09-01' = {
  parent: hubVnet
  name: 'peer-to-${spokeName}-${deploymentName}'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: true
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: spokeVnet.id
    }
  }
}

resource spokeToHub 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-09-01' = {
  parent: spokeVnet
  name: 'peer-to-hub'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: true
    remoteVirtualNetwork: {
      id: hubVnet.id
    }
  }
  dependsOn: [
    hubToSpoke
  ]
}

output vnetName string = spokeVnet.name
output vnetId string = spokeVnet.id
