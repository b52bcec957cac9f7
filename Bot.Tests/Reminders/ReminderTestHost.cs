using VolunteerBot.Channel;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Tests.Reminders;

/// <summary>
/// The reminder services of one "instance" on a shared storage account (Azurite), without the web host:
/// two of these on one account are two instances of the app.
/// </summary>
internal sealed class ReminderTestHost : IAsyncDisposable
{
    private ReminderTestHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static ReminderTestHost Create(StorageAccount account, TimeProvider time, IReminderPlanner planner,
        string connectorUrl = "http://127.0.0.1:9/", Action<ReminderSendingOptions>? sending = null, Action<ReminderOptions>? reminders = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(account);
        services.AddSingleton(time);
        services.AddSingleton(Options.Create(new VolunteeringOptions()));
        services.AddSingleton<IConversationReferenceStore, ConversationReferenceTableStore>();
        services.AddSingleton<VolunteerBot.Dialogs.Domain.Team.IStaffStore, StaffTableStore>();
        services.AddSingleton<VolunteerBot.Dialogs.Domain.Users.IUserSettingsStore, UserSettingsTableStore>();
        services.AddSingleton<VolunteerBot.Dialogs.Handlers.Core.LanguageResolver>();
        services.Configure<VolunteerBot.Channel.BotOptions>(o => o.AllowLocalUnauthenticated = true);
        services.AddVolunteerConnector();
        services.AddSingleton<ProactiveMessenger>();
        services.AddReminderSending();
        services.Configure<ReminderSendingOptions>(o =>
        {
            o.AppRequestsPerSecond = 1000;
            o.VisibilityTimeout = TimeSpan.FromSeconds(2);
            o.SendTimeout = TimeSpan.FromSeconds(8);
            o.SendingLease = TimeSpan.FromSeconds(10);
            o.IdlePoll = TimeSpan.FromMilliseconds(100);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            o.DefaultRetryAfter = TimeSpan.FromMilliseconds(200);
            sending?.Invoke(o);
        });
        services.AddSingleton<ReminderRunStore>();
        services.AddSingleton<ReminderFanOut>();
        services.AddSingleton<ReminderRunner>();
        services.AddSingleton<ManualRunQueue>();
        services.AddSingleton<BroadcastPlanStore>();
        services.AddSingleton<BroadcastStarter>();
        services.AddSingleton<IReminderRuns, ReminderRunsService>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton(planner);
        services.AddSingleton(Options.Create(ReminderScheduleTests.Options2026(reminders)));
        return new ReminderTestHost(services.BuildServiceProvider());
    }

    public static async Task SeedReferencesAsync(StorageAccount account, string serviceUrl, IEnumerable<string> users)
    {
        var store = new ConversationReferenceTableStore(account);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await store.SaveAsync(new ConversationReference
            {
                ConversationId = "a:personal-" + id, ConversationType = "personal", ServiceUrl = serviceUrl,
                TenantId = BotFactory.TenantId, AadObjectId = id, UpdatedAt = DateTimeOffset.UtcNow,
            }, ct));
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}

/// <summary>A planner with a fixed recipient list and a one-line text; counts how often it planned.</summary>
internal sealed class FixedPlanner(IReadOnlyList<string> recipients) : IReminderPlanner
{
    private int _plans;

    public int Plans => Volatile.Read(ref _plans);

    public ConcurrentBag<string> RunIds { get; } = [];

    public Task<IReminderPlan> PlanAsync(ReminderRunContext run, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _plans);
        RunIds.Add(run.RunId);
        return Task.FromResult<IReminderPlan>(new Plan(recipients, run));
    }

    private sealed class Plan(IReadOnlyList<string> recipients, ReminderRunContext run) : IReminderPlan
    {
        public IReadOnlyList<ReminderRecipient> Recipients { get; } = [.. recipients.Select(r => new ReminderRecipient(r, ReminderAudience.Volunteer))];

        public Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken) =>
            Task.FromResult(OutgoingMessage.Of($"{run.RunId} → {recipient.AadObjectId}"));
    }
}
