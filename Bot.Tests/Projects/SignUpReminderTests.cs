using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Tests.Projects;

/// <summary>The day-before reminder on Azurite with a fake clock: two schedulers, one reminder each volunteer, at 09:00 local.</summary>
public sealed class SignUpReminderTests
{
    private sealed class RecordingDispatcher : IProactiveDispatcher
    {
        private readonly object _gate = new();
        public List<Notification> Sent { get; } = [];

        public ValueTask EnqueueAsync(IReadOnlyList<Notification> notifications, IReadOnlyList<ChannelPost> posts, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Sent.AddRange(notifications);
            }

            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task TwoSchedulers_FireOnceAt0900LocalTheDayBefore_OnlyToConfirmed()
    {
        var time = new FakeTimeProvider(ProjectSamples.Local(2025, 6, 6, 8, 0));
        var account = await TestStorage.CreateAccountAsync();
        var options = ProjectSamples.Options();
        var projects = new ProjectTableStore(account, time, options);
        var signUps = new SignUpTableStore(account);
        var project = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7, 9), ProjectStatus.Open, capacity: 2);
        var later = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 8, 9), ProjectStatus.Open, capacity: 2);
        await projects.CreateAsync(project, CancellationToken.None);
        await projects.CreateAsync(later, CancellationToken.None);
        foreach (var who in new[] { "a", "b", "c" })
        {
            await signUps.SignUpAsync(new SignUpRequest(project.Id, who, who, "d", 2, time.GetUtcNow()), CancellationToken.None);
        }

        await signUps.SignUpAsync(new SignUpRequest(later.Id, "z", "z", "d", 2, time.GetUtcNow()), CancellationToken.None);
        var dispatcher = new RecordingDispatcher();
        SignUpReminderService Scheduler() => new(projects, signUps, new SignUpReminderClaims(account, time), dispatcher, options, time, NullLogger<SignUpReminderService>.Instance);
        var one = Scheduler();
        var two = Scheduler();
        var passes = 0;
        var bothAtNine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPass(DateTimeOffset at)
        {
            var n = Interlocked.Increment(ref passes);
            if (n == 2)
            {
                bothStarted.TrySetResult();
            }

            if (n == 4)
            {
                bothAtNine.TrySetResult();
            }
        }

        one.PassCompleted += OnPass;
        two.PassCompleted += OnPass;
        await one.StartAsync(CancellationToken.None);
        await two.StartAsync(CancellationToken.None);
        await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(dispatcher.Sent);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(dispatcher.Sent);
        time.Advance(TimeSpan.FromMinutes(1));
        await bothAtNine.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "b"], dispatcher.Sent.Select(n => n.RecipientAadObjectId).Order());
        Assert.Contains("将于明天", dispatcher.Sent[0].In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Text, StringComparison.Ordinal);

        // A third instance started after 09:00 (a restart) catches up but finds the reminder claimed.
        Assert.Equal(0, await Scheduler().RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(2, dispatcher.Sent.Count);

        await one.StopAsync(CancellationToken.None);
        await two.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void NextRun_IsNext0900Shanghai()
    {
        var zone = ProjectSamples.Zone;

        Assert.Equal(ProjectSamples.Local(2025, 6, 6, 9), SignUpReminderService.NextRun(ProjectSamples.Local(2025, 6, 6, 8, 59), zone));
        Assert.Equal(ProjectSamples.Local(2025, 6, 7, 9), SignUpReminderService.NextRun(ProjectSamples.Local(2025, 6, 6, 9), zone));
        Assert.Equal(ProjectSamples.Local(2025, 6, 7, 9), SignUpReminderService.NextRun(ProjectSamples.Local(2025, 6, 6, 23, 30), zone));
    }
}
