using VolunteerBot.Delivery;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// The IDeliveryQueue contract; runs against the in-memory fake and the Azure Storage queues on Azurite. Only visibility
/// that is long (invisible for the test) or zero (visible at once) is used, so nothing waits on the clock.
/// </summary>
public abstract class DeliveryQueueContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Hidden = TimeSpan.FromMinutes(5);
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IDeliveryQueue Queue { get; private set; } = null!;

    protected abstract Task<IDeliveryQueue> CreateAsync();

    public async Task InitializeAsync() => Queue = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Receive_TwoLanes_EachItsOwnInSendOrderThenHidden()
    {
        await Queue.SendAsync(DeliveryLane.Bulk, "提醒一", _ct);
        await Queue.SendAsync(DeliveryLane.Urgent, "通知", _ct);
        await Queue.SendAsync(DeliveryLane.Bulk, "提醒二", _ct);

        var bulk = await Queue.ReceiveAsync(DeliveryLane.Bulk, 10, Hidden, _ct);
        var urgent = await Queue.ReceiveAsync(DeliveryLane.Urgent, 10, Hidden, _ct);

        Assert.Equal(["提醒一", "提醒二"], bulk.Select(m => m.Body));
        Assert.All(bulk, m => Assert.Equal((DeliveryLane.Bulk, 1L), (m.Lane, m.DequeueCount)));
        Assert.Equal(DeliveryLane.Urgent, Assert.Single(urgent).Lane);
        Assert.Empty(await Queue.ReceiveAsync(DeliveryLane.Bulk, 10, Hidden, _ct));
        Assert.Empty(await Queue.ReceiveAsync(DeliveryLane.Urgent, 10, Hidden, _ct));
    }

    [Fact]
    public async Task Receive_MoreWaitingThanMax_AtMostMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await Queue.SendAsync(DeliveryLane.Bulk, "m" + i, _ct);
        }

        Assert.Equal(2, (await Queue.ReceiveAsync(DeliveryLane.Bulk, 2, Hidden, _ct)).Count);
        Assert.Equal(3, (await Queue.ReceiveAsync(DeliveryLane.Bulk, 32, Hidden, _ct)).Count);
    }

    [Fact]
    public async Task Update_NewBodyVisibleNow_ComesBackChangedAndCounted()
    {
        await Queue.SendAsync(DeliveryLane.Urgent, "第一次", _ct);
        var first = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Urgent, 1, Hidden, _ct));

        Assert.True(await Queue.UpdateAsync(first, "第二次", TimeSpan.Zero, _ct));
        var second = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Urgent, 1, Hidden, _ct));
        Assert.True(await Queue.UpdateAsync(second, null, TimeSpan.Zero, _ct));
        var third = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Urgent, 1, Hidden, _ct));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(("第二次", 2L), (second.Body, second.DequeueCount));
        Assert.Equal(("第二次", 3L), (third.Body, third.DequeueCount)); // no new body keeps the old one
    }

    [Fact]
    public async Task StaleReceipt_UpdateFalseDeleteNothing_CurrentReceiptDeletes()
    {
        await Queue.SendAsync(DeliveryLane.Bulk, "提醒", _ct);
        var stale = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Bulk, 1, Hidden, _ct));
        Assert.True(await Queue.UpdateAsync(stale, null, TimeSpan.Zero, _ct)); // the receipt it held is now stale
        var current = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Bulk, 1, Hidden, _ct));

        Assert.False(await Queue.UpdateAsync(stale, "改写", TimeSpan.Zero, _ct));
        await Queue.DeleteAsync(stale, _ct);
        Assert.True(await Queue.UpdateAsync(current, null, TimeSpan.Zero, _ct));
        var again = Assert.Single(await Queue.ReceiveAsync(DeliveryLane.Bulk, 1, Hidden, _ct));
        Assert.Equal("提醒", again.Body);

        await Queue.DeleteAsync(again, _ct);
        await Queue.DeleteAsync(again, _ct);
        Assert.False(await Queue.UpdateAsync(again, null, TimeSpan.Zero, _ct));
        Assert.Empty(await Queue.ReceiveAsync(DeliveryLane.Bulk, 32, Hidden, _ct));
    }
}

public sealed class MemoryDeliveryQueueContractTests : DeliveryQueueContractTests
{
    protected override Task<IDeliveryQueue> CreateAsync() => Task.FromResult<IDeliveryQueue>(new MemoryDeliveryQueue());
}

public sealed class AzuriteDeliveryQueueContractTests : DeliveryQueueContractTests
{
    protected override async Task<IDeliveryQueue> CreateAsync() => new DeliveryQueue(await TestStorage.CreateAccountAsync());
}
