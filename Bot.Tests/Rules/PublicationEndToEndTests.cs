using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Channel;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// R15 through the real pipeline on Azurite: 积分公示 covers every staff member on the roster (0 for 陈静, who never registered),
/// is stored per year and shown again, posts a card to the chosen team channel, and each volunteer sees their line in 我的积分.
/// </summary>
public sealed class PublicationEndToEndTests : IAsyncLifetime
{
    private const string Team = "19:team@thread.tacv2";
    private readonly CancellationToken _ct = CancellationToken.None;
    private RulesWorld _w = null!;
    private string _year = "";

    public async Task InitializeAsync()
    {
        _w = await RulesWorld.StartAsync();
        await _w.Bot.Service<IStaffStore>().ImportAsync("team-1",
        [
            new StaffMember(_w.Volunteer.AadObjectId, "王芳", null), new StaffMember(_w.Liaison.AadObjectId, "李强", null), new StaffMember("aad-chenjing", "陈静", null),
        ], _w.Now, _ct);
        var p = await _w.EndedActivityAsync("敬老院志愿服务", _w.Volunteer);
        await _w.ConfirmAsync(p, _w.Volunteer, "3");
        await _w.Bot.Service<IConversationReferenceStore>().SaveAsync(new ConversationReference
        {
            ConversationId = Team, ConversationType = "channel", ServiceUrl = _w.Connector.Url, TenantId = BotFactory.TenantId,
            TeamId = Team, TeamName = "学雷锋志愿服务队", ChannelId = Team, Active = true, UpdatedAt = _w.Now,
        }, _ct);
        _year = _w.Now.AddHours(8).Year.ToString(CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<System.Text.Json.Nodes.JsonObject?> PublishAsync(TestUser by, string? channel) =>
        _w.Bot.ExecuteAsync(by, HoursVerbs.PublishSubmit, channel is null
            ? new Dictionary<string, string> { [HoursAdminCards.Year] = _year }
            : new Dictionary<string, string> { [HoursAdminCards.Year] = _year, [PublicationCards.Channel] = channel });

    [Fact]
    public async Task Publish_EveryStaffMemberWithZeroForTheUnregistered_FileStoredAndAudited()
    {
        var form = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.PublishOpen));
        var card = await PublishAsync(TestUser.Committee, null);

        Assert.Contains("学雷锋志愿服务队 · General", form, StringComparison.Ordinal);
        Assert.Contains($"{_year} 年度：3 名干部职工（其中注册志愿者 2 名），合计 36 积分", CardText.Of(card), StringComparison.Ordinal);
        var xlsx = await _w.Bot.CreateClient().GetByteArrayAsync(new Uri(RulesWorld.UrlOf(card)).AbsolutePath);
        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        var chen = Assert.Single(rows, r => (string?)r["姓名"] == "陈静");
        Assert.Equal("否", chen["是否注册志愿者"]);
        Assert.Equal(0d, Convert.ToDouble(chen["积分"], CultureInfo.InvariantCulture));
        var stored = await _w.Bot.Service<IPointsPublicationStore>().GetAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct);
        Assert.Equal(3, stored!.Lines.Count);
        Assert.Null(stored.PostedChannelId);
    }

    [Fact]
    public async Task Publish_LeaversAfterReimport_LeftOutAndActiveUnregisteredAtZero()
    {
        var leaver = TestUser.New("赵敏"); // a registered volunteer who has left the department
        await _w.RegisterAsync(leaver, _w.Division.Id);
        var staff = _w.Bot.Service<IStaffStore>();
        StaffMember[] stay = [new(_w.Volunteer.AadObjectId, "王芳", null), new(_w.Liaison.AadObjectId, "李强", null), new("aad-chenjing", "陈静", null)];
        await staff.ImportAsync("team-1", [.. stay, new(leaver.AadObjectId, "赵敏", null), new("aad-sunli", "孙丽", null)], _w.Now, _ct);
        var reimport = await staff.ImportAsync("team-1", stay, _w.Now.AddMinutes(1), _ct);

        var card = CardText.Of(await PublishAsync(TestUser.Committee, null));

        Assert.Equal(2, reimport.Left);
        Assert.Contains($"{_year} 年度：3 名干部职工（其中注册志愿者 2 名），合计 36 积分", card, StringComparison.Ordinal);
        var stored = await _w.Bot.Service<IPointsPublicationStore>().GetAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct);
        Assert.Equal(["李强", "王芳", "陈静"], stored!.Lines.Select(l => l.Name).Order(StringComparer.Ordinal).ToArray()); // neither 赵敏 nor 孙丽
        Assert.Equal(0, stored.Lines.Single(l => l.Name == "陈静").Points);
    }

    [Fact]
    public async Task Publish_ToChannel_CardWithSummaryTopOfDivisionAndFullListLink()
    {
        var card = CardText.Of(await PublishAsync(TestUser.Committee, Team + "|" + Team));

        Assert.Contains("已发布到 学雷锋志愿服务队 · General", card, StringComparison.Ordinal);
        var calls = await _w.Connector.WaitForAsync(c => c.Any(x => x.CardText.Contains($"{_year} 年度志愿服务积分公示", StringComparison.Ordinal)));
        var post = Assert.Single(calls, x => x.CardText.Contains($"{_year} 年度志愿服务积分公示", StringComparison.Ordinal));
        Assert.Contains(Team, post.Path, StringComparison.Ordinal);
        Assert.Contains("全厅在职干部职工 3 人，参加志愿服务 1 人，累计服务 3 小时、36 积分", post.CardText, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"中小企业处\",\"value\":\"王芳 36 分\"", post.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("陈静", post.CardText, StringComparison.Ordinal); // the top lists only people with points
        Assert.Contains("查看完整名单（Excel）", post.CardText, StringComparison.Ordinal);
        var stored = await _w.Bot.Service<IPointsPublicationStore>().GetAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct);
        Assert.Equal(Team, stored!.PostedChannelId);
    }

    [Fact]
    public async Task MyPoints_AfterPublication_ShowsOwnLineAndRank()
    {
        await PublishAsync(TestUser.Committee, null);

        var wang = CardText.Of(await _w.Bot.ExecuteAsync(_w.Volunteer, PointsCards.MineVerb));
        var li = CardText.Of(await _w.Bot.ExecuteAsync(_w.Liaison, PointsCards.MineVerb));

        Assert.Contains($"{_year} 年度积分公示", wang, StringComparison.Ordinal);
        Assert.Contains("中小企业处：处室内第 1 名（共 2 人）；36 积分，3 小时；全厅第 1 名（共 3 人）", wang, StringComparison.Ordinal);
        Assert.Contains("中小企业处：处室内第 2 名（共 2 人）；0 积分，0 小时；全厅第 2 名（共 3 人）", li, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowAgain_StoredPublication_SummaryAndFreshFile_VolunteerRefused()
    {
        await PublishAsync(TestUser.Committee, null);

        var form = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.PublishOpen));
        var again = await _w.Bot.ExecuteAsync(TestUser.Committee, PublicationCards.ShowVerb, new Dictionary<string, string> { [HoursAdminCards.Year] = _year });
        var refused = CardText.Of(await _w.Bot.ExecuteAsync(_w.Volunteer, PublicationCards.ShowVerb, new Dictionary<string, string> { [HoursAdminCards.Year] = _year }));

        Assert.Contains($"{_year} 年度积分已于", form, StringComparison.Ordinal);
        Assert.Contains("由 张书记 公示", form, StringComparison.Ordinal);
        Assert.Contains("全厅在职干部职工 3 人", CardText.Of(again), StringComparison.Ordinal);
        Assert.NotNull(RulesWorld.UrlOf(again));
        Assert.Contains("仅限机关党委", refused, StringComparison.Ordinal);
    }
}
