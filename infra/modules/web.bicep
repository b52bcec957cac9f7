// Linux App Service plan and the web app that hosts the bot (.NET 10). The app runs as the user-assigned managed
// identity: AZURE_CLIENT_ID tells DefaultAzureCredential which identity to use for Storage, and Bot__AppId /
// Bot__AppType=UserAssignedMSI make the same identity the bot's identity towards the Bot Connector.

@description('Region.')
param location string

@description('Name of the App Service plan.')
param planName string

@description('Name of the web app (globally unique: it becomes <name>.azurewebsites.net or <name>.chinacloudsites.cn).')
param siteName string

@description('App Service plan SKU.')
param skuName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the managed identity: the bot app id.')
param identityClientId string

@description('Entra tenant id.')
param tenantId string

@description('Bot__Cloud: Public or China.')
param cloud string

@description('Storage table endpoint used with the managed identity (ConnectionStrings__Storage).')
param storageTableEndpoint string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Entra object ids of the Party committee.')
param committeeAadObjectIds string[]

@description('Volunteering__TimeZone.')
param timeZone string

@description('Volunteering__DefaultLanguage.')
param defaultLanguage string

@description('Tags.')
param tags object

// The operational contract of DESIGN.md; ASP.NET Core reads "__" as the section separator.
var baseSettings = [
  {
    name: 'ConnectionStrings__Storage'
    value: storageTableEndpoint
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'Bot__AppId'
    value: identityClientId
  }
  {
    name: 'Bot__TenantId'
    value: tenantId
  }
  {
    name: 'Bot__AppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'Bot__Cloud'
    value: cloud
  }
  {
    name: 'Bot__AllowLocalUnauthenticated'
    value: 'false'
  }
  {
    name: 'Volunteering__TimeZone'
    value: timeZone
  }
  {
    name: 'Volunteering__DefaultLanguage'
    value: defaultLanguage
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    name: 'ASPNETCORE_ENVIRONMENT'
    value: 'Production'
  }
]
var committeeSettings = [
  for (objectId, i) in committeeAadObjectIds: {
    name: 'Volunteering__CommitteeAadObjectIds__${i}'
    value: objectId
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      webSocketsEnabled: false
      appSettings: concat(baseSettings, committeeSettings)
    }
  }
}

// No basic-auth publishing: deployments authenticate with Entra ID (az webapp deploy does).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the web app.')
output name string = site.name

@description('Default host name, e.g. app-volunteerbot-prod-xyz.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
