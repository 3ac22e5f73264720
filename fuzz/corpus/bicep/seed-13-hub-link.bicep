// One direction of the hub-to-hub link: the peering from this hub to the other one, and the route
// on this hub's AzureFirewallSubnet that sends the other deployment's supernet to the other hub's
// firewall (a child route of the firewall subnet's route table, which the hub module created).

@description('Hub VNet of this deployment.')
param localHubVnetName string

@description('Route table of this hub\'s AzureFirewallSubnet.')
param localFirewallRouteTableName string

@description('The other deployment (blue or green).')
param remoteDeploymentName string

param remoteHubVnetId string

@description('Supernet of the other deployment, covering its hub and all its spokes.')
param remoteSupernet string

@description('Private IP of the other hub\'s firewall (output of its hub module).')
param remoteFirewallIp string

param enableCrossHubRoute bool = true

resource localHubVnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {
  name: localHubVnetName
}

resource firewallRouteTable 'Microsoft.Network/routeTables@2023-09-01' existing = {
  name: localFirewallRouteTableName
}

resource hubPeering 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-09-01' = {
  parent: localHubVnet
  name: 'peer-to-hub-${remoteDeploymentName}'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: remoteHubVnetId
    }
  }
}

resource crossHubRoute 'Microsoft.Network/routeTables/routes@2023-09-01' = if (enableCrossHubRoute) {
  parent: firewallRouteTable
  name: 'to-${remoteDeploymentName}'
  properties: {
    addressPrefix: remoteSupernet
    nextHopType: 'VirtualAppliance'
    nextHopIpAddress: remoteFirewallIp
  }
}
