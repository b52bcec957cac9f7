// VolunteerBot (学雷锋志愿服务) in one resource group: a user-assigned managed identity that is the bot's identity,
// the Azure Bot with the Teams channel, a Linux App Service for the .NET 10 web app, Storage (tables, queues,
// blobs) reached only with Entra ID, and Log Analytics + Application Insights. The same template deploys to the
// public Azure cloud and to Azure China (21Vianet): every endpoint comes from environment() or from the resources
// themselves, never from a hard-coded host name. Runbook: docs/deploy.md.
targetScope = 'resourceGroup'

@description('Short environment name used in resource names, e.g. dev, test, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of the regional resources, e.g. eastasia, or chinanorth3 in Azure China.')
param location string = resourceGroup().location

@description('Cloud the bot talks to (Bot__Cloud): Public or China. Defaults to the cloud this deployment runs in.')
@allowed([
  'Public'
  'China'
])
param cloud string = environment().name == 'AzureChinaCloud' ? 'China' : 'Public'

@description('Display name of the Azure Bot resource.')
@maxLength(42)
param botDisplayName string = '学雷锋志愿服务'

@description('Entra object ids of the Party committee members (机关党委), the bot administrators.')
param committeeAadObjectIds string[] = []

@description('Entra tenant of the bot and of the Teams users.')
param tenantId string = tenant().tenantId

@description('App Service plan SKU. Always On needs Basic (B1) or higher.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSkuName string = 'B1'

@description('Azure Bot pricing tier. Teams is a standard channel: F0 has no message limit for it.')
@allowed([
  'F0'
  'S1'
])
param botSkuName string = 'F0'

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Time zone that quarters and dates are computed in (Volunteering__TimeZone).')
param timeZone string = 'Asia/Shanghai'

@description('Interface language unless a user chooses another (Volunteering__DefaultLanguage).')
@allowed([
  'zh-CN'
  'en-US'
])
param defaultLanguage string = 'zh-CN'

@description('数据看板 SSO app registration client id (docs/deploy.md); empty: the tab shows its signed-out message.')
param dashboardSsoAppId string = ''

@description('Teams app id of the package, for the 打开数据看板 deep links; empty hides the button.')
param dashboardTeamsAppId string = ''

@description('Tags put on every resource.')
param tags object = {}

var suffix = uniqueString(subscription().id, resourceGroup().id, environmentName)
var allTags = union(tags, {
  application: 'volunteerbot'
  environment: environmentName
})

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-volunteerbot-${environmentName}'
  location: location
  tags: allTags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-volunteerbot-${environmentName}'
    appInsightsName: 'appi-volunteerbot-${environmentName}'
    retentionInDays: logRetentionDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: take('stvb${toLower(environmentName)}${suffix}', 24)
    skuName: storageSkuName
    dataPrincipalId: identity.properties.principalId
    tags: allTags
  }
}

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    location: location
    planName: 'asp-volunteerbot-${environmentName}'
    siteName: 'app-volunteerbot-${environmentName}-${suffix}'
    skuName: appServiceSkuName
    identityId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: tenantId
    cloud: cloud
    storageTableEndpoint: storage.outputs.tableEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    committeeAadObjectIds: committeeAadObjectIds
    timeZone: timeZone
    defaultLanguage: defaultLanguage
    tags: allTags
    dashboardSsoAppId: dashboardSsoAppId
    dashboardTeamsAppId: dashboardTeamsAppId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    botName: 'bot-volunteerbot-${environmentName}-${suffix}'
    displayName: botDisplayName
    skuName: botSkuName
    messagingEndpoint: 'https://${web.outputs.defaultHostName}/api/messages'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: tenantId
    tags: allTags
  }
}

@description('The bot id (= the managed identity client id): BOT_ID for scripts/package-app.sh.')
output botAppId string = identity.properties.clientId

@description('Host name of the web app: BOT_DOMAIN for scripts/package-app.sh.')
output webAppHostName string = web.outputs.defaultHostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = web.outputs.name

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.outputs.messagingEndpoint

@description('Name of the Azure Bot resource.')
output botName string = bot.outputs.name

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Application Insights resource.')
output appInsightsName string = monitoring.outputs.appInsightsName

@description('Bot__Cloud as deployed.')
output cloud string = cloud
