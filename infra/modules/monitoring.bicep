// Log Analytics workspace and a workspace-based Application Insights resource. The app exports OpenTelemetry
// traces and metrics to it when APPLICATIONINSIGHTS_CONNECTION_STRING is set (docs/observability.md).

@description('Region.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights resource.')
param appInsightsName string

@description('Days the workspace keeps data.')
param retentionInDays int

@description('Tags.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionInDays
  }
}

@description('Connection string for APPLICATIONINSIGHTS_CONNECTION_STRING (holds the ingestion endpoint of this cloud).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString

@description('Name of the Application Insights resource.')
output appInsightsName string = appInsights.name

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id
