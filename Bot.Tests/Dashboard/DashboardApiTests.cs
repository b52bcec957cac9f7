using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Jobs;
using VolunteerBot.Tests.Channel;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Web;

namespace VolunteerBot.Tests.Dashboard;

/// <summary>
/// The bot on the test host with the dashboard's SSO pointed at a loopback OpenID server; two divisions, a liaison of
/// the first, a volunteer of the second, the committee from configuration.
/// </summary>
public sealed class DashboardApiFixture : IAsyncLifetime
{
    public const string Tenant = BotFactory.TenantId;
    public const string SsoAppId = "00000000-0000-0000-0000-00000000b075";
    public const string Audience = "api://volunteerbot.example.com/" + SsoAppId;

    public TestSigningKey Key { get; } = new("key-entra");

    public TestSigningKey StrangerKey { get; } = new("key-entra");

    public TestOpenIdServer OpenId { get; private set; } = null!;

    public FakeConnector Connector { get; private set; } = null!;

    public BotFactory Bot { get; private set; } = null!;

    public TestUser Liaison { get; } = TestUser.New("李强");

    public TestUser Volunteer { get; } = TestUser.New("王芳");

    public TestUser Stranger { get; } = TestUser.New("外人");

    public string DivisionA { get; private set; } = "";

    public string DivisionB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        OpenId = await TestOpenIdServer.StartAsync(Key);
        Connector = await FakeConnector.StartAsync();
        Bot = new BotFactory(Connector, new Dictionary<string, string?>
        {
            ["Bot:TenantId"] = Tenant,
            ["Dashboard:Audience"] = Audience,
            ["Dashboard:OpenIdMetadataUrl"] = OpenId.MetadataUrl,
            ["Dashboard:Totals:Enabled"] = "false",
        });
        var divisions = Bot.Service<IDivisionStore>();
        var volunteers = Bot.Service<IVolunteerStore>();
        var now = DateTimeOffset.UtcNow;
        DivisionA = (await divisions.CreateAsync("节能与综合利用处", now, default)).Division!.Id;
        DivisionB = (await divisions.CreateAsync("中小企业处", now, default)).Division!.Id;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        await volunteers.SaveAsync(new VolunteerProfile(Liaison.AadObjectId, Liaison.Name, DivisionA, true, null, null), now, today, default);
        await volunteers.SaveAsync(new VolunteerProfile(Volunteer.AadObjectId, Volunteer.Name, DivisionB, false, null, null), now, today, default);
        await divisions.AddLiaisonAsync(DivisionA, Liaison.AadObjectId, default);
        var records = Bot.Service<IServiceRecordStore>();
        await Log(records, Liaison, DivisionA, today, 3, RecordStatus.Confirmed);
        await Log(records, Volunteer, DivisionB, today, 2, RecordStatus.Pending);
        await Log(records, Volunteer, DivisionB, today.AddDays(-1), 5, RecordStatus.Rejected, "2026-bbbbbbbb");
        await Bot.Service<DashboardTotalsService>().RunOnceAsync(default);
    }

    private static Task Log(IServiceRecordStore records, TestUser who, string division, DateOnly date, decimal hours, RecordStatus status, string project = "2026-aaaaaaaa")
    {
        var record = new ServiceRecord
        {
            VolunteerAadObjectId = who.AadObjectId, VolunteerName = who.Name, DivisionId = division, ProjectId = project, ProjectTitle = "垃圾分类宣传",
            Date = date, Hours = hours, Status = status, Source = RecordSource.Volunteer, LoggedByAadObjectId = who.AadObjectId, LoggedAt = DateTimeOffset.UtcNow, Revision = 1,
        };
        return records.ApplyAsync(who.AadObjectId, record.Id, current => current is null
            ? new RecordChange(record, new AuditEntry(record.Id, 1, AuditAction.Logged, who.AadObjectId, who.Name, DateTimeOffset.UtcNow, "", null))
            : null, default);
    }

    /// <summary>An Entra access token as Teams SSO hands it to the tab; every part can be bent for the failure cases.</summary>
    public string Token(string oid, string? tenant = null, string? audience = null, string? issuer = null, TestSigningKey? key = null, DateTime? expires = null)
    {
        var tid = tenant ?? Tenant;
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? $"https://login.microsoftonline.com/{tid}/v2.0",
            Audience = audience ?? Audience,
            IssuedAt = now.AddMinutes(-2),
            NotBefore = now.AddMinutes(-2),
            Expires = expires ?? now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("oid", oid), new Claim("tid", tid), new Claim("name", "SSO"), new Claim("scp", "access_as_user")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey((key ?? Key).Rsa) { KeyId = (key ?? Key).Kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, string? token = null, string? devUser = null, IPAddress? from = null)
    {
        var context = await Bot.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from ?? IPAddress.Loopback;
            if (token is not null)
            {
                c.Request.Headers.Authorization = "Bearer " + token;
            }

            if (devUser is not null)
            {
                c.Request.Headers[DashboardAuthenticator.DevUserHeader] = devUser;
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        var text = await reader.ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        Key.Dispose();
        StrangerKey.Dispose();
    }
}

public sealed class DashboardApiTests(DashboardApiFixture f) : IClassFixture<DashboardApiFixture>
{
    public enum Who
    {
        Committee,
        Liaison,
        Volunteer,
        Unregistered,
    }

    private static readonly IPAddress Remote = IPAddress.Parse("52.112.0.10");

    public static TheoryData<Who, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<Who, string, HttpStatusCode>();
        string[] department = ["/overview", "/divisions", "/division/{A}", "/division/{B}", "/trends", "/projects"];
        foreach (var path in department.Concat(["/me", "/mine"]))
        {
            data.Add(Who.Committee, path, HttpStatusCode.OK);
        }

        foreach (var path in new[] { "/me", "/mine", "/overview", "/divisions", "/division/{A}", "/trends", "/projects" })
        {
            data.Add(Who.Liaison, path, HttpStatusCode.OK);
        }

        data.Add(Who.Liaison, "/division/{B}", HttpStatusCode.Forbidden);
        data.Add(Who.Liaison, "/division/unknown", HttpStatusCode.Forbidden);
        foreach (var path in department)
        {
            data.Add(Who.Volunteer, path, HttpStatusCode.Forbidden);
            data.Add(Who.Unregistered, path, HttpStatusCode.Forbidden);
        }

        data.Add(Who.Volunteer, "/me", HttpStatusCode.OK);
        data.Add(Who.Volunteer, "/mine", HttpStatusCode.OK);
        data.Add(Who.Unregistered, "/me", HttpStatusCode.OK);
        data.Add(Who.Unregistered, "/mine", HttpStatusCode.OK);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_RoleFromToken_AnswersOnlyWhatTheRoleMaySee(Who who, string path, HttpStatusCode expected)
    {
        var (status, _) = await f.GetAsync(Path(path), f.Token(Oid(who)), from: Remote);

        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("/me")]
    [InlineData("/overview")]
    [InlineData("/divisions")]
    [InlineData("/division/{A}")]
    [InlineData("/trends")]
    [InlineData("/projects")]
    [InlineData("/mine")]
    public async Task Endpoint_NoToken_Unauthorized(string path)
    {
        var (status, body) = await f.GetAsync(Path(path), from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("signin", body?["error"]?.GetValue<string>());
    }

    [Fact]
    public async Task Overview_ForeignTenant_Unauthorized()
    {
        var other = "11111111-2222-4333-8444-555555555555";
        var (status, _) = await f.GetAsync(Path("/overview"), f.Token(BotFactory.CommitteeId, tenant: other), from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Overview_ForeignTenantClaimUnderOurIssuer_Unauthorized()
    {
        var other = "11111111-2222-4333-8444-555555555555";
        var token = f.Token(BotFactory.CommitteeId, tenant: other, issuer: $"https://login.microsoftonline.com/{DashboardApiFixture.Tenant}/v2.0");

        var (status, _) = await f.GetAsync(Path("/overview"), token, from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("api://volunteerbot.example.com/00000000-0000-0000-0000-0000000000ff")]
    [InlineData("https://graph.microsoft.com")]
    public async Task Overview_BadAudience_Unauthorized(string audience)
    {
        var (status, _) = await f.GetAsync(Path("/overview"), f.Token(BotFactory.CommitteeId, audience: audience), from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Overview_V1IssuerAndAppIdAudience_Accepted()
    {
        var token = f.Token(BotFactory.CommitteeId, audience: DashboardApiFixture.SsoAppId, issuer: $"https://sts.windows.net/{DashboardApiFixture.Tenant}/");

        var (status, _) = await f.GetAsync(Path("/overview"), token, from: Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Overview_UnpublishedSigningKey_Unauthorized()
    {
        var (status, _) = await f.GetAsync(Path("/overview"), f.Token(BotFactory.CommitteeId, key: f.StrangerKey), from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Overview_ExpiredToken_Unauthorized()
    {
        var (status, _) = await f.GetAsync(Path("/overview"), f.Token(BotFactory.CommitteeId, expires: DateTime.UtcNow.AddMinutes(-10)), from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Divisions_Liaison_SeesOnlyTheirDivisionWithLiaisonCount()
    {
        var (_, body) = await f.GetAsync(Path("/divisions"), f.Token(f.Liaison.AadObjectId), from: Remote);

        var rows = body!["divisions"]!.AsArray();
        var row = Assert.Single(rows);
        Assert.Equal(f.DivisionA, row!["id"]!.GetValue<string>());
        Assert.Equal(1, row["liaisons"]!.GetValue<int>());
        Assert.False(row["noLiaison"]!.GetValue<bool>());
        Assert.True(row.AsObject().ContainsKey("featuredProjects"));
    }

    [Fact]
    public async Task Divisions_Committee_FlagsDivisionWithoutLiaison()
    {
        var (_, body) = await f.GetAsync(Path("/divisions"), f.Token(BotFactory.CommitteeId), from: Remote);

        var b = body!["divisions"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == f.DivisionB)!;
        Assert.Equal(0, b["liaisons"]!.GetValue<int>());
        Assert.True(b["noLiaison"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Trends_TotalsJobOverTheMonthCopies_HoursAndParticipantsPerDivision()
    {
        var (_, body) = await f.GetAsync(Path("/trends"), f.Token(BotFactory.CommitteeId), from: Remote);

        Assert.Equal(12, body!["months"]!.AsArray().Count);
        var a = body["divisions"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == f.DivisionA)!;
        var b = body["divisions"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == f.DivisionB)!;
        Assert.Equal(3m, a["hours"]!.AsArray().Sum(h => h!.GetValue<decimal>()));
        Assert.Equal(1, a["participants"]!.AsArray().Sum(h => h!.GetValue<int>()));
        Assert.Equal(0m, b["hours"]!.AsArray().Sum(h => h!.GetValue<decimal>()));
        Assert.Equal(1, b["participants"]!.AsArray().Max(h => h!.GetValue<int>()));
    }

    [Fact]
    public async Task Mine_Volunteer_OwnConfirmedAndPendingHours()
    {
        var (_, body) = await f.GetAsync(Path("/mine"), f.Token(f.Volunteer.AadObjectId), from: Remote);

        Assert.True(body!["registered"]!.GetValue<bool>());
        Assert.Equal(0m, body["hoursThisYear"]!.GetValue<decimal>());
        Assert.Equal(2m, body["pendingThisYear"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task DivisionDetail_Liaison_LastActivityFromTheMonthCopies()
    {
        var (_, body) = await f.GetAsync(Path("/division/{A}"), f.Token(f.Liaison.AadObjectId), from: Remote);

        var row = Assert.Single(body!["volunteers"]!.AsArray())!;
        Assert.True(row["isLiaison"]!.GetValue<bool>());
        Assert.NotNull(row["lastActivity"]?.GetValue<string>());
    }

    [Fact]
    public async Task Me_Volunteer_OnlyMinePage()
    {
        var (_, body) = await f.GetAsync(Path("/me"), f.Token(f.Volunteer.AadObjectId), from: Remote);

        Assert.Equal(["Mine"], body!["pages"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("Volunteer", body["role"]!.GetValue<string>());
        Assert.Empty(body["divisions"]!.AsArray());
    }

    [Fact]
    public async Task Me_DevSignInFromLoopbackInLocalMode_Accepted()
    {
        var (status, body) = await f.GetAsync(Path("/me"), devUser: BotFactory.CommitteeId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Committee", body!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_DevSignInFromRemoteAddress_Unauthorized()
    {
        var (status, _) = await f.GetAsync(Path("/me"), devUser: BotFactory.CommitteeId, from: Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task DevPeople_FromRemoteAddress_NotFound()
    {
        var (status, _) = await f.GetAsync("/api/dashboard/dev/people", from: Remote);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task DevPeople_FromLoopback_ListsThePlaygroundsPeople()
    {
        var (status, body) = await f.GetAsync("/api/dashboard/dev/people");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(body!.AsArray(), p => p!["name"]!.GetValue<string>() == "张书记");
        Assert.Equal(6, body.AsArray().Count);
    }

    [Fact]
    public async Task TabPage_Served_WithFramePolicyForTeams()
    {
        var context = await f.Bot.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/tab/";
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Contains("frame-ancestors", context.Response.Headers.ContentSecurityPolicy.ToString());
    }

    private string Path(string path) => "/api/dashboard" + path.Replace("{A}", f.DivisionA).Replace("{B}", f.DivisionB);

    private string Oid(Who who) => who switch
    {
        Who.Committee => BotFactory.CommitteeId,
        Who.Liaison => f.Liaison.AadObjectId,
        Who.Volunteer => f.Volunteer.AadObjectId,
        _ => f.Stranger.AadObjectId,
    };
}
