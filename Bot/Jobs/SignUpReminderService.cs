using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Jobs;

/// <summary>
/// The day-before reminder (story: "Friday 09:00 the bot reminds her"). At 09:00 Asia/Shanghai it finds open projects
/// whose activity is tomorrow and tells each confirmed volunteer once. Each (project, date) is claimed in storage
/// first, so several instances or a restart never send it twice. After a restart past 09:00 it catches up at once.
/// </summary>
public sealed partial class SignUpReminderService(
    IProjectStore projects,
    ISignUpStore signUps,
    SignUpReminderClaims claims,
    IProactiveDispatcher dispatcher,
    IOptions<VolunteeringOptions> options,
    TimeProvider time,
    ILogger<SignUpReminderService> logger) : BackgroundService
{
    public static readonly TimeOnly SendAt = new(9, 0);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    /// <summary>Raised after each pass (tests wait on it instead of sleeping).</summary>
    public event Action<DateTimeOffset>? PassCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var failed = false;
            try
            {
                await RunDueAsync(now, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
                failed = true;
            }

            // After a failure (storage blip) try again soon; claims keep a retry from sending twice.
            var wait = failed ? RetryAfterFailure : NextRun(now, options.Value.Zone) - now;
            var delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), time, stoppingToken);
            PassCompleted?.Invoke(now);
            await delay.ConfigureAwait(false);
        }
    }

    /// <summary>The next 09:00 local strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ProjectCalendar.LocalDate(now, zone);
        var at = ProjectCalendar.At(today, SendAt, zone);
        return at > now ? at : ProjectCalendar.At(today.AddDays(1), SendAt, zone);
    }

    /// <summary>Sends tomorrow's reminders if it is 09:00 or later today (local); returns how many were sent.</summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone;
        var local = ProjectCalendar.ToLocal(now, zone);
        if (TimeOnly.FromTimeSpan(local.TimeOfDay) < SendAt)
        {
            return 0;
        }

        var tomorrow = DateOnly.FromDateTime(local.Date).AddDays(1);
        var from = ProjectCalendar.LocalMidnight(tomorrow, zone);
        var due = (await projects.ListStartingAsync(from, ProjectCalendar.LocalMidnight(tomorrow.AddDays(1), zone), cancellationToken).ConfigureAwait(false))
            .Where(p => p.Status is ProjectStatus.Open or ProjectStatus.Approved);
        var sent = 0;
        foreach (var project in due)
        {
            if (!await claims.TryClaimAsync(project.Id, tomorrow, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            string Text(Localizer L) => L.Format("projects.reminder.text", project.Title, ProjectCards.When(L, project, zone), project.Place);
            var notifications = (await signUps.ListByProjectAsync(project.Id, cancellationToken).ConfigureAwait(false))
                .Where(s => s.Status == SignUpStatus.Confirmed)
                .Select(s => new Notification(s.VolunteerAadObjectId, l => OutgoingMessage.Of(Text(l)), $"project.reminder:{project.Id}:{tomorrow:yyyyMMdd}:{s.VolunteerAadObjectId}"))
                .ToList();
            await dispatcher.EnqueueAsync(notifications, [], cancellationToken).ConfigureAwait(false);
            sent += notifications.Count;
            LogReminded(project.Id, notifications.Count);
        }

        return sent;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Day-before reminder for project {ProjectId} sent to {Count} volunteers")]
    private partial void LogReminded(string projectId, int count);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Day-before reminder pass failed; retrying in 5 minutes")]
    private partial void LogFailed(Exception ex);
}
