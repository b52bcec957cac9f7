using System.Net;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Jobs;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>
/// The committee's setting that confirms complete check-ins, and a rush: 200 volunteers checking in through the
/// pipeline at once. Real pipeline, Azurite, fake clock.
/// </summary>
public sealed class CheckInSettingsEndToEndTests
{
    private static readonly DateTimeOffset Start = ProjectSamples.Local(2026, 12, 5, 9);
    private readonly CancellationToken _ct = CancellationToken.None;

    private static async Task<(BotFactory Bot, FakeConnector Connector, FakeTimeProvider Time, Project Project, string Division, TestUser Liaison)> WorldAsync(
        Dictionary<string, string?> settings)
    {
        var connector = await FakeConnector.StartAsync();
        var time = new FakeTimeProvider(Start.AddHours(-1));
        settings["Hours:ConfirmationSweep:Enabled"] = "false";
        settings["CheckIn:HoursSweep:Enabled"] = "false";
        var bot = new BotFactory(connector, settings, time);
        var liaison = TestUser.New("李强");
        var division = await ProjectSeed.DivisionAsync(bot, "节能与综合利用处", liaison.AadObjectId);
        await ProjectSeed.VolunteerAsync(bot, liaison, division, install: false);
        var p = ProjectSamples.Make(Start, ProjectStatus.Open, OrganiserType.Centralised, division) with { FiledByAadObjectId = liaison.AadObjectId };
        await bot.Service<IProjectStore>().CreateAsync(p, CancellationToken.None);
        return (bot, connector, time, p, division, liaison);
    }

    [Fact]
    public async Task AutoConfirmComplete_On_CheckOutConfirmsButNoCheckOutWaits()
    {
        var (bot, connector, time, p, division, liaison) = await WorldAsync(new() { ["CheckIn:AutoConfirmComplete"] = "true" });
        await using var _ = bot;
        await using var __ = connector;
        var left = TestUser.New("王芳");
        var stayed = TestUser.New("刘洋");
        await ProjectSeed.VolunteerAsync(bot, left, division, install: false);
        await ProjectSeed.VolunteerAsync(bot, stayed, division, install: false);
        time.SetUtcNow(Start);
        await bot.ExecuteAsync(liaison, CheckInVerbs.Open, new { projectId = p.Id });
        var code = (await bot.Service<ICheckInStore>().GetSessionAsync(p.Id, _ct))!.Code;
        foreach (var who in new[] { left, stayed })
        {
            await bot.ExecuteAsync(who, CheckInVerbs.Code, new Dictionary<string, string> { [CheckInCards.Code] = code });
        }

        time.SetUtcNow(Start.AddHours(2));
        var card = CardText.Of(await bot.ExecuteAsync(left, CheckInVerbs.Out, new { projectId = p.Id }));
        time.SetUtcNow(p.End.AddHours(2));
        await bot.Service<CheckInHoursSweep>().RunOnceAsync(_ct);

        Assert.Contains("服务时长已确认", card, StringComparison.Ordinal);
        var records = bot.Service<IServiceRecordStore>();
        var id = ServiceRecord.IdOf(new DateOnly(2026, 12, 5), p.Id);
        var confirmed = await records.GetAsync(left.AadObjectId, id, _ct);
        Assert.Equal(RecordStatus.Confirmed, confirmed!.Status);
        Assert.Equal(2m, confirmed.Hours);
        Assert.Equal(ServiceQuality.Good, confirmed.Quality);
        Assert.True(confirmed.Points > 0);
        var waiting = await records.GetAsync(stayed.AadObjectId, id, _ct);
        Assert.Equal(RecordStatus.Pending, waiting!.Status);
        Assert.True(waiting.MissingCheckOut);
        Assert.Contains(left.AadObjectId, await bot.Service<IServiceRecordConfirmationStore>().ListDecidedAsync(p.Id, _ct));
    }

    [Fact]
    public async Task AutoConfirmComplete_Default_CheckOutStaysPending()
    {
        var (bot, connector, time, p, division, liaison) = await WorldAsync([]);
        await using var _ = bot;
        await using var __ = connector;
        var v = TestUser.New("王芳");
        await ProjectSeed.VolunteerAsync(bot, v, division, install: false);
        time.SetUtcNow(Start);
        await bot.ExecuteAsync(liaison, CheckInVerbs.Open, new { projectId = p.Id });
        var code = (await bot.Service<ICheckInStore>().GetSessionAsync(p.Id, _ct))!.Code;
        await bot.ExecuteAsync(v, CheckInVerbs.Code, new Dictionary<string, string> { [CheckInCards.Code] = code });
        time.SetUtcNow(Start.AddHours(2));

        var card = CardText.Of(await bot.ExecuteAsync(v, CheckInVerbs.Out, new { projectId = p.Id }));

        Assert.Contains("待联络员确认后计入", card, StringComparison.Ordinal);
        var r = await bot.Service<IServiceRecordStore>().GetAsync(v.AadObjectId, ServiceRecord.IdOf(new DateOnly(2026, 12, 5), p.Id), _ct);
        Assert.Equal(RecordStatus.Pending, r!.Status);
    }

    /// <summary>200 registered volunteers send 签到 at once through the real pipeline: 200 rows, none twice, none lost.</summary>
    [Fact]
    public async Task CheckIn_TwoHundredVolunteersAtOnceThroughPipeline_TwoHundredRows()
    {
        var (bot, connector, time, p, division, liaison) = await WorldAsync([]);
        await using var _ = bot;
        await using var __ = connector;
        var people = Enumerable.Range(0, 200).Select(i => TestUser.New("志愿者" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var volunteers = bot.Service<IVolunteerStore>();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (u, ct) =>
            await volunteers.SaveAsync(new VolunteerProfile(u.AadObjectId, u.Name, division, false, null, null), Start.AddDays(-30), new DateOnly(2026, 11, 1), ct));
        time.SetUtcNow(Start.AddMinutes(-10));
        await bot.ExecuteAsync(liaison, CheckInVerbs.Open, new { projectId = p.Id });
        var code = (await bot.Service<ICheckInStore>().GetSessionAsync(p.Id, _ct))!.Code;

        var statuses = await Task.WhenAll(people.Select(u => Task.Run(() => bot.SayAsync(u, "签到 " + code))));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var rows = await bot.Service<ICheckInStore>().ListByProjectAsync(p.Id, _ct);
        Assert.Equal(200, rows.Count);
        Assert.Equal(people.Select(u => u.AadObjectId).Order(), rows.Select(r => r.VolunteerAadObjectId).Order());
        Assert.All(rows, r => Assert.True(r.IsWalkIn));
    }
}
