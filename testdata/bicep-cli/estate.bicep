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
// ... firewall, spoke and peerings: see estate.compiled.txt
