using Azure.Data.Tables;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>R13 through the real pipeline on Azurite: 积分规则, 积分兑换, 我的积分 and the committee's exchange ledger.</summary>
public sealed class PointsEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private RulesWorld _w = null!;

    public async Task InitializeAsync() => _w = await RulesWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private BotFactory Bot => _w.Bot;

    private static Dictionary<string, string> Rules(string perHour, string good, string fair, string poor) => new()
    {
        [HoursAdminCards.PerHour] = perHour, [HoursAdminCards.Good] = good, [HoursAdminCards.Fair] = fair, [HoursAdminCards.Poor] = poor,
    };

    private static Dictionary<string, string> Redeem(string name, string points, string item, string request = "req-1") => new()
    {
        [HoursAdminCards.Name] = name, [HoursAdminCards.Points] = points, [HoursAdminCards.Item] = item, [HoursCards.Request] = request,
    };

    /// <summary>王芳 earns 36 points (3 hours, quality 好, default rules).</summary>
    private async Task EarnAsync()
    {
        var p = await _w.EndedActivityAsync("敬老院志愿服务", _w.Volunteer);
        await _w.ConfirmAsync(p, _w.Volunteer, "3");
        Assert.Equal(36, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
    }

    [Fact]
    public async Task PointsRules_Open_ShowsTheFormulaInForce()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RulesOpen));

        Assert.Contains("积分 = 确认时长 × 10 × 质量系数（好 1.2，一般 1，差 0.6）", card, StringComparison.Ordinal);
        Assert.Contains("此后确认或更正的记录", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointsRules_VolunteerSubmits_RefusedAndRulesUnchanged()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RulesSubmit, Rules("50", "2", "1", "0.5")));

        Assert.Contains("仅限机关党委", card, StringComparison.Ordinal);
        Assert.Equal(10m, (await Bot.Service<IPointsRulesStore>().GetAsync(_ct)).PointsPerHour);
    }

    [Theory]
    [InlineData("0", "1.2", "1", "0.6", "请填写大于 0、不超过 1000 的数")]
    [InlineData("1001", "1.2", "1", "0.6", "请填写大于 0、不超过 1000 的数")]
    [InlineData("10", "10.5", "1", "0.6", "请填写 0 至 10 之间的系数")]
    [InlineData("10", "1.2", "1.234", "0.6", "请填写 0 至 10 之间的系数")]
    [InlineData("10", "1.2", "1", "-1", "请填写 0 至 10 之间的系数")]
    [InlineData("abc", "1.2", "1", "0.6", "请填写大于 0、不超过 1000 的数")]
    public async Task PointsRules_InvalidValue_ErrorUnderFieldTypedValueKeptNothingSaved(string perHour, string good, string fair, string poor, string error)
    {
        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RulesSubmit, Rules(perHour, good, fair, poor)));

        Assert.Contains(error, card, StringComparison.Ordinal);
        Assert.DoesNotContain("积分规则已保存", card, StringComparison.Ordinal);
        var stored = await Bot.Service<IPointsRulesStore>().GetAsync(_ct);
        Assert.Null(stored.ChangedAt);
        Assert.Equal(PointsRules.Default with { }, stored);
    }

    [Fact]
    public async Task PointsRules_SameValues_SaysUnchangedAndWritesNothing()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RulesSubmit, Rules("10", "1.2", "1.0", "0.6")));

        Assert.Contains("规则未变化", card, StringComparison.Ordinal);
        Assert.Null((await Bot.Service<IPointsRulesStore>().GetAsync(_ct)).ChangedAt);
        Assert.Empty(await HistoryAsync());
    }

    [Fact]
    public async Task PointsRules_Changed_AppliesOnlyToRecordsConfirmedLater()
    {
        var before = await _w.EndedActivityAsync("文明交通劝导", _w.Volunteer);
        var after = await _w.EndedActivityAsync("垃圾分类宣传", _w.Volunteer);
        await _w.ConfirmAsync(before, _w.Volunteer, "3");

        var saved = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RulesSubmit, Rules("20", "1.5", "1", "0.5")));
        await _w.ConfirmAsync(after, _w.Volunteer, "2");

        Assert.Contains("积分规则已保存", saved, StringComparison.Ordinal);
        Assert.Contains("最近修改：张书记", saved, StringComparison.Ordinal);
        Assert.Equal(36, (await _w.RecordOfAsync(_w.Volunteer, before))!.Points); // 3 × 10 × 1.2, kept
        Assert.Equal(60, (await _w.RecordOfAsync(_w.Volunteer, after))!.Points);  // 2 × 20 × 1.5
        Assert.Equal(96, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Earned);
        var history = Assert.Single(await HistoryAsync());
        Assert.Equal(20d, history.GetDouble("PointsPerHour"));
        Assert.Equal(TestUser.Committee.AadObjectId, history.GetString("ChangedBy"));
    }

    [Fact]
    public async Task Redeem_InvalidInputs_EachFieldSaysWhatToFixAndNothingRecorded()
    {
        await EarnAsync();

        var unknown = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("查无此人", "10", "徽章")));
        var fraction = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "1.5", "徽章")));
        var zero = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "0", "徽章")));
        var noItem = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "10", "")));
        var longItem = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "10", new string('章', 61))));

        Assert.Contains("未找到该姓名的注册志愿者", unknown, StringComparison.Ordinal);
        Assert.Contains("请填写 1 至 100000 之间的整数积分", fraction, StringComparison.Ordinal);
        Assert.Contains("请填写 1 至 100000 之间的整数积分", zero, StringComparison.Ordinal);
        Assert.Contains("请填写兑换的纪念品或奖励", noItem, StringComparison.Ordinal);
        Assert.Contains("请填写兑换的纪念品或奖励", longItem, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<IServiceRecordStore>().ListExchangesAsync(_w.Volunteer.AadObjectId, _ct));
        Assert.Equal(36, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
    }

    [Fact]
    public async Task Redeem_MoreThanBalance_ErrorNamesBalanceAndNothingRecorded()
    {
        await EarnAsync();

        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "37", "纪念徽章")));

        Assert.Contains("积分余额不足（当前 36 分）", card, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"37\"", card, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<IServiceRecordStore>().ListExchangesAsync(_w.Volunteer.AadObjectId, _ct));
        Assert.Empty(await Bot.Service<IPointsLedgerStore>().ListYearAsync(_w.Now.AddHours(8).Year, _ct));
    }

    [Fact]
    public async Task Redeem_AfterAnEarlierExchange_BalanceIsWhatIsLeftAndNothingMoreRecorded()
    {
        await EarnAsync();
        await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "20", "纪念徽章", "r-1"));

        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "17", "笔记本", "r-2")));

        Assert.Contains("积分余额不足（当前 16 分）", card, StringComparison.Ordinal); // 36 earned, 20 spent
        Assert.Equal("纪念徽章", Assert.Single(await Bot.Service<IServiceRecordStore>().ListExchangesAsync(_w.Volunteer.AadObjectId, _ct)).Item);
        Assert.Equal(16, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
    }

    [Fact]
    public async Task Redeem_Replayed_RecordedOnceNotifiedOnceInTheirLanguageAndInLedger()
    {
        await EarnAsync();
        await _w.InstallAsync(_w.Volunteer);
        await Bot.SayAsync(_w.Volunteer, "English"); // 王芳 reads English; the committee member reads Chinese
        var store = Bot.Service<IServiceRecordStore>();

        var first = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "20", "纪念徽章", "r-1")));
        var replay = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "20", "纪念徽章", "r-1")));
        await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "5", "笔记本", "r-2"));

        Assert.Contains("积分兑换已登记", first, StringComparison.Ordinal);
        Assert.Contains("积分兑换已登记", replay, StringComparison.Ordinal);
        Assert.Equal(2, (await store.ListExchangesAsync(_w.Volunteer.AadObjectId, _ct)).Count);
        Assert.Equal(11, (await store.GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
        var calls = await _w.Connector.WaitForAsync(c => c.Any(x => x.Text?.Contains("笔记本", StringComparison.Ordinal) == true));
        var notices = calls.Where(c => c.Text?.Contains("You exchanged", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, notices.Count); // r-1 once, r-2 once: the replay told nobody
        Assert.Contains(notices, n => n.Text!.Contains("You exchanged 20 points for “纪念徽章”; your balance is 16.", StringComparison.Ordinal));
        var ledger = await Bot.Service<IPointsLedgerStore>().ListYearAsync(_w.Now.AddHours(8).Year, _ct);
        Assert.Equal(["笔记本", "纪念徽章"], ledger.Select(l => l.Exchange.Item).ToArray());
        Assert.All(ledger, l => Assert.Equal("王芳", l.VolunteerName));
    }

    [Fact]
    public async Task Redeem_TwoVolunteersShareAName_AsksWhichOneFirst()
    {
        await EarnAsync();
        var namesake = TestUser.New("王芳");
        await _w.RegisterAsync(namesake, _w.Division.Id);

        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "10", "徽章")));
        var chosen = Redeem("王芳", "10", "徽章");
        chosen[HoursAdminCards.Who] = _w.Volunteer.AadObjectId;
        var done = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, chosen));

        Assert.Contains("有同名志愿者，请选择具体人员", card, StringComparison.Ordinal);
        Assert.Contains("积分兑换已登记", done, StringComparison.Ordinal);
        Assert.Equal(26, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
    }

    [Fact]
    public async Task Redeem_QuickCommand_PrefillsTheForm()
    {
        await Bot.SayAsync(TestUser.Committee, "积分兑换 王芳 50 纪念徽章");

        var call = Assert.Single(await _w.Connector.WaitForCountAsync(1));
        Assert.Contains("\"value\":\"王芳\"", call.CardText, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"50\"", call.CardText, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"纪念徽章\"", call.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeem_Volunteer_Refused()
    {
        await EarnAsync();

        var card = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RedeemSubmit, Redeem("王芳", "10", "徽章")));

        Assert.Contains("仅限机关党委", card, StringComparison.Ordinal);
        Assert.Equal(36, (await Bot.Service<IServiceRecordStore>().GetBalanceAsync(_w.Volunteer.AadObjectId, _ct)).Balance);
    }

    [Fact]
    public async Task MyPoints_AfterAnExchange_ShowsBalanceEarnedRedeemedAndHistory()
    {
        await EarnAsync();
        await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "20", "纪念*徽章"));

        await Bot.SayAsync(_w.Volunteer, "我的积分");

        var card = (await _w.Connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("我的积分", StringComparison.Ordinal))))
            .Last(x => x.CardText.Contains("我的积分", StringComparison.Ordinal)).CardText;
        Assert.Contains("\"title\":\"积分余额\",\"value\":\"16\"", card, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"累计获得\",\"value\":\"36\"", card, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"已兑换\",\"value\":\"20\"", card, StringComparison.Ordinal);
        Assert.Contains("纪念\\\\*徽章（扣减 20 积分）", card, StringComparison.Ordinal); // user text escaped for markdown
    }

    [Fact]
    public async Task MyPoints_NoExchanges_SaysHowToExchange()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, PointsCards.MineVerb));

        Assert.Contains("暂无兑换记录", card, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"积分余额\",\"value\":\"0\"", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_Year_ListsExchangesAndTheExcelOpens()
    {
        await EarnAsync();
        await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "20", "纪念徽章", "a"));
        await Bot.ExecuteAsync(TestUser.Committee, HoursVerbs.RedeemSubmit, Redeem("王芳", "6", "笔记本", "b"));
        var year = _w.Now.AddHours(8).Year;

        var card = await Bot.ExecuteAsync(TestUser.Committee, PointsCards.LedgerSubmitVerb, new Dictionary<string, string> { [HoursAdminCards.Year] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var refused = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, PointsCards.LedgerSubmitVerb));

        var text = CardText.Of(card);
        Assert.Contains($"{year} 年度积分兑换台账", text, StringComparison.Ordinal);
        Assert.Contains("共 2 笔兑换，合计扣减 26 积分，涉及 1 名志愿者", text, StringComparison.Ordinal);
        Assert.Contains("仅限机关党委", refused, StringComparison.Ordinal);
        var xlsx = await Bot.CreateClient().GetByteArrayAsync(new Uri(RulesWorld.UrlOf(card)).AbsolutePath);
        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("纪念徽章", rows[0]["兑换物品"]);
        Assert.Equal("张书记", rows[0]["登记人"]);
    }

    private async Task<List<TableEntity>> HistoryAsync()
    {
        var table = Bot.Service<StorageAccount>().Table(StorageNames.PointsRules);
        var list = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>("PartitionKey eq 'rules' and RowKey ge 'h-' and RowKey lt 'h.'"))
        {
            list.Add(e);
        }

        return list;
    }
}
