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

@description('数据看板 SSO: the client id of the Entra app registration that exposes access_as_user (docs/deploy.md); empty leaves the tab signed out.')
param dashboardSsoAppId string = ''

@description('数据看板 deep links from the digest and help cards: the Teams app id of the package (manifest id); empty hides the button.')
param dashboardTeamsAppId string = ''

// Optional Graph:ProactiveInstall (off unless set here): add Graph__ProactiveInstall: 'true' and Graph__TeamsAppId to
// baseSettings, and grant the managed identity the Microsoft Graph application role
// TeamsAppInstallation.ReadWriteSelfForUser.All (admin consent; an app role assignment, not an Azure RBAC role, so
// it is not in this template). See docs/deploy.md, section 六.
// The operational contract of DESIGN.md; ASP.NET Core reads "__" as the section separator.
var baseSettings = {
  ConnectionStrings__Storage: storageTableEndpoint
  AZURE_CLIENT_ID: identityClientId
  Bot__AppId: identityClientId
  Bot__TenantId: tenantId
  Bot__AppType: 'UserAssignedMSI'
  Bot__Cloud: cloud
  Bot__AllowLocalUnauthenticated: 'false'
  Volunteering__TimeZone: timeZone
  Volunteering__DefaultLanguage: defaultLanguage
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  ASPNETCORE_ENVIRONMENT: 'Production'
  // A 4 MB gen0 budget instead of one sized from the host's L3 cache: ~10 MB less resident memory (docs/benchmarks.md,
  // "Resident memory"). The runtime reads it only from the environment; scripts/lib/common.sh gives the benchmarks the same.
  DOTNET_GCgen0size: '0x400000'
}
var committeeSettings = toObject(
  range(0, length(committeeAadObjectIds)),
  i => 'Volunteering__CommitteeAadObjectIds__${i}',
  i => committeeAadObjectIds[i]
)

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
    }
  }
}

// The app settings are a child resource (they replace the whole set) so that they can name the site's own host
// name: download links (certificates, exports, photos) read Links__PublicBaseUrl/files/{token}. The app refuses
// to start outside Development without an https base URL, so a missing setting shows at once, not as dead links.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, committeeSettings, {
    Links__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    // The tab's tokens are issued for the Application ID URI api://<host>/<sso app id> (docs/deploy.md).
    Dashboard__SsoAppId: dashboardSsoAppId
    Dashboard__Audience: empty(dashboardSsoAppId) ? '' : 'api://${site.properties.defaultHostName}/${dashboardSsoAppId}'
    Dashboard__TeamsAppId: dashboardTeamsAppId
  })
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
