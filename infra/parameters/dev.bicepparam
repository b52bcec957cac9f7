// Development environment in the public Azure cloud.
//   az deployment group create -g rg-volunteerbot-dev -f infra/main.bicep -p infra/parameters/dev.bicepparam
// Committee members' Entra object ids come from the environment so no personal data sits in the repository:
//   export COMMITTEE_AAD_OBJECT_IDS="<object id>,<object id>"
using '../main.bicep'

param environmentName = 'dev'
param location = 'eastasia'
param cloud = 'Public'
param botDisplayName = '学雷锋志愿服务（测试）'
param appServiceSkuName = 'B1'
param botSkuName = 'F0'
param storageSkuName = 'Standard_LRS'
param logRetentionDays = 30
param committeeAadObjectIds = map(filter(split(readEnvironmentVariable('COMMITTEE_AAD_OBJECT_IDS', ''), ','), id => !empty(trim(id))), id => trim(id))
param tags = {
  owner: '机关党委'
}
