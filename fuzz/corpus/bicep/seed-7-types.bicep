// Types shared by main.bicep and spoke.bicep.

@export()
@description('A spoke subnet; it gets a route table of its own.')
type subnetType = {
  name: string
  addressPrefix: string
}

@export()
@description('A spoke of a hub-and-spoke deployment.')
type spokeType = {
  @description('Spoke name, e.g. spoke1.')
  name: string

  @description('Address space of the spoke VNet.')
  addressPrefix: string

  subnets: subnetType[]
}
