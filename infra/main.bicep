// Tsunagu (つなぐ) on Azure: one resource group, Japan East by default.
//
//   user-assigned managed identity ── is the bot's app id (UserAssignedMSI), reads/writes Cosmos through an
//                                     Entra data-plane role, reads the optional certificate in Key Vault
//   App Service plan (Linux) + Web App (Node 20) ── runs `node dist/src/main.js` with TSUNAGU_MODE=azure
//   Azure Bot (single tenant, UserAssignedMSI) + Microsoft Teams channel ── posts to /api/messages
//   Cosmos DB for NoSQL ── local (key) auth disabled, continuous backup, database + 3 containers
//   Key Vault ── RBAC, soft delete, purge protection (only for a SingleTenant bot certificate)
//   Log Analytics + Application Insights ── app telemetry and diagnostic logs
//
// Not compiled in this repository (no az/bicep CLI here); run `az bicep build -f infra/main.bicep` before the
// first deployment. test/contract/infraDrift.test.ts checks that the app settings below still cover every
// setting src/config/config.ts reads in azure mode, and that the containers match cosmosStore.ts.
// No value in this file or in main.parameters.json is a secret: there are no keys, only identities.

targetScope = 'resourceGroup'

@description('Azure region for every regional resource. The bot itself is global.')
param location string = 'japaneast'

@description('Short lowercase prefix for resource names (letters and digits, 3-12 characters).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'tsunagu'

@description('Suffix that makes the globally unique names unique. Defaults to a hash of the resource group.')
param nameSuffix string = uniqueString(resourceGroup().id)

@description('Tags put on every resource.')
param tags object = {
  app: 'tsunagu'
}

@description('App Service plan SKU. Always On needs Basic or higher; use P0v3 or higher for production.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Azure Bot pricing tier. The Teams channel is a standard channel (no message charge) on both.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Display name of the bot in the Azure portal (the name users see comes from the Teams manifest).')
param botDisplayName string = 'Tsunagu'

@description('Name of the Cosmos DB database (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'tsunagu'

@description('Serverless Cosmos DB (pay per request). false: provisioned autoscale throughput shared by the database.')
param cosmosServerless bool = true

@description('Maximum autoscale RU/s of the database when cosmosServerless is false.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Point-in-time restore window of the continuous backup.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous30Days'

@description('Public network access to Cosmos DB. Enabled is needed unless you add VNet integration and a private endpoint (not in this template). Local (key) auth is disabled either way.')
@allowed([
  'Enabled'
  'Disabled'
])
param cosmosPublicNetworkAccess string = 'Enabled'

@description('ROLE_GROUPS: Entra group object id -> Tsunagu role, e.g. {"<group-object-id>": "coordinator"}. Group ids, not secrets.')
param roleGroups object

@description('WARD_DIRECTORY_FILE: path, relative to the app root (/home/site/wwwroot), of the ward directory JSON shipped in config/.')
param wardDirectoryFile string = 'config/ward.json'

@description('LOG_LEVEL of the app.')
@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string = 'info'

@description('OUTBOX_SWEEP_SECONDS: how often undelivered card updates and audit entries are looked for.')
@minValue(1)
@maxValue(3600)
param outboxSweepSeconds int = 15

@description('RETENTION_DAYS: days after closing before a case is anonymised (the ward must confirm its rule; 1825 is a placeholder).')
@minValue(30)
@maxValue(36500)
param retentionDays int = 1825

@description('RATE_LIMIT_PER_MINUTE: per-user card actions and commands per minute (token bucket, in memory, per instance).')
@minValue(1)
@maxValue(100000)
param rateLimitPerMinute int = 20

@description('RATE_LIMIT_BURST: how many actions one user may send back to back.')
@minValue(1)
@maxValue(100000)
param rateLimitBurst int = 20

@description('DIGEST_TIME: when coordinators get their daily milestone digest in personal chat (HH:MM, JST, ward working days only).')
param digestTime string = '08:30'

@description('DIGEST_CHECK_SECONDS: how often the app looks whether a digest is due.')
@minValue(1)
@maxValue(3600)
param digestCheckSeconds int = 60

@description('ESCALATION_BUSINESS_DAYS: ward business days a handoff may wait without acceptance before it is raised again in its channel (after as many again, also to 障がい児支援係).')
@minValue(1)
@maxValue(20)
param escalationBusinessDays int = 2

@description('ROLLCALL_REMINDER_MINUTES: minutes between 安否確認 reminders to those with children not yet reached (issue 11).')
@minValue(1)
@maxValue(1440)
param rollCallReminderMinutes int = 30

@description('EMERGENCY_PROFILE_REVIEW_MONTHS: months between re-confirmations of a child\'s 非常時情報 with the family (issue 11).')
@minValue(1)
@maxValue(60)
param emergencyProfileReviewMonths int = 12

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// ---------------------------------------------------------------------------------------------------------
// Names

var identityName = 'id-${namePrefix}-${nameSuffix}'
var planName = 'plan-${namePrefix}-${nameSuffix}'
var appName = 'app-${namePrefix}-${nameSuffix}'
var botName = 'bot-${namePrefix}-${nameSuffix}'
var cosmosAccountName = toLower('cosmos-${namePrefix}-${nameSuffix}')
var keyVaultName = 'kv-${take(namePrefix, 8)}-${take(nameSuffix, 10)}'
var workspaceName = 'log-${namePrefix}-${nameSuffix}'
var appInsightsName = 'appi-${namePrefix}-${nameSuffix}'

// Containers and partition keys: must equal CONTAINERS in src/adapters/cosmos/cosmosStore.ts (checked by
// test/contract/infraDrift.test.ts). In azure mode the app only checks that they exist; its Entra data-plane
// role cannot create them.
var cosmosContainers = [
  { id: 'caseFiles', partitionKeyPaths: [ '/caseId' ] }
  { id: 'audit', partitionKeyPaths: [ '/caseId' ] }
  { id: 'meta', partitionKeyPaths: [ '/pk' ] }
]

// Built-in role ids.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor (data plane)
var keyVaultCertificateUserRoleId = 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba' // Key Vault Certificate User

// ---------------------------------------------------------------------------------------------------------
// Identity

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------------------
// Monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
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
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: cosmosServerless ? [ { name: 'EnableServerless' } ] : []
    // Entra ID only: no account keys, no connection strings, no key-based metadata writes.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: cosmosPublicNetworkAccess
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: cosmosServerless ? {} : { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } }
  }
}

resource cosmosContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in cosmosContainers: {
  parent: cosmosDatabase
  name: c.id
  properties: {
    resource: {
      id: c.id
      partitionKey: {
        paths: c.partitionKeyPaths
        kind: 'Hash'
        version: 2
      }
    }
  }
}]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-05-15' existing = {
  parent: cosmos
  name: cosmosDataContributorRoleId
}

// The app's identity reads and writes items at account scope. Nobody else gets a data-plane role here.
resource cosmosRoleAssignment 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: cosmosDataContributor.id
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ---------------------------------------------------------------------------------------------------------
// Key Vault (only used for a SingleTenant bot certificate; the default UserAssignedMSI bot needs none)

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource keyVaultCertificateUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultCertificateUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCertificateUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------
// App Service

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Every setting src/config/config.ts reads in azure mode (see test/contract/infraDrift.test.ts).
      // PORT is not set: App Service sets it for the Node runtime and the app listens on it.
      appSettings: [
        { name: 'TSUNAGU_MODE', value: 'azure' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'WARD_DIRECTORY_FILE', value: wardDirectoryFile }
        { name: 'OUTBOX_SWEEP_SECONDS', value: string(outboxSweepSeconds) }
        { name: 'RETENTION_DAYS', value: string(retentionDays) }
        { name: 'HONOUR_TEAMS_LOCALE', value: 'true' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${appName}.azurewebsites.net' }
        { name: 'RATE_LIMIT_PER_MINUTE', value: string(rateLimitPerMinute) }
        { name: 'RATE_LIMIT_BURST', value: string(rateLimitBurst) }
        { name: 'DIGEST_TIME', value: digestTime }
        { name: 'DIGEST_CHECK_SECONDS', value: string(digestCheckSeconds) }
        { name: 'ESCALATION_BUSINESS_DAYS', value: string(escalationBusinessDays) }
        { name: 'ROLLCALL_REMINDER_MINUTES', value: string(rollCallReminderMinutes) }
        { name: 'EMERGENCY_PROFILE_REVIEW_MONTHS', value: string(emergencyProfileReviewMonths) }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'ROLE_GROUPS', value: string(roleGroups) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        // App Service's own settings: codeless Application Insights agent, and the build on zip deploy
        // (production dependencies only; dist/ is built before the upload, see infra/README.md).
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev' }
      ]
    }
  }
}

// Deployments authenticate with Entra ID (az webapp deploy), never with FTP or SCM basic credentials.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------------------------------------
// Azure Bot (single tenant, the managed identity is the bot's app id) + Microsoft Teams channel

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostic logs to Log Analytics (who touched which data, HTTP status of the bot endpoint, app console)

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: cosmos
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      { category: 'DataPlaneRequests', enabled: true }
      { category: 'ControlPlaneRequests', enabled: true }
    ]
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: keyVault
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AuditEvent', enabled: true }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outputs (no secrets)

@description('The bot app id (= managed identity client id): BOT_ID for `npm run package`.')
output botAppId string = identity.properties.clientId
output tenantId string = identity.properties.tenantId
output identityPrincipalId string = identity.properties.principalId
output webAppName string = webApp.name
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'
output botEndpoint string = bot.properties.endpoint
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output cosmosAccountName string = cosmos.name
output keyVaultName string = keyVault.name
output appInsightsName string = appInsights.name
