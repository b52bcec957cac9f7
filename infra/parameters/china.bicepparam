// Example: production in Azure China, operated by 21Vianet (Microsoft Teams operated by 21Vianet).
//   az cloud set --name AzureChinaCloud && az login
//   az deployment group create -g rg-volunteerbot-cn -f infra/main.bicep -p infra/parameters/china.bicepparam
//   export COMMITTEE_AAD_OBJECT_IDS="<object id>,<object id>"
// Endpoints (storage *.core.chinacloudapi.cn, web apps *.chinacloudsites.cn, Application Insights ingestion) come
// from the resources and environment(), so the template itself is the same as for the public cloud.
using '../main.bicep'

param environmentName = 'cn'
param location = 'chinanorth3'
param cloud = 'China'
param botDisplayName = '学雷锋志愿服务'
param appServiceSkuName = 'P0v3'
param botSkuName = 'F0'
param storageSkuName = 'Standard_ZRS'
param logRetentionDays = 90
param committeeAadObjectIds = map(filter(split(readEnvironmentVariable('COMMITTEE_AAD_OBJECT_IDS', ''), ','), id => !empty(trim(id))), id => trim(id))
param tags = {
  owner: '机关党委'
}
