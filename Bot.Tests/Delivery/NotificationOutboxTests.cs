using System.Net;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// A turn's notifications through the real pipeline: outbox written with the turn, relayed to a delivery row and the
/// queue, sent by the shared sender; a process that dies after the turn still notifies once restarted.
/// </summary>
public sealed class NotificationOutboxTests : IAsyncLifetime
{
    private const string FeedbackId = "0123456789abcdef0123456789abcdef";
    private FakeConnector _connector = null!;
    private readonly List<BotFactory> _bots = [];
    private readonly CancellationToken _ct = CancellationToken.None;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await _connector.DisposeAsync();
    }

    private BotFactory Bot(Dictionary<string, string?> settings)
    {
        var bot = new BotFactory(_connector, settings);
        _bots.Add(bot);
        _ = bot.Server;
        return bot;
    }

    /// <summary>A registered volunteer sends a suggestion: the committee member is notified (a turn's notification).</summary>
    private async Task<TestUser> SuggestAsync(BotFactory bot)
    {
        Assert.Equal(HttpStatusCode.OK, await bot.SayAsync(TestUser.Committee, "你好"));
        var division = (await bot.Service<IDivisionStore>().CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        var volunteer = TestUser.New("王芳");
        await bot.ExecuteAsync(volunteer, TeamVerbs.RegisterSubmit, new Dictionary<string, string>
        {
            [TeamRegistrationCard.Name] = "王芳", [TeamRegistrationCard.DivisionId] = division.Id, [TeamRegistrationCard.Party] = "true",
            [TeamRegistrationCard.Mobile] = "13812345678", [TeamRegistrationCard.NationalId] = "", [TeamRegistrationCard.Pledge] = "true", [TeamRegistrationCard.Privacy] = "true",
        });
        var sent = await bot.ExecuteAsync(volunteer, TeamVerbs.FeedbackSubmit, new Dictionary<string, string>
        {
            [TeamFeedbackCards.KindKey] = TeamFeedbackCards.SuggestionKind, [TeamFeedbackCards.IdKey] = FeedbackId, [TeamFeedbackCards.TextKey] = "建议增加周末志愿服务活动",
        });
        Assert.Contains("已提交", CardText.Of(sent), StringComparison.Ordinal);
        return volunteer;
    }

    private static bool ToCommittee(ConnectorCall x) =>
        x.Path == $"/v3/conversations/{TestUser.Committee.ConversationId}/activities" && x.CardText.Contains("建议增加周末志愿服务活动", StringComparison.Ordinal);

    [Fact]
    public async Task Turn_ProcessDiesBeforeNotifying_NotifiesOnceAfterRestart()
    {
        var first = Bot(new() { ["Delivery:OutboxRepair:Enabled"] = "false" });
        var relayed = 0;
        first.Service<NotificationOutbox>().BeforeRelay = _ => { Interlocked.Increment(ref relayed); return false; }; // dies right after the turn committed

        await SuggestAsync(first);

        Assert.True(relayed > 0);
        var left = await first.Service<OutboxStore>().ListOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10, _ct);
        Assert.Single(left);
        Assert.DoesNotContain(_connector.Calls, ToCommittee);
        await first.DisposeAsync();
        _bots.Remove(first);

        // The restarted process (same storage) relays what the dead one left, and the sender delivers it once.
        var second = Bot(new()
        {
            ["Storage:TablePrefix"] = first.Prefix,
            ["Delivery:OutboxRepair:InitialDelay"] = "00:00:00",
            ["Delivery:OutboxRepair:Interval"] = "00:00:01",
            ["Delivery:OutboxRepair:Grace"] = "00:00:00",
        });
        await _connector.WaitForAsync(c => c.Any(ToCommittee));
        Assert.Single(_connector.Calls, ToCommittee);

        // A second repair pass finds nothing left to relay (the relay deleted the entry after queueing it).
        await second.Service<OutboxRelay>().RepairAsync(TimeSpan.Zero, _ct);
        Assert.Empty(await second.Service<OutboxStore>().ListOlderThanAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10, _ct));
    }

    [Fact]
    public async Task Notification_RecipientChoseEnglish_ArrivesInEnglishWhileSenderReadsChinese()
    {
        var bot = Bot([]);
        await bot.Service<IUserSettingsStore>().SetLanguageAsync(TestUser.Committee.AadObjectId, Language.EnUs, _ct);

        await SuggestAsync(bot);

        var calls = await _connector.WaitForAsync(c => c.Any(ToCommittee));
        var card = calls.Single(ToCommittee).CardText;
        Assert.Contains("New ", card, StringComparison.Ordinal);
        Assert.DoesNotContain("新的", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_SameDedupeKeyTwice_SentOnce()
    {
        var bot = Bot([]);
        Assert.Equal(HttpStatusCode.OK, await bot.SayAsync(TestUser.Committee, "你好"));
        var outbox = bot.Service<NotificationOutbox>();
        var n = Dialogs.Conversation.Notification.Fixed(TestUser.Committee.AadObjectId, Dialogs.Conversation.OutgoingMessage.Of("一次就好"), "dedupe-test:1");

        await outbox.EnqueueAsync([n], [], _ct);
        await _connector.WaitForAsync(c => c.Any(x => x.Text == "一次就好"));
        await outbox.EnqueueAsync([n], [], _ct);
        await bot.Service<OutboxRelay>().RepairAsync(TimeSpan.Zero, _ct); // the second write is relayed too: its row already exists
        var row = await bot.Service<ReminderDeliveryStore>().GetAsync(DeliveryTargets.RunIdFor("dedupe-test:1"), TestUser.Committee.AadObjectId, _ct);

        Assert.NotNull(row);
        Assert.NotEqual(Dialogs.Domain.Reminders.DeliveryStatus.Queued, row.Status); // Sending or Sent: claimed once
        Assert.Single(_connector.Calls, x => x.Text == "一次就好");
    }
}
