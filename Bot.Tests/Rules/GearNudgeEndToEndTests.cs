using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Jobs;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// R4 through the real pipeline on Azurite with a fake clock: an activity ends Tue 2026-09-29, the gear is due Fri 2026-10-02
/// (a National Day holiday). The holder is nudged on 10-03; the third working day after the due day is Sat 10-10 (an
/// adjusted workday, 调休) — not Wed 10-07 as Monday-to-Friday counting would say — so the other liaison is told then.
/// </summary>
public sealed class GearNudgeEndToEndTests : IAsyncLifetime
{
    private static readonly DateTimeOffset DueDay = new(2026, 10, 2, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(DueDay);
    private RulesWorld _w = null!;
    private GearLoan _loan = null!;
    private readonly TestUser _second = TestUser.New("赵敏");

    public async Task InitializeAsync()
    {
        _w = await RulesWorld.StartAsync(time: _time);
        await _w.RegisterAsync(_second, _w.Division.Id);
        await _w.Bot.Service<IDivisionStore>().AddLiaisonAsync(_w.Division.Id, _second.AadObjectId, _ct);
        var store = _w.Bot.Service<IGearStore>();
        var vest = (await store.AddItemAsync("志愿者马甲", 10, DueDay.AddDays(-10), _ct)).Item!;
        _loan = (await store.RequestAsync(new GearLoan
        {
            Id = GearLoan.NewId(), ProjectId = "2026-0000abcd", ProjectTitle = "文明交通劝导", ActivityEnd = new DateTimeOffset(2026, 9, 29, 9, 0, 0, TimeSpan.Zero),
            DivisionId = _w.Division.Id, Lines = [new GearLine(vest.Id, vest.Name, 5)], Status = GearLoanStatus.Requested,
            RequestedByAadObjectId = _w.Liaison.AadObjectId, RequestedByName = "李强", RequestedAt = DueDay.AddDays(-6),
        }, _ct)).After!;
        await store.UpdateLoanAsync(_loan.Id, l => GearRules.HandOver(l, TestUser.Committee.AadObjectId, "张书记", DueDay.AddDays(-6)), _ct);
        await _w.InstallAsync(_w.Liaison);
        await _w.InstallAsync(_second);
        await _w.InstallAsync(TestUser.Committee);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private GearOverdueSweep Sweep => _w.Bot.Service<GearOverdueSweep>();

    private void At(int month, int day) => _time.SetUtcNow(new DateTimeOffset(2026, month, day, 1, 0, 0, TimeSpan.Zero));

    private IEnumerable<ConnectorCall> To(TestUser user, string text) =>
        _w.Connector.Calls.Where(c => c.Path.Contains(user.ConversationId, StringComparison.Ordinal) && c.CardText.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Sweep_DayAfterDue_HolderNudgedOnceWithReturnAndExtendButtons()
    {
        var onDueDay = await Sweep.RunOnceAsync(_ct);
        At(10, 3);
        var first = await Sweep.RunOnceAsync(_ct);
        var again = await Sweep.RunOnceAsync(_ct);

        Assert.Equal(0, onDueDay.Overdue);
        Assert.Equal(1, first.HolderNudges);
        Assert.Equal(0, again.HolderNudges);
        await _w.Connector.WaitForAsync(c => To(_w.Liaison, "装备归还提醒").Any());
        var card = Assert.Single(To(_w.Liaison, "装备归还提醒")).CardText;
        Assert.Contains("应于 2026-10-02 前归还，现已逾期", card, StringComparison.Ordinal);
        Assert.Contains(GearVerbs.ReturnReport, card, StringComparison.Ordinal);
        Assert.Contains(GearNudgeCards.ExtendOpenVerb, card, StringComparison.Ordinal);
        Assert.Empty(To(_second, "逾期"));
    }

    [Fact]
    public async Task Sweep_ThreeWorkingDaysOnTheHolidayCalendar_OtherLiaisonToldOnce()
    {
        At(10, 3);
        await Sweep.RunOnceAsync(_ct);
        At(10, 9); // Mon–Fri counting would already be at 3 (10-05, 10-06, 10-07); the holiday calendar is at 2
        var beforeThird = await Sweep.RunOnceAsync(_ct);
        At(10, 10); // 调休 Saturday: the third working day
        var third = await Sweep.RunOnceAsync(_ct);
        var again = await Sweep.RunOnceAsync(_ct);

        Assert.Equal(0, beforeThird.LiaisonNotices);
        Assert.Equal(1, third.LiaisonNotices);
        Assert.Equal(0, again.LiaisonNotices);
        // The durable sender paces sends on the test clock (per-conversation limits): let that clock run until it is sent.
        for (var i = 0; i < 120 && !To(_second, "本处室装备逾期未还").Any(); i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25, _ct);
        }

        await _w.Connector.WaitForAsync(c => To(_second, "本处室装备逾期未还").Any());
        Assert.Contains("李强 为“文明交通劝导”领取的装备应于 2026-10-02 前归还，已逾期 3 个工作日", Assert.Single(To(_second, "本处室装备逾期未还")).CardText, StringComparison.Ordinal);
        Assert.Single(To(_w.Liaison, "装备归还提醒"));
    }

    [Fact]
    public async Task Extend_FromTheNudge_NewDueDayCommitteeToldAndNoNudgeUntilItPasses()
    {
        At(10, 3);
        await Sweep.RunOnceAsync(_ct);

        var form = CardText.Of(await _w.Bot.ExecuteAsync(_w.Liaison, GearNudgeCards.ExtendOpenVerb, new { loanId = _loan.Id }));
        var tooFar = CardText.Of(await _w.Bot.ExecuteAsync(_w.Liaison, GearNudgeCards.ExtendSubmitVerb,
            new Dictionary<string, string> { [GearCards.LoanId] = _loan.Id, [GearNudgeCards.NewDue] = "2026-11-30", [GearNudgeCards.Reason] = "活动延续" }));
        var done = CardText.Of(await _w.Bot.ExecuteAsync(_w.Liaison, GearNudgeCards.ExtendSubmitVerb,
            new Dictionary<string, string> { [GearCards.LoanId] = _loan.Id, [GearNudgeCards.NewDue] = "2026-10-12", [GearNudgeCards.Reason] = "活动延续至下周" }));
        At(10, 10);
        var beforeNewDue = await Sweep.RunOnceAsync(_ct);
        At(10, 13);
        var afterNewDue = await Sweep.RunOnceAsync(_ct);

        Assert.Contains("原定 2026-10-02 前归还", form, StringComparison.Ordinal);
        Assert.Contains("请选择晚于原定归还日期", tooFar, StringComparison.Ordinal);
        Assert.Contains("已延期至 2026-10-12 前归还", done, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 10, 12), (await _w.Bot.Service<IGearStore>().GetLoanAsync(_loan.Id, _ct))!.ExtendedDueOn);
        await _w.Connector.WaitForAsync(c => To(TestUser.Committee, "装备延期归还").Any());
        Assert.Contains("原因：活动延续至下周", Assert.Single(To(TestUser.Committee, "装备延期归还")).CardText, StringComparison.Ordinal);
        Assert.Equal(0, beforeNewDue.Overdue);
        Assert.Equal(1, afterNewDue.HolderNudges);
    }

    [Fact]
    public async Task Return_FromTheNudge_NoFurtherNoticesAndInventoryListsOverdueUntilThen()
    {
        At(10, 3);
        await Sweep.RunOnceAsync(_ct);
        var inventory = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, GearVerbs.InventoryShow));

        await _w.Bot.ExecuteAsync(_w.Liaison, GearVerbs.ReturnReport, new { loanId = _loan.Id });
        At(10, 12);
        var later = await Sweep.RunOnceAsync(_ct);
        var after = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, GearVerbs.InventoryShow));

        Assert.Contains("⚠ 逾期未还 1 笔", inventory, StringComparison.Ordinal);
        Assert.Contains("文明交通劝导，应于 2026-10-02 前归还：志愿者马甲 5 件", inventory, StringComparison.Ordinal);
        Assert.Equal(0, later.Overdue);
        Assert.Contains("目前没有逾期未还的装备", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_VolunteerOfAnotherDivision_Refused()
    {
        var other = TestUser.New("周涛");
        var division = (await _w.Bot.Service<IDivisionStore>().CreateAsync("规划处", _time.GetUtcNow(), _ct)).Division!;
        await _w.RegisterAsync(other, division.Id);
        await _w.Bot.Service<IDivisionStore>().AddLiaisonAsync(division.Id, other.AadObjectId, _ct);

        var card = CardText.Of(await _w.Bot.ExecuteAsync(other, GearNudgeCards.ExtendSubmitVerb,
            new Dictionary<string, string> { [GearCards.LoanId] = _loan.Id, [GearNudgeCards.NewDue] = "2026-10-12", [GearNudgeCards.Reason] = "x" }));

        Assert.DoesNotContain("已延期", card, StringComparison.Ordinal);
        Assert.Null((await _w.Bot.Service<IGearStore>().GetLoanAsync(_loan.Id, _ct))!.ExtendedDueOn);
    }
}

/// <summary>The sweep as a periodic job on the injected clock: advancing a fake clock runs it, no sleeps.</summary>
public sealed class GearOverdueServiceTests
{
    [Fact]
    public async Task Service_FakeClockAdvanced_PassRunsAndHolderNudged()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 3, 1, 0, 0, TimeSpan.Zero));
        await using var w = await RulesWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Gear:OverdueSweep:Enabled"] = "true", ["Gear:OverdueSweep:InitialDelay"] = "00:05:00", ["Gear:OverdueSweep:Interval"] = "01:00:00",
        }, time);
        var store = w.Bot.Service<IGearStore>();
        var vest = (await store.AddItemAsync("队旗", 2, time.GetUtcNow(), default)).Item!;
        var loan = (await store.RequestAsync(new GearLoan
        {
            Id = GearLoan.NewId(), ProjectId = "2026-0000abce", ProjectTitle = "敬老院志愿服务", ActivityEnd = new DateTimeOffset(2026, 9, 28, 9, 0, 0, TimeSpan.Zero),
            DivisionId = w.Division.Id, Lines = [new GearLine(vest.Id, vest.Name, 1)], Status = GearLoanStatus.Requested,
            RequestedByAadObjectId = w.Liaison.AadObjectId, RequestedByName = "李强", RequestedAt = time.GetUtcNow().AddDays(-7),
        }, default)).After!;
        await store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, TestUser.Committee.AadObjectId, "张书记", time.GetUtcNow().AddDays(-7)), default);
        await w.InstallAsync(w.Liaison);

        time.Advance(TimeSpan.FromMinutes(5));

        await w.Connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("装备归还提醒", StringComparison.Ordinal) && x.CardText.Contains("敬老院志愿服务", StringComparison.Ordinal)));
    }
}
