using System.Collections.Concurrent;
using System.Net;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Hours;

/// <summary>
/// Issue 5: the my-record turn must not grow with the department's records. It may read only the volunteer's own
/// partitions (records, balance, profile); a department-wide read (by period, the year table, the pending list, the
/// roster) would make it grow. The benchmark shows the request count; this pins the reads themselves.
/// </summary>
public sealed class MyRecordReadsTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly ConcurrentQueue<RecordedCall> _recordCalls = new();
    private readonly ConcurrentQueue<RecordedCall> _volunteerCalls = new();
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _colleague = TestUser.New("李强");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" })
        {
            Replace = services =>
            {
                RecordingProxy<IServiceRecordStore>.Decorate(services, _recordCalls);
                RecordingProxy<IVolunteerStore>.Decorate(services, _volunteerCalls);
            },
        };
        _ = _bot.Server;
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var division = (await _bot.Service<IDivisionStore>().CreateAsync("办公室", now, _ct)).Division!;
        foreach (var user in new[] { _volunteer, _colleague })
        {
            await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(user.AadObjectId, user.Name, division.Id, false, null, null), now, today, _ct);
        }
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task MyRecordTurn_ReadsOnlyTheVolunteersOwnData()
    {
        _recordCalls.Clear();
        _volunteerCalls.Clear();

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(_volunteer, "我的志愿记录"));

        var reply = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Contains("王芳", reply.CardText, StringComparison.Ordinal);
        Assert.Equal(
            [nameof(IServiceRecordStore.GetBalanceAsync), nameof(IServiceRecordStore.ListByVolunteerAsync)],
            _recordCalls.Select(c => c.Method).Order(StringComparer.Ordinal));
        Assert.All(_recordCalls, c => Assert.Equal(_volunteer.AadObjectId, c.FirstArgument));
        Assert.NotEmpty(_volunteerCalls);
        Assert.All(_volunteerCalls, c => Assert.Equal(_volunteer.AadObjectId, c.FirstArgument));
    }
}
