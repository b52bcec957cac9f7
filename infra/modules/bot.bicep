// The Azure Bot registration: single tenant, authenticated as the user-assigned managed identity (no secret to
// rotate), with the Microsoft Teams channel and the web app's messaging endpoint.

@description('Resource name of the Azure Bot (4-42 characters).')
@minLength(4)
@maxLength(42)
param botName string

@description('Display name.')
param displayName string

@description('Pricing tier: F0 or S1.')
param skuName string

@description('https://<host>/api/messages')
param messagingEndpoint string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the managed identity (msaAppId).')
param identityClientId string

@description('Entra tenant id.')
param tenantId string

@description('Tags.')
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    description: '学雷锋志愿服务 Teams 机器人 / Volunteer Service bot for Microsoft Teams'
    endpoint: messagingEndpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: identityId
    disableLocalAuth: true
    isStreamingSupported: false
    schemaTransformationVersion: '1.3'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      acceptedTerms: true
    }
  }
}

@description('Name of the bot resource.')
output name string = bot.name

@description('Messaging endpoint as registered.')
output messagingEndpoint string = bot.properties.endpoint

@description('Name of the Teams channel resource.')
output teamsChannel string = teams.name
