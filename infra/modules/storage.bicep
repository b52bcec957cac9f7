// Storage for the bot: tables (volunteers, projects, records), queues (reminder fan-out) and blobs (photos,
// exports, leases). Shared keys are disabled, so the only way in is Entra ID: the bot's managed identity gets the
// data roles below. Tables, queues and containers are created by the app on first use. Blobs stay private: downloads
// go through the bot's GET /files/{token}, never a SAS, so the identity needs no Blob Delegator role.

@description('Region.')
param location string

@description('Storage account name: 3-24 lower-case letters and digits, unique in the cloud.')
@minLength(3)
@maxLength(24)
param accountName string

@description('Redundancy SKU.')
param skuName string

@description('Principal id of the managed identity that reads and writes the data.')
param dataPrincipalId string

@description('Tags.')
param tags object

// Built-in role definition ids; they are the same in every Azure cloud, Azure China included.
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {}
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {}
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    scope: account
    name: guid(account.id, dataPrincipalId, role.value)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: dataPrincipalId
      principalType: 'ServicePrincipal'
      description: 'VolunteerBot managed identity: ${role.key}'
    }
  }
]

@description('Name of the account.')
output name string = account.name

@description('Table endpoint, e.g. https://<account>.table.core.windows.net/ or https://<account>.table.core.chinacloudapi.cn/.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Resource id of the account.')
output id string = account.id
