// Production environment in the public Azure cloud. For Azure China (21Vianet) use china.bicepparam.
//   az deployment group create -g rg-volunteerbot-prod -f infra/main.bicep -p infra/parameters/prod.bicepparam
//   export COMMITTEE_AAD_OBJECT_IDS="<object id>,<object id>"   (the Party committee, see docs/deploy.md)
using '../main.bicep'

param environmentName = 'prod'
param location = 'eastasia'
param cloud = 'Public'
param botDisplayName = '学雷锋志愿服务'
param appServiceSkuName = 'P0v3'
param botSkuName = 'F0'
param storageSkuName = 'Standard_ZRS'
param logRetentionDays = 90
param committeeAadObjectIds = map(filter(split(readEnvironmentVariable('COMMITTEE_AAD_OBJECT_IDS', ''), ','), id => !empty(trim(id))), id => trim(id))
param tags = {
  owner: '机关党委'
}
