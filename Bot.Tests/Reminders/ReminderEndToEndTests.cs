using System.Net;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Reminders;

/// <summary>Through the real pipeline: the committee asks for the digest, forces a run, and a volunteer gets the reminder.</summary>
public sealed class ReminderEndToEndTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Reminders:Sending:IdlePoll"] = "00:00:00.200" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Digest_Committee_GetsChineseDigestCard()
    {
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "季度简报"));

        var call = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Contains("季度简报", call.CardText, StringComparison.Ordinal);
        Assert.Contains("注册志愿者", call.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunReminders_Committee_VolunteerWithoutHoursGetsPersonalReminderOnce()
    {
        var division = (await _bot.Service<IDivisionStore>().CreateAsync("政策法规处", DateTimeOffset.UtcNow, CancellationToken.None)).Division!;
        var volunteer = TestUser.New("刘洋");
        await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(volunteer.AadObjectId, volunteer.Name, division.Id, false, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, volunteer));
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, TestUser.Committee));
        await _connector.WaitForCountAsync(2); // the two welcome cards

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));

        var calls = await _connector.WaitForAsync(c =>
            c.Any(x => x.Path.Contains(volunteer.ConversationId, StringComparison.Ordinal) && x.CardText.Contains("志愿服务提醒", StringComparison.Ordinal))
            && c.Any(x => x.Path.Contains(TestUser.Committee.ConversationId, StringComparison.Ordinal) && x.CardText.Contains("季度简报", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        Assert.Contains(calls, c => c.Text?.Contains("已开始发送本次提醒", StringComparison.Ordinal) == true);
        Assert.Single(calls, c => c.CardText.Contains("志愿服务提醒", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "提醒进度"));
        var status = await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal)));
        Assert.Contains("收件人数", status.Last(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal)).CardText, StringComparison.Ordinal);
    }
}
