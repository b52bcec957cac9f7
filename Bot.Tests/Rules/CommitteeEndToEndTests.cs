using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>R2 through the real pipeline on Azurite: 机关党委成员, the last liaison, and divisions without a liaison flagged.</summary>
public sealed class CommitteeEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private RulesWorld _w = null!;

    public async Task InitializeAsync()
    {
        _w = await RulesWorld.StartAsync();
        await _w.Bot.Service<IStaffStore>().ImportAsync("team-1",
        [
            new StaffMember(TestUser.Committee.AadObjectId, "张书记", null),
            new StaffMember(_w.Volunteer.AadObjectId, "王芳", "wangfang@example.gov.cn"),
            new StaffMember(_w.Liaison.AadObjectId, "李强", null),
        ], _w.Now, _ct);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private BotFactory Bot => _w.Bot;

    private Task<System.Text.Json.Nodes.JsonObject?> AddAsync(TestUser by, TestUser who) =>
        Bot.ExecuteAsync(by, CommitteeCards.AddVerb, new Dictionary<string, string> { [CommitteeCards.CandidateKey] = who.AadObjectId });

    [Fact]
    public async Task CommitteeMembers_Show_ConfigurationMemberIsPermanentAndHasNoRemoveButton()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, CommitteeCards.ShowVerb));

        Assert.Contains("**张书记** · 常设成员（系统配置）", card, StringComparison.Ordinal);
        Assert.DoesNotContain(CommitteeCards.RemoveVerb, card, StringComparison.Ordinal);
        Assert.Contains("王芳（wangfang@example.gov.cn）", card, StringComparison.Ordinal); // a candidate from the roster
    }

    [Fact]
    public async Task CommitteeMembers_AddFromRoster_MemberGainsCommitteeRoleIsToldAndAudited()
    {
        await _w.InstallAsync(_w.Volunteer);
        var before = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RulesOpen));

        var card = CardText.Of(await AddAsync(TestUser.Committee, _w.Volunteer));
        var after = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RulesOpen));

        Assert.Contains("仅限机关党委", before, StringComparison.Ordinal);
        Assert.Contains("已添加 王芳 为机关党委成员", card, StringComparison.Ordinal);
        Assert.Contains("张书记 于", card, StringComparison.Ordinal);
        Assert.Contains("积分规则", after, StringComparison.Ordinal);
        Assert.DoesNotContain("仅限机关党委", after, StringComparison.Ordinal);
        await _w.Connector.WaitForAsync(c => c.Any(x => x.Text?.Contains("已将您添加为机关党委成员", StringComparison.Ordinal) == true));
        var entry = Assert.Single(await Bot.Service<IAuditTrail>().ListAsync("committee", 10, _ct));
        Assert.Equal(AuditActions.CommitteeAdded, entry.Action);
        Assert.Equal(_w.Volunteer.AadObjectId, entry.Target);
        Assert.Equal(TestUser.Committee.AadObjectId, entry.ActorAadObjectId);
    }

    [Fact]
    public async Task CommitteeMembers_AddTwice_SaysAlreadyAndAuditsOnce()
    {
        await AddAsync(TestUser.Committee, _w.Volunteer);

        var again = CardText.Of(await AddAsync(TestUser.Committee, _w.Volunteer));

        Assert.Contains("王芳 已是机关党委成员", again, StringComparison.Ordinal);
        Assert.Single(await Bot.Service<ICommitteeStore>().ListAsync(_ct));
        Assert.Single(await Bot.Service<IAuditTrail>().ListAsync("committee", 10, _ct));
    }

    [Fact]
    public async Task CommitteeMembers_Remove_RoleGoneAndAudited()
    {
        await AddAsync(TestUser.Committee, _w.Volunteer);

        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, CommitteeCards.RemoveVerb, new Dictionary<string, string> { [CommitteeCards.MemberKey] = _w.Volunteer.AadObjectId }));
        var after = CardText.Of(await Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RulesOpen));

        Assert.Contains("已将 王芳 移出机关党委成员", card, StringComparison.Ordinal);
        Assert.Contains("仅限机关党委", after, StringComparison.Ordinal);
        var trail = await Bot.Service<IAuditTrail>().ListAsync("committee", 10, _ct);
        Assert.Equal([AuditActions.CommitteeRemoved, AuditActions.CommitteeAdded], trail.Select(t => t.Action).ToArray());
    }

    [Fact]
    public async Task CommitteeMembers_RemoveConfigurationMember_Refused()
    {
        var card = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, CommitteeCards.RemoveVerb, new Dictionary<string, string> { [CommitteeCards.MemberKey] = TestUser.Committee.AadObjectId }));

        Assert.Contains("常设成员由系统配置设定，不能在此移除", card, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<IAuditTrail>().ListAsync("committee", 10, _ct));
    }

    [Fact]
    public async Task CommitteeMembers_VolunteerTriesToAdd_RefusedAndNothingStored()
    {
        var card = CardText.Of(await AddAsync(_w.Volunteer, _w.Liaison));

        Assert.Contains("仅限机关党委", card, StringComparison.Ordinal);
        Assert.Empty(await Bot.Service<ICommitteeStore>().ListAsync(_ct));
    }

    [Fact]
    public async Task RemoveLiaison_LastOne_AsksFirstThenRemovesSaysNoneLeftAndAudits()
    {
        var data = new Dictionary<string, string> { [TeamDivisionCards.DivisionId] = _w.Division.Id, [TeamRosterCards.LiaisonKey] = _w.Liaison.AadObjectId };

        var ask = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, TeamVerbs.LiaisonRemove, data));
        var stillThere = await Bot.Service<IDivisionStore>().GetAsync(_w.Division.Id, _ct);
        data[LiaisonHandler.ConfirmKey] = "true";
        var done = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, TeamVerbs.LiaisonRemove, data));

        Assert.Contains("李强 是中小企业处唯一的联络员。免去后，中小企业处将没有联络员", ask, StringComparison.Ordinal);
        Assert.Contains("确认免去", ask, StringComparison.Ordinal);
        Assert.Single(stillThere!.LiaisonAadObjectIds);
        Assert.Contains("中小企业处目前没有联络员，请尽快任命", done, StringComparison.Ordinal);
        Assert.Empty((await Bot.Service<IDivisionStore>().GetAsync(_w.Division.Id, _ct))!.LiaisonAadObjectIds);
        var entry = Assert.Single(await Bot.Service<IAuditTrail>().ListAsync("liaison", 10, _ct));
        Assert.Equal(AuditActions.LiaisonRemoved, entry.Action);
    }

    [Fact]
    public async Task RemoveLiaison_NotTheLast_RemovedWithoutAsking()
    {
        await Bot.ExecuteAsync(TestUser.Committee, TeamVerbs.LiaisonAppoint, new Dictionary<string, string> { [TeamDivisionCards.DivisionId] = _w.Division.Id, [TeamRosterCards.CandidateKey] = _w.Volunteer.AadObjectId });

        var done = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, TeamVerbs.LiaisonRemove,
            new Dictionary<string, string> { [TeamDivisionCards.DivisionId] = _w.Division.Id, [TeamRosterCards.LiaisonKey] = _w.Liaison.AadObjectId }));

        Assert.Contains("已免去 李强 的中小企业处联络员职务", done, StringComparison.Ordinal);
        Assert.DoesNotContain("没有联络员", done, StringComparison.Ordinal);
        var trail = await Bot.Service<IAuditTrail>().ListAsync("liaison", 10, _ct);
        Assert.Equal([AuditActions.LiaisonRemoved, AuditActions.LiaisonAppointed], trail.Select(t => t.Action).ToArray());
    }

    [Fact]
    public async Task DivisionsAndDigest_DivisionWithoutLiaison_Flagged()
    {
        await Bot.Service<IDivisionStore>().CreateAsync("节能与综合利用处", _w.Now, _ct);

        var divisions = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, TeamVerbs.DivisionsShow));
        var digest = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, "digest.show"));

        Assert.Contains("⚠ 1 个处室尚未任命联络员（每个处室至少一名）：节能与综合利用处", divisions, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Attention\"", divisions, StringComparison.Ordinal);
        Assert.Contains("未任命联络员的处室", digest, StringComparison.Ordinal);
        Assert.Contains("⚠ 节能与综合利用处", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠ 中小企业处", digest, StringComparison.Ordinal);
    }
}

/// <summary>The committee cache: no storage request per turn, refreshed on change and at most 30 s old.</summary>
public sealed class CommitteeDirectoryTests
{
    [Fact]
    public async Task IsCommittee_ManyTurns_OneListPer30SecondsAndRefreshedOnChange()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new MemoryCommitteeStore();
        var directory = new CommitteeDirectory(Options.Create(new VolunteeringOptions { CommitteeAadObjectIds = ["boot"] }), time, store);

        Assert.True(await directory.IsCommitteeAsync("BOOT", default)); // configuration: no I/O at all
        Assert.Equal(0, store.Lists);
        for (var i = 0; i < 20; i++)
        {
            Assert.False(await directory.IsCommitteeAsync("u1", default));
        }

        Assert.Equal(1, store.Lists);
        await store.AddAsync(new CommitteeMember("u1", "王芳", false), default);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await directory.IsCommitteeAsync("u1", default)); // another instance's change: not yet seen
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await directory.IsCommitteeAsync("u1", default)); // at most 30 s old
        Assert.Equal(2, store.Lists);
        await store.RemoveAsync("u1", false, default);
        directory.Invalidate(); // this instance's own change
        Assert.False(await directory.IsCommitteeAsync("u1", default));
        Assert.Equal(3, store.Lists);
    }
}
