// A hub with an Azure Firewall and a spoke whose subnet has no route table
// (RL002). tests/tools/fake-bicep.sh stands in for `bicep build --stdout`:
// it prints estate.compiled.txt, the ARM template this file compiles to.
resource hub 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-hub'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: [ '10.1.0.0/22' ] }
    subnets: [ { name: 'AzureFirewallSubnet', properties: { addressPrefix: '10.1.0.0/26' } } ]
  }
}

resource firewallIp 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-fw'
  location: resourceGroup().location
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-09-01' = {
  name: 'fw-hub'
  location: resourceGroup().location
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Standard' }
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.name, 'AzureFirewallSubnet') }
          publicIPAddress: { id: firewallIp.id }
        }
      }
    ]
  }
}

resource spoke 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-spoke1'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: [ '10.1.4.0/22' ] }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: '10.1.4.0/24'
        }
      }
    ]
  }
}

resource hubToSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-09-01' = {
  parent: hub
  name: 'peer-to-spoke1'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: { id: spoke.id }
  }
}

resource spokeToHub 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-09-01' = {
  parent: spoke
  name: 'peer-to-hub'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: { id: hub.id }
  }
}
