using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Delivery;

/// <summary>Which lane of the delivery queue the outbox relays to: single notices urgent, a mass mailing bulk.</summary>
public sealed class DeliveryLaneTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private static (NotificationOutbox Outbox, OutboxRelay Relay) Create(StorageAccount account)
    {
        var store = new OutboxStore(account);
        var relay = new OutboxRelay(store, new ReminderDeliveryStore(account), new DeliveryQueue(account), new QueueSignal(), TimeProvider.System, NullLogger<OutboxRelay>.Instance);
        var languages = new LanguageResolver(new UserSettingsTableStore(account), Options.Create(new VolunteeringOptions()));
        return (new NotificationOutbox(store, relay, languages, TimeProvider.System, NullLogger<NotificationOutbox>.Instance), relay);
    }

    private static async Task<int> CountAsync(StorageAccount account, string queue) =>
        (await account.Queue(queue).PeekMessagesAsync(32)).Value.Length;

    [Fact]
    public async Task Relay_FewNotifications_UrgentLane_ManyFromOneTurn_BulkLane()
    {
        var account = await TestStorage.CreateAccountAsync();
        var (outbox, relay) = Create(account);
        IReadOnlyList<OutboxEntry> written = [];
        outbox.BeforeRelay = entries => { written = entries; return false; };

        await outbox.EnqueueAsync([Notification.Fixed("one", OutgoingMessage.Of("审核结果"), "lane-test:one")], [], _ct);
        await relay.RelayAsync(written, _ct);
        Assert.Equal((1, 0), (await CountAsync(account, StorageNames.NotificationQueue), await CountAsync(account, StorageNames.ReminderQueue)));

        var many = Enumerable.Range(0, NotificationOutbox.UrgentAtMost + 1).Select(i => Notification.Fixed($"p-{i:D3}", OutgoingMessage.Of("邀请注册"), $"lane-test:invite:{i}")).ToList();
        await outbox.EnqueueAsync(many, [], _ct);
        Assert.All(written, e => Assert.True(e.Bulk));
        await relay.RelayAsync(written, _ct);
        Assert.Equal(1, await CountAsync(account, StorageNames.NotificationQueue));
        Assert.Equal(32, await CountAsync(account, StorageNames.ReminderQueue)); // (a peek shows at most 32)
    }
}
