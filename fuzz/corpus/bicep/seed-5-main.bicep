// Blue/Green: two hub-and-spoke deployments in one resource group, joined by hub peering.
// Compiled to main.json with `bicep build main.bicep` (languageVersion 1, the default).
// Deploy with main.parameters.json (it supplies vpnSharedKey).

metadata description = 'Blue/Green hub-and-spoke estate: two hubs with Azure Firewall and VPN gateway, their spokes, and the hub-to-hub link.'

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Give each hub\'s AzureFirewallSubnet a route to the other deployment\'s supernet via the other hub\'s firewall.')
param enableCrossHubRoutes bool = true

@description('Forced tunnelling through on-premises: let the gateways\' routes reach the spoke subnets.')
param forceTunnel bool = false

@description('Blue spokes send 0.0.0.0/0 to the Blue hub firewall.')
param blueEgressViaFirewall bool = true

@description('Green spokes send 0.0.0.0/0 to the Green hub firewall.')
param greenEgressViaFirewall bool = true

param onPremAddressPrefixes array = [
  '192.168.1.0/24'
]

param onPremGatewayIp string = '203.0.113.10'

@secure()
@description('IPsec pre-shared key of both connections.')
param vpnSharedKey string

@description('Spokes of the Blue deployment (10.1.0.0/16).')
param blueSpokes array = [
  {
    name: 'spoke1'
    addressPrefix: '10.1.4.0/22'
    subnets: [
      {
        name: 'snet-app'
        addressPrefix: '10.1.4.0/24'
      }
      {
        name: 'snet-data'
        addressPrefix: '10.1.5.0/24'
      }
    ]
  }
  {
    name: 'spoke2'
    addressPrefix: '10.1.8.0/22'
    subnets: [
      {
        name: 'snet-app'
        addressPrefix: '10.1.8.0/24'
      }
    ]
  }
]

@description('Spokes of the Green deployment (10.2.0.0/16).')
param greenSpokes array = [
  {
    name: 'spoke3'
    addressPrefix: '10.2.4.0/22'
    subnets: [
      {
        name: 'snet-app'
        addressPrefix: '10.2.4.0/24'
      }
      {
        name: 'snet-data'
        addressPrefix: '10.2.5.0/24'
      }
    ]
  }
  {
    name: 'spoke4'
    addressPrefix: '10.2.12.0/22'
    subnets: [
      {
        name: 'snet-app'
        addressPrefix: '10.2.12.0/24'
      }
    ]
  }
]

var blueSupernet = '10.1.0.0/16'
var greenSupernet = '10.2.0.0/16'

resource onPremGateway 'Microsoft.Network/localNetworkGateways@2023-09-01' = {
  name: 'lng-onprem'
  location: location
  properties: {
    gatewayIpAddress: onPremGatewayIp
    localNetworkAddressSpace: {
      addressPrefixes: onPremAddressPrefixes
    }
  }
}

module hubBlue 'modules/hub.bicep' = {
  name: 'hub-blue'
  params: {
    deploymentName: 'blue'
    location: location
    addressPrefix: '10.1.0.0/22'
    firewallSubnetPrefix: '10.1.0.0/26'
    gatewaySubnetPrefix: '10.1.0.64/27'
    spokes: [for spoke in blueSpokes: {
      name: spoke.name
      addressPrefix: spoke.addressPrefix
    }]
    localNetworkGatewayId: onPremGateway.id
    vpnSharedKey: vpnSharedKey
  }
}

module hubGreen 'modules/hub.bicep' = {
  name: 'hub-green'
  params: {
    deploymentName: 'green'
    location: location
    addressPrefix: '10.2.0.0/22'
    firewallSubnetPrefix: '10.2.0.0/26'
    gatewaySubnetPrefix: '10.2.0.64/27'
    spokes: [for spoke in greenSpokes: {
      name: spoke.name
      addressPrefix: spoke.addressPrefix
    }]
    localNetworkGatewayId: onPremGateway.id
    vpnSharedKey: vpnSharedKey
  }
}

// One spoke at a time: every spoke adds a peering to the same hub VNet.
@batchSize(1)
module blueSpokeDeployments 'modules/spoke.bicep' = [for spoke in blueSpokes: {
  name: 'spoke-${spoke.name}-blue'
  params: {
    spokeName: spoke.name
    deploymentName: 'blue'
    location: location
    addressPrefix: spoke.addressPrefix
    subnets: spoke.subnets
    hubVnetName: hubBlue.outputs.vnetName
    hubFirewallIp: hubBlue.outputs.firewallPrivateIp
    egressViaFirewall: blueEgressViaFirewall
    forceTunnel: forceTunnel
  }
}]

@batchSize(1)
module greenSpokeDeployments 'modules/spoke.bicep' = [for spoke in greenSpokes: {
  name: 'spoke-${spoke.name}-green'
  params: {
    spokeName: spoke.name
    deploymentName: 'green'
    location: location
    addressPrefix: spoke.addressPrefix
    subnets: spoke.subnets
    hubVnetName: hubGreen.outputs.vnetName
    hubFirewallIp: hubGreen.outputs.firewallPrivateIp
    egressViaFirewall: greenEgressViaFirewall
    forceTunnel: forceTunnel
  }
}]

module blueToGreen 'modules/hub-link.bicep' = {
  name: 'hub-link-blue-to-green'
  params: {
    localHubVnetName: hubBlue.outputs.vnetName
    localFirewallRouteTableName: hubBlue.outputs.firewallRouteTableName
    remoteDeploymentName: 'green'
    remoteHubVnetId: hubGreen.outputs.vnetId
    remoteSupernet: greenSupernet
    remoteFirewallIp: hubGreen.outputs.firewallPrivateIp
    enableCrossHubRoute: enableCrossHubRoutes
  }
  dependsOn: [
    blueSpokeDeployments
  ]
}

module greenToBlue 'modules/hub-link.bicep' = {
  name: 'hub-link-green-to-blue'
  params: {
    localHubVnetName: hubGreen.outputs.vnetName
    localFirewallRouteTableName: hubGreen.outputs.firewallRouteTableName
    remoteDeploymentName: 'blue'
    remoteHubVnetId: hubBlue.outputs.vnetId
    remoteSupernet: blueSupernet
    remoteFirewallIp: hubBlue.outputs.firewallPrivateIp
    enableCrossHubRoute: enableCrossHubRoutes
  }
  dependsOn: [
    greenSpokeDeployments
  ]
}

output blueFirewallPrivateIp string = hubBlue.outputs.firewallPrivateIp
output greenFirewallPrivateIp string = hubGreen.outputs.firewallPrivateIp
