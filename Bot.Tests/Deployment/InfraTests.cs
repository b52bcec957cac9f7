using System.Text.Json.Nodes;

namespace VolunteerBot.Tests.Deployment;

/// <summary>Compiles infra/main.bicep once (bicep build --stdout) so the tests can read the ARM template it produces.</summary>
public sealed class CompiledInfraFixture : IAsyncLifetime
{
    internal ProcessResult Result { get; private set; } = new(-1, "", "");

    public JsonObject Template { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Result = await Bicep.RunAsync("build", "main.bicep", "--stdout");
        if (Result.ExitCode == 0)
        {
            Template = JsonNode.Parse(Result.StandardOutput)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Resources of the given type in the template and in every module (nested deployment) below it.</summary>
    public IReadOnlyList<JsonObject> Resources(string type)
    {
        Assert.True(Result.ExitCode == 0, "bicep build failed: " + Result.Combined);
        var found = new List<JsonObject>();
        Collect(Template, type, found);
        return found;
    }

    private static void Collect(JsonObject template, string type, List<JsonObject> found)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };
        foreach (var resource in resources)
        {
            if (string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(resource);
            }

            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested) // properties may be an expression string
            {
                Collect(nested, type, found);
            }
        }
    }
}

public sealed class InfraTests(CompiledInfraFixture compiled) : IClassFixture<CompiledInfraFixture>
{
    [Fact]
    public async Task MainBicep_Lint_NoWarningsOrErrors()
    {
        var result = await Bicep.RunAsync("lint", "main.bicep");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Empty(Bicep.Diagnostics(result));
    }

    [Fact]
    public void MainBicep_Build_NoWarningsAndAnArmTemplate()
    {
        Assert.True(compiled.Result.ExitCode == 0, compiled.Result.Combined);
        Assert.Empty(Bicep.Diagnostics(compiled.Result));
        Assert.Contains("deploymentTemplate.json", (string?)compiled.Template["$schema"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev", "Public")]
    [InlineData("prod", "Public")]
    [InlineData("china", "China")]
    public async Task ParameterFile_BuildParams_NoWarningsAndTheRightCloud(string environment, string cloud)
    {
        var result = await Bicep.RunAsync("build-params", $"parameters/{environment}.bicepparam", "--stdout");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Empty(Bicep.Diagnostics(result));
        var parameters = JsonNode.Parse((string)JsonNode.Parse(result.StandardOutput)!["parametersJson"]!)!["parameters"]!;
        Assert.Equal(cloud, (string?)parameters["cloud"]!["value"]);
        Assert.Empty(parameters["committeeAadObjectIds"]!["value"]!.AsArray()); // none in the repository
    }

    [Fact]
    public async Task Lint_TemplateWithUnusedParameterAndHardcodedEndpoint_IsReported()
    {
        // proves that a warning would fail the tests above: the diagnostics parser sees bicep's warnings
        var dir = Directory.CreateTempSubdirectory("volunteerbot-bicep-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.bicep");
            File.WriteAllText(file, "param unused string\noutput endpoint string = 'https://management.core.windows.net/'\n");

            var result = await Bicep.RunAsync("lint", file);

            var diagnostics = Bicep.Diagnostics(result);
            Assert.Contains(diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
            Assert.Contains(diagnostics, d => d.Contains("no-hardcoded-env-urls", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WebApp_Compiled_RunsDotnet10WithHealthCheckAndHardening()
    {
        var site = Assert.Single(compiled.Resources("Microsoft.Web/sites"));
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;

        Assert.Equal("app,linux", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
        Assert.Equal("1.2", (string?)config["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)config["ftpsState"]);
        Assert.True((bool)Assert.Single(compiled.Resources("Microsoft.Web/serverfarms"))["properties"]!["reserved"]!);
        Assert.All(compiled.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Fact]
    public void WebApp_Compiled_AppSettingsCoverTheOperationalContract()
    {
        var site = Assert.Single(compiled.Resources("Microsoft.Web/sites"));
        var appSettings = Assert.Single(compiled.Resources("Microsoft.Web/sites/config"));
        var webModule = compiled.Template["resources"]!["web"]!["properties"]!;
        var variables = webModule["template"]!["variables"]!;
        var settings = variables["baseSettings"]!.AsObject().ToDictionary(s => s.Key, s => (string?)s.Value);
        var properties = (string?)appSettings["properties"];

        // one place for settings: the appsettings child resource (it replaces the set), none on the site itself
        Assert.Null(site["properties"]!["siteConfig"]!["appSettings"]);
        Assert.Equal("[format('{0}/{1}', parameters('siteName'), 'appsettings')]", (string?)appSettings["name"]);
        Assert.StartsWith("[union(variables('baseSettings'), variables('committeeSettings'), ", properties, StringComparison.Ordinal);
        Assert.Equal("[parameters('storageTableEndpoint')]", settings["ConnectionStrings__Storage"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Bot__AppId"]);
        Assert.Equal("[parameters('tenantId')]", settings["Bot__TenantId"]);
        Assert.Equal("UserAssignedMSI", settings["Bot__AppType"]);
        Assert.Equal("[parameters('cloud')]", settings["Bot__Cloud"]);
        Assert.Equal("false", settings["Bot__AllowLocalUnauthenticated"]);
        Assert.Equal("[parameters('timeZone')]", settings["Volunteering__TimeZone"]);
        Assert.Equal("[parameters('defaultLanguage')]", settings["Volunteering__DefaultLanguage"]);
        Assert.Equal("[parameters('appInsightsConnectionString')]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Contains("format('Volunteering__CommitteeAadObjectIds__{0}'", (string?)variables["committeeSettings"], StringComparison.Ordinal);

        // download links point at the site's own https host name, whatever the cloud (azurewebsites.net, chinacloudsites.cn)
        Assert.Contains("createObject('Links__PublicBaseUrl', format('https://{0}', reference('site').defaultHostName)", properties, StringComparison.Ordinal);

        // the dashboard tab's tokens are for api://<the same host>/<sso app id> (docs/deploy.md)
        Assert.Contains("'Dashboard__Audience', if(empty(parameters('dashboardSsoAppId')), '', format('api://{0}/{1}', reference('site').defaultHostName, parameters('dashboardSsoAppId')))", properties, StringComparison.Ordinal);

        // the storage setting is the account's own table endpoint, so it is right in every cloud
        Assert.Contains("tableEndpoint", webModule["parameters"]!["storageTableEndpoint"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", compiled.Template["resources"]!["storage"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_Compiled_EntraOnlyNoPublicBlobsTls12WithTablesQueuesBlobs()
    {
        var account = Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts/tableServices"));
        Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts/queueServices"));
        Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts/blobServices"));
    }

    [Fact]
    public void RoleAssignments_Compiled_GrantTheIdentityTableQueueAndBlobDataRolesOnly()
    {
        var assignment = Assert.Single(compiled.Resources("Microsoft.Authorization/roleAssignments"));
        var storage = compiled.Template["resources"]!["storage"]!["properties"]!["template"]!.ToJsonString();

        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.NotNull(assignment["copy"]); // one assignment per role
        foreach (var roleId in new[]
                 {
                     "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                     "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                     "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor
                 })
        {
            Assert.Contains(roleId, storage, StringComparison.Ordinal);
        }

        // downloads stream through the bot; no SAS is ever made, so no user delegation key is needed
        Assert.DoesNotContain("db58b8e5-c6ad-4a2a-8342-4190687cbf4a", storage, StringComparison.Ordinal); // Storage Blob Delegator
    }

    [Fact]
    public void Bot_Compiled_UserAssignedMsiWithTeamsChannelAndMessagingEndpoint()
    {
        var bot = Assert.Single(compiled.Resources("Microsoft.BotService/botServices"));
        var properties = bot["properties"]!;
        var channel = Assert.Single(compiled.Resources("Microsoft.BotService/botServices/channels"));
        var main = compiled.Template["resources"]!["bot"]!.ToJsonString();

        Assert.Equal("UserAssignedMSI", (string?)properties["msaAppType"]);
        Assert.NotNull(properties["msaAppMSIResourceId"]);
        Assert.NotNull(properties["msaAppTenantId"]);
        Assert.Equal("MsTeamsChannel", (string?)channel["properties"]!["channelName"]);
        Assert.True((bool)channel["properties"]!["properties"]!["isEnabled"]!);
        Assert.Contains("/api/messages", main, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_Compiled_WorkspaceBasedApplicationInsights()
    {
        Assert.Single(compiled.Resources("Microsoft.OperationalInsights/workspaces"));
        var appInsights = Assert.Single(compiled.Resources("Microsoft.Insights/components"));

        Assert.NotNull(appInsights["properties"]!["WorkspaceResourceId"]);
    }
}
